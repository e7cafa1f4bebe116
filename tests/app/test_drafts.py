"""Unfinished walks offered back at the next start, as one line on home (r resume, u list):
resume, save as is, discard; several listed; never in the way of Enter's fresh walk."""

from __future__ import annotations

import tomllib
from datetime import timedelta

import pytest
from textual.widgets import OptionList

from tests.app.helpers import journal_entries, list_text, screen_name, settle, visible_text
from tests.conftest import FIXED_NOW


async def leave_a_walk(make_app, step: str, *keys: str, playbook: str = "late-shift",
                       minutes: int = 0) -> None:
    """Start a walk, go to `step`, press `keys`, then quit with Ctrl+Q (leaving a draft).

    The walk is named on the command line, as `coachtui walk ID` does, so drafts left
    before are not offered first."""
    app = make_app(clock=lambda: FIXED_NOW + timedelta(minutes=minutes), start_playbook=playbook)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        while app.walk.step != step:
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press(*keys)
        await pilot.press("ctrl+q")
        await pilot.pause()


def drafts_in(home) -> list[dict]:
    return [tomllib.loads(p.read_text("utf-8")) for p in sorted((home / "drafts").glob("*.toml"))]


async def open_the_list(pilot) -> None:
    await settle(pilot)
    assert screen_name(pilot.app) == "HomeScreen", "the list never opens by itself"
    await pilot.press("u")
    await pilot.pause()
    assert screen_name(pilot.app) == "DraftsScreen"


async def test_ctrl_q_mid_walk_keeps_a_draft_that_is_offered_back_at_start(make_app, coachtui_home):
    await leave_a_walk(make_app, "read", "1")
    [draft] = drafts_in(coachtui_home)
    assert draft["step"] == "read" and len(draft["signals"]) == 1

    again = make_app()
    async with again.run_test(size=(100, 32)) as pilot:
        await open_the_list(pilot)
        assert "Late shift" in list_text(again) and "stopped at Read" in list_text(again)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(again) == "ReadStep"
        assert len(again.screen.query_one("Checklist").selected) == 1


async def test_several_drafts_are_listed_and_any_one_can_be_resumed(make_app, coachtui_home):
    await leave_a_walk(make_app, "pause", "3", playbook="dolphin", minutes=0)
    await leave_a_walk(make_app, "reflect", *"Half a thought", minutes=5)
    again = make_app()
    async with again.run_test(size=(100, 32)) as pilot:
        await open_the_list(pilot)
        shown = list_text(again)
        assert shown.index("Late shift") < shown.index("The dolphin"), "newest first"
        assert "“Half a thought”" in shown
        await pilot.press("down", "enter")
        await pilot.pause()
        assert again.walk.playbook.id == "dolphin" and screen_name(again) == "PauseStep"
        assert again.walk.answers.stress_before == 3


async def test_save_as_is_puts_the_draft_in_the_journal_and_forgets_it(make_app, coachtui_home):
    await leave_a_walk(make_app, "reflect", *"Only this much", minutes=5)
    again = make_app()
    async with again.run_test(size=(100, 32)) as pilot:
        await open_the_list(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(again) == "HomeScreen", "nothing left to offer"
        assert "unfinished" not in visible_text(again)
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == "Only this much"
    assert entry["playbook_id"] == "late-shift"
    assert not drafts_in(coachtui_home)


async def test_discard_moves_the_draft_to_the_trash_and_later_keeps_the_rest(make_app, coachtui_home):
    await leave_a_walk(make_app, "pause", "3", playbook="dolphin", minutes=0)
    await leave_a_walk(make_app, "read", "1", minutes=5)
    again = make_app()
    async with again.run_test(size=(100, 32)) as pilot:
        await open_the_list(pilot)
        await pilot.press("delete")  # the newest, Late shift
        await pilot.pause()
        assert screen_name(again) == "DraftsScreen"
        assert "Late shift" not in list_text(again) and "The dolphin" in list_text(again)
        await pilot.press("escape")  # the rest, later
        await pilot.pause()
        assert screen_name(again) == "HomeScreen"
        assert "1 unfinished · r resume · u list" in visible_text(again)
        assert "newest: The dolphin, stopped at Pause" in visible_text(again)
        await pilot.press("u")
        await pilot.pause()
        assert screen_name(again) == "DraftsScreen"
    [kept] = drafts_in(coachtui_home)
    assert kept["playbook_id"] == "dolphin"
    [trashed] = list((coachtui_home / "trash" / "drafts").glob("*.toml"))
    assert tomllib.loads(trashed.read_text("utf-8"))["playbook_id"] == "late-shift"
    assert not journal_entries(coachtui_home)


async def test_an_unreadable_draft_is_listed_and_left_as_it_is(make_app, coachtui_home):
    folder = coachtui_home / "drafts"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_bytes(b"step = [unclosed")
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert screen_name(app) == "HomeScreen", "nothing to resume, so nothing pushed"
        assert "a draft could not be read" in visible_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert "broken.toml" in list_text(app) and "not valid TOML" in list_text(app)
        await pilot.press("enter", "ctrl+s", "delete", "ctrl+z")  # none of these can touch it
        await pilot.pause()
    assert (folder / "broken.toml").read_bytes() == b"step = [unclosed"


async def test_starting_a_named_walk_does_not_stop_at_the_drafts(make_app, coachtui_home):
    await leave_a_walk(make_app, "read", "1")
    app = make_app(start_playbook="dolphin")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert screen_name(app) == "PauseStep" and app.walk.playbook.id == "dolphin"
    # The older walk is still kept (the new one, answered nothing yet, is no draft yet).
    assert [draft["playbook_id"] for draft in drafts_in(coachtui_home)] == ["late-shift"]


async def test_backing_out_before_answering_leaves_no_draft(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        assert "unfinished" not in visible_text(app)
        # This time a rating was given (the breath starts; Escape back to the rating,
        # Escape home): keep it.
        await pilot.press("enter", "4", "escape", "escape")
        await pilot.pause()
        assert "1 unfinished" in visible_text(app)
    assert len(drafts_in(coachtui_home)) == 1


async def test_a_draft_whose_scenario_is_gone_stays_a_draft(make_app, coachtui_home):
    await leave_a_walk(make_app, "read", "1")
    [path] = (coachtui_home / "drafts").glob("*.toml")
    path.write_text(path.read_text("utf-8").replace('"late-shift"', '"gone-away"'))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_the_list(pilot)
        assert "gone-away (no longer available)" in list_text(app)
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DraftsScreen"
        assert app.screen.query_one(OptionList).option_count == 1
    assert len(drafts_in(coachtui_home)) == 1 and not journal_entries(coachtui_home)


async def test_a_crash_keeps_the_words_typed_just_before_it(make_app, coachtui_home):
    """A bug that stops the app must not take the last second of typing with it (the
    delayed autosave would not have run yet)."""
    app = make_app(start_playbook="late-shift")

    def bug() -> None:
        raise ZeroDivisionError("a bug in coachtui")

    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            while app.walk.step != "reflect":
                await pilot.press("enter")
                await pilot.pause()
            await pilot.press(*"typed right before")
            app.call_later(bug)
            await pilot.pause()
    [draft] = drafts_in(coachtui_home)
    assert draft["what_happened"] == "typed right before"


async def test_enter_after_an_abandoned_walk_starts_a_fresh_one(make_app, coachtui_home, zone):
    """The next start opened the list of unfinished walks, where Enter resumed the old walk
    instead of a fresh breath."""
    zone("UTC")
    await leave_a_walk(make_app, "reflect", *"Left halfway through")
    [old] = drafts_in(coachtui_home)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert screen_name(app) == "HomeScreen"
        shown = visible_text(app)
        assert "1 unfinished · r resume · u list" in shown
        assert "newest: “Left halfway through” · Late shift, running on empty, stopped at " \
               "Reflect, 09:30" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "PauseStep"
        assert app.walk.answers.walk_id != old["walk_id"] and app.walk.answers.what_happened == ""
    assert [draft["walk_id"] for draft in drafts_in(coachtui_home)] == [old["walk_id"]]


async def test_r_on_home_resumes_the_newest_and_u_lists_them_all(make_app, coachtui_home):
    await leave_a_walk(make_app, "pause", "3", playbook="dolphin", minutes=0)
    await leave_a_walk(make_app, "read", "1", minutes=5)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "2 unfinished · r resume · u list" in visible_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert screen_name(app) == "ReadStep" and app.walk.playbook.id == "late-shift"
        await pilot.press("escape", "escape", "escape", "escape")  # back out to home
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        await pilot.press("u")
        await pilot.pause()
        assert screen_name(app) == "DraftsScreen"
        assert "The dolphin" in list_text(app) and "Late shift" in list_text(app)
        await pilot.press("down", "r")  # r resumes here too: the highlighted one
        await pilot.pause()
        assert screen_name(app) == "PauseStep" and app.walk.playbook.id == "dolphin"


async def test_an_autosave_due_after_the_screens_are_gone_still_saves(make_app, coachtui_home):
    """An autosave timer can fire while the app closes: with no screen left to read answers
    from, it saves what the walk holds instead of raising ScreenStackError (a crash report)."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "4")
        await pilot.pause()
    assert not app.screen_stack
    assert app.autosave() is not None
    assert [draft["stress_before"] for draft in drafts_in(coachtui_home)] == [4]


async def test_each_step_change_saves_the_draft_once_the_new_step_is_shown(make_app, coachtui_home):
    # The save is made right after the next step paints (not before it, not on the typing
    # timer): the step a person reached is on disk without any key or wait of theirs.
    app = make_app(clock=lambda: FIXED_NOW, start_playbook="late-shift")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # a rating: something to keep
        await pilot.pause()
        for step in ("greet", "read", "decide"):
            while app.walk.step != step:
                await pilot.press("enter")
                await pilot.pause()
            await pilot.pause()
            [draft] = drafts_in(coachtui_home)
            assert draft["step"] == step
        await pilot.press("escape")  # back to Read: that is kept too
        await pilot.pause()
        await pilot.pause()
        assert app.walk.step == "read" and drafts_in(coachtui_home)[0]["step"] == "read"
