"""Step 4, Decide: the recommendation with the signals behind it; the person chooses."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from coachtui.core.playbook import LEAN_WORDS
from coachtui.core.walk import PATH_WORDS
from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain

SAFETY_WORDS = ("Safety first. Stop coaching and follow your workplace's safety procedure. "
                "Get help now.")
PATH_MEANING = {
    "connect": "Slow down a little: be present, warm, and put things right.",
    "frictionless": "Fast, accurate, no fuss. That is good service too.",
}


class DecideStep(StepView):
    HELP = (
        "coachtui suggests a path from the signals you ticked, and shows why. You decide: "
        "Enter takes the suggestion, c chooses to connect, f chooses to stay frictionless. "
        "Going against the suggestion is fine; it is simply recorded."
    )
    BINDINGS = [
        Binding("c", "choose('connect')", "Connect", id="connect"),
        Binding("f", "choose('frictionless')", "Frictionless", id="frictionless"),
    ]

    def body(self) -> ComposeResult:
        rec = self.walk.recommendation
        if rec.safety:
            yield Static(plain(SAFETY_WORDS), classes="safety")
        yield self.heading("Suggested")
        yield Static(Content.assemble((PATH_WORDS[rec.path], "bold")), classes="path-name")
        yield Static(plain(PATH_MEANING[rec.path]), classes="cue")
        yield Static(plain(rec.rule), classes="muted")
        if rec.reasons:
            yield self.heading("Because you saw")
            for signal in rec.reasons:
                yield Static(Content.assemble("•  ", plain(signal.label),
                                              (f"  · {LEAN_WORDS[signal.lean]}", "dim")),
                             classes="reason")
        if rec.deescalate:
            yield Static(plain("They seem upset: the next step starts with de-escalation."),
                         classes="note")
        if rec.vulnerable:
            yield Static(plain("They may be vulnerable: go gently, offer choices, keep their dignity."),
                         classes="note")
        yield Static(self._choice_line(), id="choice", classes="choice")

    def _choice_line(self) -> Content:
        decision = self.walk.answers.decision
        parts: list = [("Enter", "bold $accent"), "  go with the suggestion     ",
                       ("c", "bold $accent"), "  connect     ",
                       ("f", "bold $accent"), "  stay frictionless"]
        if decision:
            parts += ["\n", (f"Last time you chose: {PATH_WORDS[decision].lower()}", "dim")]
        return Content.assemble(*parts)

    def on_continue(self) -> bool | None:
        self.walk.answers.decision = self.walk.recommendation.path
        return None

    def action_choose(self, path: str) -> None:
        if not self.is_current:
            return
        self.walk.answers.decision = path  # type: ignore[assignment]
        self.app.next_step()
