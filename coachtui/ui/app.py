"""CoachApp: holds the loaded playbooks, the walk in progress and the settings; screens do the rest.

Start-up draws the home screen first and loads everything else just after, in a thread:
the playbooks (and pydantic, which validates them), any drafts, and the walk's screens.
An action that needs them (Enter on home, say) waits for that, a fraction of a second.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen

from coachtui import paths
from coachtui.store import config as config_store
from coachtui.ui.journal_actions import JournalActions
from coachtui.ui.key_order import KeysInOrder
from coachtui.ui.screens.home import HomeScreen
from coachtui.ui.shutdown import EndsCleanly

if TYPE_CHECKING:
    from coachtui.core.quick import QuickAnswers
    from coachtui.core.walk import Walk, WalkAnswers
    from coachtui.store.drafts import Draft
    from coachtui.store.playbooks import Library
    from coachtui.store.toml_io import Unreadable
    from coachtui.ui.demo import DemoOptions, DemoPlayer

AUTOSAVE_DELAY = 1.0  # seconds after typing stops
NOT_TEXT_NOTICE_EVERY = 30.0  # seconds between two "not UTF-8" notices, not one per key


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class CoachApp(JournalActions, KeysInOrder, EndsCleanly, App[None]):
    TITLE = "coachtui"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        # Not a priority binding: Ctrl+Q then waits its turn behind keys typed just before
        # it, instead of overtaking them and quitting without them.
        Binding("ctrl+q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, *, library: Library | None = None, start_playbook: str | None = None,
                 reduced_motion: bool | None = None, start_screen: str | None = None,
                 demo: DemoOptions | None = None,
                 clock: Callable[[], datetime] = utc_now,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.config, config_problem = config_store.load()
        self.library: Library | None = library
        self.ready = False  # True once playbooks and drafts are loaded
        self._when_ready: list[Callable[[], None]] = []
        self.start_playbook = start_playbook
        self.start_screen = start_screen  # "journal": `coachtui journal`
        self.reduced_motion = self.config.reduced_motion if reduced_motion is None else reduced_motion
        self.clock = clock
        self.monotonic = monotonic
        self.walk: Walk | None = None
        self.quick: QuickAnswers | None = None  # a quick reflection being written
        self.demo_options = demo
        self.demo: DemoPlayer | None = None  # while a demo plays, nothing is saved
        self.drafts: list[Draft] = []  # unfinished walks, newest first
        self.unreadable_drafts: list[Unreadable] = []
        self.last_next_time = ""  # the newest entry's "next time I will", shown on home
        self._startup_problems = [config_problem] if config_problem else []
        self._autosave_timer = None
        self._autosave_failing = False  # told once, not at every keystroke
        self._loading_started = False
        self._not_text_told_at: float | None = None

    def get_driver_class(self):
        """Textual's driver for this terminal (or browser), with coachtui's input reader."""
        driver = super().get_driver_class()
        if driver.__name__ in ("LinuxDriver", "WebDriver"):
            from coachtui.ui import drivers

            return {"LinuxDriver": drivers.CoachTerminalDriver,
                    "WebDriver": drivers.CoachWebDriver}[driver.__name__]
        return driver

    # -- start-up --------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(HomeScreen())
        for problem in self._startup_problems:
            self.tell(problem, severity="warning")
        if self.demo_options:
            if self.demo_options.presenter:
                self._use_presenter_theme()
            self.when_ready(self._start_demo)
        elif self.start_playbook:
            self.when_ready(lambda: self.start_walk(self.start_playbook))
        elif self.start_screen == "journal":
            self.action_journal()
        elif self.start_screen == "reflect":
            self.when_ready(self.start_quick)
        if self.start_screen != "journal":
            self.start_loading()
        if not self.is_headless:
            self.stop_cleanly_on_signals()

    def start_loading(self) -> None:
        """Load the scenarios and drafts in a thread, once. `coachtui journal` asks for this
        after its list is shown, so the two do not compete for the first paint."""
        if not self._loading_started:
            self._loading_started = True
            self.run_worker(self._load, thread=True, group="load")

    def _load(self) -> None:
        """In a thread: everything the home screen does not need to be drawn."""
        from coachtui.store import drafts, journal, leftovers
        from coachtui.store.playbooks import discover

        recovered = leftovers.recover()  # a save killed last time: before drafts are listed
        library = self.library if self.library is not None else discover()
        found = drafts.list_drafts()
        newest = journal.latest()
        # Posted, not called: a call would wait here for the app, and hang this thread
        # (and so the process's exit) if the app stopped first.
        try:
            self.post_message(self.Loaded(library, found, newest.next_time if newest else "",
                                          recovered))
        except RuntimeError:
            return  # the app closed while this was loading
        # Then warm up the walk's screens while the person reads the home screen.
        import coachtui.ui.screens.done  # noqa: F401
        import coachtui.ui.screens.walk  # noqa: F401

    class Loaded(Message):
        """What start-up loads in a thread: the scenarios, the drafts, the last "next time",
        and what was recovered from saves cut short."""

        def __init__(self, library: Library, drafts, next_time: str,
                     recovered: Iterable[str]) -> None:
            super().__init__()
            self.library, self.drafts, self.next_time = library, drafts, next_time
            self.recovered = recovered

    def on_coach_app_loaded(self, message: Loaded) -> None:
        library, found, next_time = message.library, message.drafts, message.next_time
        recovered = message.recovered
        self.library, self.ready = library, True
        for sentence in recovered:
            self.tell(sentence, severity="warning")
        self.drafts, self.unreadable_drafts = found.drafts, found.unreadable
        self.last_next_time = next_time
        if library.broken:
            count = len(library.broken)
            self.tell(f"{count} playbook file{'s' if count > 1 else ''} could not be used; "
                      "see the home screen.", severity="warning")
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_lines()
            if self.drafts and not (self.start_playbook or self.start_screen or self.demo_options):
                self.show_drafts()  # offered back at start: resume, save as is, or discard
        waiting, self._when_ready = self._when_ready, []
        for action in waiting:
            action()

    async def on_event(self, event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded \
                and await self.in_typed_order(event):
            return  # it acts later, after the keys typed before it
        # Every paste, whichever box it lands in (a search, a date, an answer), is cleaned
        # of control and escape characters and lone surrogates first: shown, they could
        # drive the terminal; stored, they cannot be written as UTF-8.
        if isinstance(event, events.Paste) and not event.is_forwarded:
            from coachtui.core.sanitize import clean_typed

            event.text, removed = clean_typed(event.text, one_line=False)
            if removed:
                self.tell(f"Removed {removed} control character{'s' if removed > 1 else ''} "
                          "from the paste (they can change how a terminal behaves).")
        await super().on_event(event)

    def on_not_text(self, message) -> None:
        now = time.monotonic()
        if self._not_text_told_at is None or now - self._not_text_told_at > NOT_TEXT_NOTICE_EVERY:
            self._not_text_told_at = now
            self.tell(f"{message.count} byte{'s' if message.count > 1 else ''} typed or pasted "
                      "could not be read as UTF-8 and became \ufffd; check that your terminal "
                      "is set to UTF-8.", severity="warning")

    def tell(self, message: str, severity: str = "information") -> None:
        """A notification whose text is never read as markup (it may quote a file or a name)."""
        self.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]

    def when_ready(self, action: Callable[[], None]) -> None:
        """Run `action` now if the playbooks are loaded, else as soon as they are."""
        if self.ready:
            action()
        else:
            self._when_ready.append(action)

    def _remember_theme(self, theme) -> None:
        if self.demo_options:
            return  # a demo's presenter theme is for the projector, not the person's setting
        if self.config.theme != theme.name:
            self.config.theme = theme.name
            self._save_config()

    def _save_config(self) -> None:
        from coachtui.store.atomic import why_not_written

        try:
            config_store.save(self.config)
        except OSError as error:
            self.tell(f"Settings could not be saved because {why_not_written(error)}; "
                      "they apply until you quit.", severity="warning")

    @property
    def default_playbook(self):
        if self.library is None:
            return None
        return self.library.default(self.config.default_playbook)

    # -- the walk --------------------------------------------------------------------
    def action_start_walk(self) -> None:
        self.when_ready(self.start_walk)

    def start_walk(self, playbook_id: str | None = None, answers: WalkAnswers | None = None) -> None:
        scenario = self.library.get(playbook_id) if playbook_id else self.default_playbook
        if scenario is None:
            known = ", ".join(self.library.playbooks) or "none"
            self.tell(f"No scenario called {playbook_id!r}. Known: {known}", severity="error")
            return
        from coachtui.core.walk import Walk
        from coachtui.ui.screens.walk import WalkScreen

        self.autosave()  # a walk being replaced stays as a draft, up to its last keystroke
        self.quick = None
        self.walk = Walk(scenario, answers) if answers else Walk.start(scenario, self.clock())
        self.autosave()
        # A walk always sits right on top of home, so leaving it always lands there.
        self._back_to_home()
        self.push_screen(WalkScreen(self.walk))

    def _back_to_home(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def next_step(self) -> None:
        if self.walk is None or self.walk.step == "reflect":
            return
        self.walk.advance()
        self.autosave()
        self.screen.show_step()

    def action_previous_step(self) -> None:
        if self.walk is None:
            return
        if self.walk.step == "pause":
            # Back out of the first step: keep a draft only if something was answered.
            if self.walk.is_blank:
                from coachtui.store import drafts

                drafts.remove(self.walk.answers.walk_id)
                self.walk = None
            else:
                self.autosave()
            self.pop_screen()
            self.refresh_drafts()
            return
        self.walk.back()
        self.autosave()
        self.screen.show_step()

    # -- keeping the walk safe -----------------------------------------------------------
    def schedule_autosave(self) -> None:
        """Save the draft shortly after typing stops (not on every keystroke)."""
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self.autosave)

    def autosave(self) -> Path | None:
        """Save the walk (or quick reflection) as a draft; if that fails, say so once and
        keep trying at each answer."""
        if self.demo is not None or (self.walk is None and self.quick is None):
            return None  # a demo never writes; otherwise, nothing in progress
        from coachtui.store import drafts
        from coachtui.store.atomic import why_not_written

        self._collect_shown_answers()
        try:
            if self.quick is not None:
                saved = drafts.save(self.quick)
            if self.walk is not None:
                saved = drafts.save(self.walk.answers)
        except OSError as error:
            if not self._autosave_failing:
                self._autosave_failing = True
                self.tell(f"Your draft could not be saved because {why_not_written(error)}; "
                          "your answers are safe on screen and saving will be retried.",
                          severity="warning")
            return None
        if self._autosave_failing:
            self._autosave_failing = False
            self.tell("Your draft is being saved again.")
        return saved

    def save_draft_now(self) -> None:
        """The draft from the answers in hand, without touching a widget: the last resort
        of an app that must end now (see shutdown.py), callable from any thread."""
        from coachtui.store import drafts

        if self.demo is not None:
            return
        for answers in (self.quick, self.walk.answers if self.walk else None):
            if answers is not None:
                with contextlib.suppress(Exception):
                    drafts.save(answers)

    def _collect_shown_answers(self) -> None:
        """Take the answers straight from the step on screen: a change message still in its
        queue (a key typed just before Ctrl+Q or a signal) must not be lost."""
        from coachtui.ui.screens.quick import QuickReflectScreen

        step = getattr(self.screen, "current_step", None)
        with contextlib.suppress(NoMatches):  # a screen still being put up
            if step is not None and step.is_current:
                step.collect()
            elif isinstance(self.screen, QuickReflectScreen) and self.screen.answers is self.quick:
                self.screen.collect()

    def refresh_drafts(self) -> None:
        from coachtui.store import drafts

        found = drafts.list_drafts()
        self.drafts, self.unreadable_drafts = found.drafts, found.unreadable

    def _handle_exception(self, error: Exception) -> None:
        # A bug must not cost the person their words: keep the draft up to the last keystroke
        # (the delayed autosave may not have run yet), then let Textual exit with status 1.
        in_progress = self.demo is None and (self.walk is not None or self.quick is not None)
        try:
            draft = self.autosave()
        except Exception:  # noqa: BLE001 - the original error is the one to report
            draft = None
        self._crash = (error, in_progress, draft)  # for _fatal_error, which super() calls
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Textual's report would print every frame's local variables: the person's words."""
        import sys

        from rich.segment import Segments

        from coachtui.ui.crash import crash_report

        error, in_progress, draft = self._crash
        # Inside a worker's `except`, the exception being handled is the worker's own error
        # (what it raised, with its traceback), where `error` only wraps it.
        self.bell()
        report = crash_report(sys.exc_info()[1] or error, in_progress, draft)
        self._exit_renderables.append(Segments(self.console.render(report, self.console.options)))
        self._close_messages_no_wait()

    def save_walk(self) -> str | None:
        """Save the finished walk to the journal; a one-sentence problem if that failed."""
        from pydantic import ValidationError

        if self.walk is None:
            return None  # already saved (a second Ctrl+S queued behind the first)
        self._collect_shown_answers()  # exactly what the boxes hold now
        try:
            reflection = self.walk.to_reflection(self.clock())
        except ValidationError as error:
            return f"Not saved yet: {first_problem(error)}."
        return self._save_entry(reflection, self.walk.answers.walk_id)

    def _save_entry(self, reflection, draft_id: str) -> str | None:
        """Save a finished walk or quick reflection, forget its draft and show the closing
        screen; if the journal cannot be written, the one sentence that says so."""
        from coachtui.store import drafts, journal
        from coachtui.ui.screens.done import DoneScreen

        try:
            saved = journal.save(reflection)
        except OSError as error:
            kept = self.autosave()
            return not_saved(error, "kept on screen and as a draft" if kept else
                             "kept on screen only, as no draft could be written either")
        drafts.remove(draft_id)
        self.walk = self.quick = None
        if not reflection.sensitive:  # its words are shown only when it is opened
            self.last_next_time = reflection.next_time or self.last_next_time
        self.refresh_drafts()
        self.switch_screen(DoneScreen(reflection, saved, _shown_path(saved)))
        return None

    # -- the quick reflection -------------------------------------------------------------
    def action_quick_reflect(self) -> None:
        self.when_ready(self.start_quick)

    def start_quick(self, answers: QuickAnswers | None = None) -> None:
        from coachtui.core.quick import QuickAnswers
        from coachtui.ui.screens.quick import QuickReflectScreen

        self.autosave()  # whatever was in progress stays as a draft
        self.walk = None
        self.quick = answers or QuickAnswers(started=self.clock())
        self._back_to_home()
        self.push_screen(QuickReflectScreen(self.quick))

    def save_quick(self) -> str | None:
        """Save the quick reflection to the journal; a one-sentence problem if that failed."""
        from pydantic import ValidationError

        if self.quick is None:
            return None
        self._collect_shown_answers()
        scenario = self.library.get(self.quick.playbook_id) if self.quick.playbook_id else None
        try:
            reflection = self.quick.to_reflection(scenario.playbook if scenario else None,
                                                  self.clock())
        except ValidationError as error:
            return f"Not saved yet: {first_problem(error)}."
        return self._save_entry(reflection, self.quick.walk_id)

    def leave_quick(self) -> None:
        """Back home; the answers stay as a draft unless nothing was written."""
        from coachtui.store import drafts

        if self.quick is not None:
            if self.quick.is_blank:
                drafts.remove(self.quick.walk_id)
            else:
                self.autosave()
            self.quick = None
        self.pop_screen()
        self.refresh_drafts()

    # -- demo mode ---------------------------------------------------------------------
    def _start_demo(self) -> None:
        from coachtui.core.demo import demo_beats
        from coachtui.ui.demo import DemoPlayer, DemoScreen

        scenario = self.library.get(self.demo_options.playbook_id)
        self.demo = DemoPlayer(self, scenario, demo_beats(scenario, self.clock()),
                               self.demo_options)
        self.demo.show(0)  # the walk the screen is composed from
        self.push_screen(DemoScreen())  # which starts the demo's clock once it is shown

    def _use_presenter_theme(self) -> None:
        """High contrast for a projector at the back of a room: white on black, yellow keys."""
        from textual.theme import Theme

        from coachtui.ui.demo import PRESENTER_THEME

        self.register_theme(Theme(
            name=PRESENTER_THEME, primary="#FFD700", secondary="#FFFFFF", accent="#FFD700",
            foreground="#FFFFFF", background="#000000", surface="#000000", panel="#1A1A1A",
            success="#7CFC00", warning="#FFD700", error="#FF6B6B", dark=True))
        self.theme = PRESENTER_THEME

    def show_drafts(self) -> None:
        from coachtui.ui.screens.drafts import DraftsScreen

        if self.drafts or self.unreadable_drafts:
            self.push_screen(DraftsScreen())

    def resume_draft(self, draft: Draft | None = None) -> None:
        """Carry on with an unfinished walk (the newest by default)."""
        draft = draft or (self.drafts[0] if self.drafts else None)
        if draft is None:
            return
        answers = draft.answers
        if getattr(answers, "kind", "") == "quick":
            self.start_quick(answers)  # a quick reflection needs no scenario
            return
        if self.library.get(answers.playbook_id) is None:
            self.tell(f"The scenario {answers.playbook_id!r} of that walk is no longer available; "
                      f"its draft stays in {draft.path.parent}.", severity="warning")
            return
        self.start_walk(answers.playbook_id, answers)

    def save_draft_as_is(self, draft: Draft) -> None:
        """Put an unfinished walk in the journal with the answers it has, then forget the draft."""
        from pydantic import ValidationError

        from coachtui.core.walk import Walk
        from coachtui.store import drafts, journal

        answers = draft.answers
        scenario = self.library.get(answers.playbook_id) if answers.playbook_id else None
        quick = getattr(answers, "kind", "") == "quick"
        if scenario is None and not quick:
            self.tell(f"The scenario {answers.playbook_id!r} of that walk is no longer "
                      "available, so it stays a draft.", severity="warning")
            return
        try:
            if quick:
                entry = answers.to_reflection(scenario.playbook if scenario else None,
                                              self.clock())
            else:
                entry = Walk(scenario, answers).to_reflection(self.clock())
            journal.save(entry)
        except ValidationError as error:
            self.tell(f"Not saved: {first_problem(error)}; resume the walk to put it right.",
                      severity="error")
            return
        except OSError as error:
            self.tell(not_saved(error, "still kept as a draft"), severity="error")
            return
        drafts.remove(draft.answers.walk_id)
        self.refresh_drafts()
        self.tell(f"Saved to your journal as it was: {entry.playbook_title or 'a quick note'}.")

    def discard_draft(self, draft: Draft | None = None) -> Path | None:
        """Move an unfinished walk (the newest by default) to the trash, never deleted outright;
        where it went (to bring it back), or None."""
        draft = draft or (self.drafts[0] if self.drafts else None)
        if draft is None:
            return None
        from coachtui.store import drafts
        from coachtui.store.atomic import why_not_written

        try:
            moved = drafts.discard(draft.answers.walk_id)
        except OSError as error:
            self.tell(f"The draft could not be moved to the trash because {why_not_written(error)}, "
                      "so it stays where it is.", severity="error")
            return None
        self.refresh_drafts()
        if moved:
            self.tell(f"Draft moved to the trash, in {moved.parent}; Ctrl+Z brings it back.")
        return moved

    def action_quit(self) -> None:
        self.autosave()
        self.exit()

    # -- help, scenarios, palette -------------------------------------------------------
    def action_help(self) -> None:
        from coachtui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_pick_scenario(self) -> None:
        self.when_ready(self._pick_scenario)

    def _pick_scenario(self) -> None:
        from coachtui.ui.screens.picker import PickerScreen

        self.autosave()  # leaving a walk for the list keeps it as a draft
        self._back_to_home()
        self.push_screen(PickerScreen())

    def action_journal(self) -> None:
        from coachtui.ui.screens.journal import JournalScreen

        if not isinstance(self.screen, JournalScreen):
            self.push_screen(JournalScreen())

    def action_insights(self) -> None:
        from coachtui.ui.screens.insights import InsightsScreen

        if not isinstance(self.screen, InsightsScreen):
            self.push_screen(InsightsScreen())

    def action_toggle_reduced_motion(self) -> None:
        self.reduced_motion = not self.reduced_motion
        self.config.reduced_motion = self.reduced_motion
        self._save_config()
        state = "on" if self.reduced_motion else "off"
        self.tell(f"Reduced motion is {state} (from the next breath).")

    def action_toggle_bell(self) -> None:
        self.config.bell = not self.config.bell
        self._save_config()
        state = "on" if self.config.bell else "off"
        self.tell(f"The bell at each breath change is {state}.")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Start a walk", "Breathe, then walk through the default scenario",
                            self.action_start_walk)
        yield SystemCommand("Pick a scenario", "Choose which situation to walk through",
                            self.action_pick_scenario)
        yield SystemCommand("Journal", "Browse, search and change your saved reflections",
                            self.action_journal)
        yield SystemCommand("Insights", "What your journal says over time",
                            self.action_insights)
        yield SystemCommand("Quick reflection", "Log a customer moment after the fact",
                            self.action_quick_reflect)
        yield SystemCommand("Toggle reduced motion", "A still countdown instead of the moving pacer",
                            self.action_toggle_reduced_motion)
        yield SystemCommand("Toggle breath bell", "Ring the terminal bell at each breath change",
                            self.action_toggle_bell)
        yield from super().get_system_commands(screen)


def not_saved(error: OSError, kept: str, retry: str = "press Ctrl+S to try again") -> str:
    """The one sentence a person reads when the journal could not be written."""
    from coachtui.store.atomic import why_not_written

    return (f"Could not write to the journal because {why_not_written(error)}; "
            f"your answers are {kept}, so {retry}.")


def first_problem(error) -> str:
    """A pydantic ValidationError's first problem, in words ("what happened: too long")."""
    first = error.errors(include_url=False)[0]
    field = ".".join(str(part) for part in first["loc"]).replace("_", " ")
    return f"{field}: {first['msg'].removeprefix('Value error, ')}"


def _shown_path(saved: Path) -> str:
    """The entry's path relative to coachtui's folder when it is inside it (shorter to read)."""
    try:
        return str(saved.relative_to(paths.home()))
    except ValueError:
        return str(saved)


def make_app(**options) -> CoachApp:
    """The one app factory, used by the CLI, the tests and the benchmarks."""
    return CoachApp(**options)
