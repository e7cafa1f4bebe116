"""The breath pacer: a bar that fills and empties with the breath, the phase in words,
and a countdown. In reduced-motion mode only the words and the countdown change."""

from __future__ import annotations

import math
from typing import Callable

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coachtui.core.breathing import BreathMoment, BreathPlan

TICK_SECONDS = 0.1


class BreathPacer(Widget):
    """Runs a BreathPlan against a monotonic clock; posts Finished when the last cycle ends."""

    DEFAULT_CSS = """
    BreathPacer { height: 5; width: 1fr; }
    """

    class Finished(Message):
        """The last breath of the plan has ended."""

    class PhaseChanged(Message):
        def __init__(self, moment: BreathMoment) -> None:
            super().__init__()
            self.moment = moment

    elapsed: reactive[float] = reactive(0.0)

    def __init__(self, plan: BreathPlan, clock: Callable[[], float], *,
                 reduced_motion: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan = plan
        self.clock = clock
        self.reduced_motion = reduced_motion
        self._started = clock()
        self._last_phase: tuple[int, int] | None = None
        self._finished = False

    def on_mount(self) -> None:
        self._timer = self.set_interval(TICK_SECONDS, self._tick)

    def _tick(self) -> None:
        self.elapsed = self.clock() - self._started

    @property
    def moment(self) -> BreathMoment:
        return self.plan.at(self.elapsed)

    def watch_elapsed(self) -> None:
        moment = self.moment
        if moment.done:
            if not self._finished:
                self._finished = True
                self._timer.stop()
                self.post_message(self.Finished())
            return
        phase_key = (moment.cycle, moment.phase_index)
        if phase_key != self._last_phase:
            self._last_phase = phase_key
            self.post_message(self.PhaseChanged(moment))

    def render(self) -> Content:
        moment = self.moment
        if moment.done:
            return Content.assemble(("Well done.", "bold"), "\n\nYou can go on when you're ready.")
        countdown = math.ceil(moment.phase_remaining)
        words = Content.assemble((moment.words, "bold"), f"   {countdown}")
        cycle = f"Breath {moment.cycle} of {moment.cycles}  ·  {math.ceil(moment.remaining_total)} s left"
        if self.reduced_motion:
            return Content.assemble(words, "\n\n", (cycle, "dim"))
        width = max(4, self.size.width - 2)
        filled = round(moment.lung_fill * width)
        bar = Content.assemble(("█" * filled, "$accent"), ("░" * (width - filled), "dim"))
        return Content.assemble(words, "\n\n", bar, "\n", (cycle, "dim"))
