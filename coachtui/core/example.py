"""A playbook's scripted example as a walk: what demo mode plays and the tests replay."""

from __future__ import annotations

from datetime import datetime

from coachtui.core.checks import did_you_mean
from coachtui.core.playbook import CUSTOMER_LEFT, SCHEMA_VERSION, Example
from coachtui.core.scenario import Finding, Scenario
from coachtui.core.walk import Walk, WalkAnswers


def example_walk(scenario: Scenario, example: Example, now: datetime) -> Walk:
    """The example's answers, all given, as a walk at its Reflect step."""
    book = scenario.playbook
    answers = WalkAnswers(
        playbook_id=book.id,
        started=now,
        step="reflect",
        stress_before=example.stress_before,
        breath_completed=True,
        opener=example.opener if example.opener is not None else book.greet.openers[0],
        signals=list(example.signals),
        went_wrong=_went_wrong(scenario, example),
        decision=example.decision,
        items_done=list(example.steps_done),
        customer_left=[word for word in CUSTOMER_LEFT if word in example.customer_left],
        stress_after=example.stress_after,
        what_happened=example.what_happened,
        went_well=example.went_well,
        to_change=example.to_change,
        next_time=example.next_time,
        tags=list(example.tags),
    )
    return Walk(scenario, answers)


def _went_wrong(scenario: Scenario, example: Example) -> bool | None:
    """The example's answer to "did something go wrong?". A schema-1 example has none, but
    when it ticks recovery steps its story had something to put right: yes."""
    if example.went_wrong is not None or scenario.playbook.schema_version >= SCHEMA_VERSION:
        return example.went_wrong
    steps = {step.id for step in scenario.steps}
    return True if steps.intersection(example.steps_done) else None


def check_example(scenario: Scenario, now: datetime) -> list[Finding]:
    """Every ticked step must be one the example's own walk shows on its Act step."""
    example = scenario.playbook.example
    if example is None:
        return []
    shown = [item.id for item in example_walk(scenario, example, now).act_items()]
    return [Finding(("example", "steps_done", index),
                    f"{step_id!r} is not on the Act step of this example's path "
                    f"({example.decision})" + did_you_mean(step_id, shown))
            for index, step_id in enumerate(example.steps_done) if step_id not in shown]
