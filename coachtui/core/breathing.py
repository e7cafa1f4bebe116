"""Breath patterns and a pure scheduler: elapsed seconds in, where we are in the breath out.

Timings follow the evidence summarised in DOMAIN.md: exhale-weighted patterns first,
several cycles rather than one. The pacer widget only asks `BreathPlan.at(seconds)`,
so the animation, the reduced-motion countdown and the tests all share one clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

PhaseKind = Literal["inhale", "top-up", "exhale", "hold"]

# What the person is asked to do in each phase, in words (the pacer also animates it).
SAFETY_LINE = "Stop if you feel dizzy. Not medical advice."
# Breath holds can strain a pregnancy, a heart or a breathing condition: say so before them.
HOLD_SAFETY_LINE = ("Skip the holds and breathe normally if you are pregnant, have a heart or "
                    "breathing condition, or feel dizzy. Not medical advice.")

# In, hold or out: what the pacer colours and the bell tells apart (a top-up is still "in").
Direction = Literal["in", "hold", "out"]
DIRECTION: dict[PhaseKind, Direction] = {"inhale": "in", "top-up": "in", "exhale": "out",
                                          "hold": "hold"}
# The terminal bell is the only sound a terminal has, so the count tells the phases apart:
# one ring to breathe in (or hold), two to breathe out, three when the breath is done.
BELLS: dict[Direction | Literal["end"], int] = {"in": 1, "hold": 1, "out": 2, "end": 3}

PHASE_WORDS: dict[PhaseKind, str] = {
    "inhale": "Breathe in",
    "top-up": "A little more in",
    "exhale": "Breathe out, slowly",
    "hold": "Hold",
}


@dataclass(frozen=True)
class Phase:
    kind: PhaseKind
    seconds: float


@dataclass(frozen=True)
class BreathPattern:
    """One named pattern: its phases, how many cycles suit it, and how strong its evidence is."""

    id: str
    name: str
    phases: tuple[Phase, ...]
    default_cycles: int
    max_cycles: int
    evidence: str

    @property
    def cycle_seconds(self) -> float:
        return sum(phase.seconds for phase in self.phases)

    @property
    def holds_breath(self) -> bool:
        return any(phase.kind == "hold" for phase in self.phases)

    @property
    def safety_line(self) -> str:
        """What to say before this pattern: holding the breath is not for everyone."""
        return HOLD_SAFETY_LINE if self.holds_breath else SAFETY_LINE


PATTERNS: dict[str, BreathPattern] = {
    pattern.id: pattern
    for pattern in (
        BreathPattern(
            id="cyclic-sigh",
            name="Cyclic sigh",
            phases=(Phase("inhale", 4), Phase("top-up", 1), Phase("exhale", 8)),
            default_cycles=3,
            max_cycles=12,
            evidence=("Best-supported of the short patterns: in a trial of 5 minutes a day for a "
                      "month it lifted mood more than the others tried (Balban et al., 2023)."),
        ),
        BreathPattern(
            id="steady",
            name="Steady 4 / 6",
            phases=(Phase("inhale", 4), Phase("exhale", 6)),
            default_cycles=6,
            max_cycles=12,
            evidence=("Six slow breaths a minute; breathing out for longer than in "
                      "helps (Van Diest et al., 2014)."),
        ),
        BreathPattern(
            id="box",
            name="Box 4-4-4-4",
            phases=(Phase("inhale", 4), Phase("hold", 4), Phase("exhale", 4), Phase("hold", 4)),
            default_cycles=4,
            max_cycles=8,
            evidence=("A focus pattern; it lifted mood less than the sigh in one trial, "
                      "though anxiety fell with both (Balban et al., 2023)."),
        ),
        BreathPattern(
            id="4-7-8",
            name="4-7-8",
            phases=(Phase("inhale", 4), Phase("hold", 7), Phase("exhale", 8)),
            default_cycles=4,
            max_cycles=4,
            evidence="Limited evidence: one small study. At most four cycles.",
        ),
    )
}

# The Now reset, for a customer who is waiting: one slow breath, out longer than in, about
# ten seconds. Not a playbook choice (not in PATTERNS): a scenario names its deeper pattern.
NOW_PATTERN = BreathPattern(
    id="one-breath",
    name="One slow breath",
    phases=PATTERNS["steady"].phases,  # one breath of the steady rhythm
    default_cycles=1,
    max_cycles=2,
    evidence=("One slow breath, out longer than in, steadies you for the moment; the "
              "studies above are of several minutes, so take the deeper reset when you can."),
)


def ease_in_out(progress: float) -> float:
    """Slow at both ends, quicker in the middle, as a breath is (a half cosine, 0..1)."""
    progress = min(1.0, max(0.0, progress))
    return 0.5 - 0.5 * math.cos(math.pi * progress)


@dataclass(frozen=True)
class BreathMoment:
    """Where a breath plan stands at one instant."""

    cycle: int  # 1-based
    cycles: int
    phase: Phase
    phase_index: int
    phase_elapsed: float
    remaining_total: float
    done: bool

    @property
    def words(self) -> str:
        return PHASE_WORDS[self.phase.kind]

    @property
    def phase_remaining(self) -> float:
        return max(0.0, self.phase.seconds - self.phase_elapsed)

    @property
    def phase_progress(self) -> float:
        """0.0 at the start of the phase, 1.0 at its end."""
        return min(1.0, self.phase_elapsed / self.phase.seconds) if self.phase.seconds else 1.0

    @property
    def direction(self) -> Direction:
        return DIRECTION[self.phase.kind]

    @property
    def lung_fill(self) -> float:
        """How full the lungs are, 0..1: rises on inhale, falls on exhale, linearly."""
        start, end = self._levels
        return start + (end - start) * self.phase_progress

    @property
    def size(self) -> float:
        """The pacer's shape, 0..1: the lung fill eased within each phase, so the shape
        starts and ends each breath slowly instead of jerking at the turn."""
        start, end = self._levels
        return start + (end - start) * ease_in_out(self.phase_progress)

    @property
    def _levels(self) -> tuple[float, float]:
        """How full the lungs are at the start and at the end of this phase."""
        if self.phase.kind == "inhale":
            # Leave room for a top-up breath when one follows.
            return (0.0, 0.8 if self._ends_in_top_up else 1.0)
        if self.phase.kind == "top-up":
            return (0.8, 1.0)
        if self.phase.kind == "exhale":
            return (1.0, 0.0)
        return (self._hold_level, self._hold_level)

    # Filled in by BreathPlan.at, which knows the neighbouring phases.
    _ends_in_top_up: bool = False
    _hold_level: float = 0.0


@dataclass(frozen=True)
class BreathPlan:
    """A pattern run for a number of cycles."""

    pattern: BreathPattern
    cycles: int

    @property
    def total_seconds(self) -> float:
        return self.pattern.cycle_seconds * self.cycles

    def longer(self) -> BreathPlan:
        """One breath more, up to the pattern's limit."""
        return replace(self, cycles=min(self.pattern.max_cycles, self.cycles + 1))

    def shorter(self) -> BreathPlan:
        """One breath fewer, never none."""
        return replace(self, cycles=max(1, self.cycles - 1))

    def at(self, elapsed: float) -> BreathMoment:
        phases = self.pattern.phases
        elapsed = max(0.0, elapsed)
        if elapsed >= self.total_seconds:
            last = len(phases) - 1
            return BreathMoment(self.cycles, self.cycles, phases[last], last,
                                phases[last].seconds, 0.0, True)
        cycle_index, into_cycle = divmod(elapsed, self.pattern.cycle_seconds)
        for index, phase in enumerate(phases):
            if into_cycle < phase.seconds:
                break
            into_cycle -= phase.seconds
        previous = phases[index - 1].kind if index else phases[-1].kind
        following = phases[index + 1].kind if index + 1 < len(phases) else None
        return BreathMoment(
            cycle=int(cycle_index) + 1,
            cycles=self.cycles,
            phase=phase,
            phase_index=index,
            phase_elapsed=into_cycle,
            remaining_total=self.total_seconds - elapsed,
            done=False,
            _ends_in_top_up=following == "top-up",
            # A hold after breathing in keeps the lungs full; after breathing out, empty.
            _hold_level=1.0 if previous in ("inhale", "top-up") else 0.0,
        )


def plan_for(pattern_id: str, cycles: int | None = None) -> BreathPlan:
    pattern = PATTERNS[pattern_id]
    wanted = pattern.default_cycles if cycles is None else cycles
    return BreathPlan(pattern, max(1, min(wanted, pattern.max_cycles)))


def plan_lasting(pattern_id: str, seconds: float) -> BreathPlan:
    """The pattern for about `seconds`, in whole breaths (at least one, at most its limit):
    a length remembered in seconds fits whichever pattern the next scenario uses."""
    pattern = PATTERNS[pattern_id]
    return plan_for(pattern_id, round(seconds / pattern.cycle_seconds))


def now_plan() -> BreathPlan:
    """The Now reset: about ten seconds, for while someone waits."""
    return BreathPlan(NOW_PATTERN, NOW_PATTERN.default_cycles)


@dataclass(frozen=True)
class BreathChoice:
    """A deeper breath asked for on its own (`coachtui breathe`): a pattern, and its length
    in seconds or in breaths, or neither (then the length last set with + and -)."""

    pattern_id: str = "cyclic-sigh"
    seconds: float | None = None
    cycles: int | None = None

    def plan(self, remembered_seconds: float = 0) -> BreathPlan:
        if self.cycles is not None:
            return plan_for(self.pattern_id, self.cycles)
        seconds = self.seconds or remembered_seconds
        return plan_lasting(self.pattern_id, seconds) if seconds > 0 else plan_for(self.pattern_id)
