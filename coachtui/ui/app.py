"""CoachApp: the screens, bindings, theme and start-up; the walk in progress is the Session's.

Start-up draws the home screen first and loads everything else just after, in a thread
(ui/loading.py): the scenario list, then the playbooks (and pydantic, which validates
them), any drafts, and the walk's screens. An action that needs them (Enter on home, say)
waits for that, a fraction of a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from coachtui.session import Session
from coachtui.store import config as config_store
from coachtui.ui.app_commands import AppCommands
from coachtui.ui.journal_actions import JournalActions
from coachtui.ui.key_order import KeysInOrder
from coachtui.ui.loading import LoadsAfterPaint
from coachtui.ui.screens.home import HomeScreen
from coachtui.ui.session_actions import SessionActions
from coachtui.ui.shutdown import EndsCleanly
from coachtui.ui.themes import HIGH_CONTRAST, offer_themes

if TYPE_CHECKING:
    from coachtui.core.breathing import BreathChoice
    from coachtui.store.playbooks import Library
    from coachtui.ui.demo import DemoOptions, DemoPlayer

NOT_TEXT_NOTICE_EVERY = 30.0  # seconds between two "not UTF-8" notices, not one per key


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class CoachApp(SessionActions, AppCommands, JournalActions, KeysInOrder, LoadsAfterPaint,
               EndsCleanly, App[None]):
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
                 demo: DemoOptions | None = None, breathe: BreathChoice | None = None,
                 clock: Callable[[], datetime] = utc_now,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        offer_themes(self)
        from coachtui.store import old_home

        moved = old_home.take_note()  # before the config is read: it may have just moved
        self.config, config_problems = config_store.load()
        self.library: Library | None = library
        self.init_loading()
        self.start_playbook = start_playbook
        self.start_screen = start_screen  # "journal": `coachtui journal`; "walk", "reflect"
        self.reduced_motion = self.config.reduced_motion if reduced_motion is None else reduced_motion
        self.clock = clock
        self.monotonic = monotonic
        # The walk or quick reflection in progress, its drafts and saving: no Textual there.
        self.session = Session(clock)
        self.session.collect_shown = self._collect_shown_answers
        self.demo_options = demo
        self.demo: DemoPlayer | None = None  # while a demo plays, nothing is saved
        self.breathe = breathe  # `coachtui breathe`: a breath on its own
        self._startup_problems = [moved, *config_problems] if moved else config_problems
        self._autosave_timer = None
        self._not_text_told_at: float | None = None
        self.goodbye = ""  # said on stderr once the app has closed (cli.run_tui)

    def get_driver_class(self):
        """Textual's driver for this terminal (or browser), with coachtui's input reader."""
        driver = super().get_driver_class()
        if driver.__name__ in ("LinuxDriver", "WebDriver"):
            from coachtui.ui import drivers

            return {"LinuxDriver": drivers.CoachTerminalDriver,
                    "WebDriver": drivers.CoachWebDriver}[driver.__name__]
        return driver

    # -- start-up --------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        # Home is the first screen itself, not pushed over Textual's empty default one (which
        # would be composed and laid out for nothing before the first paint). `coachtui
        # journal` starts on the journal alone: home is made when the journal is left
        # (back_to_home), so its list paints without home's layout before it.
        if self.start_screen == "journal":
            from coachtui.ui.screens.journal import JournalScreen

            journal = JournalScreen()
            # Textual gives every pushed screen a result callback and takes one away when
            # the screen is switched for another; its first screen has none, so without
            # this, switching the journal for home would empty the screen stack.
            journal._push_result_callback(self, None)
            return journal
        return HomeScreen()

    def on_mount(self) -> None:
        from coachtui.ui import settings

        self._startup_problems += settings.apply(self, self.config)  # theme and [keys]
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        for problem in self._startup_problems:
            self.tell(problem, severity="warning")
        if self.demo_options:
            if self.demo_options.presenter:
                self.theme = HIGH_CONTRAST  # for a projector at the back of a room
            self.when_ready(self._start_demo)
        elif self.start_playbook or self.start_screen == "walk":  # `walk` alone: the default
            self.when_ready(self.start_asked_walk)
        elif self.start_screen == "reflect":
            self.when_ready(self.start_quick)
        elif self.breathe is not None:
            from coachtui.ui.screens.breathe import BreatheScreen

            self.push_screen(BreatheScreen(self.breathe))
        if self.start_screen != "journal" and self.breathe is None:
            # After the first paint: a loading thread would hold the GIL against it.
            self.screen.call_after_refresh(self.start_loading)
        if not self.is_headless:
            self.stop_cleanly_on_signals()

    async def on_event(self, event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not self.screen_stack:
            return  # the app is closing: a key still in flight acts on nothing (Textual's
            # own binding check would raise ScreenStackError and end in a crash report)
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

    def _handle_exception(self, error: Exception) -> None:
        # A bug must not cost the person their words: keep the draft up to the last keystroke
        # (the delayed autosave may not have run yet), then let Textual exit with status 1.
        try:
            draft = self.autosave()
        except Exception:  # noqa: BLE001 - the original error is the one to report
            draft = None
        # After the autosave, which took in the last keys: a blank form has nothing to lose.
        in_progress = self.demo is None and self.session.has_answers
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

    def tell(self, message: str, severity: str = "information") -> None:
        """A notification whose text is never read as markup (it may quote a file or a name)."""
        self.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]

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

    def action_quit(self) -> None:
        self.autosave()
        self.exit()


def make_app(**options) -> CoachApp:
    """The one app factory, used by the CLI, the tests and the benchmarks."""
    return CoachApp(**options)
