"""A 0-10 rating: number keys set it, Left/Right nudge it. No judgement attached to any value.

Focus shows: a marker before the scale and a tinted line, so a digit typed goes where the
person sees it going. Any other character typed here is refused aloud, never dropped.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coachtui.ui.widgets.refusal import refuse_key

TAKES_NUMBERS = "The scale takes a number 0–10 (→ for 10); Tab to the next question to write."


class Scale(Widget, can_focus=True):
    DEFAULT_CSS = """
    Scale { height: 1; width: auto; min-width: 46; }
    Scale:focus { text-style: bold; background: $accent 15%; }
    """
    BINDINGS = [
        Binding("left", "nudge(-1)", "Less", show=False),
        Binding("right", "nudge(1)", "More", show=False),
    ]

    class Changed(Message):
        def __init__(self, scale: Scale, value: int | None) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

    value: reactive[int | None] = reactive(None)

    def __init__(self, value: int | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(Scale.value, value)

    def action_nudge(self, step: int) -> None:
        # The first nudge lands mid-scale; later ones move from where it is.
        self.value = 5 if self.value is None else max(0, min(10, self.value + step))

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            event.stop()
            event.prevent_default()
            self.value = int(event.character)
        else:
            refuse_key(self, event, TAKES_NUMBERS)

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def on_focus(self) -> None:
        self.refresh()  # the marker

    def on_blur(self) -> None:
        self.refresh()

    def render(self) -> Content:
        parts: list = [("▸ " if self.has_focus else "  ", "bold $text-accent"), ("calm ", "dim")]
        for number in range(11):
            label = f" {number} "
            parts.append((label, "reverse bold") if number == self.value else label)
        parts.append((" wound up", "dim"))
        return Content.assemble(*parts)
