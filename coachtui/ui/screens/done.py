"""The closing screen: before and after, and where the entry was saved."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coachtui.core.reflection import Reflection
from coachtui.ui.text import plain
from coachtui.ui.widgets.keys_footer import KeysFooter


class DoneScreen(Screen):
    HELP = "Your reflection is saved in your private journal. Enter goes back to the start."
    BINDINGS = [
        Binding("enter", "home", "Home", priority=True, id="home"),
        Binding("escape", "home", "Home", show=False, id="home-escape"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    def __init__(self, reflection: Reflection, saved_to: Path, shown_as: str) -> None:
        super().__init__()
        self.reflection = reflection
        self.saved_to = saved_to
        self.shown_as = shown_as

    def compose(self) -> ComposeResult:
        entry = self.reflection
        with VerticalScroll(classes="step-body done"):
            yield Static(Content.assemble(("Saved. Well done for taking the moment.", "bold")),
                         classes="heading")
            yield Static(self._before_after(), classes="path-name")
            if entry.next_time:
                yield Static(Content.assemble(("Next time I will: ", "bold"), plain(entry.next_time)),
                             classes="cue")
            yield Static(Content.assemble("Saved to ", plain(self.shown_as)),
                         id="saved-to", classes="muted")
            yield Static(plain("Press Enter to go back to the start."), classes="muted small")
        yield KeysFooter()

    def _before_after(self) -> Content:
        before, after = self.reflection.stress_before, self.reflection.stress_after
        if before is None or after is None:
            return Content("Wound up: " + (f"{before} before" if before is not None else
                                           f"{after} now" if after is not None else "not rated"))
        return Content(f"Wound up: {before} before  →  {after} now")

    def action_home(self) -> None:
        self.app.pop_screen()
