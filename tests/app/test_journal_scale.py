"""The journal at scale: a first reading shows the newest entries before it ends, and star,
delete and undo change the index's row in place, without looking at every file again."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from coachtui.core.reflection import Reflection
from coachtui.store import journal, journal_index
from coachtui.store.journal_index import JournalIndex
from tests.app.helpers import settle
from tests.app.test_journal_screen import T0, open_journal, shown, utc  # noqa: F401


def save_many(count: int) -> list:
    return [journal.save(Reflection(created=T0 + timedelta(hours=hour),
                                    what_happened=f"Moment number {hour}"))
            for hour in range(count)]


async def test_a_first_reading_shows_the_newest_entries_before_it_ends(
        make_app, coachtui_home, monkeypatch):
    paths = save_many(6)
    monkeypatch.setattr(journal_index, "FIRST_BATCH", 2, raising=False)
    monkeypatch.setattr(journal_index, "BATCH", 2, raising=False)
    oldest, release = paths[0].name, threading.Event()
    reading = JournalIndex._reading

    def held(self, relative, stamp):
        if relative.endswith(oldest):
            release.wait(30)  # the last batch waits until the test has looked
        return reading(self, relative, stamp)

    monkeypatch.setattr(JournalIndex, "_reading", held)
    app = make_app(start_screen="journal")
    async with app.run_test(size=(100, 32)) as pilot:
        try:
            for _ in range(200):
                await pilot.pause(0.02)
                if "4 of 6 files" in shown(app):
                    break
            text = shown(app)
            assert "Reading your journal: 4 of 6 files" in text
            assert "Moment number 5" in text and "Moment number 2" in text
            assert "Moment number 0" not in text
        finally:
            release.set()
        await open_journal(pilot)
        assert "6 entries" in shown(app) and "Moment number 0" in shown(app)


@pytest.fixture
def no_rescan(monkeypatch):
    """Fails the test if the journal folder is looked through again."""
    def scanned(*args, **kwargs):
        raise AssertionError("the journal folder was scanned again")

    def arm():
        monkeypatch.setattr(JournalIndex, "plan", scanned)
        monkeypatch.setattr(journal_index.journal_files, "scan", scanned)
    return arm


async def test_star_delete_and_undo_change_the_index_in_place(make_app, coachtui_home,
                                                              no_rescan):
    paths = save_many(3)
    app = make_app(start_screen="journal")
    async with app.run_test(size=(100, 32)) as pilot:
        await open_journal(pilot)
        no_rescan()
        await pilot.press("asterisk")  # the newest, at the cursor
        await settle(pilot)
        assert "★" in shown(app) or "*" in shown(app)
        assert journal.load(paths[2]).starred, "the file is written first: the truth"
        index = JournalIndex()
        assert [row.starred for row in index.rows()] == [1, 0, 0]
        await pilot.press("delete")
        await settle(pilot)
        assert not paths[2].exists()
        assert [row.file for row in index.rows()] == [p.relative_to(paths[0].parents[1])
                                                       .as_posix() for p in paths[1::-1]]
        assert "2 entries" in shown(app) and "Moment number 2" not in shown(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert paths[2].exists() and journal.load(paths[2]).starred
        assert [row.starred for row in index.rows()] == [1, 0, 0]
        assert "3 entries" in shown(app) and "Moment number 2" in shown(app)
        index.close()


async def test_a_search_typed_while_the_words_are_read_ahead_waits_for_them(
        make_app, coachtui_home, monkeypatch):
    """The catch-up thread reads every entry's words after its check. A search typed
    meanwhile must not read them too on the screen's thread (at 100,000 entries the two
    readers handed Python's lock to each other at every row: a first keystroke took
    seconds): it says it is searching, and its list comes with the thread's words."""
    from coachtui.ui.screens.journal import JournalScreen

    save_many(4)
    release, reached = threading.Event(), threading.Event()
    read_ahead = JournalScreen._read_ahead

    def held(self):
        reached.set()
        release.wait(30)  # the thread is still reading while the test types
        read_ahead(self)

    main_thread_reads = []
    ask = JournalIndex._ask

    def watched(self, query, values=()):
        if "search_text" in query and threading.current_thread() is threading.main_thread():
            main_thread_reads.append(query)
        return ask(self, query, values)

    monkeypatch.setattr(JournalScreen, "_read_ahead", held)
    monkeypatch.setattr(JournalIndex, "_ask", watched)
    app = make_app(start_screen="journal")
    async with app.run_test(size=(100, 32)) as pilot:
        try:
            for _ in range(200):
                await pilot.pause(0.02)
                if reached.is_set() and app.screen.up_to_date:
                    break
            await pilot.press("slash", *"number 2")
            await pilot.pause()
            assert "Searching…" in shown(app)
            assert "Moment number 3" in shown(app), "the list stays as it was meanwhile"
        finally:
            release.set()
        await open_journal(pilot)
        for _ in range(100):
            if "1 of 4 entries" in shown(app):
                break
            await pilot.pause(0.02)
        assert "1 of 4 entries" in shown(app)
        assert "Moment number 2" in shown(app) and "Moment number 3" not in shown(app)
        assert main_thread_reads == [], "the screen read the words itself"
