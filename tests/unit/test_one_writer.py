"""One writer of every answer: only the Walk's intent methods change a walk's answers, each
value is validated as it is written, and a draft from a newer coachtui keeps its keys."""

from __future__ import annotations

import ast
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

import coachtui.ui
from coachtui.core.walk import AnswersAreWrittenByTheWalk, Walk, WalkAnswers
from coachtui.store import drafts
from tests.builders import bundled, tiny

NOW = datetime(2024, 5, 1, 21, 30, tzinfo=timezone.utc)


def test_answers_cannot_be_assigned_from_outside_the_walk():
    walk = Walk.start(tiny(), NOW)
    with pytest.raises(AnswersAreWrittenByTheWalk):
        walk.answers.decision = "connect"
    with pytest.raises(AnswersAreWrittenByTheWalk):
        walk.answers.signals = ["c1"]
    assert walk.answers.decision is None and walk.answers.signals == []
    walk.decide("connect")  # the intent method may
    assert walk.answers.decision == "connect"


def test_every_written_value_is_validated_and_the_answers_lock_again():
    walk = Walk.start(tiny(), NOW)
    with pytest.raises(ValidationError):
        walk.rate_before(11)
    with pytest.raises(ValidationError):
        walk.decide("sideways")  # type: ignore[arg-type]
    assert walk.answers.stress_before is None and walk.answers.decision is None
    with pytest.raises(AnswersAreWrittenByTheWalk):
        walk.answers.stress_before = 3  # locked again after the failed write
    with pytest.raises(KeyError):
        walk.reflect(decision="connect")  # the reflection cannot decide


def test_the_intent_methods_apply_the_rules():
    scenario = bundled("late-shift")
    walk = Walk.start(scenario, NOW)
    walk.choose_opener("  Sorry for the wait  ", 1)
    assert walk.answers.opener == "Sorry for the wait"  # typed words beat a marked opener
    walk.choose_opener("", 1)
    assert walk.answers.opener == scenario.playbook.greet.openers[1]
    walk.set_signals(["card-out", "eye-contact", "nope"])
    assert walk.answers.signals == ["eye-contact", "card-out"]  # the playbook's order
    walk.decide()
    assert walk.answers.decision == walk.decision.register.path  # Enter takes the suggestion
    walk.set_items_done(["connect-2", "control", "nope"])
    assert walk.answers.items_done == ["connect-2"]  # only what the Act list shows


def test_a_draft_keeps_its_schema_version_and_keys_it_does_not_know(coachtui_home):
    walk = Walk.start(tiny(), NOW)
    newer = WalkAnswers.model_validate(walk.answers.model_dump() | {
        "schema_version": 2, "mood_colour": "blue"})
    drafts.save(newer)
    [draft] = drafts.list_drafts().drafts
    assert draft.answers.schema_version == 2
    assert draft.answers.model_dump()["mood_colour"] == "blue"
    assert WalkAnswers(playbook_id="x", started=NOW).schema_version == 1


def _assignments_to_answers(source: str) -> list[int]:
    """Lines that assign to `<anything>.answers.<field>` or call setattr on answers."""
    found = []
    for node in ast.walk(ast.parse(source)):
        targets = []
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Attribute) \
                    and target.value.attr == "answers":
                found.append(node.lineno)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "setattr" \
                and node.args and "answers" in ast.unparse(node.args[0]):
            found.append(node.lineno)
    return found


def test_no_screen_or_step_view_assigns_to_a_walks_answers():
    ui = Path(coachtui.ui.__file__).parent
    offenders = {str(path.relative_to(ui)): lines for path in sorted(ui.rglob("*.py"))
                 if (lines := _assignments_to_answers(path.read_text("utf-8")))}
    assert offenders == {}
    # the scan does find such a line
    assert _assignments_to_answers("self.walk.answers.decision = 'connect'\n") == [1]
