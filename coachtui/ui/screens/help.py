"""Help for the screen underneath: what it is for and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from coachtui.ui.text import plain

ALWAYS = (("Ctrl+P", "command palette", ""),
          ("Ctrl+Q", "quit (a walk in progress is kept)", "quit"))
REMAP = ("A key's id (after it) changes it in config.toml: "
         '[keys] then a line like  journal = "ctrl+j"')
# Textual's own keys on every screen (focus, copy) and the ones ALWAYS already names.
NOT_LISTED = {"app.focus_next", "app.focus_previous", "screen.copy_text", "quit",
              "app.quit", "command_palette", "app.command_palette", "app.help"}


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="close"),
        Binding("question_mark", "dismiss", "Close", key_display="?", show=False, id="close-help"),
        Binding("enter", "dismiss", "Close", show=False, priority=True, id="close-enter"),
    ]

    def __init__(self, about: Screen) -> None:
        super().__init__()
        self.about = about

    def compose(self) -> ComposeResult:
        keys: list[tuple[str, str, str]] = []
        for (_, binding, enabled, _tooltip) in self.about.active_bindings.values():
            if enabled and binding.description and binding.action not in NOT_LISTED:
                keys.append((self.app.get_key_display(binding), binding.description,
                             binding.id or ""))
        lines: list = [("Help", "bold"), "\n\n", plain(getattr(self.about, "HELP", "") or ""), "\n"]
        for key, description, binding_id in [*keys, *ALWAYS]:
            lines += ["\n", (f"{key:>8}", "bold $text-accent"), f"  {description}"]
            lines += [(f"  · {binding_id}", "dim")] if binding_id else []
        lines += ["\n\n", (REMAP, "dim"), "\n", ("Escape closes this help.", "dim")]
        with VerticalScroll(classes="help-card"):  # scrolls by keyboard on a small terminal
            yield Static(Content.assemble(*lines))
