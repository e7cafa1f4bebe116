"""`coachtui breathe`: the deeper reset on its own, the pacer and little else."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from coachtui.core.breathing import BreathChoice, BreathPlan
from coachtui.ui.text import plain
from coachtui.ui.widgets.keys_footer import KeysFooter
from coachtui.ui.widgets.pacer import BELL_HELP, BreathPacer, still_pacer


class BreatheScreen(Screen):
    BINDINGS = [
        Binding("enter", "leave", "Done", id="breathe-done"),
        Binding("escape", "leave", "Leave", show=False, id="breathe-leave"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    def __init__(self, choice: BreathChoice) -> None:
        super().__init__()
        self.choice = choice

    @property
    def plan(self) -> BreathPlan:
        return self.choice.plan(self.app.config.deeper_reset_seconds)

    @property
    def HELP(self) -> str:  # noqa: N802 - read by the help screen like a class attribute
        pattern = self.plan.pattern
        return ("A paced breath on its own: follow the shape, which grows as you breathe in "
                "and shrinks as you breathe out. + and − make it a breath longer or shorter, "
                "and the length is remembered for the next deeper reset. Enter or Escape "
                f"leaves. {BELL_HELP}\n\n{pattern.name}: {pattern.evidence}\n\n"
                f"{pattern.safety_line}")

    def compose(self) -> ComposeResult:
        plan = self.plan
        with VerticalScroll(classes="step-body", can_focus=False):
            yield Static(plain(plan.pattern.name), classes="heading")
            if plan.pattern.holds_breath:  # said before the holds, not only in help
                yield Static(plain(plan.pattern.safety_line), classes="muted")
            yield BreathPacer(plan, self.app.monotonic, reduced_motion=still_pacer(self.app),
                              adjustable=True, id="pacer")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(BreathPacer).focus()  # for + and −

    def action_leave(self) -> None:
        self.app.exit()
