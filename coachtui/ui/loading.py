"""Start-up's loading, after the first paint and in a thread, in two stages:

1. listed: the scenario list, from the playbook cache when no playbook file changed since
   the last start (no pydantic, no TOML: a few milliseconds). `s` needs only this.
2. ready: the playbooks validated and joined to their frameworks (pydantic imported), any
   drafts, the last "next time". Starting a walk needs this.

Actions asked for before their stage wait in one queue and run in the order they were
asked, each once what it needs is there: `s` then `1` never starts the walk before the list
is shown, nor Enter then `s` show the list before the walk starts.

(Stage 1 on the UI thread right after the first refresh was tried: the first paint measured
slower, the terminal's writer thread waiting on the GIL for the first frame.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.message import Message

from coachtui.ui.screens.home import HomeScreen

if TYPE_CHECKING:
    from coachtui.store.playbook_listing import Listing
    from coachtui.store.playbooks import Library


LIST_DRAWN_WAIT = 0.5  # seconds the loading thread waits at most for the list to be drawn


class LoadsAfterPaint:
    """Mixed into CoachApp (which sets `library` and calls `init_loading` in __init__)."""

    library: Library | None

    def init_loading(self) -> None:
        self.ready = False  # True once playbooks and drafts are loaded
        self.listing: Listing | None = None  # what the scenario list shows, once known
        self._waiting_actions: list[tuple[bool, Callable[[], None]]] = []  # (needs ready, …)
        self._loading_started = False

    def start_loading(self) -> None:
        """Load the scenarios and drafts in a thread, once. `coachtui journal` asks for this
        after its list is shown, so the two do not compete for the first paint."""
        if not self._loading_started:
            self._loading_started = True
            self.run_worker(self._load, thread=True, group="load")

    def _load(self) -> None:
        """In a thread: everything the home screen does not need to be drawn."""
        from coachtui.store import playbook_cache
        from coachtui.store.playbook_listing import listing_of

        cache = None
        if self.library is not None:  # given (a demo, the tests): listed from it
            listing = listing_of(self.library)
        else:
            cache = playbook_cache.load()
            listing = cache.listing
        if listing is not None:
            listed = self.Listed(listing)
            if not self._posted(listed):
                return
            # Let the list be drawn (if `s` was pressed) before pydantic's import, which
            # would hold the GIL against it.
            listed.shown.wait(LIST_DRAWN_WAIT)
        from coachtui.store import drafts, journal, leftovers
        from coachtui.store.playbooks import discover

        recovered = leftovers.recover()  # a save killed last time: before drafts are listed
        # A demo writes nothing, not even a cache.
        library = self.library if self.library is not None else discover(
            cache=cache, keep_cache=not self.demo_options)
        found = drafts.list_drafts()
        newest = journal.latest()
        if not self._posted(self.Loaded(library, found, newest.next_time if newest else "",
                                        recovered)):
            return
        # Then warm up the walk's screens while the person reads the home screen.
        import coachtui.ui.screens.done  # noqa: F401
        import coachtui.ui.screens.walk  # noqa: F401
        from coachtui import heap

        # All of that lives as long as the process: no full collection should walk it in
        # the middle of a step change (heap.py).
        heap.freeze_loaded()

    def _posted(self, message: Message) -> bool:
        # Posted, not called: a call would wait here for the app, and hang this thread
        # (and so the process's exit) if the app stopped first.
        try:
            self.post_message(message)
        except RuntimeError:
            return False  # the app closed while this was loading
        return True

    class Listed(Message):
        """The scenario list, known before the playbooks are validated."""

        def __init__(self, listing: Listing) -> None:
            super().__init__()
            self.listing = listing
            self.shown = threading.Event()  # set once what it let happen is drawn

    class Loaded(Message):
        """What start-up loads in a thread: the scenarios, the drafts, the last "next time",
        and what was recovered from saves cut short."""

        def __init__(self, library: Library, drafts, next_time: str,
                     recovered: Iterable[str]) -> None:
            super().__init__()
            self.library, self.drafts, self.next_time = library, drafts, next_time
            self.recovered = recovered

    def on_loads_after_paint_listed(self, message: Listed) -> None:
        if not self.ready:  # else the library's own listing is there already
            self.listing = message.listing
            self._run_waiting()
        self.screen.call_after_refresh(message.shown.set)

    def on_loads_after_paint_loaded(self, message: Loaded) -> None:
        from coachtui.store.playbook_listing import listing_of

        library, found, next_time = message.library, message.drafts, message.next_time
        shown, self.listing = self.listing, listing_of(library)
        self.library, self.ready = library, True
        for sentence in message.recovered:
            self.tell(sentence, severity="warning")
        self.session.library = library
        self._say_if_default_unknown(library)
        self.session.drafts, self.session.unreadable_drafts = found.drafts, found.unreadable
        self.session.last_next_time = next_time
        if library.broken:
            count = len(library.broken)
            self.tell(f"{count} playbook file{'s' if count > 1 else ''} could not be used; "
                      "see the home screen.", severity="warning")
        if isinstance(self.screen, HomeScreen):
            # Unfinished walks are one line there (r, u), never a screen in the way: Enter
            # at start always begins a fresh walk.
            self.screen.refresh_lines()
        elif shown is not None and shown != self.listing:
            # A file changed between the two stages: the list shown is put right.
            from coachtui.ui.screens.picker import PickerScreen

            for screen in self.screen_stack:
                if isinstance(screen, PickerScreen):
                    screen.refresh_list()
        self._run_waiting()

    def _say_if_default_unknown(self, library: Library) -> None:
        """A default scenario the config names but that did not load (a typo, a file since
        removed or broken) is said once, with the one used instead, not silently replaced."""
        wanted = self.config.default_playbook
        used = library.default(wanted)
        if used is None or library.get(wanted) is not None:
            return
        from coachtui import paths
        from coachtui.core.checks import did_you_mean

        hint = did_you_mean(wanted, list(library.playbooks))
        self.tell(f"{paths.config_file()}: default_playbook {wanted!r} is not a scenario that "
                  f"loaded{hint} (using {used.playbook.id})", severity="warning")

    def when_ready(self, action: Callable[[], None]) -> None:
        """Run `action` now if the playbooks are loaded, else as soon as they are."""
        self._when(True, action)

    def when_listed(self, action: Callable[[], None]) -> None:
        """Run `action` now if the scenario list is known, else as soon as it is."""
        self._when(False, action)

    def _when(self, needs_ready: bool, action: Callable[[], None]) -> None:
        if not self._waiting_actions and (self.ready or (self.listing and not needs_ready)):
            action()
        else:
            self._waiting_actions.append((needs_ready, action))
            self._run_waiting()

    def _run_waiting(self) -> None:
        """The waiting actions, in order, as far as what is loaded allows."""
        while self._waiting_actions:
            needs_ready, action = self._waiting_actions[0]
            if not (self.ready or (self.listing is not None and not needs_ready)):
                return
            self._waiting_actions.pop(0)
            action()
