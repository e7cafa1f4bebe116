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
from textual.screen import Screen

from coachtui.session import Notice, Saved, Session
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
        # The walk or quick reflection in progress, its drafts and saving: no Textual there.
        self.session = Session(clock)
        self.session.collect_shown = self._collect_shown_answers
        self.demo_options = demo
        self.demo: DemoPlayer | None = None  # while a demo plays, nothing is saved
        self._startup_problems = [config_problem] if config_problem else []
        self._autosave_timer = None
        self._loading_started = False
        self._not_text_told_at: float | None = None

    # The session's state, read by the screens (and set by the demo, which shows a beat).
    @property
    def walk(self) -> Walk | None:
        return self.session.walk

    @walk.setter
    def walk(self, walk: Walk | None) -> None:
        self.session.walk = walk

    @property
    def quick(self) -> QuickAnswers | None:
        return self.session.quick

    @property
    def drafts(self) -> list[Draft]:
        return self.session.drafts

    @property
    def unreadable_drafts(self) -> list[Unreadable]:
        return self.session.unreadable_drafts

    @property
    def last_next_time(self) -> str:
        return self.session.last_next_time

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
        from coachtui.store import drafts, journal
        from coachtui.store.playbooks import discover

        library = self.library if self.library is not None else discover()
        found = drafts.list_drafts()
        newest = journal.latest()
        try:
            self.call_from_thread(self._loaded, library, found, newest.next_time if newest else "")
        except RuntimeError:
            return  # the app closed while this was loading
        # Then warm up the walk's screens while the person reads the home screen.
        import coachtui.ui.screens.done  # noqa: F401
        import coachtui.ui.screens.walk  # noqa: F401

    def _loaded(self, library: Library, found, next_time: str) -> None:
        self.library, self.ready = library, True
        self.session.library = library
        self.session.drafts, self.session.unreadable_drafts = found.drafts, found.unreadable
        self.session.last_next_time = next_time
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
        from coachtui.ui.screens.walk import WalkScreen

        self._show(self.session.start_walk(scenario, answers))
        # A walk always sits right on top of home, so leaving it always lands there.
        self._back_to_home()
        self.push_screen(WalkScreen())

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
            self._show(self.session.leave_walk())
            self.pop_screen()
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
        """Save the walk (or quick reflection) as a draft; where it went, if it could."""
        told = self.session.autosave()
        self._show(told)
        return told.path

    def save_draft_now(self) -> None:
        """The last resort of an app that must end now (see shutdown.py), from any thread."""
        self.session.save_draft_now()

    def _show(self, notice: Notice) -> None:
        if notice.text:
            self.tell(notice.text, severity=notice.severity)

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
        self.session.refresh_drafts()

    def _handle_exception(self, error: Exception) -> None:
        # A bug must not cost the person their words: keep the draft up to the last keystroke
        # (the delayed autosave may not have run yet), then let Textual report and exit.
        try:
            self.autosave()
        except Exception:  # noqa: BLE001 - the original error is the one to report
            pass
        super()._handle_exception(error)

    def save_to_journal(self) -> str | None:
        """Save the finished walk or quick reflection to the journal and show the closing
        screen; the one-sentence problem if that failed."""
        from coachtui.ui.screens.done import DoneScreen

        result = self.session.save()
        if isinstance(result, Saved):
            self.switch_screen(DoneScreen(result.reflection, result.path, result.shown_path))
            return None
        return result


    # -- the quick reflection -------------------------------------------------------------
    def action_quick_reflect(self) -> None:
        self.when_ready(self.start_quick)

    def start_quick(self, answers: QuickAnswers | None = None) -> None:
        from coachtui.ui.screens.quick import QuickReflectScreen

        self._show(self.session.start_quick(answers))
        self._back_to_home()
        self.push_screen(QuickReflectScreen(self.quick))

    def leave_quick(self) -> None:
        """Back home; the answers stay as a draft unless nothing was written."""
        self._show(self.session.leave_quick())
        self.pop_screen()

    # -- demo mode ---------------------------------------------------------------------
    def _start_demo(self) -> None:
        from coachtui.core.demo import demo_beats
        from coachtui.ui.demo import DemoPlayer, DemoScreen

        scenario = self.library.get(self.demo_options.playbook_id)
        self.session.saving = False  # a demo never writes
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
        if self.session.scenario_of(answers) is None:
            self.tell(f"The scenario {answers.playbook_id!r} of that walk is no longer available; "
                      f"its draft stays in {draft.path.parent}.", severity="warning")
            return
        self.start_walk(answers.playbook_id, answers)

    def save_draft_as_is(self, draft: Draft) -> None:
        """Put an unfinished walk in the journal with the answers it has, then forget the draft."""
        self._show(self.session.save_draft_as_is(draft))

    def discard_draft(self, draft: Draft | None = None) -> None:
        """Move an unfinished walk (the newest by default) to the trash, never deleted outright."""
        draft = draft or (self.drafts[0] if self.drafts else None)
        if draft is not None:
            self._show(self.session.discard_draft(draft))

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


def make_app(**options) -> CoachApp:
    """The one app factory, used by the CLI, the tests and the benchmarks."""
    return CoachApp(**options)
