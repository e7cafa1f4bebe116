"""The journal's keys never destroy by accident: letters search, the cursor stays on the
entry it was on, the tags and the editor keep what is there, and drafts need no letter."""

from __future__ import annotations

from datetime import timedelta

from textual import events
from textual.widgets import Input, OptionList

from coachtui.core.reflection import Reflection
from coachtui.store import journal
from tests.app.helpers import journal_entries, list_text, screen_name, settle
from tests.app.test_drafts import drafts_in, leave_a_walk
from tests.app.test_journal_screen import T0, entries, open_journal, shown, utc  # noqa: F401

# `entries` (oldest first): 0 hostile with "a refund" and #refund, 1 starred dolphin,
# 2 second late shift, 3 a quick note. The list shows them newest first: 3, 2, 1, 0.


def trashed(home) -> list:
    folder = home / "trash" / "journal"
    return list(folder.iterdir()) if folder.is_dir() else []


def told(app) -> str:
    """Every notification on show (a toast is drawn over the screen, not in it)."""
    return "\n".join(notification.message for notification in app._notifications)


def starred(paths) -> list[bool]:
    return [journal.load(path).starred for path in paths]


async def test_a_word_typed_at_the_list_searches_and_changes_nothing(make_app, entries,
                                                                     coachtui_home):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press(*"refund")  # its d once moved an entry to the trash
        await pilot.pause()
        search = app.screen.query_one("#search", Input)
        assert search.value == "refund" and app.screen.focused is search
        assert "1 of 4 entries" in shown(app) and "a refund" in shown(app)
        await pilot.press("enter", *" Delivery")  # back at the list, typing carries on
        await pilot.pause()
        assert search.value == "refund Delivery" and "0 of 4 entries" in shown(app)
    assert all(path.exists() for path in entries) and not trashed(coachtui_home)
    assert starred(entries) == [False, True, False, False]


async def test_the_words_are_read_ahead_so_the_first_search_key_does_not_wait(make_app, entries):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        for _ in range(50):  # read in the checking thread once the list is up to date
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.screen.index._texts is not None:
                break
        index = app.screen.index
        assert index._texts is not None and len(index._texts) == 4
        await pilot.press(*"refund")
        await pilot.pause()
        assert "1 of 4 entries" in shown(app) and "a refund" in shown(app)


async def test_words_read_from_an_index_that_left_its_file_are_not_taken(make_app, entries,
                                                                        monkeypatch):
    # The read-ahead's own connection had to leave the file (damaged or gone meanwhile):
    # what it read was numbered afresh in memory, not as the screen's index numbers its rows.
    import threading

    from coachtui.store.journal_index import JournalIndex

    texts = JournalIndex.texts

    def failing_in_a_thread(index):
        if threading.current_thread() is not threading.main_thread() and index.on_disk:
            index._do_without("it failed in a test", damaged=False)
        return texts(index)

    monkeypatch.setattr(JournalIndex, "texts", failing_in_a_thread)
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        for _ in range(20):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.screen.index.on_disk and app.screen.index._texts is None
        await pilot.press(*"refund")
        await pilot.pause()
        assert "1 of 4 entries" in shown(app) and "a refund" in shown(app)


async def test_no_letter_destroys_in_an_entry(make_app, entries, coachtui_home):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("enter", *"dud")
        await pilot.pause()
        assert screen_name(app) == "EntryScreen"
    assert all(path.exists() for path in entries) and not trashed(coachtui_home)


async def test_delete_and_ctrl_d_trash_with_a_visible_undo_and_ctrl_z_brings_back(
        make_app, entries, coachtui_home):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("delete")
        await pilot.pause()
        assert not entries[3].exists() and "3 entries" in shown(app)
        assert "Ctrl+Z in the journal brings it back" in told(app)
        await pilot.press("enter", "ctrl+d")  # from the reader too
        await pilot.pause()
        assert screen_name(app) == "JournalScreen" and not entries[2].exists()
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert "4 entries" in shown(app) and "Entry back in your journal." in told(app)
    assert all(path.exists() for path in entries) and not trashed(coachtui_home)


async def test_the_cursor_stays_on_its_entry_after_star_delete_undo_and_edit(make_app,
                                                                            entries):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("down", "down", "asterisk")  # on the starred dolphin: unstar
        await pilot.pause()
        await pilot.press("asterisk")  # the same entry again, not the first row
        await pilot.pause()
        assert starred(entries) == [False, True, False, False]
        await pilot.press("up", "delete")  # the second late shift; then its neighbour
        await pilot.pause()
        await pilot.press("asterisk")
        await pilot.pause()
        assert not entries[2].exists()
        assert starred([entries[0], entries[1], entries[3]]) == [False, False, False]
        await pilot.press("ctrl+z", "asterisk")  # back, and the cursor on it
        await pilot.pause()
        assert starred(entries) == [False, False, True, False]
        await pilot.press("end", "enter", "e", "ctrl+e", *" Edited", "ctrl+s", "escape")
        await pilot.pause()
        assert screen_name(app) == "JournalScreen"
        assert journal.load(entries[0]).what_happened.endswith("Edited")
        await pilot.press("asterisk")  # still on the entry just edited
        await pilot.pause()
        assert starred(entries) == [True, False, True, False]


async def test_tags_open_with_the_cursor_after_them_and_nothing_selected(make_app, entries):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("end", "enter", "t")  # the oldest, tagged #refund
        await pilot.pause()
        tags = app.screen.query_one("#tags", Input)
        assert app.screen.focused is tags and tags.selection.is_empty
        await pilot.press(*" late", "ctrl+s")
        await pilot.pause()
    assert journal.load(entries[0]).tags == ["refund", "late"]


async def test_escape_in_the_editor_asks_before_dropping_a_change(make_app, entries):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("enter", "e", "escape")  # nothing changed: leaves at once
        await pilot.pause()
        assert screen_name(app) == "EntryScreen"
        await pilot.press("e", *"Kept ", "escape")
        await pilot.pause()
        assert screen_name(app) == "EditEntryScreen"
        assert "press Escape again to leave without your changes" in told(app)
        await pilot.press(*"more ", "escape")  # a change after the question: ask again
        await pilot.pause()
        assert screen_name(app) == "EditEntryScreen"
        assert app.screen.query_one("#what_happened").text.startswith("Kept more ")
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "EntryScreen" and "Kept" not in shown(app)
    assert journal.load(entries[3]).what_happened == "A quick note"


async def test_no_letter_saves_or_discards_a_draft(make_app, coachtui_home):
    await leave_a_walk(make_app, "pause", "3", playbook="dolphin", minutes=0)
    await leave_a_walk(make_app, "reflect", *"Only this much", minutes=5)
    again = make_app()
    async with again.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("u")  # the list opens when asked for, never by itself
        await pilot.pause()
        assert screen_name(again) == "DraftsScreen"
        await pilot.press(*"sad dogs")  # no letter but r (resume, as on home) acts here
        await pilot.pause()
        assert len(drafts_in(coachtui_home)) == 2 and not journal_entries(coachtui_home)
        await pilot.press("ctrl+s")  # the newest, Late shift, saved as it is
        await pilot.pause()
        assert [entry["what_happened"] for entry in journal_entries(coachtui_home)] == [
            "Only this much"]
        await pilot.press("delete")  # the last one left: the list stays for the undo
        await pilot.pause()
        assert screen_name(again) == "DraftsScreen" and not drafts_in(coachtui_home)
        assert "Ctrl+Z brings it back" in told(again)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "The dolphin" in list_text(again)
        assert again.screen.query_one(OptionList).highlighted == 0
        await pilot.press("ctrl+d", "ctrl+z")
        await pilot.pause()
    [kept] = drafts_in(coachtui_home)
    assert kept["playbook_id"] == "dolphin" and kept["stress_before"] == 3
    assert not list((coachtui_home / "trash" / "drafts").iterdir())


async def test_a_burst_or_a_paste_at_the_list_lands_whole_in_the_search(make_app, entries):
    """Keys that arrive together (a fast typist, a browser over `serve`) reach the list
    before the search box has focus: they must still land in it, in order."""
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        for letter in "second late":
            app.post_message(events.Key("space" if letter == " " else letter, letter))
        await pilot.pause()
        search = app.screen.query_one("#search", Input)
        assert search.value == "second late" and "1 of 4 entries" in shown(app)
        search.value = ""
        await pilot.press("enter")  # back to the list, then a paste
        app.post_message(events.Paste("quick\nnote"))
        await pilot.pause()
        assert search.value == "quick" and app.screen.focused is search
    assert all(path.exists() for path in entries)


async def test_starring_far_down_a_long_list_keeps_the_rows_in_view(make_app, coachtui_home):
    saved = [journal.save(Reflection(created=T0 + timedelta(hours=hour),
                                     what_happened=f"Entry {hour}")) for hour in range(60)]
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press(*["down"] * 40)
        await pilot.pause()
        before = shown(app)
        await pilot.press("asterisk")
        await pilot.pause()
        assert shown(app).replace(" ★", "") == before.replace(" ★", "")
        await pilot.press(*"Entry 5")  # a shorter list (every "5") is shown from its top
        await pilot.pause()
        assert "15 of 60 entries" in shown(app)  # 5, 15, … 45 and 50 to 59
        assert all(f"Entry {hour}" in shown(app) for hour in (59, 55, 50, 5))
    assert journal.load(saved[19]).starred  # newest first: the 41st row is the 20th entry
