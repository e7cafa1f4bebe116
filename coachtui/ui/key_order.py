"""Keys act in the order they were typed, whatever arrives in one burst.

Textual hands an ordinary key to the focused widget's queue, but runs a *priority* binding
(Enter to continue, Ctrl+S to save) at once, in the app. In a burst (fast typing, a slow
machine, a browser over `serve` sending keys in batches), "…last words" + Ctrl+S saved the
entry before the last words had reached their box. The same held for a quit from a signal.

So a key with a priority binding, or a quit, first sends a `Settled` message through the
widget that receives keys, behind every key already queued there; only when it comes back
up to the app does the key act. Keys and pastes arriving meanwhile wait their turn, so a
word typed after Enter lands on the next step, not the one it left: they are replayed once
the screen says it is ready for them (`ready_for_keys`: the walk's new step is mounted and
focused), which takes a frame or several depending on the machine, never a fixed number.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable
from functools import partial

from textual import events
from textual.message import Message
from textual.message_pump import MessagePump

RECHECK_SECONDS = 0.5  # how often a barrier whose widget may have gone is looked at
READY_WAIT_SECONDS = 2.0  # held keys go on at last if a screen never says it is ready
RECHECK_READY_SECONDS = 0.005  # how often, meanwhile, it is asked again


class Settled(Message):
    """Travels behind the queued keys, through the focused widget and up to the app."""

    def __init__(self, then: Callable[[], Awaitable[None] | None]) -> None:
        super().__init__()
        self.then = then
        self.acted = False  # the key has acted; what came after it is still held


class KeysInOrder:
    """A mixin for the App: `in_typed_order(event)` holds or defers what must wait."""

    _waiting: Settled | None = None  # the barrier on its way, if any
    _held: deque | None = None  # keys and pastes that came after it

    async def in_typed_order(self, event: events.Event) -> bool:
        """True when the key or paste was held or deferred (it will act later, in order);
        False when it may be handled now."""
        if getattr(event, "_settled", False):
            return False  # its turn has come: the keys before it are in their boxes
        if self._waiting is not None:
            self._held.append(event)
            return True
        if isinstance(event, events.Key) and self._has_priority_binding(event.key):
            event._settled = True  # type: ignore[attr-defined]
            self.after_queued_keys(lambda: self.on_event(event))
            return True
        return False

    def after_queued_keys(self, then: Callable[[], Awaitable[None] | None]) -> None:
        """Run `then` once every key queued so far has reached its widget."""
        if self._waiting is not None:  # already waiting: this goes behind, in order
            self._held.append(then)
            return
        barrier = Settled(then)
        self._waiting, self._held = barrier, deque()
        target = self._key_receiver()
        target.post_message(barrier)
        self._watch_barrier(barrier, target)

    def _key_receiver(self) -> MessagePump:
        return self.focused or self.screen  # where Textual forwards a key

    def _watch_barrier(self, barrier: Settled, target: MessagePump) -> None:
        """A widget removed with the barrier in its queue drops it: then go on without it.
        While the widget lives, it will pass the barrier on, however slow it is."""
        def check() -> None:
            if self._waiting is not barrier or barrier.acted:
                return
            if target.is_attached and not (target._closing or target._closed):
                self.set_timer(RECHECK_SECONDS, check)
            else:
                self.post_message(barrier)  # straight to the app

        self.set_timer(RECHECK_SECONDS, check)

    async def on_settled(self, barrier: Settled) -> None:
        barrier.stop()
        if barrier is not self._waiting or barrier.acted:
            return  # came by both roads: the second one is stale
        barrier.acted = True
        await _run(barrier.then)
        # What the key did (a new step, a new screen) is put up and focused over the next
        # frames: what was typed after it goes there, not to the widget it left. That holds
        # for keys already here and for those still on their way (a key a moment behind
        # Enter on a busy machine): they are held until then too.
        self.call_after_refresh(self._replay_held, barrier)

    async def _replay_held(self, barrier: Settled, since: float | None = None) -> None:
        if barrier is not self._waiting:
            return
        since = time.monotonic() if since is None else since
        if not getattr(self.screen, "ready_for_keys", True) \
                and time.monotonic() - since < READY_WAIT_SECONDS:
            # Still putting up what the key brought (its view mounted, then focused over
            # the next frames): a key replayed now would reach no widget and be lost.
            # Looked at again shortly (a timer, not the next idle: no busy wait).
            self.set_timer(RECHECK_READY_SECONDS, partial(self._replay_held, barrier, since))
            return
        held, self._waiting, self._held = self._held, None, None
        while held:
            if self._waiting is not None:  # a new barrier: the rest wait behind it
                self._held.extend(held)
                return
            item = held.popleft()
            if isinstance(item, events.Event):
                await self.on_event(item)
            else:  # a quit asked for meanwhile: it waits for the keys just replayed
                self.after_queued_keys(item)

    def _has_priority_binding(self, key: str) -> bool:
        return any(binding.priority
                   for _node, bindings in self.screen._binding_chain
                   for binding in bindings.key_to_bindings.get(key, ()))


async def _run(action: Callable[[], Awaitable[None] | None]) -> None:
    result = action()
    if result is not None:
        await result
