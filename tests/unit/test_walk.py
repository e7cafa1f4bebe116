"""The Walk and its recommendation rule, over the bundled playbooks and small in-test ones."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from coachtui.core.walk import STEPS, Walk, WalkAnswers, recommend
from tests.builders import bundled, tiny

NOW = datetime(2024, 5, 1, 21, 30, tzinfo=timezone.utc)
LATER = datetime(2024, 5, 1, 21, 45, tzinfo=timezone.utc)


def ids(signals) -> list[str]:
    return [s.id for s in signals]


# -- recommend() ----------------------------------------------------------------------

def test_vulnerable_always_connects_even_against_frictionless():
    book = bundled("dolphin").playbook  # usual lean: frictionless
    rec = recommend(book, ["confused", "card-out", "headphones", "one-word-answers"])
    assert rec.path == "connect"
    assert ids(rec.reasons) == ["confused"]
    assert ids(rec.vulnerable) == ["confused"]
    assert "vulnerable" in rec.rule


def test_more_connect_wins():
    rec = recommend(bundled("dolphin").playbook, ["lingers", "starts-chat", "card-out"])
    assert rec.path == "connect"
    assert ids(rec.reasons) == ["lingers", "starts-chat"]
    assert "2 signals toward connecting, 1 signal toward keeping it quick" in rec.rule


def test_deescalate_counts_toward_connect():
    # one connect + one de-escalate beat one frictionless, in a frictionless-by-default scenario
    rec = recommend(bundled("dolphin").playbook, ["lingers", "irritated", "card-out"])
    assert rec.path == "connect"
    assert set(ids(rec.reasons)) == {"lingers", "irritated"}
    assert ids(rec.deescalate) == ["irritated"]


def test_more_frictionless_wins():
    rec = recommend(bundled("late-shift").playbook, ["card-out", "checks-phone", "eye-contact"])
    assert rec.path == "frictionless"
    assert ids(rec.reasons) == ["card-out", "checks-phone"]
    assert rec.rule.startswith("2 signals toward keeping it quick, 1 signal toward connecting")


@pytest.mark.parametrize(("usual", "ticked"), [
    ("connect", ["c1", "f1"]),
    ("frictionless", ["c1", "f1"]),
    ("frictionless", ["d1", "f1"]),
    ("connect", ["c1", "c2", "f1", "f2"]),
])
def test_tie_goes_to_usual_lean(usual, ticked):
    rec = recommend(tiny(usual).playbook, ticked)
    assert rec.path == usual
    assert "even" in rec.rule
    assert set(ids(rec.reasons)) == set(ticked)


@pytest.mark.parametrize("usual", ["connect", "frictionless"])
def test_no_signals_goes_to_usual_lean(usual):
    rec = recommend(tiny(usual).playbook, [])
    assert rec.path == usual
    assert rec.rule.startswith("No signals")
    assert rec.reasons == ()
    assert rec.deescalate == rec.vulnerable == rec.safety == ()


def test_only_safety_signal_is_no_signal_for_the_path_but_fills_safety():
    rec = recommend(tiny("frictionless").playbook, ["s1"])
    assert rec.path == "frictionless"
    assert rec.rule.startswith("No signals")
    assert ids(rec.safety) == ["s1"]


def test_bundled_usual_leans():
    assert recommend(bundled("late-shift").playbook, []).path == "connect"
    assert recommend(bundled("dolphin").playbook, []).path == "frictionless"
    assert recommend(bundled("grumpy-regular").playbook, []).path == "connect"


def test_extra_tuples_are_filled_whatever_the_path():
    rec = recommend(bundled("grumpy-regular").playbook,
                    ["snaps", "repeats-complaint", "threat", "just-the-usual"])
    assert rec.path == "connect"
    assert ids(rec.deescalate) == ["snaps", "repeats-complaint"]
    assert ids(rec.safety) == ["threat"]
    assert rec.vulnerable == ()


def test_unknown_ticked_ids_are_ignored():
    rec = recommend(tiny("frictionless").playbook, ["nope", "c1"])
    assert rec.path == "connect"
    assert ids(rec.reasons) == ["c1"]


# -- Walk: steps ----------------------------------------------------------------------

def test_walk_starts_at_pause():
    walk = Walk.start(tiny(), NOW)
    assert walk.step == "pause"
    assert walk.step_number == 1
    assert walk.answers.playbook_id == "tiny"
    assert walk.answers.started == NOW


def test_advance_and_back_through_steps_and_clamp():
    walk = Walk.start(tiny(), NOW)
    assert walk.back() == "pause"  # clamped at the start
    seen = [walk.step]
    for _ in range(len(STEPS) - 1):
        seen.append(walk.advance())
    assert tuple(seen) == STEPS
    assert walk.step_number == len(STEPS)
    assert walk.advance() == "reflect"  # clamped at the end
    assert walk.advance() == "reflect"
    back = [walk.back() for _ in range(len(STEPS) - 1)]
    assert back == list(reversed(STEPS[:-1]))
    assert walk.back() == "pause"
    assert walk.step_number == 1


# -- Walk: signals and items ----------------------------------------------------------

def test_toggle_signal_adds_and_removes():
    walk = Walk.start(tiny(), NOW)
    walk.toggle_signal("c1")
    walk.toggle_signal("f1")
    assert walk.answers.signals == ["c1", "f1"]
    walk.toggle_signal("c1")
    assert walk.answers.signals == ["f1"]


def test_toggle_unknown_signal_raises_and_changes_nothing():
    walk = Walk.start(tiny(), NOW)
    walk.toggle_signal("c1")
    with pytest.raises(KeyError):
        walk.toggle_signal("no-such-signal")
    assert walk.answers.signals == ["c1"]


def test_act_items_connect_path_late_shift():
    scenario = bundled("late-shift")
    book = scenario.playbook
    walk = Walk.start(scenario, NOW)
    walk.toggle_signal("eye-contact")
    assert walk.path == "connect"
    items = walk.act_items()
    titles = [i.title for i in items]
    recovery = [s.title for s in scenario.steps]
    assert titles[: len(recovery)] == recovery == ["Control", "Acknowledge", "Refocus",
                                                   "Problem-solve"]
    assert [i.id for i in items[: len(recovery)]] == ["control", "acknowledge", "refocus",
                                                      "problem-solve"]
    # The playbook words the framework's steps for its own scene.
    assert items[0].detail == book.recovery.detail["control"]
    assert items[0].group == "Put it right (CARP)"
    assert titles[len(recovery):] == list(book.paths.connect)
    assert {i.group for i in items[len(recovery):]} == {"Connect"}
    assert not any(i.group == "No added effort" for i in items)
    assert not any(t in titles for t in book.paths.frictionless)


def test_act_items_frictionless_path_dolphin():
    book = bundled("dolphin").playbook
    walk = Walk.start(bundled("dolphin"), NOW)
    assert walk.path == "frictionless"
    items = walk.act_items()
    assert [i.title for i in items] == list(book.paths.frictionless)
    assert {i.group for i in items} == {"No added effort"}
    assert [i.id for i in items] == [f"frictionless-{n}" for n in range(1, len(items) + 1)]
    assert not any(i.group.startswith("Put it right") for i in items)


def test_decision_overrides_recommendation_for_items():
    walk = Walk.start(bundled("dolphin"), NOW)
    walk.answers.decision = "connect"
    items = walk.act_items()
    assert [i.id for i in items][:4] == ["listen", "apologize", "solve", "thank"]
    assert not any(i.id.startswith("frictionless-") for i in items)


def test_deescalate_items_come_first():
    book = bundled("late-shift").playbook
    walk = Walk.start(bundled("late-shift"), NOW)
    walk.toggle_signal("annoyed-at-wait")
    walk.toggle_signal("card-out")
    walk.toggle_signal("checks-phone")
    assert walk.path == "frictionless"
    items = walk.act_items()
    n = len(book.paths.deescalate)
    assert [i.title for i in items[:n]] == list(book.paths.deescalate)
    assert {i.group for i in items[:n]} == {"De-escalate first"}
    assert [i.title for i in items[n:]] == list(book.paths.frictionless)


def test_vulnerable_items_follow_deescalate_and_precede_the_path():
    book = bundled("late-shift").playbook
    walk = Walk.start(bundled("late-shift"), NOW)
    walk.toggle_signal("seems-unwell")
    walk.toggle_signal("annoyed-at-wait")
    groups = [i.group for i in walk.act_items()]
    first_vuln = groups.index("Care and dignity")
    assert set(groups[:first_vuln]) == {"De-escalate first"}
    assert groups[first_vuln + len(book.paths.vulnerable)].startswith("Put it right")


def test_no_deescalate_items_without_the_signal():
    walk = Walk.start(bundled("late-shift"), NOW)
    assert not any(i.group == "De-escalate first" for i in walk.act_items())


def test_breath_plan_follows_the_playbook():
    plan = Walk.start(tiny(), NOW).breath_plan
    assert plan.pattern.id == "box"
    assert plan.cycles == 4  # box's default
    plan = Walk.start(bundled("late-shift"), NOW).breath_plan
    assert plan.pattern.id == "cyclic-sigh"
    assert plan.cycles == 3


# -- Walk.to_reflection ---------------------------------------------------------------

def test_to_reflection_followed():
    book = bundled("late-shift").playbook
    walk = Walk.start(bundled("late-shift"), NOW)
    walk.answers.stress_before = 8
    walk.answers.breath_completed = True
    walk.answers.opener = book.greet.openers[0]
    walk.toggle_signal("eye-contact")
    walk.toggle_signal("kind-word")
    walk.answers.decision = "connect"
    walk.toggle_item("control")
    walk.toggle_item("connect-2")
    walk.answers.stress_after = 3
    walk.answers.went_well = "Stayed calm."
    walk.answers.tags = ["#Late", "late", "till"]
    r = walk.to_reflection(LATER)
    assert r.id == walk.answers.walk_id
    assert r.created == LATER
    assert r.kind == "walk"
    assert (r.playbook_id, r.playbook_title, r.channel) == ("late-shift", book.title, "counter")
    assert r.breath_pattern == "cyclic-sigh"
    assert r.breath_completed is True
    assert r.opener == book.greet.openers[0]
    assert r.recommended == "connect"
    assert r.decision == "connect"
    assert r.followed_recommendation is True
    assert r.recommendation_reason == walk.recommendation.rule
    assert r.steps_done == ["Control", book.paths.connect[1]]
    assert len(r.steps_done) + len(r.steps_open) == len(walk.act_items())
    assert "Acknowledge" in r.steps_open and "Control" not in r.steps_open
    assert [(s.id, s.label, s.lean) for s in r.signals] == [
        ("eye-contact", "Meets your eyes", "connect"),
        ("kind-word", "Offers a kind word or a joke", "connect"),
    ]
    assert (r.stress_before, r.stress_after) == (8, 3)
    assert r.went_well == "Stayed calm."
    assert r.tags == ["late", "till"]


def test_to_reflection_override_is_not_followed():
    book = bundled("late-shift").playbook
    walk = Walk.start(bundled("late-shift"), NOW)
    walk.toggle_signal("eye-contact")  # recommends connect
    walk.answers.decision = "frictionless"
    walk.toggle_item("frictionless-1")
    walk.toggle_item("control")  # not on this path: must not show up anywhere
    r = walk.to_reflection(LATER)
    assert r.recommended == "connect"
    assert r.decision == "frictionless"
    assert r.followed_recommendation is False
    assert r.steps_done == [book.paths.frictionless[0]]
    assert r.steps_open == list(book.paths.frictionless[1:])
    assert "Control" not in r.steps_done + r.steps_open


def test_to_reflection_without_decision_uses_recommendation():
    walk = Walk.start(bundled("dolphin"), NOW)
    r = walk.to_reflection(LATER)
    assert r.decision == r.recommended == "frictionless"
    assert r.followed_recommendation is True
    assert r.signals == []
    assert r.stress_before is None and r.stress_after is None
    assert r.steps_done == []


def test_walk_answers_round_trip_through_json():
    walk = Walk.start(tiny(), NOW)
    walk.toggle_signal("d1")
    walk.advance()
    copy = WalkAnswers.model_validate_json(walk.answers.model_dump_json())
    assert copy == walk.answers
    assert Walk(tiny(), copy).step == "greet"
