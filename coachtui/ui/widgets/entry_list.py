"""The journal's list: ten thousand entries without ten thousand widgets.

A ScrollView that draws only the lines on screen (Textual's Line API). It holds the
matching row ids in order and asks the index for the few rows it shows; a ListView of
10,000 items takes ~17 s and 540 MB here, this takes milliseconds.

Letters are never commands here: a letter (or a paste) lands in the search box, and the
typing goes on there, so a word typed at the list searches instead of acting on an entry.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input

from coachtui.core.sanitize import strip_controls
from coachtui.store.journal_index import Row
from coachtui.ui.text import local

DECISION_WORDS = {"connect": "connect", "frictionless": "frictionless", None: "—"}


def row_text(row: Row, star: Style | str = "bold") -> Text:
    """`23 Nov 09:30  ★ Late shift · connect · 7→3  first line…` as plain Text (never
    markup); `star` is the theme's style for the star."""
    when = local(row.when).strftime("%d %b %Y %H:%M")
    before = "–" if row.stress_before is None else str(row.stress_before)
    after = "–" if row.stress_after is None else str(row.stress_after)
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{when}  ", "dim")
    text.append("★ " if row.starred else "  ", star)
    text.append(strip_controls(row.playbook_title or "quick note", keep_newlines=False), "bold")
    text.append(f"  ·  {DECISION_WORDS.get(row.decision, row.decision)}  ·  {before}→{after}  ",
                "dim")
    if row.sensitive:  # not on show in a list someone may glance at; open it to read
        text.append("(sensitive: open it to read)", "dim italic")
    else:
        text.append(strip_controls(row.first_line, keep_newlines=False))
    return text


class EntryList(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    EntryList { height: 1fr; overflow-x: hidden; }
    EntryList > .entry-list--cursor { background: $foreground 5%; text-style: bold; }
    EntryList:focus > .entry-list--cursor { background: $foreground 10%; }
    EntryList > .entry-list--star { color: $text-warning; text-style: bold; }
    """
    COMPONENT_CLASSES = {"entry-list--cursor", "entry-list--star"}
    BINDINGS = [
        Binding("up", "move(-1)", show=False), Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False), Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False), Binding("end", "jump(-1)", show=False),
        Binding("enter", "open", "Open", id="open"),
    ]

    class Opened(Message):
        def __init__(self, rowid: int) -> None:
            super().__init__()
            self.rowid = rowid

    cursor: reactive[int] = reactive(0)

    def __init__(self, fetch: Callable[[list[int]], dict[int, Row]], *, type_to: str,
                 **options) -> None:
        super().__init__(**options)
        self.fetch = fetch  # row ids → rows, for the lines on screen only
        self.type_to = type_to  # the search box (a selector) that letters typed here go to
        self.ids: list[int] = []
        self._cache: dict[int, Row] = {}

    def show(self, ids: list[int], keep: int | None = None) -> None:
        """Show these rows; keep the cursor on row `keep` if it is still there."""
        self.ids, self._cache = ids, {}
        position = ids.index(keep) if keep is not None and keep in ids else 0
        self.virtual_size = Size(self.size.width, len(ids))
        self.set_reactive(EntryList.cursor, position)
        height = self.size.height
        top = min(int(self.scroll_offset.y), max(0, len(ids) - height))  # a shorter list
        if not top <= position < top + height:  # the rows stay put unless it is out of sight
            top = max(0, position - height // 2)
        self.scroll_to(y=top, animate=False)
        self.refresh()

    @property
    def current(self) -> int | None:
        return self.ids[self.cursor] if self.ids else None

    def row(self, rowid: int) -> Row | None:
        if rowid not in self._cache:
            top = int(self.scroll_offset.y)
            window = self.ids[top: top + self.size.height + 1]
            wanted = [i for i in {*window, rowid} if i not in self._cache]
            self._cache.update(self.fetch(wanted))
        return self._cache.get(rowid)

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.size.width
        if index >= len(self.ids):
            return Strip.blank(width, self.rich_style)
        row = self.row(self.ids[index])
        if row is None:  # gone from the index meanwhile; the next refresh drops it
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        if index == self.cursor:  # under the row's own styles, so its background shows
            base += self.get_component_rich_style("entry-list--cursor")
        star = self.get_component_rich_style("entry-list--star", partial=True)
        segments = list(row_text(row, star).render(self.app.console))
        return Strip(Segment.apply_style(segments, base)).crop_extend(0, width, base)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self.scroll_to_region(Region(0, new, self.size.width, 1), animate=False)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.ids))

    def action_move(self, step: int) -> None:
        if self.ids:
            self.cursor = max(0, min(len(self.ids) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.size.height - 1))

    def action_jump(self, where: int) -> None:
        if self.ids:
            self.cursor = where % len(self.ids)

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Opened(self.current))

    def on_key(self, event: events.Key) -> None:
        """Type to search: a printable key that is not a key of this screen goes to the box.

        Done here, at once, and not by a message to the screen: the keys already queued
        behind this one reach this list before the box has focus, and are added in the
        order they were typed."""
        if not event.is_printable or event.key in self.screen.active_bindings:
            return
        event.stop()
        event.prevent_default()
        self._type_into_box(event.character or "")

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self._type_into_box(event.text.splitlines()[0] if event.text else "")

    def _type_into_box(self, text: str) -> None:
        box = self.screen.query_one(self.type_to, Input)
        box.cursor_position = len(box.value)  # typing carries on after what is there
        box.insert_text_at_cursor(text)
        self.screen.set_focus(box)

    def on_click(self, event) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.ids):
            self.cursor = index
            if event.chain == 2:
                self.action_open()

