"""The scenario list: title, channel and summary of each (the summary's wrapped lines keep
its indent); broken files shown with their problem."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coachtui.ui.text import plain
from coachtui.ui.widgets.hanging import HangingText
from coachtui.ui.widgets.keys_footer import KeysFooter
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
        yield Menu(*self._options(), id="scenarios")
        yield KeysFooter()

    def _options(self) -> list[Option]:
        # From the app's listing: shown as soon as the list is known (from the playbook
        # cache, before the playbooks are validated); a walk starts once they are.
        listing = self.app.listing
        options: list[Option] = []
        for number, listed in enumerate(listing.playbooks, 1):
            key = f"{number} " if number <= 9 else "  "
            mine = ""
            if listed.origin == "user":
                mine = "  · yours, replacing the bundled one" if listed.overrides_bundled \
                    else "  · your playbook"
            options.append(Option(HangingText(Content.assemble(
                (key, "bold $text-accent"), plain(listed.title, "bold"),
                (f"  {listed.channel}{mine}", "dim")), plain(listed.summary)), id=listed.id))
        for unusable in listing.broken:
            options.append(Option(HangingText(Content.assemble(
                "  ", plain(unusable.name, "bold"), ("  · could not be used", "dim")),
                plain(unusable.first_line)), disabled=True))
        return options

    def refresh_list(self) -> None:
        """The list again, after the playbooks turned out otherwise than the cache said."""
        menu = self.query_one("#scenarios", OptionList)
        menu.clear_options()
        menu.add_options(self._options())

    def on_key(self, event) -> None:
        if event.character and event.character in "123456789":
            index = int(event.character) - 1
            ids = self.app.listing.ids
            if index < len(ids):
                event.stop()
                self._start(ids[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._start(event.option.id)

    def _start(self, playbook_id: str) -> None:
        self.app.when_ready(lambda: self.app.start_walk(playbook_id))
