"""The scenario list: title, channel and summary of each (the summary's wrapped lines keep
its indent); broken files shown with their problem."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from coachtui.ui.text import plain
from coachtui.ui.widgets.hanging import HangingText
from coachtui.ui.widgets.paging import Menu


class PickerScreen(Screen):
    HELP = (
        "Every scenario coachtui knows: the bundled ones and your own from the playbooks "
        "folder (`coachtui locate` shows where). Up/Down or a number picks, Enter starts "
        "a walk, Escape goes back. A file that could not be read is listed with its problem."
    )
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(plain("Choose a scenario"), classes="heading")
        options: list[Option] = []
        for number, (pid, loaded) in enumerate(self.app.library.playbooks.items(), 1):
            book = loaded.playbook
            key = f"{number} " if number <= 9 else "  "
            mine = ""
            if loaded.origin == "user":
                mine = "  · yours, replacing the bundled one" if loaded.overrides_bundled \
                    else "  · your playbook"
            options.append(Option(HangingText(Content.assemble(
                (key, "bold $text-accent"), plain(book.title, "bold"),
                (f"  {book.channel}{mine}", "dim")), plain(book.summary)), id=pid))
        for error in self.app.library.broken:
            options.append(Option(HangingText(Content.assemble(
                "  ", plain(error.file.name, "bold"), ("  · could not be used", "dim")),
                plain(error.first_line)), disabled=True))
        yield Menu(*options, id="scenarios")
        yield Footer()

    def on_key(self, event) -> None:
        if event.character and event.character in "123456789":
            index = int(event.character) - 1
            ids = list(self.app.library.playbooks)
            if index < len(ids):
                event.stop()
                self.app.start_walk(ids[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.start_walk(event.option.id)
