"""The app at start and in the journal, when files are not what coachtui left: a draft that
names another file, a walk already saved, a save killed last time, an entry broken or moved
by another window."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coachtui.core.reflection import Reflection
from coachtui.core.walk import WalkAnswers
from coachtui.store import config, drafts, journal, toml_io
from tests.app.helpers import screen_name, settle
from tests.app.test_journal_screen import open_journal
from tests.conftest import FIXED_NOW
from tests.unit.test_leftovers import kill_during_save


def told(app) -> str:
    return " | ".join(n.message for n in app._notifications)


@pytest.mark.parametrize("target", ["config", "entry"])
async def test_a_hand_edited_draft_id_never_overwrites_another_file(make_app, coachtui_home,
                                                                    target):
    config.save(config.Config(theme="textual-light"))
    entry = journal.save(Reflection(created=FIXED_NOW, what_happened="mine"))
    victim = coachtui_home / "config.toml" if target == "config" else entry
    before = victim.read_bytes()
    walk_id = "../config" if target == "config" else \
        f"../journal/{entry.parent.name}/{entry.stem}"
    answers = WalkAnswers(playbook_id="late-shift", started=FIXED_NOW, step="read")
    drafts.save(answers)
    path = drafts.draft_path(answers.walk_id)
    path.write_bytes(toml_io.dumps(answers.model_dump(mode="python") | {"walk_id": walk_id}))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.drafts == [] and [p.path for p in app.unreadable_drafts] == [path]
        await pilot.press("enter")  # a walk of its own, never the hand-edited one
        await pilot.pause()
        await pilot.press("enter", "ctrl+q")
        await pilot.pause()
    assert victim.read_bytes() == before


async def test_a_draft_whose_entry_landed_before_a_kill_is_not_offered_again(make_app,
                                                                              coachtui_home):
    answers = WalkAnswers(playbook_id="late-shift", started=FIXED_NOW, step="reflect",
                          what_happened="saved once")
    drafts.save(answers)
    journal.save(Reflection(id=answers.walk_id, created=FIXED_NOW + timedelta(minutes=2),
                            what_happened="saved once"))  # killed before the draft was removed
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert screen_name(app) == "HomeScreen" and app.drafts == []
    assert len(journal.list_entries().entries) == 1


async def test_an_entry_left_by_a_killed_save_is_recovered_at_start(make_app, coachtui_home):
    kill_during_save(coachtui_home, "entry", "a1b2c3d4e5f60718")
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "Recovered an entry that an interrupted save had left unfinished" in told(app)
    [(_, entry)] = journal.list_entries().entries
    assert entry.what_happened == "words only in the temp"


@pytest.mark.parametrize("meanwhile", ["trashed", "broken"])
@pytest.mark.parametrize("key", ["asterisk", "e"])
async def test_an_entry_moved_or_broken_by_another_window_is_told_not_crashed(
        make_app, coachtui_home, meanwhile, key):
    path = journal.save(Reflection(created=FIXED_NOW, what_happened="open in two windows"))
    app = make_app(start_screen="journal")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "EntryScreen"
        if meanwhile == "trashed":
            journal.delete(path)
        else:
            path.write_bytes(b"what_happened = [broken by an editor")
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running and screen_name(app) == "EntryScreen"
        assert f"Not {'changed' if key == 'asterisk' else 'opened for editing'}: " \
               f"{path.name} " in told(app)
