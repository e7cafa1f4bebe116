"""A numbered checklist: number keys 1-9 or Space toggle; Enter is left to the screen (continue).

Prompts are built as Content, so playbook text with `[` or `[@click=…]` shows literally.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.selection_list import Selection

from coachtui.ui.text import plain
from coachtui.ui.widgets.paging import SafePaging


def numbered(index: int, text: str, note: str = "") -> Content:
    """`1 text · note` on one line (a selection list shows one line per item)."""
    key = f"{index}" if index <= 9 else " "
    parts: list = [(f"{key} ", "bold $text-accent"), plain(text)]
    if note:
        parts += [("  · ", "dim"), plain(note, "dim")]
    return Content.assemble(*parts)


class Checklist(SafePaging, SelectionList[str]):
    """A SelectionList whose items are toggled by their number."""

    DEFAULT_CSS = """
    Checklist { height: auto; max-height: 14; border: none; padding: 0; background: transparent; }
    Checklist:focus { border: none; background-tint: $foreground 3%; }
    """

    def __init__(self, items: list[tuple[str, str, str]], selected: list[str], *,
                 single: bool = False, start: int = 1,
                 id: str | None = None, classes: str | None = None) -> None:
        """`items` are (value, text, note); numbering begins at `start` (several lists can
        share one run of numbers); `single` makes it choose at most one."""
        self.single = single
        self.start = start
        super().__init__(*self._selections(items, selected), id=id, classes=classes)

    def _selections(self, items, selected) -> list[Selection]:
        return [Selection(numbered(i, text, note), value, value in selected)
                for i, (value, text, note) in enumerate(items, self.start)]

    def set_items(self, items: list[tuple[str, str, str]], selected: list[str]) -> None:
        """Replace every item (a different scenario's signals, say)."""
        self.clear_options()
        self.add_options(self._selections(items, selected))

    def render_line(self, y: int) -> Strip:
        """An unticked box is drawn empty, not with a dimmer X: without colour (NO_COLOR, a
        monochrome projector) ticked and unticked must still differ in shape."""
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count or self.get_option_at_index(index).value in \
                self._selected:
            return strip
        segments = list(strip)
        if len(segments) > 1 and segments[1].text == ToggleButton.BUTTON_INNER:
            segments[1] = Segment(" ", segments[1].style)
            return Strip(segments, strip.cell_length)
        return strip

    def toggle_number(self, number: int) -> bool:
        """Toggle the item shown with `number`; False when this list has no such item."""
        index = number - self.start
        if not 0 <= index < self.option_count:
            return False
        self.highlighted = index
        self.toggle(self.get_option_at_index(index).value)
        return True

    def on_key(self, event) -> None:
        if event.character and event.character in "123456789":
            if self.toggle_number(int(event.character)):
                event.stop()
                event.prevent_default()

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        # In single-choice mode choosing one clears the others.
        if self.single and event.selection.value in self.selected:
            for value in list(self.selected):
                if value != event.selection.value:
                    self.deselect(value)
