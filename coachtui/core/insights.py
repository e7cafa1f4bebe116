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
from typing import NamedTuple

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


class EntryFacts(NamedTuple):
    """What the insights count of one entry: from a Reflection (`facts_of`), or straight from
    the journal index's columns and JSON, so 100,000 entries are counted without building
    100,000 models (journal_index.insights)."""

    created: datetime
    stress_before: int | None
    stress_after: int | None
    decision: str | None
    followed: bool | None  # followed_recommendation
    playbook_title: str
    signals: list[str]  # their labels
    steps_open: list[str]
    customer_left: list[str]
    next_time: str
    sensitive: bool


def facts_of(entry: Reflection) -> EntryFacts:
    return EntryFacts(entry.created, entry.stress_before, entry.stress_after, entry.decision,
                      entry.followed_recommendation, entry.playbook_title,
                      [signal.label for signal in entry.signals], entry.steps_open,
                      entry.customer_left, entry.next_time, entry.sensitive)


def stress_drop(entry: Reflection | EntryFacts) -> int | None:
    if entry.stress_before is None or entry.stress_after is None:
        return None
    return entry.stress_before - entry.stress_after


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


class _Group:
    """How the entries of one kind went, counted one entry at a time (see Outcome)."""

    def __init__(self) -> None:
        self.entries = self.answered = self.fine = 0
        self.drops: list[int] = []

    def add(self, entry: EntryFacts, drop: int | None) -> None:
        self.entries += 1
        if drop is not None:
            self.drops.append(drop)
        if entry.customer_left:
            self.answered += 1
            if FINE_OR_BETTER.intersection(entry.customer_left):
                self.fine += 1

    def outcome(self) -> Outcome:
        return Outcome(
            entries=self.entries,
            median_drop=_median(self.drops),
            drops=len(self.drops),
            fine_or_better_share=self.fine / self.answered if self.answered else None,
            left_answered=self.answered,
        )


def outcome(entries: Sequence[Reflection]) -> Outcome:
    group = _Group()
    for entry in entries:
        fact = facts_of(entry)
        group.add(fact, stress_drop(fact))
    return group.outcome()


def top(counts: Counter[str], n: int) -> tuple[tuple[str, int], ...]:
    """The n most frequent, ties broken alphabetically so the report is the same every run."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ranked[:n])


class Tally:
    """The insights counted one entry at a time, oldest first: a journal of any size takes
    the memory of its numbers (a few per entry), never of its entries."""

    def __init__(self) -> None:
        self.entries = self.undecided = 0
        self.first: datetime | None = None
        self.last: datetime | None = None
        self.stress: list[StressPoint] = []
        self.groups = {key: _Group() for key in ("connect", "frictionless", "followed",
                                                 "overridden")}
        self.signals: Counter[str] = Counter()
        self.scenarios: Counter[str] = Counter()
        self.skipped: Counter[str] = Counter()
        self.last_next_time = ""

    def add(self, entry: EntryFacts) -> None:
        """The next entry, no older than the last one added."""
        self.entries += 1
        if self.first is None:
            self.first = entry.created
        self.last = entry.created
        drop = stress_drop(entry)
        if drop is not None:
            self.stress.append(StressPoint(entry.created, entry.stress_before,
                                           entry.stress_after))
        if entry.decision in ("connect", "frictionless"):
            self.groups[entry.decision].add(entry, drop)
        elif entry.decision is None:
            self.undecided += 1
        if entry.followed is True:
            self.groups["followed"].add(entry, drop)
        elif entry.followed is False:
            self.groups["overridden"].add(entry, drop)
        self.signals.update(entry.signals)
        if entry.playbook_title:
            self.scenarios[entry.playbook_title] += 1
        self.skipped.update(entry.steps_open)
        # A sensitive entry's words are shown only when it is opened.
        if not entry.sensitive and entry.next_time.strip():
            self.last_next_time = entry.next_time.strip()

    def insights(self, top_n: int = 5) -> Insights:
        return Insights(
            entries=self.entries,
            first=self.first,
            last=self.last,
            stress=tuple(self.stress),
            median_drop=_median([p.before - p.after for p in self.stress]),
            drops=len(self.stress),
            connect=self.groups["connect"].entries,
            frictionless=self.groups["frictionless"].entries,
            undecided=self.undecided,
            followed=self.groups["followed"].entries,
            overridden=self.groups["overridden"].entries,
            how_it_went={key: group.outcome() for key, group in self.groups.items()},
            top_signals=top(self.signals, top_n),
            top_scenarios=top(self.scenarios, top_n),
            most_skipped=top(self.skipped, top_n),
            last_next_time=self.last_next_time,
        )


def compute(reflections: Iterable[Reflection], top_n: int = 5) -> Insights:
    tally = Tally()
    for entry in sorted(reflections, key=lambda e: e.created):  # oldest first, whatever came in
        tally.add(facts_of(entry))
    return tally.insights(top_n)


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
