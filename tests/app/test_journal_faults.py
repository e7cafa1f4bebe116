"""The journal and insights screens when the index cannot be used, and when another window
moved or broke the entry on screen: one sentence, nothing lost, never a crash."""

from __future__ import annotations

import sqlite3
import time

import pytest
from textual.widgets import Static

from coachtui.store import journal
from coachtui.store.journal_index import index_path, open_index
from tests.app.helpers import screen_name
from tests.app.test_hostile_text import flat
from tests.app.test_journal_screen import entries, open_journal, shown, utc  # noqa: F401


def told(app) -> list[str]:
    return [notification.message for notification in app._notifications]


# -- an index that cannot be used --------------------------------------------------------------

async def test_the_journal_and_insights_with_a_folder_where_the_index_should_be(make_app,
                                                                                entries):
    index_path().mkdir(parents=True)
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        assert screen_name(app) == "JournalScreen"
        assert "4 entries" in shown(app) and "Second late shift" in shown(app)
        [notice] = told(app)
        assert notice.startswith("The journal index") and "could not be used because a " \
            "folder stands where the file should be" in notice
        await pilot.press("slash", *"quiet", "enter", "enter")  # search and open: from memory
        await pilot.pause()
        assert screen_name(app) == "EntryScreen" and "Quick and quiet" in shown(app)
        await pilot.press("escape")
        app.action_insights()  # the journal's own `i` is gone: letters type into its search
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen_name(app) == "InsightsScreen"
        report = flat(str(app.screen.query_one("#report", Static).render()))
        assert "Journal: 4 entries" in report and "could not be used because a folder" in report
    assert index_path().is_dir()


async def test_the_journal_while_another_coachtui_holds_the_index_locked(make_app, entries):
    open_index().close()
    holder = sqlite3.connect(index_path(), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        app = make_app(start_screen="journal")
        async with app.run_test(size=(140, 40)) as pilot:
            started = time.monotonic()
            await open_journal(pilot)
            assert time.monotonic() - started < 5
            assert "4 entries" in shown(app)
            assert [notice for notice in told(app) if "another coachtui" in notice]
    finally:
        holder.close()


async def test_the_journal_when_its_index_is_locked_while_it_is_shown(make_app, entries):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        assert "4 entries" in shown(app) and told(app) == []
        holder = sqlite3.connect(index_path(), isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            await pilot.press("slash", *"quiet")  # new lines to show: asked of the index
            for _ in range(50):
                await pilot.pause(0.1)
                if "Quick and quiet" in shown(app):
                    break
            assert "1 of 4 entries" in shown(app) and "Quick and quiet" in shown(app)
            [notice] = told(app)
            assert "could not be used because another coachtui was updating it" in notice
        finally:
            holder.close()


# -- two windows ---------------------------------------------------------------------------------

BROKEN = b'what_happened = "half saved by an editor'
WHY = {"trashed": "is no longer in your journal (moved or deleted elsewhere).",
       "broken": "could not be read (not valid TOML: "}
OUTCOME = {"e": "Not opened for editing", "t": "Not opened for editing",
           "asterisk": "Not changed", "delete": "Nothing moved to the trash"}


@pytest.mark.parametrize(("elsewhere", "key"), [
    ("trashed", "e"), ("trashed", "t"), ("trashed", "asterisk"), ("trashed", "delete"),
    ("broken", "e"), ("broken", "t"), ("broken", "asterisk"),
])
async def test_an_entry_moved_or_broken_in_another_window_then_a_key(make_app, entries,
                                                                    coachtui_home, elsewhere,
                                                                    key):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("enter")  # the newest: the quick note
        await pilot.pause()
        assert screen_name(app) == "EntryScreen" and "A quick note" in shown(app)
        path = entries[3]
        if elsewhere == "trashed":  # what Delete does in the other window
            trashed = journal.delete(path)
            kept = trashed.read_bytes()
        else:
            path.write_bytes(BROKEN)
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running and screen_name(app) == "EntryScreen"
        [sentence] = told(app)
        assert sentence.startswith(f"{OUTCOME[key]}: {path.name} {WHY[elsewhere]}")
        assert f"{path.name} could not be read" in shown(app)  # the entry as it now is
        await pilot.press("escape")
        await open_journal(pilot)
        assert screen_name(app) == "JournalScreen"
    if elsewhere == "trashed":
        assert not path.exists() and trashed.read_bytes() == kept
        assert len(list((coachtui_home / "trash" / "journal").iterdir())) == 1
    else:
        assert path.read_bytes() == BROKEN


@pytest.mark.parametrize("elsewhere", ["trashed", "broken"])
async def test_a_listed_entry_gone_or_broken_since_is_reported_when_opened(make_app, entries,
                                                                          elsewhere):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        path = entries[3]  # the newest, under the cursor
        if elsewhere == "trashed":
            journal.delete(path)
        else:
            path.write_bytes(BROKEN)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "EntryScreen"
        assert f"{path.name} could not be read" in shown(app)
        await pilot.press("escape")  # back to the list, now true to the files again
        await pilot.pause()
        assert screen_name(app) == "JournalScreen" and "3 entries" in shown(app)
        assert (f"{path.name}: not valid TOML" in shown(app)) == (elsewhere == "broken")
        assert told(app) == []
