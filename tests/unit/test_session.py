"""The Session on its own, without an App: start, autosave, resume, save (and failing to),
discard. What it returns is what the person is told."""

from __future__ import annotations

import errno
import tomllib

import pytest

from coachtui.session import Notice, Saved, Session
from coachtui.store import drafts
from coachtui.store.playbooks import discover
from tests.builders import bundled
from tests.conftest import FIXED_NOW


@pytest.fixture
def session() -> Session:
    running = Session(lambda: FIXED_NOW)
    running.library = discover()
    return running


def draft_files(home) -> list:
    return sorted((home / "drafts").glob("*.toml"))


def fail_writes(monkeypatch, code: int) -> None:
    """Every atomic write fails as a full (or read-only) disk would make it."""
    import os

    def replace(source, target, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "link", replace)


def test_a_started_walk_is_a_draft_from_its_first_answer_and_autosaves_each(session,
                                                                          coachtui_home):
    told = session.start_walk(bundled("dolphin"))
    assert told.text is None and told.path is None and draft_files(coachtui_home) == []
    session.walk.rate_before(6)
    assert session.autosave().path is not None
    [path] = draft_files(coachtui_home)
    assert tomllib.loads(path.read_text("utf-8"))["stress_before"] == 6


def test_the_ui_copies_its_widgets_in_before_every_save(session, coachtui_home):
    session.start_walk(bundled("dolphin"))
    session.collect_shown = lambda: session.walk.rate_before(4)  # a key not yet handled
    session.autosave()
    [draft] = drafts.list_drafts().drafts
    assert draft.answers.stress_before == 4


def test_a_resumed_draft_carries_on_where_it_was(session, coachtui_home):
    session.start_walk(bundled("late-shift"))
    session.walk.advance()
    session.walk.set_signals(["eye-contact"])
    session.autosave()
    later = Session(lambda: FIXED_NOW)
    later.library = session.library
    later.refresh_drafts()
    [draft] = later.drafts
    later.start_walk(later.scenario_of(draft.answers), draft.answers)
    assert later.walk.step == "greet" and later.walk.answers.signals == ["eye-contact"]
    assert len(draft_files(coachtui_home)) == 1  # the same draft, not a second one


def test_saving_puts_the_entry_in_the_journal_and_forgets_the_draft(session, coachtui_home):
    session.start_walk(bundled("late-shift"))
    session.walk.reflect(what_happened="Till froze.", next_time="Breathe first.")
    saved = session.save()
    assert isinstance(saved, Saved)
    assert saved.shown_path.startswith("journal/2026/20261123T093000Z-")
    assert tomllib.loads(saved.path.read_text("utf-8"))["what_happened"] == "Till froze."
    assert draft_files(coachtui_home) == []
    assert session.walk is None and session.last_next_time == "Breathe first."
    assert session.save() is None  # a second Ctrl+S queued behind the first


def test_a_failing_journal_says_why_and_keeps_the_draft(session, coachtui_home, monkeypatch):
    session.start_walk(bundled("late-shift"))
    session.walk.reflect(what_happened="Kept, whatever happens.")
    import coachtui.store.journal as journal

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal, "save", full)
    problem = session.save()
    assert problem == ("Could not write to the journal because the disk is full; your answers "
                       "are kept on screen and as a draft, so press Ctrl+S to try again.")
    assert session.walk is not None
    [draft] = drafts.list_drafts().drafts
    assert draft.answers.what_happened == "Kept, whatever happens."


def test_an_answer_too_long_for_the_journal_is_one_sentence(session):
    session.start_walk(bundled("late-shift"))
    session.walk.reflect(next_time="x" * 301)
    problem = session.save()
    assert problem.startswith("Not saved yet: next time: ") and session.walk is not None


def test_a_failing_autosave_is_told_once_then_again_when_it_recovers(session, monkeypatch):
    session.start_walk(bundled("dolphin"))
    session.walk.rate_before(2)  # something to keep
    with monkeypatch.context() as fault:
        fail_writes(fault, errno.EROFS)
        first = session.autosave()
        assert first.severity == "warning" and "could not be saved" in first.text
        assert session.autosave() == Notice()  # not again at every keystroke
    assert session.autosave().text == "Your draft is being saved again."


def test_leaving_a_blank_walk_keeps_no_draft_and_an_answered_one_keeps_it(session,
                                                                          coachtui_home):
    session.start_walk(bundled("dolphin"))
    session.leave_walk()
    assert draft_files(coachtui_home) == [] and session.walk is None
    session.start_walk(bundled("dolphin"))
    session.walk.rate_before(3)
    session.leave_walk()
    assert len(session.drafts) == 1 and session.drafts[0].answers.stress_before == 3


def test_discarding_moves_the_draft_to_the_trash(session, coachtui_home):
    session.start_walk(bundled("dolphin"))
    session.walk.rate_before(3)
    session.leave_walk()
    told = session.discard_draft(session.drafts[0])
    assert told.text.startswith("Draft moved to the trash, in ")
    assert session.drafts == [] and list((coachtui_home / "trash").rglob("*.toml"))


def test_a_quick_reflection_is_saved_by_the_same_session(session, coachtui_home):
    session.start_quick()
    session.quick.what_happened = "A note after the fact."
    saved = session.save()
    assert isinstance(saved, Saved) and saved.reflection.kind == "quick"


def test_a_demo_session_never_writes(coachtui_home):
    demo = Session(lambda: FIXED_NOW, saving=False)
    demo.start_walk(bundled("dolphin"))
    demo.walk.rate_before(2)
    assert demo.autosave() == Notice()
    demo.save_draft_now()
    assert not (coachtui_home / "drafts").exists()
