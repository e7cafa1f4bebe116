"""Start-up's loading, just after the first paint, in two stages:

1. listed: the scenario list, from the playbook cache when no playbook file changed since
   the last start (no pydantic, no TOML: a few milliseconds, on the UI thread). `s` needs
   only this.
2. ready, in a thread: the playbooks validated and joined to their frameworks (pydantic
   imported), any drafts, the last "next time". Starting a walk needs this; when the cache
   was stale, the list too.

Actions asked for before their stage wait in one queue and run in the order they were
asked, each once what it needs is there: `s` then `1` never starts the walk before the list
is shown, nor Enter then `s` show the list before the walk starts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.message import Message

from coachtui.ui.screens.home import HomeScreen

if TYPE_CHECKING:
    from coachtui.store.playbook_cache import Cache
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
        """List the scenarios now, then load the rest in a thread, once. `coachtui journal`
        asks for this after its list is shown, so the two do not compete for the first paint."""
        if self._loading_started:
            return
        self._loading_started = True
        # The list first, here: from the cache it takes a few milliseconds, less than
        # handing it to a thread and back (and it is often waited for: `s` at once).
        cache = None
        if self.library is not None:  # given (a demo, the tests): listed from it
            from coachtui.store.playbook_listing import listing_of

            self.listing = listing_of(self.library)
        else:
            from coachtui.store import playbook_cache

            cache = playbook_cache.load()
            self.listing = cache.listing
        self._run_waiting()  # `s` pressed early: the list, now
        # The thread starts once that is drawn: pydantic's import there would hold the GIL
        # against it.
        drawn = threading.Event()
        self.screen.call_after_refresh(drawn.set)
        self.run_worker(lambda: self._load(cache, drawn), thread=True, group="load")

    def _load(self, cache: Cache | None, drawn: threading.Event) -> None:
        """In a thread: everything the home screen does not need to be drawn."""
        drawn.wait(LIST_DRAWN_WAIT)
        from coachtui.store import drafts, journal, leftovers
        from coachtui.store.playbooks import discover

        recovered = leftovers.recover()  # a save killed last time: before drafts are listed
        # A demo writes nothing, not even a cache.
        library = self.library if self.library is not None else discover(
            cache=cache, keep_cache=not self.demo_options)
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

    def on_loads_after_paint_loaded(self, message: Loaded) -> None:
        from coachtui.store.playbook_listing import listing_of

        library, found, next_time = message.library, message.drafts, message.next_time
        shown, self.listing = self.listing, listing_of(library)
        self.library, self.ready = library, True
        for sentence in message.recovered:
            self.tell(sentence, severity="warning")
        self.session.library = library
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
