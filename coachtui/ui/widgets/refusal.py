"""Saying why a key was not taken, instead of dropping it without a word.

A box that takes only numbers or choices (the 0-10 scale, a list of words) used to let a
typed sentence fall on the floor: the words were gone and nothing said so.
"""

from __future__ import annotations

import time

from textual import events
from textual.widget import Widget

TELL_AGAIN_AFTER = 3.0  # seconds: a sentence typed into the wrong box gets one notice, not 20


def refuse_key(widget: Widget, event: events.Key, why: str) -> None:
    """Tell the person `why` this widget did not take a typed character.

    A key some binding on screen takes (`?` for help, say) is left to that binding; only
    a character nothing would act on is refused aloud."""
    if not event.is_printable or event.key in widget.screen.active_bindings:
        return
    event.stop()
    event.prevent_default()
    now = time.monotonic()
    told_at = getattr(widget, "_refused_told_at", None)
    if told_at is None or now - told_at > TELL_AGAIN_AFTER:
        widget._refused_told_at = now  # type: ignore[attr-defined]
        widget.notify(why, markup=False)
