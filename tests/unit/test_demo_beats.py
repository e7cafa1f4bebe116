"""Demo mode's script, for every bundled scenario: it walks the real steps in order and ends
exactly on the example's own walk."""

from __future__ import annotations

import pytest

from coachtui.core.demo import demo_beats
from coachtui.core.example import example_walk
from coachtui.core.walk import STEPS
from coachtui.store.playbooks import discover
from tests.conftest import FIXED_NOW

SCENARIOS = sorted(discover().playbooks)


@pytest.mark.parametrize("playbook_id", SCENARIOS)
def test_the_beats_go_through_the_steps_in_order_and_end_on_the_example(playbook_id):
    scenario = discover().get(playbook_id)
    beats = demo_beats(scenario, FIXED_NOW)
    steps = [beat.answers.step for beat in beats]
    assert steps == sorted(steps, key=STEPS.index), "never back a step"
    walk = example_walk(scenario, scenario.playbook.example, FIXED_NOW)
    assert tuple(dict.fromkeys(steps)) == walk.steps, "every step of this walk, each once"
    assert [beat.ask for beat in beats].count(True) == 1
    asked = next(beat for beat in beats if beat.ask)
    # The question comes before the choice: at Decide, or on a walk about yourself (which
    # has nothing to decide) before any of its own steps is done.
    assert asked.answers.step == ("act" if walk.about_self else "decide")
    assert asked.answers.decision is None and asked.answers.items_done == []
    before = beats[:beats.index(asked)]
    assert all(beat.answers.step in ("pause", "greet", "read") for beat in before), \
        "the question is asked before the suggestion (or the steps) is shown"
    example = walk.answers
    assert beats[-1].answers.model_dump(exclude={"walk_id"}) == \
        example.model_dump(exclude={"walk_id"})
    ticked = [len(beat.answers.signals) for beat in beats]
    assert ticked == sorted(ticked), "signals are ticked one at a time, never unticked"
    assert all(beat.caption for beat in beats)


def test_a_scenario_without_an_example_has_no_demo():
    scenario = discover().get("dolphin")
    from dataclasses import replace

    bare = replace(scenario, playbook=scenario.playbook.model_copy(update={"example": None}))
    with pytest.raises(ValueError, match="has no scripted example"):
        demo_beats(bare, FIXED_NOW)
