"""What every step of the walk shares: the header, Enter to continue, Escape to go back, help."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from coachtui.core.walk import STEP_TITLES, STEPS
from coachtui.ui.text import plain

if TYPE_CHECKING:
    from coachtui.core.walk import Walk
    from coachtui.ui.app import CoachApp


class StepScreen(Screen):
    """A step of the walk. Subclasses compose `body()` and may override `on_continue()`."""

    HELP: ClassVar[str] = ""
    BINDINGS = [
        Binding("enter", "continue", "Continue", priority=True, id="continue"),
        Binding("escape", "back", "Back", id="back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    app: CoachApp  # type: ignore[assignment]

    @property
    def walk(self) -> Walk:
        return self.app.walk

    def compose(self) -> ComposeResult:
        walk = self.walk
        crumbs = []
        for number, name in enumerate(STEPS, 1):
            style = "bold reverse" if name == walk.step else ("" if number < walk.step_number else "dim")
            crumbs.append((f" {number} {STEP_TITLES[name]} ", style))
        yield Static(Content.assemble(*crumbs), classes="crumbs")
        yield Static(plain(walk.playbook.title), classes="scenario")
        with VerticalScroll(classes="step-body"):
            yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def heading(self, text: str) -> Static:
        return Static(plain(text), classes="heading")

    def action_continue(self) -> None:
        if self.on_continue() is not False:
            self.app.next_step()

    def on_continue(self) -> bool | None:
        """A last word before moving on; return False to stay on the screen.

        Answers are written into the walk as they change, so going on or back loses nothing.
        """
        return None

    def action_back(self) -> None:
        self.app.previous_step()
