"""The Walk and its decision, over the bundled playbooks and small in-test ones."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from coachtui.core.walk import STEPS, Walk, WalkAnswers
from tests.builders import bundled, tiny

NOW = datetime(2024, 5, 1, 21, 30, tzinfo=timezone.utc)
LATER = datetime(2024, 5, 1, 21, 45, tzinfo=timezone.utc)


def ids(signals) -> list[str]:
    return [s.id for s in signals]


# -- the decision, on the bundled playbooks (the table itself is in test_decision.py) ------

def test_a_care_need_adds_guidance_without_overruling_the_signals():
    walk = Walk.start(bundled("dolphin"), NOW)  # usual lean: frictionless
    walk.set_signals(["confused", "card-out", "headphones", "one-word-answers"])
    assert walk.path == "frictionless"
    groups = [i.group for i in walk.act_items()]
    assert groups[0] == "Care and time" and groups[-1] == "No added effort"


def test_calming_is_not_a_vote_for_connecting():
    walk = Walk.start(bundled("dolphin"), NOW)
    walk.set_signals(["lingers", "irritated", "card-out"])  # 1 each way: the usual path
    assert walk.path == "frictionless"
    assert "even" in walk.decision.register.rule
    assert [i.group for i in walk.act_items()][0] == "Calm it first"


def test_the_customers_own_words_outweigh_glances():
    walk = Walk.start(bundled("someone-elses-mistake"), NOW)
    walk.set_signals(["wants-to-be-heard", "not-your-fault", "just-fix-it"])
    assert walk.path == "frictionless"
    assert walk.decision.register.rule.startswith("Weighed 2 toward connecting, 3 toward")


def test_bundled_usual_leans():
    for playbook_id, usual in (("late-shift", "connect"), ("dolphin", "frictionless"),
                               ("grumpy-regular", "connect")):
        assert Walk.start(bundled(playbook_id), NOW).path == usual


def test_unknown_ticked_ids_are_dropped():
    walk = Walk.start(tiny("frictionless"), NOW)
    walk.set_signals(["nope", "c1"])
    assert walk.answers.signals == ["c1"] and walk.path == "connect"


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


def test_act_items_connect_path_late_shift_when_something_went_wrong():
    scenario = bundled("late-shift")
    book = scenario.playbook
    walk = Walk.start(scenario, NOW)
    walk.toggle_signal("eye-contact")
    walk.answer_went_wrong(True)
    assert walk.path == "connect"
    items = walk.act_items()
    titles = [i.title for i in items]
    recovery = [s.title for s in scenario.steps]
    assert titles[: len(recovery)] == recovery == ["Control", "Acknowledge", "Refocus",
                                                   "Problem-solve"]
    # The playbook words the framework's steps for its own scene.
    assert items[0].detail == book.recovery.detail["control"]
    assert items[0].group == "Put it right (CARP)"
    assert titles[len(recovery):] == list(book.paths.connect)
    assert {i.group for i in items[len(recovery):]} == {"Ways to connect"}
    assert not any(t in titles for t in book.paths.frictionless)


def test_nothing_went_wrong_no_recovery_list_even_on_connect():
    walk = Walk.start(bundled("late-shift"), NOW)
    walk.toggle_signal("eye-contact")
    assert walk.path == "connect"
    assert [i.group for i in walk.act_items()] == ["Ways to connect"] * len(walk.playbook.paths.connect)


def test_act_items_frictionless_path_dolphin():
    book = bundled("dolphin").playbook
    walk = Walk.start(bundled("dolphin"), NOW)
    assert walk.path == "frictionless"
    items = walk.act_items()
    assert [i.title for i in items] == list(book.paths.frictionless)
    assert {i.group for i in items} == {"No added effort"}
    assert [i.id for i in items] == [f"frictionless-{n}" for n in range(1, len(items) + 1)]


def test_something_wrong_on_frictionless_gives_the_fast_fix():
    walk = Walk.start(bundled("dolphin"), NOW)
    walk.set_signals(["order-gone-wrong", "card-out"])
    assert walk.path == "frictionless"
    fixes = [i for i in walk.act_items() if i.group.startswith("Fix it fast")]
    assert [i.id for i in fixes] == ["solve", "thank"]
    walk.decide("connect")
    assert [i.id for i in walk.act_items() if i.group.startswith("Put it right")] == [
        "listen", "apologize", "solve", "thank"]
    assert not any(i.id.startswith("frictionless-") for i in walk.act_items())


def test_calming_items_come_first():
    book = bundled("late-shift").playbook
    walk = Walk.start(bundled("late-shift"), NOW)
    walk.set_signals(["annoyed-at-wait", "card-out", "checks-phone"])
    assert walk.path == "frictionless"
    items = walk.act_items()
    n = len(book.paths.deescalate)
    assert [i.title for i in items[:n]] == list(book.paths.deescalate)
    assert {i.group for i in items[:n]} == {"Calm it first"}
    # the wait is something gone wrong: the fast fix, then the quick path
    assert items[n].group.startswith("Fix it fast")
    assert [i.title for i in items][-len(book.paths.frictionless):] == list(book.paths.frictionless)


def test_care_items_follow_calming_and_precede_the_path():
    book = bundled("late-shift").playbook
    walk = Walk.start(bundled("late-shift"), NOW)
    walk.set_signals(["seems-unwell", "annoyed-at-wait"])
    groups = [i.group for i in walk.act_items()]
    first_care = groups.index("Care and time")
    assert set(groups[:first_care]) == {"Calm it first"}
    assert groups[first_care + len(book.paths.care_lines)].startswith("Put it right")


def test_no_calming_items_without_the_signal():
    walk = Walk.start(bundled("late-shift"), NOW)
    assert not any(i.group == "Calm it first" for i in walk.act_items())


def test_a_safety_signal_ends_the_coaching():
    walk = Walk.start(bundled("angry-caller"), NOW)
    walk.set_signals(["threat", "warms-to-name", "raised-voice"])
    assert walk.decision.safety and walk.path is None and walk.act_items() == []
    assert walk.steps == ("pause", "greet", "read", "decide", "reflect")
    assert walk.step_title("decide") == "Safety"
    assert walk.safety_lines()[:2] == list(walk.playbook.paths.safety)
    walk.decide("connect")
    r = walk.to_reflection(LATER)
    assert r.safety is True and r.decision is None and r.recommended is None
    assert r.steps_done == r.steps_open == []


def test_a_walk_about_yourself_has_its_own_steps_and_no_decide():
    scenario = bundled("after-the-storm")
    walk = Walk.start(scenario, NOW)
    assert walk.steps == ("pause", "greet", "read", "act", "reflect")
    walk.set_signals(["still-angry", "drained"])
    items = walk.act_items()
    assert items[0].group == "Calm it first"
    assert [i.id for i in items if i.group.startswith("Your steps")] == [
        s.id for s in scenario.steps]
    reframe = next(i for i in items if i.id == "reframe")
    assert reframe.skip_note == "Skip this if you were treated badly."
    walk.toggle_item("reframe")
    walk.mark_item("reframe", "skipped")  # skipping a step done takes it off the done list
    r = walk.to_reflection(LATER)
    assert r.steps_skipped == ["Reframe once"] and "Reframe once" not in r.steps_open
    assert r.decision is None and r.followed_recommendation is None


def test_breath_plan_follows_the_playbook():
    plan = Walk.start(tiny(), NOW).breath_plan
    assert plan.pattern.id == "box"
    assert plan.cycles == 4  # box's default
    plan = Walk.start(bundled("late-shift"), NOW).breath_plan
    assert plan.pattern.id == "cyclic-sigh"
    assert plan.cycles == 3


def test_a_customer_walk_takes_the_now_reset_and_a_self_walk_the_deeper_one():
    walk = Walk.start(bundled("late-shift"), NOW)
    assert walk.reset == "now"
    assert walk.reset_plan().total_seconds <= 12  # a customer is waiting
    assert walk.reset_plan(60).pattern.id == "one-breath"  # the remembered length is the deeper's
    storm = Walk.start(bundled("after-the-storm"), NOW)
    assert storm.reset == "deeper"
    assert storm.reset_plan() == storm.breath_plan  # the scenario's own pattern and length
    assert Walk.start(bundled("late-shift"), NOW, reset="deeper").reset == "deeper"


def test_going_deeper_uses_the_scenarios_pattern_for_the_remembered_length():
    walk = Walk.start(bundled("late-shift"), NOW)
    walk.go_deeper()
    assert walk.answers.reset == "deeper"
    assert walk.reset_plan() == walk.breath_plan
    plan = walk.reset_plan(65)
    assert (plan.pattern.id, plan.cycles) == ("cyclic-sigh", 5)
    assert walk.to_reflection(LATER).breath_pattern == "cyclic-sigh"
    resumed = Walk(walk.scenario, WalkAnswers.model_validate(walk.answers.model_dump()))
    assert resumed.reset == "deeper"  # a draft keeps it


# -- Walk.to_reflection ---------------------------------------------------------------

def test_to_reflection_followed():
    book = bundled("late-shift").playbook
    walk = Walk.start(bundled("late-shift"), NOW)
    walk.rate_before(8)
    walk.finish_breath()
    walk.choose_opener("", 0)
    walk.toggle_signal("eye-contact")
    walk.toggle_signal("kind-word")
    walk.answer_went_wrong(True)
    walk.decide("connect")
    walk.toggle_item("control")
    walk.toggle_item("connect-2")
    walk.reflect(stress_after=3, went_well="Stayed calm.", tags=["#Late", "late", "till"])
    r = walk.to_reflection(LATER)
    assert r.id == walk.answers.walk_id
    assert r.created == LATER
    assert r.kind == "walk"
    assert (r.playbook_id, r.playbook_title, r.channel) == ("late-shift", book.title, "counter")
    assert r.breath_pattern == "one-breath"  # what was breathed: the Now reset
    assert r.breath_completed is True
    assert r.opener == book.greet.openers[0]
    assert r.recommended == "connect"
    assert r.decision == "connect"
    assert r.followed_recommendation is True
    assert r.recommendation_reason == walk.decision.register.rule
    assert r.something_went_wrong is True and r.safety is False
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
    walk.decide("frictionless")
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


def test_act_items_are_marked_one_at_a_time_and_the_step_resumes_after_the_last_mark():
    walk = Walk.start(bundled("late-shift"), NOW)
    walk.set_signals(["eye-contact", "kind-word"])
    walk.answer_went_wrong(True)
    first, second, third = (item.id for item in walk.act_items()[:3])
    assert walk.act_resume_index == 0
    walk.mark_item(first, "done")
    walk.mark_item(third, "skipped")
    assert walk.act_resume_index == 3
    walk.mark_item(third, "done")  # done instead: off the skipped list
    walk.mark_item(second, "skipped")
    walk.mark_item("not-a-step", "done")  # ignored
    assert walk.answers.items_done == [first, third]
    assert walk.answers.items_skipped == [second]
    assert walk.item_mark(second) == "skipped" and walk.item_mark(first) == "done"
    walk.mark_item(third, None)  # open again
    assert walk.item_mark(third) is None and walk.act_resume_index == 2
    r = walk.to_reflection(LATER)
    titles = {item.id: item.title for item in walk.act_items()}
    assert r.steps_done == [titles[first]] and r.steps_skipped == [titles[second]]
    assert titles[third] in r.steps_open
