"""Step 1, Pause: how wound up am I (its own moment, one key), then a reset.

The Now reset is for a customer who is waiting: the scenario's physical cue and one slow
breath, then straight on to Greet. The deeper reset is the scenario's own breath pattern,
made longer or shorter with + and − (remembered for next time). The rating comes first and
on its own, so skipping or leaving the breath never loses it.
"""

from __future__ import annotations

import contextlib

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Static

from coachtui.core.breathing import BreathPlan
from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain
from coachtui.ui.widgets.pacer import BELL_HELP, BreathPacer, still_pacer
from coachtui.ui.widgets.scale import Scale


class RatingScale(Scale):
    """The 0–10 scale of the Pause step: a number key rates and moves on to the breath."""

    class Rated(Message):
        """A number key gave the rating (the arrows only nudge it)."""

    def on_key(self, event) -> None:
        typed = bool(event.character and event.character.isdigit())
        super().on_key(event)  # sets the value, and stops Scale's own handler running twice
        if typed:
            self.post_message(self.Rated())


class PauseStep(StepView):
    DEFAULT_CSS = """
    PauseStep #rating, PauseStep #breath { height: auto; }
    """
    BINDINGS = [
        Binding("s", "skip_rating", "Skip rating", id="skip-rating"),
        Binding("s", "skip_breath", "Skip breath", id="skip-breath"),
        Binding("d", "deeper", "Deeper", id="deeper"),
        Binding("escape", "back_to_rating", "Back", id="back-to-rating"),
    ]

    stage = "rate"  # "rate", then "breath"
    _pacer: BreathPacer | None = None  # the breath on screen

    @property
    def HELP(self) -> str:  # noqa: N802 - read by the help screen like a class attribute
        plan = self.plan
        return (
            "Pause before anything else. First, how wound up you are: a number key (Right "
            "for 10), or Enter to go on without one. Then the reset: do what the cue says and "
            "follow the shape, which grows as you breathe in and shrinks as you breathe out. "
            "The Now reset is one slow breath, about 10 seconds, then straight on to Greet. "
            "d takes the deeper reset instead: the scenario's own breath pattern; + and − "
            "make it a breath longer or shorter, and the length is remembered. Escape goes "
            f"back to the rating. {BELL_HELP}\n\n"
            f"{plan.pattern.name} × {plan.cycles}: {plan.pattern.evidence}\n\n"
            f"{plan.pattern.safety_line}")

    @property
    def plan(self) -> BreathPlan:
        return self.walk.reset_plan(self.app.config.deeper_reset_seconds)

    def body(self) -> ComposeResult:
        with Vertical(id="rating"):
            yield self.heading("How wound up are you right now?")
            yield RatingScale(self.walk.answers.stress_before, id="stress-before")
            yield Static(plain("A number key (Right for 10), or Enter to go on without one."),
                         classes="muted hint")
            yield Static(self._next_reset(), id="next-reset", classes="muted")
        yield Vertical(id="breath")

    def on_mount(self) -> None:
        if self.app.demo is not None and self.walk.answers.breath_completed:
            with contextlib.suppress(NoMatches):  # a beat shown faster than a frame
                self._start_breath()  # a demo's breath beat shows the pacer breathing
        elif getattr(self.app, "breath_at_once", False):
            self.app.breath_at_once = False  # rated by a number key on home: breathe now
            self._start_breath()
        # (StepView's own on_mount runs after this one and focuses the scale)

    def first_focus(self):
        if self.stage == "breath" and self._pacer is not None:
            return self._pacer
        return self.query_one(RatingScale)

    def _next_reset(self) -> Content:
        """What comes after the rating, said before it starts."""
        plan = self.plan
        seconds = round(plan.total_seconds)
        if self.walk.reset == "now":
            line = f"Then one slow breath, about {seconds} seconds (d: a deeper reset)."
        else:
            line = (f"Then the deeper reset: {plan.pattern.name} × {plan.cycles}, "
                    f"about {seconds} seconds.")
            if plan.pattern.holds_breath:  # said before the holds, not only in help
                line += f"\n{plan.pattern.safety_line}"
        return plain(line)

    # -- the two moments ------------------------------------------------------------
    def _start_breath(self) -> None:
        self.stage = "breath"
        self.query_one("#rating").display = False
        host = self.query_one("#breath", Vertical)
        host.remove_children()  # a breath already shown (before d): it starts again
        # No id: the one it replaces is still being removed while this one is mounted.
        self._pacer = BreathPacer(self.plan, self.app.monotonic,
                                  reduced_motion=still_pacer(self.app),
                                  adjustable=self.walk.reset == "deeper")
        host.mount(Static(plain(self.walk.playbook.breath.reset_cue), classes="cue"),
                   self._show_rated(Static(classes="cue muted rated")), self._pacer)
        if self.app.demo is None:
            self._pacer.focus()  # for + and −
        self.refresh_bindings()

    def action_back_to_rating(self) -> None:
        self.stage = "rate"
        self.query_one("#breath", Vertical).remove_children()
        self._pacer = None
        self.query_one("#rating").display = True
        self.query_one(RatingScale).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("skip_rating", "back_to_rating"):
            return (self.stage == "rate") == (action == "skip_rating")
        if action == "skip_breath":
            return self._pacer is not None and not self._pacer.finished
        if action == "deeper":
            return self.walk.reset == "now"
        return True

    def on_continue(self) -> bool | None:
        if self.stage == "rate":
            self._start_breath()
            return False
        return None

    def action_skip_rating(self) -> None:
        if self.is_current:
            self._start_breath()

    def action_skip_breath(self) -> None:
        if self.is_current:
            self.app.next_step()

    def action_deeper(self) -> None:
        if not self.is_current:
            return
        self.walk.go_deeper()
        self.app.schedule_autosave()
        self.query_one("#next-reset", Static).update(self._next_reset())
        if self.stage == "breath":
            self._start_breath()  # the deeper breath from its beginning
        self.refresh_bindings()

    # -- answers ----------------------------------------------------------------------
    def collect(self) -> None:
        self.walk.rate_before(self.query_one(RatingScale).value)

    def on_scale_changed(self, event: Scale.Changed) -> None:
        self.collect()
        self.app.schedule_autosave()
        for rated in self.query(".rated").results(Static):
            self._show_rated(rated)

    def _show_rated(self, line: Static) -> Static:
        """The rating above the pacer, when there is one."""
        value = self.walk.answers.stress_before
        line.update(plain(f"Wound up: {value} (a number key changes it)"))
        line.display = value is not None
        return line

    def on_key(self, event) -> None:
        # A number typed during the breath still rates (typed fast after the first, it is a
        # correction), and is never dropped without a word: the line above the pacer shows it.
        if self.stage == "breath" and event.character and event.character.isdigit():
            event.stop()
            self.query_one(RatingScale).value = int(event.character)

    def on_rating_scale_rated(self) -> None:
        if self.is_current and self.stage == "rate":
            self._start_breath()

    def on_breath_pacer_finished(self, event: BreathPacer.Finished) -> None:
        if self.app.demo is not None or event.control is not self._pacer:
            return  # a demo's walk changes only by its script; a replaced breath is over
        self.walk.finish_breath()
        self.app.schedule_autosave()
        self.refresh_bindings()  # "Skip breath" no longer applies
        if self.walk.reset == "now" and self.is_current and self.walk.step == "pause":
            self.app.next_step()  # the Now reset goes straight on
