"""Step 1, Pause: how wound up am I, a physical reset, and a paced breath before anything else."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain
from coachtui.ui.widgets.pacer import BreathPacer
from coachtui.ui.widgets.scale import Scale


class PauseStep(StepView):
    HELP = (
        "Pause before anything else. Rate how wound up you feel with the number keys "
        "(Left/Right for 10), do the reset, and follow the breath: the words and the "
        "countdown lead you. Press s to skip the breath, Enter to go on at any time."
    )
    BINDINGS = [Binding("s", "skip", "Skip breath", id="skip")]

    def body(self) -> ComposeResult:
        walk = self.walk
        plan = walk.breath_plan
        yield self.heading("How wound up are you right now?")
        yield Scale(walk.answers.stress_before, id="stress-before")
        yield Static(plain(walk.playbook.breath.reset_cue), classes="cue")
        yield Static(plain(f"{plan.pattern.name} × {plan.cycles}  ·  {plan.pattern.evidence}"),
                     classes="muted")
        yield BreathPacer(plan, self.app.monotonic, reduced_motion=self.app.reduced_motion,
                          id="pacer")
        yield Static(plain(plan.pattern.safety_line), classes="muted")

    def first_focus(self):
        return self.query_one(Scale)

    def collect(self) -> None:
        self.walk.rate_before(self.query_one(Scale).value)

    def on_scale_changed(self, event: Scale.Changed) -> None:
        self.collect()
        self.app.schedule_autosave()

    def on_breath_pacer_phase_changed(self, event: BreathPacer.PhaseChanged) -> None:
        moment = event.moment
        first_phase = moment.cycle == 1 and moment.phase_index == 0
        if self.app.config.bell and not first_phase:
            self.app.bell()

    def on_breath_pacer_finished(self) -> None:
        self.walk.finish_breath()
        self.app.schedule_autosave()
        if self.app.config.bell:
            self.app.bell()

    def action_skip(self) -> None:
        if self.is_current:
            self.app.next_step()
