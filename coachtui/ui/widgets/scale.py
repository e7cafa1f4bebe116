"""A 0-10 rating: number keys set it, Left/Right nudge it. No judgement attached to any value."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class Scale(Widget, can_focus=True):
    DEFAULT_CSS = """
    Scale { height: 1; width: auto; min-width: 44; }
    Scale:focus { text-style: bold; }
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

    def on_key(self, event) -> None:
        if event.character and event.character.isdigit():
            event.stop()
            event.prevent_default()
            self.value = int(event.character)

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def render(self) -> Content:
        parts: list = [("calm ", "dim")]
        for number in range(11):
            label = f" {number} "
            parts.append((label, "reverse bold") if number == self.value else label)
        parts.append((" wound up", "dim"))
        return Content.assemble(*parts)
