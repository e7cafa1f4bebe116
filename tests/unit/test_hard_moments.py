"""The hard moments front-line staff meet most: each scenario's decision, as a person sees it.

What each walk must do is part of its content: a threat stops the coaching, an allergic
reaction stops it even at the quickest table, distress without a risk to life gets care and
where to send people, a refusal's calming comes before either path.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from coachtui.core.decision import SAFETY_DEFAULTS
from coachtui.core.local_help import EMPTY_DETAIL, EMPTY_TITLE, LOCAL_HELP_HEADING
from coachtui.core.playbook import Playbook
from coachtui.core.walk import Walk
from tests.builders import bundled

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def walk(playbook_id: str, signals: list[str], went_wrong: bool | None = None) -> Walk:
    walked = Walk.start(bundled(playbook_id), NOW)
    walked.set_signals(signals)
    walked.answer_went_wrong(went_wrong)
    return walked


def groups(walked: Walk) -> dict[str, list[str]]:
    """The Act step's groups, in order, each with its items' ids."""
    shown: dict[str, list[str]] = {}
    for item in walked.act_items():
        shown.setdefault(item.group, []).append(item.id)
    return shown


# (scenario, signals ticked) that must stop the coaching, with what else was seen
SAFETY_STOPS = [
    ("abuse-boundaries", ["threat", "wants-it-done", "slur"]),
    ("abuse-boundaries", ["gets-close"]),
    ("refusal-aggression", ["grabs", "takes-the-no", "argues"]),
    ("refusal-aggression", ["threat"]),
    ("customer-in-distress", ["risk-to-life", "bereaved", "just-sort-it"]),
    ("customer-in-distress", ["unwell"]),
    ("customer-in-distress", ["in-danger", "wants-to-talk"]),
    ("system-down", ["pushing", "long-queue"]),
    ("one-star-review", ["threat", "one-ask"]),
    ("access-needs", ["threat", "says-what-they-need"]),
    # a frictionless table still gets the safety check
    ("wrong-dish", ["reaction", "just-swap", "own-conversation", "allergy-worry"]),
]


@pytest.mark.parametrize(("pid", "signals"), SAFETY_STOPS)
def test_a_safety_signal_stops_the_coaching_whatever_else_was_seen(pid, signals):
    walked = walk(pid, signals)
    decision = walked.decision
    assert decision.safety and decision.register.path is None
    assert not decision.putting_right.needed
    assert walked.act_items() == [] and "act" not in walked.steps
    assert walked.step_title("decide") == "Safety"


@pytest.mark.parametrize("pid", ["customer-in-distress", "wrong-dish", "one-star-review"])
def test_a_medical_or_written_safety_card_is_its_own_not_the_counter_defaults(pid):
    """'Put the counter between you' is for someone who threatens you: wrong for a guest in
    anaphylaxis, a customer at risk of ending their life, or a threatening email."""
    walked = walk(pid, [next(s.id for s in bundled(pid).playbook.signals if s.lean == "safety")])
    lines = walked.safety_lines()
    assert lines == list(walked.playbook.paths.safety)
    assert not set(SAFETY_DEFAULTS) & set(lines)


def test_a_risk_to_life_names_the_emergency_number_and_staying_with_them():
    lines = " ".join(walk("customer-in-distress", ["risk-to-life"]).safety_lines())
    assert "emergency number" in lines and "Don't leave them alone" in lines


def test_an_allergic_reaction_card_calls_for_an_ambulance_and_the_auto_injector():
    lines = " ".join(walk("wrong-dish", ["reaction"]).safety_lines())
    assert "emergency number" in lines and "anaphylaxis" in lines
    assert "auto-injector" in lines


def test_a_threat_at_the_counter_keeps_the_defaults_after_the_scenarios_own_lines():
    walked = walk("abuse-boundaries", ["threat"])
    own = list(walked.playbook.paths.safety)
    assert walked.safety_lines() == own + list(SAFETY_DEFAULTS)


# -- the wrong dish: an allergy worry is checked on the quickest path ----------------------

def test_an_allergy_worry_at_a_frictionless_table_keeps_the_allergy_check_in_the_fast_fix():
    walked = walk("wrong-dish", ["just-swap", "own-conversation", "allergy-worry"])
    decision = walked.decision
    assert not decision.safety and decision.register.path == "frictionless"
    assert decision.putting_right.needed and not decision.putting_right.full
    assert "Asks whether the dish holds" in decision.putting_right.reason
    fast = groups(walked)["Fix it fast (LAST)"]
    assert fast == ["allergy-check", "solve", "tell-kitchen"]


def test_the_wrong_dish_alone_is_fixed_fast_and_the_kitchen_told():
    walked = walk("wrong-dish", [])
    assert walked.decision.register.path == "frictionless"
    assert "tell-kitchen" in groups(walked)["Fix it fast (LAST)"]


# -- abuse and refusals: calm first, then the usual quick path ----------------------------

def test_a_slur_brings_the_boundary_lines_first_and_is_no_vote_for_connecting():
    walked = walk("abuse-boundaries", ["slur", "says-sorry"], went_wrong=False)
    decision = walked.decision
    assert not decision.safety and decision.first.deescalate
    assert decision.register.path == "connect"  # the apology counted, the slur did not
    first = walked.act_items()[:6]
    assert [item.group for item in first] == ["Calm it first"] * 6
    assert "one calm warning" in first[1].title
    assert "needs no warning" in first[2].title


def test_abuse_over_a_real_problem_is_fixed_fast_with_the_warning_and_the_report():
    walked = walk("abuse-boundaries", ["swears-at-you", "real-grievance", "wants-it-done"])
    assert groups(walked)["Fix it fast (CARP)"] == ["control", "one-warning", "problem-solve",
                                                    "report"]


def test_a_refusal_says_no_plainly_and_owns_a_colleagues_mix_up():
    walked = walk("refusal-aggression", ["argues", "moves-closer", "told-different"])
    decision = walked.decision
    assert decision.first.deescalate and decision.register.path == "frictionless"
    assert "own-mix-up" in groups(walked)[
        "Fix it fast (Verbal de-escalation (Project BETA))"]


# -- distress: care and where to send people, no safety stop without a risk to life -------

def test_distress_without_risk_gives_care_and_the_empty_local_list():
    walked = walk("customer-in-distress", ["bereaved", "overwhelmed"])
    decision = walked.decision
    assert not decision.safety and decision.first.care
    assert decision.register.path == "connect"  # the scenario's usual path: stay with them
    assert not decision.putting_right.needed
    items = walked.act_items()
    shown = groups(walked)
    assert list(shown) == ["Care and time", LOCAL_HELP_HEADING, "Ways to connect"]
    [help_item] = [item for item in items if item.group == LOCAL_HELP_HEADING]
    assert (help_item.id, help_item.title, help_item.detail) == ("help-1", EMPTY_TITLE,
                                                                 EMPTY_DETAIL)


def test_an_organisations_local_list_is_shown_with_care_and_on_the_safety_card():
    scenario = bundled("customer-in-distress")
    places = [{"name": "Bereavement team", "how_to_reach": "Extension 204",
               "when": "after a death in the family"},
              {"name": "Crisis line", "how_to_reach": "0800 000 000"}]
    book = Playbook.model_validate(scenario.playbook.model_dump() | {"local_help": places})
    filled = replace(scenario, playbook=book)

    cared = Walk.start(filled, NOW)
    cared.set_signals(["serious-news"])
    helps = [(i.id, i.title, i.detail) for i in cared.act_items()
             if i.group == LOCAL_HELP_HEADING]
    assert helps == [("help-1", "Bereavement team", "Extension 204 (after a death in the family)"),
                     ("help-2", "Crisis line", "0800 000 000")]

    stopped = Walk.start(filled, NOW)
    stopped.set_signals(["risk-to-life"])
    lines = stopped.safety_lines()
    assert lines[-2:] == ["Bereavement team: Extension 204 (after a death in the family)",
                          "Crisis line: 0800 000 000"]
    assert lines[:-2] == list(book.paths.safety)


def test_no_list_is_shown_where_a_scenario_sends_no_one_anywhere():
    walked = walk("elderly-shopper", ["mentions-loss"])
    assert walked.playbook.local_help is None
    assert LOCAL_HELP_HEADING not in groups(walked)


def test_an_empty_list_is_not_put_on_the_safety_card():
    lines = walk("customer-in-distress", ["risk-to-life"]).safety_lines()
    assert not any(EMPTY_TITLE in line for line in lines)


def test_distress_with_our_mistake_on_top_puts_our_part_right_fast():
    walked = walk("customer-in-distress", ["bereaved", "just-sort-it", "we-made-it-worse"])
    assert walked.decision.register.path == "frictionless"
    assert groups(walked)["Fix it fast (Psychological First Aid: look, listen, link)"] == [
        "look", "sort-ours", "link"]


# -- the queue, the review, access needs -------------------------------------------------

def test_a_system_down_starts_from_something_gone_wrong_with_honest_updates():
    walked = walk("system-down", [])
    decision = walked.decision
    assert decision.register.path == "frictionless"
    assert "this scenario starts there" in decision.putting_right.reason
    assert groups(walked)["Fix it fast (LAST)"] == ["apologize", "update", "solve", "thank"]


def test_someone_who_missed_the_announcement_gets_the_scenarios_own_plain_words():
    walked = walk("system-down", ["missed-it"])
    plain = [item.title for item in walked.act_items() if item.group == "Plain words"]
    assert plain == list(walked.playbook.paths.communication)
    assert any("sign" in line for line in plain)


def test_a_written_complaint_answers_the_fact_and_moves_the_detail_out_of_public_view():
    walked = walk("one-star-review", ["facts-listed", "one-ask", "long-and-personal"])
    assert walked.playbook.channel == "review"
    assert walked.decision.register.path == "frictionless"
    assert groups(walked)["Fix it fast (HEARD)"] == ["apologize", "resolve", "take-it-private"]
    full = walk("one-star-review", ["long-and-personal", "loyal"])
    assert full.decision.register.path == "connect"
    steps = groups(full)["Put it right (HEARD)"]
    assert steps.index("take-it-private") == steps.index("resolve") + 1


def test_access_needs_take_what_the_customer_says_over_a_guess():
    walked = walk("access-needs", ["chats", "asks-advice", "says-what-they-need", "deaf"])
    decision = walked.decision
    assert decision.register.path == "frictionless"  # their own words weigh 3
    assert decision.first.communication and not decision.first.care
    assert [i.title for i in walked.act_items() if i.group == "Plain words"] == list(
        walked.playbook.paths.communication)


def test_an_assistance_dog_turned_away_is_put_right_and_the_barrier_reported():
    walked = walk("access-needs", ["turned-away"])
    assert walked.decision.putting_right.needed
    assert groups(walked)["Fix it fast (Recovery spine)"] == ["own-it", "resolve", "learn"]
    resolve = next(step for step in walked.scenario.steps if step.id == "resolve")
    assert "assistance dogs" in resolve.detail


def test_seed_002s_shopping_help_has_a_home_in_access_needs():
    book = bundled("access-needs").playbook
    selfless = [m.idea for m in book.moments if m.kind == "selfless"]
    assert selfless and "go round the shop with them" in selfless[0]
    assert any("if they say no" in idea.lower() for idea in selfless)  # ask first, always


def test_the_quick_reflection_offers_every_channel_a_scenario_can_have():
    from typing import get_args

    from coachtui.core.playbook import Channel
    from coachtui.core.quick import CHANNELS

    assert set(get_args(Channel)) - {"any"} <= set(CHANNELS)
    assert {"review", "table"} <= set(CHANNELS) and CHANNELS[-1] == "other"
