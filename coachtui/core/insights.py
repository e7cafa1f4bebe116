"""What the journal says over time: pure arithmetic over reflections, no I/O.

Everything here is a count or a median, never a score of the person. A stress "drop" is
before minus after, so a positive number means calmer after the walk.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from coachtui.core.reflection import CUSTOMER_LEFT, NOT_HARD, Reflection

# "fine, nothing special" counts with the good words: a limit rightly held is no bad outcome.
FINE_OR_BETTER = frozenset(CUSTOMER_LEFT[:NOT_HARD])
BLOCKS = "▁▂▃▄▅▆▇█"
SCALE_MAX = 10  # the 0-10 stress scale: fixed, so a bar means the same in every report


@dataclass(frozen=True)
class StressPoint:
    created: datetime
    before: int
    after: int


@dataclass(frozen=True)
class Outcome:
    """How the entries of one kind (a decision, or followed/overridden) went."""

    entries: int = 0
    median_drop: float | None = None
    drops: int = 0  # entries with both stress ratings, which the median is based on
    fine_or_better_share: float | None = None  # of the entries that say how the customer left
    left_answered: int = 0


@dataclass(frozen=True)
class Insights:
    entries: int = 0
    first: datetime | None = None
    last: datetime | None = None
    stress: tuple[StressPoint, ...] = ()  # oldest first
    median_drop: float | None = None
    drops: int = 0
    connect: int = 0
    frictionless: int = 0
    undecided: int = 0  # quick notes, or walks left before the decision
    followed: int = 0
    overridden: int = 0
    # keys: "connect", "frictionless", "followed", "overridden"
    how_it_went: dict[str, Outcome] = field(default_factory=dict)
    top_signals: tuple[tuple[str, int], ...] = ()
    top_scenarios: tuple[tuple[str, int], ...] = ()
    most_skipped: tuple[tuple[str, int], ...] = ()
    last_next_time: str = ""  # the newest one of an entry not marked sensitive


def stress_drop(entry: Reflection) -> int | None:
    if entry.stress_before is None or entry.stress_after is None:
        return None
    return entry.stress_before - entry.stress_after


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def outcome(entries: Sequence[Reflection]) -> Outcome:
    drops = [d for d in map(stress_drop, entries) if d is not None]
    answered = [e for e in entries if e.customer_left]
    fine = sum(1 for e in answered if FINE_OR_BETTER.intersection(e.customer_left))
    return Outcome(
        entries=len(entries),
        median_drop=_median(drops),
        drops=len(drops),
        fine_or_better_share=fine / len(answered) if answered else None,
        left_answered=len(answered),
    )


def top(counts: Counter[str], n: int) -> tuple[tuple[str, int], ...]:
    """The n most frequent, ties broken alphabetically so the report is the same every run."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ranked[:n])


def compute(reflections: Iterable[Reflection], top_n: int = 5) -> Insights:
    entries = sorted(reflections, key=lambda e: e.created)  # oldest first, whatever came in
    stress = tuple(StressPoint(e.created, e.stress_before, e.stress_after)
                   for e in entries if stress_drop(e) is not None)
    by_decision = {path: [e for e in entries if e.decision == path]
                   for path in ("connect", "frictionless")}
    followed = [e for e in entries if e.followed_recommendation is True]
    overridden = [e for e in entries if e.followed_recommendation is False]
    # A sensitive entry's words are shown only when it is opened.
    next_times = [e.next_time.strip() for e in entries if e.next_time.strip() and not e.sensitive]
    return Insights(
        entries=len(entries),
        first=entries[0].created if entries else None,
        last=entries[-1].created if entries else None,
        stress=stress,
        median_drop=_median([p.before - p.after for p in stress]),
        drops=len(stress),
        connect=len(by_decision["connect"]),
        frictionless=len(by_decision["frictionless"]),
        undecided=sum(1 for e in entries if e.decision is None),
        followed=len(followed),
        overridden=len(overridden),
        how_it_went={**{path: outcome(group) for path, group in by_decision.items()},
                     "followed": outcome(followed), "overridden": outcome(overridden)},
        top_signals=top(Counter(s.label for e in entries for s in e.signals), top_n),
        top_scenarios=top(Counter(e.playbook_title for e in entries if e.playbook_title), top_n),
        most_skipped=top(Counter(step for e in entries for step in e.steps_open), top_n),
        last_next_time=next_times[-1] if next_times else "",
    )


def sparkline(values: Sequence[float], width: int) -> str:
    """Values on the fixed 0-10 scale as block characters, at most `width` of them.

    More values than width: each character is the average of one run of neighbours.
    """
    if width <= 0 or not values:
        return ""
    if len(values) > width:
        n = len(values)
        buckets = [values[i * n // width:(i + 1) * n // width] for i in range(width)]
        values = [sum(b) / len(b) for b in buckets]
    top_index = len(BLOCKS) - 1
    return "".join(
        BLOCKS[int(min(max(v, 0), SCALE_MAX) * top_index / SCALE_MAX + 0.5)] for v in values)
