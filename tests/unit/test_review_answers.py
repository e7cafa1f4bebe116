"""The reflection's further questions (what you meant, why it differed, how you feel, the
moment, who might hear of it): carried from the walk or quick reflection into the entry,
shown and exported, out of sight when sensitive; entries and drafts from before load."""

from __future__ import annotations

import pytest

from coachtui.commands.journal_cli import to_markdown
from coachtui.core.entry_text import entry_lines
from coachtui.core.quick import QuickAnswers
from coachtui.core.reflection import Reflection
from coachtui.core.walk import Walk
from coachtui.store import drafts, journal
from tests.builders import bundled
from tests.conftest import FIXED_NOW

REVIEW = {"intended": "Fix it in one go", "why_different": "The printer jammed",
          "my_feelings": ["patient", "frustrated"], "moment": "going-the-distance",
          "ripple": "Her colleagues at lunch"}


def test_a_walk_carries_the_review_into_its_entry():
    walk = Walk.start(bundled("late-shift"), FIXED_NOW)
    walk.reflect(**REVIEW)
    entry = walk.to_reflection(FIXED_NOW)
    assert {name: getattr(entry, name) for name in REVIEW} == REVIEW
    with pytest.raises(KeyError):
        walk.reflect(mood="fine")


def test_a_quick_reflection_carries_the_review_into_its_entry():
    answers = QuickAnswers(started=FIXED_NOW, **REVIEW)
    assert not answers.is_blank
    entry = answers.to_reflection(None, FIXED_NOW)
    assert {name: getattr(entry, name) for name in REVIEW} == REVIEW


def test_a_walk_with_only_reflection_answers_is_not_blank():
    walk = Walk.start(bundled("late-shift"), FIXED_NOW)
    assert walk.is_blank
    walk.reflect(ripple="The whole queue saw it")
    assert not walk.is_blank


def test_an_entry_and_a_draft_from_before_load_with_the_review_empty(coachtui_home):
    folder = coachtui_home / "journal" / "2026"
    folder.mkdir(parents=True)
    old = folder / "20261123T093000Z-abcd1234.toml"
    old.write_text('schema_version = 1\nid = "abcd1234"\ncreated = 2026-11-23T09:30:00Z\n'
                   'what_happened = "Before the review questions"\n', "utf-8")
    entry = journal.load(old)
    assert entry.what_happened == "Before the review questions"
    assert (entry.intended, entry.my_feelings, entry.moment, entry.ripple) == ("", [], "", "")
    draft = drafts.answers_from({"walk_id": "abcd1234", "playbook_id": "late-shift",
                                 "started": FIXED_NOW, "step": "reflect"})
    assert draft.my_feelings == [] and draft.intended == ""


def test_the_review_is_shown_and_exported_and_hidden_when_sensitive():
    entry = Reflection(created=FIXED_NOW, what_happened="A refund", **REVIEW)
    shown = dict(entry_lines(entry))
    assert shown["What I meant to happen"] == "Fix it in one go"
    assert shown["Why it went differently"] == "The printer jammed"
    assert shown["I felt"] == "patient, frustrated"
    assert shown["The moment"].startswith("going the distance")
    assert shown["Who might hear of it"] == "Her colleagues at lunch"
    exported = to_markdown([entry])
    assert "**What I meant to happen**" in exported and "The printer jammed" in exported
    assert "- **I felt:** patient; frustrated" in exported
    hidden = entry.model_copy(update={"sensitive": True}).without_own_words()
    assert (hidden.intended, hidden.why_different, hidden.ripple) == ("", "", "")
