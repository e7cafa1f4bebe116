"""Insights over a small hand-written journal: every number worked out by hand below."""

from __future__ import annotations

import random
from datetime import datetime, timezone

import pytest

from coachtui.core.insights import Insights, Outcome, StressPoint, compute, sparkline
from coachtui.core.reflection import Reflection, SeenSignal


def day(n: int) -> datetime:
    return datetime(2026, 1, n, 9, 0, tzinfo=timezone.utc)


SIGNALS = {"Upset": "deescalate", "Hurried": "frictionless", "Card out": "frictionless"}


def entry(n: int, decision=None, recommended=None, before=None, after=None, signals=(),
          title="", steps_open=(), left=(), next_time="", kind="walk") -> Reflection:
    return Reflection(
        created=day(n), kind=kind, playbook_title=title, decision=decision,
        recommended=recommended,
        followed_recommendation=None if decision is None else decision == recommended,
        stress_before=before, stress_after=after,
        signals=[SeenSignal(id=label.lower().replace(" ", "-"), label=label, lean=SIGNALS[label])
                 for label in signals],
        steps_open=list(steps_open), customer_left=list(left), next_time=next_time)


# drop = before - after.       decision       suggested      before after  drop
JOURNAL = [
    entry(1, "connect", "connect", 8, 4, ["Upset", "Hurried"], "Late shift",        # 4
          ["Own it", "Fix it"], ["calmer"], "Breathe first"),
    entry(2, "frictionless", "connect", 6, 5, ["Hurried"], "Dolphin",               # 1
          ["Own it"], ["frustrated"]),
    entry(3, "connect", "connect", 9, 3, ["Upset"], "Late shift",                   # 6
          [], ["respected", "angry"], "Ask their name"),
    entry(4, "frictionless", "frictionless", 5, 5, ["Card out"], "Dolphin",         # 0
          ["Say goodbye"], []),
    entry(5, "connect", "frictionless", 7, None, ["Upset", "Card out"], "Angry caller",  # -
          ["Own it"], ["ignored"]),
    entry(6, before=4, after=2, next_time="Slow down", kind="quick"),               # 2
    entry(7, "connect", "connect", 3, 4, ["Upset"], "Late shift",                   # -1
          ["Fix it"], ["understood"], "   "),
    entry(8, "frictionless", "frictionless", None, None, ["Hurried"], "Dolphin",    # -
          ["Own it"], ["done, no fuss"]),
]


@pytest.fixture(params=["in order", "shuffled"])
def insights(request) -> Insights:
    entries = list(JOURNAL)
    if request.param == "shuffled":  # the journal lists newest first; order must not matter
        random.Random(3).shuffle(entries)
    return compute(entries)


def test_stress_over_time_and_the_median_drop(insights):
    assert insights.entries == 8
    assert (insights.first, insights.last) == (day(1), day(8))
    assert insights.stress == (StressPoint(day(1), 8, 4), StressPoint(day(2), 6, 5),
                               StressPoint(day(3), 9, 3), StressPoint(day(4), 5, 5),
                               StressPoint(day(6), 4, 2), StressPoint(day(7), 3, 4))
    # drops -1, 0, 1, 2, 4, 6: the median is halfway between 1 and 2
    assert (insights.median_drop, insights.drops) == (1.5, 6)


def test_decisions_and_overrides(insights):
    assert (insights.connect, insights.frictionless, insights.undecided) == (4, 3, 1)
    assert (insights.followed, insights.overridden) == (5, 2)


def test_how_each_went(insights):
    assert insights.how_it_went == {
        # drops 4, 6, -1 (entry 5 has no after); 3 of 4 left fine or better
        "connect": Outcome(entries=4, median_drop=4.0, drops=3, fine_or_better_share=0.75,
                           left_answered=4),
        # drops 1, 0; entry 4 did not say how the customer left: not counted either way
        "frictionless": Outcome(entries=3, median_drop=0.5, drops=2, fine_or_better_share=0.5,
                                left_answered=2),
        # entries 1, 3, 4, 7, 8: drops 4, 6, 0, -1; all four answers hold a good word
        "followed": Outcome(entries=5, median_drop=2.0, drops=4, fine_or_better_share=1.0,
                            left_answered=4),
        # entries 2 and 5: one drop; neither customer left fine or better
        "overridden": Outcome(entries=2, median_drop=1.0, drops=1, fine_or_better_share=0.0,
                              left_answered=2),
    }


def test_most_common_signals_scenarios_and_skipped_steps(insights):
    assert insights.top_signals == (("Upset", 4), ("Hurried", 3), ("Card out", 2))
    # a tie is broken alphabetically, so the report reads the same every run
    assert insights.top_scenarios == (("Dolphin", 3), ("Late shift", 3), ("Angry caller", 1))
    assert insights.most_skipped == (("Own it", 4), ("Fix it", 2), ("Say goodbye", 1))


def test_top_n_limits_the_lists():
    assert compute(JOURNAL, top_n=2).most_skipped == (("Own it", 4), ("Fix it", 2))
    assert compute(JOURNAL, top_n=1).top_signals == (("Upset", 4),)


def test_the_last_next_time_is_the_newest_with_words(insights):
    # entry 8 left it empty and entry 7 only typed spaces: entry 6's words are the latest
    assert insights.last_next_time == "Slow down"


def test_an_empty_journal_gives_empty_values():
    empty = compute([])
    assert empty.entries == 0 and empty.first is None and empty.last is None
    assert empty.stress == () and empty.median_drop is None and empty.drops == 0
    assert (empty.connect, empty.frictionless, empty.followed, empty.overridden) == (0, 0, 0, 0)
    assert empty.how_it_went == {key: Outcome() for key in
                                 ("connect", "frictionless", "followed", "overridden")}
    assert empty.top_signals == empty.top_scenarios == empty.most_skipped == ()
    assert empty.last_next_time == ""


def test_entries_without_ratings_or_answers_divide_by_nothing():
    bare = compute([entry(1, "connect", "frictionless"), entry(2, kind="quick")])
    assert bare.median_drop is None
    assert bare.how_it_went["connect"] == Outcome(entries=1)
    assert bare.how_it_went["overridden"].fine_or_better_share is None


# -- sparkline --------------------------------------------------------------------------

def test_sparkline_uses_a_fixed_0_to_10_scale():
    assert sparkline(list(range(11)), 11) == "▁▂▂▃▄▅▅▆▇▇█"
    # not relative: a calm run stays low, a middling one stays in the middle
    assert sparkline([1, 2, 1], 10) == "▂▂▂"
    assert sparkline([5, 5, 5], 10) == "▅▅▅"
    assert sparkline([-3, 15], 10) == "▁█"  # out of range is clamped, not an error


def test_sparkline_averages_buckets_when_values_outnumber_the_width():
    assert sparkline([0, 0, 10, 10], 2) == "▁█"
    assert sparkline([0, 10, 0, 10], 2) == "▅▅"
    # five into two: buckets [10, 0] (5 -> ▅) and [0, 0, 10] (3.3 -> ▃)
    assert sparkline([10, 0, 0, 0, 10], 2) == "▅▃"
    assert len(sparkline([7] * 1000, 48)) == 48


def test_sparkline_of_nothing():
    assert sparkline([], 10) == ""
    assert sparkline([1, 2], 0) == ""


def test_a_customer_who_left_fine_is_not_a_bad_outcome():
    """A limit rightly held can leave someone simply fine: that answer counts with the good ones,
    and an entry saved before the answer existed still loads and counts as before."""
    held = entry(1, "frictionless", "frictionless", left=["fine, nothing special"])
    upset = entry(2, "frictionless", "frictionless", left=["frustrated"])
    old = Reflection.model_validate_json(
        '{"created": "2026-01-03T09:00:00Z", "decision": "frictionless", '
        '"customer_left": ["done, no fuss"]}')
    went = compute([held, upset, old]).how_it_went["frictionless"]
    assert went.left_answered == 3
    assert went.fine_or_better_share == pytest.approx(2 / 3)
