"""One journal entry: read it in full, star it, edit it, or move it to the trash."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coachtui.core.entry_text import entry_lines
from coachtui.ui.text import plain
from coachtui.ui.widgets.keys_footer import KeysFooter


class EntryScreen(Screen[tuple[Path, Path] | None]):
    """Dismissed with (trash path, original path) when the entry was moved to the trash."""

    # e and t only open the editor, which asks before dropping a change; moving the entry
    # to the trash takes the same keys as in the list, never a letter.
    HELP = ("One entry in full. * stars it, e edits its answers and tags, t goes straight to "
            "its tags, Delete (or Ctrl+D) moves it to the trash (Ctrl+Z in the list brings it "
            "back). Escape goes back.")
    BINDINGS = [
        Binding("asterisk", "star", "Star", key_display="*", id="star"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("t", "edit('tags')", "Tags", id="tags"),
        Binding("delete", "delete", "Delete", key_display="Del", id="delete"),
        Binding("ctrl+d", "delete", "Delete", show=False, id="delete-ctrl"),
        Binding("escape", "dismiss(None)", "Back", id="back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="step-body", id="entry-body", can_focus=True):
            yield Static(id="entry-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show_entry()
        self.query_one("#entry-body").focus()

    def show_entry(self) -> None:
        from coachtui.store import journal
        from coachtui.store.toml_io import why_unreadable

        try:
            entry = journal.load(self.path)
        except Exception as error:  # noqa: BLE001 - any unreadable file is reported, not raised
            self.query_one("#entry-text", Static).update(
                plain(f"{self.path.name} could not be read: {why_unreadable(error)}"))
            return
        parts: list = []
        for label, text in entry_lines(entry):
            parts += [(f"{label}\n", "bold $text-accent"), plain(text), "\n\n"]
        self.query_one("#entry-text", Static).update(Content.assemble(*parts))

    def action_star(self) -> None:
        self.app.change_entry(self.path, lambda entry: {"starred": not entry.starred})
        self.show_entry()  # starred, or as the file now is if another window changed it

    def action_edit(self, focus: str = "what_happened") -> None:
        from coachtui.store.journal import UNREADABLE
        from coachtui.ui.screens.edit_entry import EditEntryScreen

        try:
            editor = EditEntryScreen(self.path, focus)  # reads the file as it is now
        except UNREADABLE as error:
            self.app.tell_unreadable(self.path, error, "Not opened for editing")
            self.show_entry()
            return
        self.app.push_screen(editor, lambda _: self.show_entry())

    def action_delete(self) -> None:
        trashed = self.app.delete_entry(self.path)
        if trashed:
            self.dismiss((trashed, self.path))
        else:
            self.show_entry()  # as the file now is, if another window moved or changed it
