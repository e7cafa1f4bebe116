"""Step 4, Decide: first things first, the suggested path with every signal that counted,
and whether something must be put right; the person chooses. A safety signal turns this
step into the safety card: no path, no steps, straight on to a short reflection."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from coachtui.core.decision import PATH_WORDS
from coachtui.core.wording import SAFETY_HEADING
from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain

PATH_MEANING = {
    "connect": "Slow down a little: be present and warm.",
    "frictionless": "Fast, accurate, no fuss. That is good service too.",
}


class DecideStep(StepView):
    HELP = (
        "coachtui suggests a path from the signals you ticked, weighed, and shows why. You "
        "decide: Enter takes the suggestion, c chooses to connect, f chooses to stay "
        "frictionless. Going against the suggestion is fine; it is simply recorded. After a "
        "safety signal there is no path: Enter goes on to a short reflection."
    )
    BINDINGS = [
        Binding("c", "choose('connect')", "Connect", id="connect"),
        Binding("f", "choose('frictionless')", "Frictionless", id="frictionless"),
    ]

    def body(self) -> ComposeResult:
        decision = self.walk.decision
        if decision.safety:
            yield from self._safety_card()
            return
        for reason in decision.first.reasons:
            yield Static(plain(reason), classes="note")
        register = decision.register
        yield self.heading("Suggested")
        yield Static(Content.assemble((PATH_WORDS[register.path], "bold")), classes="path-name")
        yield Static(plain(PATH_MEANING[register.path]), classes="cue")
        yield Static(plain(register.rule), classes="muted")
        if register.counted:
            yield self.heading("Because you saw")
            for counted in register.counted:
                side = PATH_WORDS[counted.side].lower()
                yield Static(Content.assemble("•  ", plain(counted.signal.label),
                                              (f"  · {side}, weight {counted.weight}", "dim")),
                             classes="reason")
        right = decision.putting_right
        yield self.heading("Putting it right")
        yield Static(plain(right.reason), classes="cue")
        yield Static(self._choice_line(), id="choice", classes="choice")

    def _safety_card(self) -> ComposeResult:
        yield Static(plain(SAFETY_HEADING), classes="safety")
        for signal in self.walk.decision.first.safety:
            yield Static(Content.assemble("•  ", plain(signal.label)), classes="reason")
        yield self.heading("Now")
        for line in self.walk.safety_lines():
            yield Static(plain(f"•  {line}"), classes="cue")
        yield Static(Content.assemble(("Enter", "bold $text-accent"),
                                      "  go on to a short reflection"), classes="choice")

    def _choice_line(self) -> Content:
        decision = self.walk.answers.decision
        parts: list = [("Enter", "bold $text-accent"), "  go with the suggestion     ",
                       ("c", "bold $text-accent"), "  connect     ",
                       ("f", "bold $text-accent"), "  stay frictionless"]
        if decision:
            parts += ["\n", (f"Last time you chose: {PATH_WORDS[decision].lower()}", "dim")]
        return Content.assemble(*parts)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action == "choose" and self.walk.decision.safety)

    def on_continue(self) -> bool | None:
        self.walk.decide()
        return None

    def action_choose(self, path: str) -> None:
        if not self.is_current:
            return
        self.walk.decide(path)  # type: ignore[arg-type]
        self.app.next_step()
