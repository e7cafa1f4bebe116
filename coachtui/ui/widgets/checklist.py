"""A keyed checklist: each item's key (1-9 by default) or Space toggles it; Enter is left to
the screen (continue).

Each item's key is drawn in the gutter beside its box, so a long item wraps under its own
text instead of being cut with "…". Up and Down stop at the ends of the list: a list that
wraps around lands a person, pressing Down ten times, on the second item.

Prompts are built as Content, so playbook text with `[` or `[@click=…]` shows literally.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import _widget_navigation
from textual.content import Content
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.selection_list import Selection

from coachtui.ui.text import plain
from coachtui.ui.widgets.tickbox import TICKED, UNTICKED
from coachtui.ui.widgets.paging import SafePaging

DIGIT_KEYS = "123456789"
BOX_WIDTH = len(ToggleButton.BUTTON_LEFT + ToggleButton.BUTTON_INNER + ToggleButton.BUTTON_RIGHT)
KEY_WIDTH = 2  # the key and a space


def item_text(text: str, note: str = "") -> Content:
    """`text · note` (the key is drawn beside it, in the gutter)."""
    parts: list = [plain(text)]
    if note:
        parts += [("  · ", "dim"), plain(note, "dim")]
    return Content.assemble(*parts)


class Checklist(SafePaging, SelectionList[str]):
    """A SelectionList whose items are toggled by their key, and whose items wrap."""

    COMPONENT_CLASSES = {"checklist--key"}
    DEFAULT_CSS = """
    Checklist { height: auto; max-height: 14; border: none; padding: 0;
                background: transparent; text-wrap: wrap; text-overflow: fold; }
    Checklist:focus { border: none; background-tint: $foreground 3%; }
    Checklist > .checklist--key { color: $text-accent; text-style: bold; }
    """

    def __init__(self, items: list[tuple[str, str, str]], selected: list[str], *,
                 single: bool = False, start: int = 1, keys: str = DIGIT_KEYS,
                 id: str | None = None, classes: str | None = None) -> None:
        """`items` are (value, text, note). Item n (counting from `start`, so several lists
        can share one run of keys) has the n-th of `keys`; past them, no key. `single`
        makes it choose at most one."""
        self.single = single
        self.start = start
        self.keys = keys
        super().__init__(*self._selections(items, selected), id=id, classes=classes)

    def _selections(self, items, selected) -> list[Selection]:
        return [Selection(item_text(text, note), value, value in selected)
                for value, text, note in items]

    def set_items(self, items: list[tuple[str, str, str]], selected: list[str]) -> None:
        """Replace every item (a different scenario's signals, say)."""
        self.clear_options()
        self.add_options(self._selections(items, selected))

    def key_for(self, index: int) -> str:
        """The key of the item at `index` in this list, or "" when it has none."""
        position = self.start - 1 + index
        return self.keys[position] if 0 <= position < len(self.keys) else ""

    # -- drawing: the box and the key in the gutter, the text wrapping beside them ----------
    def _get_left_gutter_width(self) -> int:
        return BOX_WIDTH + 1 + KEY_WIDTH

    def get_content_height(self, container, viewport, width: int) -> int:
        # Textual measures the items' text at the list's whole width: the gutter is not theirs.
        return super().get_content_height(container, viewport, width - KEY_WIDTH - BOX_WIDTH - 1)

    def render_line(self, y: int) -> Strip:
        """The first line of an item gets its box and key; the lines it wraps onto, blanks.

        (Textual's SelectionList assumes one line per item and would put a box on each.)
        An unticked box is drawn empty, not with a dimmer X: without colour (NO_COLOR, a
        monochrome projector) ticked and unticked must still differ in shape.
        """
        line = OptionList.render_line(self, y)
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
            selection = self.get_option_at_index(index)
        except (IndexError, LookupError):
            return line
        underlying = next(iter(line)).style or self.rich_style
        meta = Style(meta={"option": index})
        gutter_width = self._get_left_gutter_width()
        if line_offset:
            return Strip([Segment(" " * gutter_width, underlying + meta), *line])
        ticked = selection.value in self._selected
        component = "selection-list--button" + ("-selected" if ticked else "") + (
            "-highlighted" if self.highlighted == index else "")
        button = self.get_component_rich_style(component)
        side = Style.from_color(button.bgcolor, underlying.bgcolor)
        key_style = self.get_component_rich_style("checklist--key", partial=True)
        key = self.key_for(index)
        return Strip([
            Segment(ToggleButton.BUTTON_LEFT, side + meta),
            Segment(TICKED if ticked else UNTICKED, button + meta),
            Segment(ToggleButton.BUTTON_RIGHT, side + meta),
            Segment(" ", underlying + meta),
            Segment(f"{key or ' ':<{KEY_WIDTH}}", underlying + key_style + meta),
            *line,
        ])

    # -- keys ------------------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        self._move_without_wrapping(1)

    def action_cursor_up(self) -> None:
        self._move_without_wrapping(-1)

    def _move_without_wrapping(self, direction: _widget_navigation.Direction) -> None:
        found = _widget_navigation.find_next_enabled_no_wrap(
            self.options, anchor=self.highlighted, direction=direction)
        if found is not None:  # None: already at that end, so stay
            self.highlighted = found

    def toggle_key(self, character: str) -> bool:
        """Toggle the item shown with the key `character`; False when this list has none."""
        position = self.keys.find(character) if character else -1
        index = position - (self.start - 1)
        if position < 0 or not 0 <= index < self.option_count:
            return False
        self.highlighted = index
        self.toggle(self.get_option_at_index(index).value)
        return True

    def toggle_number(self, number: int) -> bool:
        """Toggle the item shown with `number` (1-9); False when this list has no such item."""
        return self.toggle_key(str(number))

    def on_key(self, event) -> None:
        if event.character and self.toggle_key(event.character):
            event.stop()
            event.prevent_default()

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        # In single-choice mode choosing one clears the others.
        if self.single and event.selection.value in self.selected:
            for value in list(self.selected):
                if value != event.selection.value:
                    self.deselect(value)
