"""The journal screen: list, search as you type, filters, read, star, edit, delete and undo."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Checkbox, Input, Select

from coachtui.core.reflection import Reflection
from coachtui.store import journal, toml_io
from tests.app.helpers import screen_name, settle, visible_text
from tests.app.test_hostile_text import flat, rendered

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """Dates are shown in local time: pin it so the screens read the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.fixture
def entries(coachtui_home):
    """Four entries: one hostile, one starred, one frictionless, one tagged."""
    made = [
        Reflection(created=T0, playbook_id="late-shift", playbook_title="Late shift",
                   decision="connect", stress_before=7, stress_after=3,
                   what_happened="[@click=app.quit]Quit[/] and [bold a refund", tags=["refund"]),
        Reflection(created=T0 + timedelta(hours=1), playbook_id="dolphin",
                   playbook_title="The dolphin", decision="frictionless",
                   what_happened="Quick and quiet", starred=True),
        Reflection(created=T0 + timedelta(days=1), playbook_id="late-shift",
                   playbook_title="Late shift", decision="connect",
                   what_happened="Second late shift", tags=["rush"]),
        Reflection(created=T0 + timedelta(days=2), kind="quick", what_happened="A quick note"),
    ]
    return [journal.save(entry) for entry in made]


async def open_journal(pilot) -> None:
    """Wait until the journal is shown and checked against the files (done in a thread)."""
    await settle(pilot)
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if getattr(pilot.app.screen, "up_to_date", True):
            break
    await pilot.pause()


def shown(app) -> str:
    return flat(rendered(app))


async def test_every_entry_newest_first_with_its_line(make_app, entries):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        assert screen_name(app) == "JournalScreen"
        text = shown(app)
        assert "4 entries" in text
        order = [text.index(word) for word in
                 ("A quick note", "Second late shift", "Quick and quiet", "[@click=app.quit]Quit[/]")]
        assert order == sorted(order)
        assert "★" in text and "7→3" in text


async def test_search_narrows_as_you_type_and_filters_combine(make_app, entries):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("slash", *"late")
        assert "2 of 4 entries" in shown(app)
        await pilot.press(*" sec")
        assert "1 of 4 entries" in shown(app) and "Second late shift" in shown(app)
        app.screen.query_one("#search", Input).value = "[bold"
        await pilot.pause()
        assert "1 of 4 entries" in shown(app), "brackets are searched as typed"
        app.screen.query_one("#search", Input).value = ""
        app.screen.query_one("#decision", Select).value = "connect"
        await pilot.pause()
        assert "2 of 4 entries" in shown(app)
        app.screen.query_one("#tag", Select).value = "rush"
        await pilot.pause()
        assert "1 of 4 entries" in shown(app)
        app.screen.query_one("#decision", Select).clear()
        app.screen.query_one("#tag", Select).clear()
        app.screen.query_one("#starred", Checkbox).value = True
        await pilot.pause()
        assert "1 of 4 entries" in shown(app) and "Quick and quiet" in shown(app)
        app.screen.query_one("#starred", Checkbox).value = False
        app.screen.query_one("#since", Input).value = "2026-11-21"
        await pilot.pause()
        assert "2 of 4 entries" in shown(app)
        app.screen.query_one("#until", Input).value = "21 Nov"
        await pilot.pause()
        assert "until: '21 Nov' is not a date; use today, yesterday" in shown(app)


async def test_an_entry_reads_in_full_literally_and_can_be_starred(make_app, entries):
    app = make_app(start_screen="journal")
    ran = []
    app.bell = lambda: ran.append("bell")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("end", "enter")  # the oldest: the hostile one
        await pilot.pause()
        assert screen_name(app) == "EntryScreen"
        assert "[@click=app.quit]Quit[/] and [bold a refund" in shown(app)
        assert "7 before, 3 after" in shown(app) and "#refund" in shown(app)
        await pilot.press("asterisk")
        await pilot.pause()
        assert "★ starred" in shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "JournalScreen" and app.is_running and not ran
    assert journal.load(entries[0]).starred


async def test_editing_saves_and_never_clobbers_a_change_made_meanwhile(make_app, entries):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("enter", "e")  # the newest: the quick note
        await pilot.pause()
        assert screen_name(app) == "EditEntryScreen"
        app.screen.query_one("#next_time", Input).value = "Ask their name"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "EntryScreen" and "Ask their name" in shown(app)
        assert journal.load(entries[3]).next_time == "Ask their name"

        await pilot.press("t")  # straight to the tags, then someone else writes the file
        await pilot.pause()
        assert app.screen.focused.id == "tags"
        elsewhere = journal.load(entries[3]).model_copy(update={"went_well": "from elsewhere"})
        toml_io.write(entries[3], elsewhere.model_dump(mode="python"))
        later = time.time() + 5
        os.utime(entries[3], (later, later))
        await pilot.press(*"mine", "ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "EditEntryScreen"
        assert "was changed by something else meanwhile, so nothing was overwritten" in shown(app)
        assert app.screen.query_one("#tags", Input).value == "mine"
    kept = journal.load(entries[3])
    assert kept.went_well == "from elsewhere" and kept.tags == []


async def test_delete_moves_to_the_trash_and_ctrl_z_brings_it_back(make_app, entries,
                                                                  coachtui_home):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("delete")
        await pilot.pause()
        assert "3 entries" in shown(app) and "A quick note" not in shown(app)
        assert not entries[3].exists()
        assert len(list((coachtui_home / "trash" / "journal").iterdir())) == 1
        await pilot.press("enter", "delete")  # from the reader too
        await pilot.pause()
        assert screen_name(app) == "JournalScreen" and "2 entries" in shown(app)
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert "4 entries" in shown(app)
    assert all(path.exists() for path in entries)
    assert not list((coachtui_home / "trash" / "journal").iterdir())


async def test_unreadable_files_are_listed_and_left_alone(make_app, entries):
    broken = entries[0].parent / "20261101T000000Z-broken.toml"
    broken.write_bytes(b"what_happened = [")
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        assert "1 file could not be read (left as they are)" in shown(app)
        assert "20261101T000000Z-broken.toml: not valid TOML" in shown(app)
        assert "4 entries" in shown(app)
    assert broken.read_bytes() == b"what_happened = ["


async def test_home_opens_the_journal_with_j_and_escape_comes_back(make_app, entries):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await open_journal(pilot)
        assert screen_name(app) == "JournalScreen" and "4 entries" in shown(app)
        await pilot.press("slash", "escape", "escape")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"


async def test_an_empty_journal_says_how_to_start_one(make_app):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        assert "No entries yet" in shown(app)
        await pilot.press("enter", "delete", "ctrl+z", "asterisk", "down", "pagedown", "end")
        await pilot.pause()
        assert screen_name(app) == "JournalScreen"


# -- snapshots -------------------------------------------------------------------------------

def test_journal_snapshot(snap_compare, make_app, entries):
    async def run_before(pilot):
        await open_journal(pilot)

    assert snap_compare(make_app(start_screen="journal"), terminal_size=(100, 32),
                        run_before=run_before)


def test_entry_snapshot(snap_compare, make_app, entries):
    async def run_before(pilot):
        await open_journal(pilot)
        await pilot.press("end", "enter")
        await pilot.pause()

    assert snap_compare(make_app(start_screen="journal"), terminal_size=(100, 32),
                        run_before=run_before)


async def test_insights_show_the_journal_over_time(make_app, entries):
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen_name(app) == "InsightsScreen"
        lines = rendered(app).splitlines()
        text = "\n".join(line.rstrip() for line in lines)
        assert "Journal: 4 entries, 2026-11-20 to 2026-11-22 (UTC)" in text
        assert "median drop 4.0 points, from 1 entry with both" in text
        assert "connect                   2  67%" in text
        assert "frictionless              1  33%" in text
        assert "patterns to notice, not a score" in text
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"


async def test_insights_of_an_empty_journal_say_how_to_begin(make_app):
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        app.action_insights()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "No entries yet" in rendered(app)


def test_insights_snapshot(snap_compare, make_app, entries):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 32), run_before=run_before)


async def test_a_sensitive_entry_keeps_its_words_out_of_the_list(make_app, coachtui_home):
    journal.save(Reflection(created=T0, what_happened="Private matter", sensitive=True))
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        assert "Private matter" not in shown(app)
        assert "(sensitive: open it to read)" in shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Private matter" in shown(app)


async def test_leaving_the_journal_at_once_is_safe_and_home_still_loads(make_app, entries):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("escape")  # before the files have been checked
        await settle(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen_name(app) == "HomeScreen" and app.ready
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "PauseStep"


async def test_a_walk_started_from_the_first_journal_sits_on_home(make_app, entries):
    """`coachtui journal` starts with no home under the journal (its list paints sooner);
    a walk started from there still sits on home, so leaving it lands home, not on a
    journal left behind."""
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        assert [type(screen).__name__ for screen in app.screen_stack] == ["JournalScreen"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Start a walk")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert [type(screen).__name__ for screen in app.screen_stack] == ["HomeScreen",
                                                                           "WalkScreen"]
        await pilot.press("escape")  # Pause is the first step: Escape leaves the walk
        await pilot.pause()
        assert [type(screen).__name__ for screen in app.screen_stack] == ["HomeScreen"]
        assert "A calm minute" in visible_text(app)


async def test_an_entry_shows_a_choice_against_the_suggestion_as_a_choice(make_app, coachtui_home):
    """Not a scorecard: going the other way is 'your call', and steps not done are 'left open'."""
    journal.save(Reflection(created=T0, decision="frictionless", recommended="connect",
                            followed_recommendation=False, steps_open=["Thank"]))
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("enter")
        await pilot.pause()
        text = flat(shown(app))
        assert "your call; the suggestion was connect" in text
        assert "Left open" in text and "Skipped" not in text

