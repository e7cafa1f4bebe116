"""One question answered by ticking words, in one or two columns: one Tab stop.

"How did the customer leave?" has good words on the left and hard ones on the right.
As two lists side by side it was two Tab stops, and a number typed in one column reached
the other's word or nothing at all (8 and 9 did nothing in the left column's company).
Here the question is one widget: Tab leaves it, the arrows move inside it (↑↓ in a
column, ←→ between columns), Space ticks the highlighted word, and every word has its own
key (1-9, then 0, then letters), whichever column is highlighted; Enter goes on to the
next question. Any other character is refused aloud: this box does not take writing.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import OptionList

from coachtui.ui.widgets.checklist import Checklist
from coachtui.ui.widgets.refusal import refuse_key

KEYS = "1234567890abcdefghijklmnopqrstuvwxyz"
TAKES_CHOICES = ("This question takes the keys shown beside its words (or ↑↓←→ and Space); "
                 "Tab to the next question to write.")


def choice_keys(count: int) -> list[str]:
    """The key of each of `count` choices, in reading order ('' once the keys run out)."""
    return [KEYS[i] if i < len(KEYS) else "" for i in range(count)]


class ChoiceColumn(Checklist, can_focus=False):
    """One column of a Choices question: drawn like a checklist (each word's key beside its
    box), never focused itself."""

    def __init__(self, items: list[tuple[str, str]], selected: list[str], keys: list[str], *,
                 single: bool = False) -> None:
        super().__init__([(value, text, "") for value, text in items], selected, single=single,
                         keys="".join(keys))


class Choices(Widget, can_focus=True):
    """Words to tick for one question, in columns (`single`: at most one word)."""

    DEFAULT_CSS = """
    Choices { height: auto; layout: horizontal; margin: 0 2; }
    Choices:focus { background: $accent 8%; }
    Choices > ChoiceColumn { width: 1fr; }
    Choices:focus > ChoiceColumn > .option-list--option-highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """

    def __init__(self, columns: list[list[tuple[str, str]]], selected: list[str], *,
                 single: bool = False, id: str | None = None) -> None:
        """`columns` hold (value, text) pairs; keys run on from one column to the next."""
        super().__init__(id=id)
        keys = iter(choice_keys(sum(len(column) for column in columns)))
        self._columns = [ChoiceColumn(items, selected, [next(keys) for _ in items], single=single)
                         for items in columns]
        self._order = [value for items in columns for value, _text in items]
        self._active = 0  # the column the arrows move in
        self._row = 0

    def compose(self) -> ComposeResult:
        yield from self._columns

    @property
    def selected(self) -> list[str]:
        """The ticked words, in the order they are shown."""
        ticked = {value for column in self._columns for value in column.selected}
        return [value for value in self._order if value in ticked]

    # -- the highlight: one row, in the active column, only while the question has focus ---
    def _show_highlight(self, focused: bool = True) -> None:
        for index, column in enumerate(self._columns):
            if index == self._active and focused and column.option_count:
                column.highlighted = min(self._row, column.option_count - 1)
            else:
                column.highlighted = None

    def on_mount(self) -> None:
        self._show_highlight(focused=False)  # a list highlights its first item by itself

    def on_focus(self) -> None:
        self._show_highlight()

    def on_blur(self) -> None:
        # Called before Textual's own blur handler: has_focus still says True here.
        self._show_highlight(focused=False)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # A click lands on a column's word: the arrows carry on from there.
        if event.option_list in self._columns:
            self._active = self._columns.index(event.option_list)  # type: ignore[arg-type]
            self._row = event.option_index
            for column in self._columns:
                if column is not event.option_list:
                    column.highlighted = None

    # -- keys ------------------------------------------------------------------------
    def _move(self, rows: int = 0, columns: int = 0) -> None:
        self._active = max(0, min(len(self._columns) - 1, self._active + columns))
        count = self._columns[self._active].option_count
        self._row = max(0, min(count - 1, self._row + rows))  # no wrap-around
        self._show_highlight()

    def _tick(self, column: ChoiceColumn, row: int) -> None:
        self._active, self._row = self._columns.index(column), row
        self._show_highlight()
        column.toggle(column.get_option_at_index(row).value)

    def on_key(self, event: events.Key) -> None:
        moves = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1),
                 "home": (-len(self._order), 0), "end": (len(self._order), 0)}
        if event.key in moves:
            self._move(*moves[event.key])
        elif event.key == "space":
            column = self._columns[self._active]
            if column.option_count:
                self._tick(column, min(self._row, column.option_count - 1))
        elif event.key == "enter":
            self.screen.focus_next()  # as in the text boxes: on to the next question
        elif event.character and self._tick_key(event.character.lower()):
            pass
        else:
            refuse_key(self, event, TAKES_CHOICES)
            return
        event.stop()
        event.prevent_default()

    def _tick_key(self, key: str) -> bool:
        for column in self._columns:
            if key in column.keys:
                self._tick(column, column.keys.index(key))
                return True
        return False
