"""BreathPlan.at(): the one clock the pacer, the countdown and these tests share."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachtui.core.breathing import (BELLS, DIRECTION, PATTERNS, PHASE_WORDS, BreathPlan,
                                     ease_in_out, now_plan, plan_for, plan_lasting)


def kinds_over_one_cycle(plan: BreathPlan, step: float = 0.5) -> list[str]:
    """The distinct phase kinds met while walking through the first cycle, in order."""
    seen: list[str] = []
    t = 0.0
    while t < plan.pattern.cycle_seconds:
        kind = plan.at(t).phase.kind
        if not seen or seen[-1] != kind:
            seen.append(kind)
        t += step
    return seen


# -- phase sequence and words -------------------------------------------------------

@pytest.mark.parametrize(
    ("pattern_id", "expected_kinds", "cycle_seconds"),
    [
        ("cyclic-sigh", ["inhale", "top-up", "exhale"], 13),
        ("steady", ["inhale", "exhale"], 10),
        ("box", ["inhale", "hold", "exhale", "hold"], 16),
        ("4-7-8", ["inhale", "hold", "exhale"], 19),
    ],
)
def test_phase_sequence_per_pattern(pattern_id, expected_kinds, cycle_seconds):
    plan = plan_for(pattern_id)
    assert plan.pattern.cycle_seconds == cycle_seconds
    assert kinds_over_one_cycle(plan) == expected_kinds


def test_cyclic_sigh_timings_and_words():
    plan = plan_for("cyclic-sigh")
    expectations = [
        # elapsed, kind, words, phase_index, phase_remaining
        (0.0, "inhale", "Breathe in", 0, 4.0),
        (3.5, "inhale", "Breathe in", 0, 0.5),
        (4.0, "top-up", "A little more in", 1, 1.0),
        (4.5, "top-up", "A little more in", 1, 0.5),
        (5.0, "exhale", "Breathe out, slowly", 2, 8.0),
        (12.0, "exhale", "Breathe out, slowly", 2, 1.0),
        (13.0, "inhale", "Breathe in", 0, 4.0),  # the next cycle starts again
    ]
    for elapsed, kind, words, index, remaining in expectations:
        moment = plan.at(elapsed)
        assert moment.phase.kind == kind, elapsed
        assert moment.words == words, elapsed
        assert moment.phase_index == index, elapsed
        assert moment.phase_remaining == pytest.approx(remaining), elapsed
        assert not moment.done


def test_box_and_478_show_hold_words():
    box = plan_for("box")
    assert [box.at(t).words for t in (0, 4, 8, 12)] == [
        "Breathe in", "Hold", "Breathe out, slowly", "Hold"]
    four_seven_eight = plan_for("4-7-8")
    assert [four_seven_eight.at(t).words for t in (0, 4, 10.9, 11, 18.9)] == [
        "Breathe in", "Hold", "Hold", "Breathe out, slowly", "Breathe out, slowly"]


def test_steady_has_no_hold_and_no_top_up():
    plan = plan_for("steady")
    kinds = {plan.at(t / 4).phase.kind for t in range(int(plan.total_seconds * 4))}
    assert kinds == {"inhale", "exhale"}


def test_every_phase_kind_has_words():
    for pattern in PATTERNS.values():
        for phase in pattern.phases:
            assert PHASE_WORDS[phase.kind]


# -- cycles, countdown, done --------------------------------------------------------

def test_cycle_counting_cyclic_sigh():
    plan = plan_for("cyclic-sigh", 3)
    assert plan.total_seconds == 39
    assert [plan.at(t).cycle for t in (0, 12.99, 13, 25.99, 26, 38.99)] == [1, 1, 2, 2, 3, 3]
    assert all(plan.at(t).cycles == 3 for t in (0, 20, 38))


def test_remaining_total_counts_down():
    plan = plan_for("steady", 2)
    assert plan.at(0).remaining_total == pytest.approx(20)
    assert plan.at(7.5).remaining_total == pytest.approx(12.5)
    assert plan.at(19.75).remaining_total == pytest.approx(0.25)


def test_countdown_within_a_phase_goes_down_by_elapsed_time():
    plan = plan_for("4-7-8")
    # the hold runs from 4 s to 11 s
    assert plan.at(4).phase_remaining == pytest.approx(7)
    assert plan.at(6.25).phase_remaining == pytest.approx(4.75)
    assert plan.at(10.5).phase_remaining == pytest.approx(0.5)


@pytest.mark.parametrize("pattern_id", sorted(PATTERNS))
def test_done_at_and_after_total_seconds(pattern_id):
    plan = plan_for(pattern_id)
    assert not plan.at(plan.total_seconds - 0.01).done
    for elapsed in (plan.total_seconds, plan.total_seconds + 0.5, plan.total_seconds * 10):
        moment = plan.at(elapsed)
        assert moment.done
        assert moment.remaining_total == 0
        assert moment.cycle == plan.cycles
        assert moment.phase_remaining == 0
        assert moment.phase_index == len(plan.pattern.phases) - 1
        # every pattern ends on an empty breath (exhale, or box's hold after the exhale)
        assert moment.lung_fill == pytest.approx(0.0)


def test_negative_elapsed_is_the_start():
    plan = plan_for("cyclic-sigh")
    moment = plan.at(-3)
    assert moment.cycle == 1
    assert moment.phase.kind == "inhale"
    assert moment.phase_elapsed == 0
    assert moment.remaining_total == plan.total_seconds


# -- lung fill (the animation) ------------------------------------------------------

def _fills(plan: BreathPlan, start: float, end: float, steps: int = 20) -> list[float]:
    return [plan.at(start + (end - start) * i / steps).lung_fill for i in range(steps)]


def _non_decreasing(values):
    return all(a <= b + 1e-9 for a, b in zip(values, values[1:]))


def _non_increasing(values):
    return all(a + 1e-9 >= b for a, b in zip(values, values[1:]))


def test_lung_fill_cyclic_sigh():
    plan = plan_for("cyclic-sigh")
    inhale, top_up, exhale = _fills(plan, 0, 4), _fills(plan, 4, 5), _fills(plan, 5, 13)
    assert _non_decreasing(inhale + top_up)
    assert inhale[-1] > inhale[0]
    assert _non_increasing(exhale)
    assert exhale[0] > exhale[-1]
    assert plan.at(0).lung_fill == pytest.approx(0.0)
    assert plan.at(2).lung_fill == pytest.approx(0.4)  # the inhale leaves room for the top-up
    assert plan.at(4).lung_fill == pytest.approx(0.8)
    assert plan.at(4.5).lung_fill == pytest.approx(0.9)
    assert plan.at(5).lung_fill == pytest.approx(1.0)
    assert plan.at(9).lung_fill == pytest.approx(0.5)


def test_lung_fill_steady_inhale_reaches_full_without_top_up():
    plan = plan_for("steady")
    assert plan.at(2).lung_fill == pytest.approx(0.5)
    assert plan.at(3.99).lung_fill == pytest.approx(0.9975)
    assert plan.at(7).lung_fill == pytest.approx(0.5)
    assert _non_decreasing(_fills(plan, 0, 4))
    assert _non_increasing(_fills(plan, 4, 10))


def test_hold_after_inhale_is_full_and_after_exhale_is_empty():
    box = plan_for("box")
    for t in (4, 6, 7.9):  # hold after inhale
        assert box.at(t).lung_fill == 1.0
    for t in (12, 14, 15.9):  # hold after exhale
        assert box.at(t).lung_fill == 0.0
    four_seven_eight = plan_for("4-7-8")
    for t in (4, 8, 10.9):
        assert four_seven_eight.at(t).lung_fill == 1.0


@settings(max_examples=200, deadline=None, database=None)
@given(pattern_id=st.sampled_from(sorted(PATTERNS)),
       cycles=st.integers(min_value=1, max_value=12),
       fraction=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_moment_invariants(pattern_id, cycles, fraction):
    plan = plan_for(pattern_id, cycles)
    elapsed = plan.total_seconds * fraction
    moment = plan.at(elapsed)
    assert not moment.done
    assert 1 <= moment.cycle <= moment.cycles == plan.cycles
    assert 0 <= moment.phase_elapsed < moment.phase.seconds
    assert 0 < moment.phase_remaining <= moment.phase.seconds
    assert 0 < moment.remaining_total <= plan.total_seconds
    assert 0.0 <= moment.lung_fill <= 1.0
    assert 0.0 <= moment.phase_progress < 1.0
    assert moment.phase is plan.pattern.phases[moment.phase_index]


# -- the shape's size: the lung fill, eased at each turn ----------------------------

def test_easing_is_slow_at_both_ends_and_symmetric():
    assert ease_in_out(0) == 0 and ease_in_out(1) == pytest.approx(1)
    assert ease_in_out(0.5) == pytest.approx(0.5)
    assert ease_in_out(0.1) < 0.1 and ease_in_out(0.9) > 0.9  # gentle at the turns
    for p in (0.1, 0.25, 0.4):
        assert ease_in_out(p) + ease_in_out(1 - p) == pytest.approx(1)
    steps = [ease_in_out(i / 20) for i in range(21)]
    gaps = [b - a for a, b in zip(steps, steps[1:])]
    assert all(gap > 0 for gap in gaps)
    assert gaps[0] < gaps[9] > gaps[-1]  # fastest mid-breath


def test_size_grows_on_the_in_breath_and_shrinks_on_the_out_breath_with_easing():
    plan = plan_for("steady")  # in 4, out 6
    inhale = [plan.at(t / 10).size for t in range(0, 40)]
    exhale = [plan.at(4 + t / 10).size for t in range(0, 60)]
    assert _non_decreasing(inhale) and inhale[-1] > 0.99
    assert _non_increasing(exhale) and exhale[-1] < 0.01
    assert plan.at(1).size < plan.at(1).lung_fill  # eased: slower than linear at the start
    assert plan.at(3).size > plan.at(3).lung_fill  # and it settles in at the top
    assert plan.at(2).size == pytest.approx(0.5)
    sigh = plan_for("cyclic-sigh")  # the top-up carries on from where the inhale stopped
    assert sigh.at(3.999).size == pytest.approx(0.8, abs=1e-3)
    assert sigh.at(4).size == pytest.approx(0.8)
    box = plan_for("box")
    assert box.at(5).size == 1.0 and box.at(13).size == 0.0  # holds keep still


def test_in_hold_and_out_are_told_apart():
    assert {DIRECTION[kind] for kind in PHASE_WORDS} == {"in", "hold", "out"}
    assert DIRECTION["top-up"] == "in"
    assert BELLS["in"] != BELLS["out"] != BELLS["end"] != BELLS["in"]


# -- the two resets ---------------------------------------------------------------------

def test_the_now_reset_is_about_ten_seconds_and_out_longer_than_in():
    plan = now_plan()
    assert 8 <= plan.total_seconds <= 12
    assert [plan.at(t).phase.kind for t in (0, 5)] == ["inhale", "exhale"]
    phases = {phase.kind: phase.seconds for phase in plan.pattern.phases}
    assert phases["exhale"] > phases["inhale"]
    assert plan.pattern.id not in PATTERNS  # a scenario's deeper pattern is one of those


@pytest.mark.parametrize(("pattern_id", "seconds", "cycles"),
                         [("cyclic-sigh", 60, 5), ("steady", 90, 9), ("box", 64, 4),
                          ("4-7-8", 600, 4), ("steady", 1, 1), ("steady", -5, 1)])
def test_a_length_in_seconds_becomes_whole_breaths_of_any_pattern(pattern_id, seconds, cycles):
    assert plan_lasting(pattern_id, seconds).cycles == cycles


def test_longer_and_shorter_stay_within_the_pattern():
    plan = plan_for("4-7-8", 3)
    assert plan.longer().cycles == 4 and plan.longer().longer().cycles == 4
    assert plan_for("steady", 1).shorter().cycles == 1
    assert plan_for("steady", 6).shorter().total_seconds == 50


# -- plan_for -------------------------------------------------------------------------

def test_plan_for_defaults():
    assert plan_for("cyclic-sigh").cycles == 3
    assert plan_for("steady").cycles == 6
    assert plan_for("box").cycles == 4
    assert plan_for("4-7-8").cycles == 4


@pytest.mark.parametrize(
    ("pattern_id", "asked", "got"),
    [
        ("4-7-8", 10, 4),
        ("4-7-8", 5, 4),
        ("4-7-8", 2, 2),
        ("cyclic-sigh", 99, 12),
        ("box", 9, 8),
        ("steady", 0, 1),
        ("steady", -4, 1),
    ],
)
def test_plan_for_clamps_cycles(pattern_id, asked, got):
    plan = plan_for(pattern_id, asked)
    assert plan.cycles == got
    assert plan.total_seconds == plan.pattern.cycle_seconds * got


def test_plan_for_unknown_pattern():
    with pytest.raises(KeyError):
        plan_for("hyperventilate")


def test_478_evidence_says_limited():
    pattern = PATTERNS["4-7-8"]
    assert "limited evidence" in pattern.evidence.lower()
    assert pattern.max_cycles == 4
    # the better-supported patterns do not carry the warning
    assert "limited" not in PATTERNS["cyclic-sigh"].evidence.lower()


# "Author et al., 2014" or "Author, 2014": one citation style for every pattern.
CITATION = re.compile(r"\(([A-Z][A-Za-z ]+?)( et al\.)?, (\d{4})\)")


def test_every_citation_has_one_style():
    for pattern in PATTERNS.values():
        for bracketed in re.findall(r"\([^)]*\d{4}[^)]*\)", pattern.evidence):
            assert CITATION.fullmatch(bracketed), (pattern.id, bracketed)


def test_each_claim_is_credited_to_the_study_that_made_it():
    # the longer out-breath is Van Diest's finding, not a biofeedback-training review's
    assert "Van Diest et al., 2014" in PATTERNS["steady"].evidence
    assert "Goessl" not in PATTERNS["steady"].evidence
    sigh = PATTERNS["cyclic-sigh"].evidence
    assert "Balban et al., 2023" in sigh and "5 minutes a day" in sigh and "month" in sigh
    # in that trial anxiety fell in every arm: box breathing lifted mood less, it did not calm less
    box = PATTERNS["box"].evidence
    assert "lifted mood less" in box and "calmed" not in box


@pytest.mark.parametrize("pattern_id", sorted(PATTERNS))
def test_patterns_with_holds_carry_the_fuller_safety_line(pattern_id):
    pattern = PATTERNS[pattern_id]
    line = pattern.safety_line
    assert "dizzy" in line and "Not medical advice" in line
    fuller = all(word in line for word in ("pregnant", "heart", "breathing condition",
                                           "breathe normally"))
    assert fuller == pattern.holds_breath
    assert pattern.holds_breath == (pattern_id in ("box", "4-7-8"))
