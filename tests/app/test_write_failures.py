"""A write that fails in the app: the person is told why in one sentence and keeps every word.

Faults are injected where the journal's file is linked into place (the last step of a save),
and where drafts are written; the store's own fault tests are in tests/unit/test_faults.py.
"""

from __future__ import annotations

import errno
import os
import tomllib
from pathlib import Path

import pytest
from textual.widgets import TextArea

from tests.app.helpers import journal_entries, screen_name, walk_to

FAULTS = {
    "disk full": (errno.ENOSPC, "the disk is full"),
    "no permission": (errno.EACCES, "permission was denied"),
    "I/O error": (errno.EIO, "the disk reported an input/output error"),
    "read-only": (errno.EROFS, "the disk is read-only"),
}


def fail_links_into(monkeypatch, folder_name: str, code: int) -> None:
    """Saving a new journal entry ends with a hard link into journal/<year>/: fail it."""
    real = os.link

    def link(source, target, **kwargs):
        if Path(target).parent.parent.name == folder_name:
            raise OSError(code, os.strerror(code), str(target))
        return real(source, target, **kwargs)

    monkeypatch.setattr(os, "link", link)


def fail_replaces_into(monkeypatch, folder_name: str, code: int) -> None:
    """Drafts are replaced in drafts/: fail that."""
    real = os.replace

    def replace(source, target, **kwargs):
        if Path(target).parent.name == folder_name:
            raise OSError(code, os.strerror(code), str(target))
        return real(source, target, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize(("code", "reason"), FAULTS.values(), ids=FAULTS.keys())
async def test_a_failed_save_says_why_in_one_sentence_and_keeps_the_text(
        make_app, coachtui_home, monkeypatch, code, reason):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        await pilot.press(*"Hard-won words")
        with monkeypatch.context() as fault:
            fail_links_into(fault, "journal", code)
            await pilot.press("ctrl+s")
            await pilot.pause()
            problem = str(app.screen.query_one("#save-problem").render())
            assert problem == (f"Could not write to the journal because {reason}; your answers "
                               "are kept on screen and as a draft, so press Ctrl+S to try again.")
            assert problem.count(". ") == 0, "one sentence"
            assert screen_name(app) == "ReflectStep"
            assert app.screen.query_one("#what_happened", TextArea).text == "Hard-won words"
            assert not journal_entries(coachtui_home)
        [draft] = (coachtui_home / "drafts").glob("*.toml")
        assert tomllib.loads(draft.read_text("utf-8"))["what_happened"] == "Hard-won words"
        await pilot.press("ctrl+s")  # the fault is gone: the same key now saves
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == "Hard-won words"
    assert not (coachtui_home / "drafts").exists() or not list((coachtui_home / "drafts").iterdir())


async def test_when_even_the_draft_cannot_be_written_the_text_stays_on_screen(
        make_app, coachtui_home, monkeypatch):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        fail_links_into(monkeypatch, "journal", errno.ENOSPC)
        fail_replaces_into(monkeypatch, "drafts", errno.ENOSPC)
        await pilot.press(*"Only on screen", "ctrl+s")
        await pilot.pause()
        problem = str(app.screen.query_one("#save-problem").render())
        assert problem == ("Could not write to the journal because the disk is full; your "
                           "answers are kept on screen only, as no draft could be written "
                           "either, so press Ctrl+S to try again.")
        assert app.screen.query_one("#what_happened", TextArea).text == "Only on screen"


async def test_a_failing_draft_is_told_once_and_again_when_it_recovers(make_app, coachtui_home,
                                                                      monkeypatch):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "read")
        with monkeypatch.context() as fault:
            fail_replaces_into(fault, "drafts", errno.EIO)
            for key in "1234":  # four answers, four failed draft saves
                await pilot.press(key)
                app.autosave()
                await pilot.pause()
            told = [n.message for n in app._notifications]
            assert told.count("Your draft could not be saved because the disk reported an "
                              "input/output error; your answers are safe on screen and saving "
                              "will be retried.") == 1
        await pilot.press("5")
        app.autosave()
        await pilot.pause()
        assert "Your draft is being saved again." in [n.message for n in app._notifications]
    [draft] = (coachtui_home / "drafts").glob("*.toml")
    assert len(tomllib.loads(draft.read_text("utf-8"))["signals"]) == 5
