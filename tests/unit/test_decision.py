"""The three-part decision, as a table: first things first, how to meet them, putting it right."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coachtui.core.decision import asks_went_wrong, decide
from coachtui.core.playbook import Playbook
from tests.builders import tiny_data


def book(usual: str = "connect", kind: str = "customer", went_wrong: bool = False) -> Playbook:
    data = tiny_data(usual)
    data["signals"] = [
        {"id": "c1", "label": "Lingers", "lean": "connect"},
        {"id": "c2", "label": "Chats", "lean": "connect"},
        {"id": "f1", "label": "Card out", "lean": "frictionless"},
        {"id": "said-quick", "label": "Says just fix it, no chat", "lean": "frictionless",
         "weight": 3},
        {"id": "d1", "label": "Raised voice", "lean": "deescalate"},
        {"id": "third", "label": "Third call", "lean": "deescalate", "went_wrong": True},
        {"id": "care", "label": "Mentions a loss", "lean": "care"},
        {"id": "old-care", "label": "Seems confused", "lean": "vulnerable"},
        {"id": "lang", "label": "Struggles with the language", "lean": "communication"},
        {"id": "broken", "label": "Order arrived wrong", "lean": "went-wrong"},
        {"id": "s1", "label": "Threatens harm", "lean": "safety"},
    ]
    return Playbook.model_validate(data | {"kind": kind, "something_went_wrong": went_wrong})


# (ticked, went-wrong answer, usual path) -> (stop, path, rule says, recovery: None / "full" / "fast")
TABLE = [
    # no signals, ties: the usual path, said in words
    ([], None, "connect", False, "connect", "No signals point either way", None),
    ([], None, "frictionless", False, "frictionless", "usual path: stay frictionless", None),
    (["c1", "f1"], None, "frictionless", False, "frictionless", "even", None),
    (["c1", "f1"], None, "connect", False, "connect", "even", None),
    # weights: the customer's own words outweigh two glances
    (["c1", "c2", "said-quick"], None, "connect", False, "frictionless",
     "Weighed 2 toward connecting, 3 toward keeping it quick", None),
    (["c1", "c2", "f1"], None, "frictionless", False, "connect", "Weighed 2", None),
    # calming first: never a vote for connect
    (["d1", "f1"], None, "connect", False, "frictionless", "Weighed 0 toward connecting", None),
    (["d1"], None, "frictionless", False, "frictionless", "No signals point either way", None),
    # care needs add guidance; they do not overrule "just fix it"
    (["care", "said-quick"], None, "connect", False, "frictionless", "3 toward keeping", None),
    (["old-care"], None, "frictionless", False, "frictionless", "No signals", None),
    (["lang"], None, "frictionless", False, "frictionless", "No signals", None),
    # something went wrong: recovery on both paths, full or fast
    (["broken", "f1"], None, "connect", False, "frictionless", "Weighed", "fast"),
    (["broken", "c1"], None, "frictionless", False, "connect", "Weighed", "full"),
    (["third"], None, "frictionless", False, "frictionless", "No signals", "fast"),
    ([], True, "frictionless", False, "frictionless", "No signals", "fast"),
    ([], True, "connect", False, "connect", "No signals", "full"),
    ([], False, "connect", False, "connect", "No signals", None),
    # safety stops everything, whatever else was seen or answered
    (["s1"], None, "connect", True, None, "Safety first", None),
    (["s1", "c1", "c2", "broken", "care", "d1"], True, "connect", True, None, "Safety first", None),
    (["s1", "said-quick"], False, "frictionless", True, None, "Safety first", None),
]


@pytest.mark.parametrize("ticked, answer, usual, stop, path, rule, recovery", TABLE)
def test_decision_table(ticked, answer, usual, stop, path, rule, recovery):
    decision = decide(book(usual), ticked, answer)
    assert decision.safety is stop
    assert decision.register.path == path
    assert rule in decision.register.rule
    right = decision.putting_right
    assert right.needed is (recovery is not None)
    if recovery:
        assert right.full is (recovery == "full")
        assert right.reason.startswith("Something went wrong for them")
        assert ("in full" in right.reason) is (recovery == "full")
    if stop:
        assert decision.register.counted == ()
        assert not right.needed


def test_first_things_come_in_order_with_their_reasons():
    first = decide(book(), ["lang", "care", "d1", "s1"]).first
    assert [r.split(":")[0] for r in first.reasons] == [
        "Safety first", "They seem upset", "They may need more care or time",
        "They may need plain words"]
    assert decide(book(), []).first.reasons == ()


def test_a_schema_one_vulnerable_signal_is_a_care_need_and_not_a_vote():
    decision = decide(book("frictionless"), ["old-care", "f1"])
    assert [s.id for s in decision.first.care] == ["old-care"]
    assert decision.register.path == "frictionless"
    assert [c.signal.id for c in decision.register.counted] == ["f1"]


def test_a_language_barrier_is_a_communication_need_not_care():
    first = decide(book(), ["lang"]).first
    assert [s.id for s in first.communication] == ["lang"] and first.care == ()


def test_the_chosen_path_decides_the_form_of_the_fix():
    assert decide(book("connect"), ["broken"], None, "frictionless").putting_right.full is False
    assert decide(book("frictionless"), ["broken"], None, "connect").putting_right.full is True


def test_a_scenario_that_starts_from_something_wrong_can_be_answered_no():
    wrong = book("connect", went_wrong=True)
    assert "this scenario starts there" in decide(wrong, []).putting_right.reason
    assert decide(wrong, [], False).putting_right.needed is False
    # a ticked signal says it went wrong, whatever was answered
    assert decide(wrong, ["broken"], False).putting_right.needed is True


def test_a_walk_about_yourself_has_no_register_and_nothing_to_put_right():
    decision = decide(book(kind="self"), ["c1", "c2", "broken", "d1"], True)
    assert decision.register.path is None and decision.register.counted == ()
    assert decision.putting_right.needed is False
    assert [s.id for s in decision.first.deescalate] == ["d1"]
    assert decide(book(kind="self"), ["s1"]).safety is True


def test_every_counted_signal_is_listed_with_its_side_and_weight():
    counted = decide(book(), ["c1", "said-quick", "d1", "care"]).register.counted
    assert [(c.signal.id, c.side, c.weight) for c in counted] == [
        ("c1", "connect", 1), ("said-quick", "frictionless", 3)]


LEANS = ["connect", "frictionless", "deescalate", "care", "vulnerable", "communication",
         "went-wrong", "safety"]


@st.composite
def playbooks_and_ticks(draw):
    data = tiny_data(draw(st.sampled_from(["connect", "frictionless"])))
    count = draw(st.integers(1, 12))
    data["signals"] = [{"id": f"s{i}", "label": f"Signal {i}", "lean": draw(st.sampled_from(LEANS)),
                        "weight": draw(st.integers(1, 3)), "went_wrong": draw(st.booleans())}
                       for i in range(count)]
    ticked = draw(st.lists(st.sampled_from([f"s{i}" for i in range(count)]), unique=True))
    return Playbook.model_validate(data), ticked, draw(st.sampled_from([None, True, False]))


@given(playbooks_and_ticks())
def test_the_counts_shown_always_equal_the_signals_listed(case):
    playbook, ticked, answer = case
    register = decide(playbook, ticked, answer).register
    counted = {c.signal.id for c in register.counted}
    shown = re.search(r"Weighed (\d+) toward connecting, (\d+) toward keeping it quick",
                      register.rule)
    if shown:
        assert (int(shown[1]), int(shown[2])) == (register.weight("connect"),
                                                  register.weight("frictionless"))
    else:
        assert register.counted == ()
    # what is listed is exactly the ticked connect/frictionless signals, each with its own side
    assert counted == {s.id for s in playbook.signals if s.id in ticked
                       and s.lean in ("connect", "frictionless")
                       and not any(t.lean == "safety" for t in playbook.signals if t.id in ticked)}
    assert all(c.side == c.signal.lean and c.weight == c.signal.weight for c in register.counted)


def test_what_each_kind_of_walk_needs():
    from pydantic import ValidationError

    data = tiny_data()
    feeling = data | {"signals": [{"id": "f", "label": "Flat", "lean": "feeling"}]}
    with pytest.raises(ValidationError, match="'feeling' is for a walk about yourself"):
        Playbook.model_validate(feeling)
    about_me = feeling | {"kind": "self", "usual_lean": None, "paths": {}}
    assert Playbook.model_validate(about_me).kind == "self"  # no path, no usual lean
    with pytest.raises(ValidationError, match="required, but missing"):  # at usual_lean
        Playbook.model_validate(data | {"usual_lean": None})
    with pytest.raises(ValidationError, match="needs at least one line here"):
        Playbook.model_validate(data | {"paths": {"connect": ["Warm."]}})


@given(playbooks_and_ticks())
def test_read_asks_whether_something_went_wrong_exactly_when_the_answer_counts(case):
    playbook, ticked, _ = case
    for kind in ("customer", "self"):
        playbook = playbook.model_copy(update={"kind": kind})
        changes = (decide(playbook, ticked, True).putting_right.needed
                   != decide(playbook, ticked, False).putting_right.needed)
        assert asks_went_wrong(playbook, ticked) is changes


@pytest.mark.parametrize("ticked, asked", [([], True), (["c1", "care"], True),
                                            (["third"], False), (["broken"], False),
                                            (["s1"], False), (["s1", "c1"], False)])
def test_the_question_is_not_asked_when_a_signal_already_answers_it(ticked, asked):
    assert asks_went_wrong(book(), ticked) is asked
    assert asks_went_wrong(book(kind="self"), ticked) is False
