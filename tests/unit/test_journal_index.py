"""The journal index: true to the TOML files, fast to ask, and only ever a cache."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from coachtui.core.reflection import Reflection, SeenSignal
from coachtui.store import journal, toml_io
from coachtui.store.journal_index import (LIST_QUERY, TAGS_QUERY, Filters, JournalIndex, index_path,
                                          open_index)

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def entry(days: int, **fields) -> Reflection:
    fields.setdefault("playbook_id", "late-shift")
    fields.setdefault("playbook_title", "Late shift")
    return Reflection(created=T0 + timedelta(days=days), **fields)


@pytest.fixture
def saved(coachtui_home):
    """Five entries saved the normal way; returns their paths, oldest first."""
    return [
        journal.save(entry(0, what_happened="A [bold quiet night", tags=["rush"],
                           decision="connect")),
        journal.save(entry(1, went_well="Kept calm with the REFUND", tags=["rush-hour"],
                           decision="frictionless", starred=True)),
        journal.save(entry(2, playbook_id="dolphin", playbook_title="The dolphin",
                           signals=[SeenSignal(id="s", label="Card already out",
                                               lean="frictionless")])),
        journal.save(entry(3, next_time="Breathe first", tags=["rush"], decision="connect")),
        journal.save(entry(40, what_happened="Much later")),
    ]


def texts(found) -> list[str]:
    return [r.what_happened or r.went_well or r.next_time or r.signals[0].label for _, r in found]


def test_lists_every_entry_newest_first_like_the_files(saved):
    index = open_index()
    assert [path for path, _ in index.entries()] == list(reversed(saved))
    assert [r for _, r in index.entries()] == [r for _, r in journal.list_entries().entries]
    rows = index.rows()
    assert [index.path_of(row) for row in rows] == list(reversed(saved)) and index.count() == 5
    newest, starred = rows[0], rows[3]
    assert (newest.first_line, newest.playbook_title, newest.tag_list) == \
        ("Much later", "Late shift", [])
    assert starred.starred and starred.tag_list == ["rush-hour"]
    assert starred.decision == "frictionless"
    assert rows[4].first_line == "A [bold quiet night" and rows[4].when == T0
    ids = index.match()
    assert [index.rows_for(ids)[i] for i in ids] == rows
    assert [index.rows_for([i])[i] for i in index.match(Filters(starred=True))] == [starred]


def test_the_list_and_its_filters_are_read_from_an_index_alone_with_no_sort(saved):
    # What every journal start reads: at 10,000 entries a pass over the table with a sort
    # took twice as long as one over this index (measured in the real command's start).
    index = open_index()
    index.table(), index.tags()  # (and these give what they gave before)
    plans = [" ".join(row[-1] for row in index.db.execute("EXPLAIN QUERY PLAN " + query))
             for query in (LIST_QUERY, TAGS_QUERY)]
    assert all("COVERING INDEX entries_listed" in plan for plan in plans), plans
    assert "FOR ORDER BY" not in plans[0], plans[0]
    assert index.tags() == ["rush", "rush-hour"]


@pytest.mark.parametrize(("words", "expected"), [
    ("refund", ["Kept calm with the REFUND"]),  # any case
    ("[bold", ["A [bold quiet night"]),  # brackets are just characters
    ("card refund", []),  # every word must be in the same entry
    ("card already", ["Card already out"]),  # signal labels are searched
    ("breathe first", ["Breathe first"]),
    ("dolphin", ["Card already out"]),  # so is the scenario's title
    ("hour", ["Kept calm with the REFUND"]),  # and tags
    ("%", []), ("_", []),  # no wildcard characters
])
def test_search_finds_words_anywhere_in_an_entry(saved, words, expected):
    assert texts(open_index().entries(Filters(text=words))) == expected


def test_filters_combine(saved):
    index = open_index()
    assert len(index.entries(Filters(tag="rush"))) == 2, "rush, not rush-hour"
    assert texts(index.entries(Filters(tag="RUSH-hour"))) == ["Kept calm with the REFUND"]
    assert len(index.entries(Filters(decision="connect"))) == 2
    assert texts(index.entries(Filters(starred=True))) == ["Kept calm with the REFUND"]
    assert texts(index.entries(Filters(playbook_id="dolphin"))) == ["Card already out"]
    assert len(index.entries(Filters(since=date(2026, 3, 2), until=date(2026, 3, 4)))) == 3
    assert len(index.entries(Filters(until=date(2026, 3, 1)))) == 1, "until is inclusive"
    assert texts(index.entries(Filters(text="night", tag="rush", decision="connect"))) == \
        ["A [bold quiet night"]
    assert index.scenarios() == [("late-shift", "Late shift"), ("dolphin", "The dolphin")]
    assert index.tags() == ["rush", "rush-hour"]


def test_refresh_reads_only_new_and_changed_files_and_forgets_removed_ones(saved, monkeypatch):
    index = open_index()
    reads = []
    real = toml_io.read
    monkeypatch.setattr(toml_io, "read",
                        lambda path, *within: (reads.append(path.name), real(path, *within))[1])
    index.refresh()
    assert reads == [], "nothing changed, nothing read"
    added = journal.save(entry(5, what_happened="new one"))
    changed = journal.read_for_edit(saved[0])
    journal.update(saved[0], changed[0].model_copy(update={"what_happened": "edited"}), changed[1])
    saved[1].unlink()
    reads.clear()
    index.refresh()
    assert sorted(reads) == sorted([added.name, saved[0].name])
    assert "edited" in texts(index.entries()) and "new one" in texts(index.entries())
    assert len(index.entries()) == 5


def test_an_unreadable_file_is_listed_left_alone_and_read_once_fixed(saved):
    bad = saved[0].parent / "20260301T000000Z-broken.toml"
    bad.write_bytes(b"what_happened = [oops")
    index = open_index()
    [problem] = index.unreadable()
    assert problem.path == bad and problem.reason.startswith("not valid TOML")
    assert bad.read_bytes() == b"what_happened = [oops"
    assert len(index.entries()) == 5
    toml_io.write(bad, entry(9, what_happened="mended").model_dump(mode="python"))
    index.refresh()
    assert not index.unreadable() and "mended" in texts(index.entries())


@pytest.mark.parametrize("damage", [b"", b"not a database at all" * 50, None])
def test_a_damaged_or_foreign_index_is_rebuilt_from_the_files(saved, damage):
    open_index().close()
    location = index_path()
    if damage is None:  # an index from another version of coachtui
        import sqlite3

        with sqlite3.connect(location) as db:
            db.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
    else:
        location.write_bytes(damage)
    assert len(open_index().entries()) == 5


def test_the_index_is_private_even_with_an_open_umask(saved, open_umask):
    open_index().close()
    assert os.stat(index_path()).st_mode & 0o777 == 0o600
    assert os.stat(index_path().parent).st_mode & 0o777 == 0o700


# -- editing, deleting, undo -------------------------------------------------------------

def test_an_edit_never_clobbers_a_change_made_meanwhile(saved):
    original, stamp = journal.read_for_edit(saved[0])
    other = original.model_copy(update={"what_happened": "changed in another window"})
    toml_io.write(saved[0], other.model_dump(mode="python"))
    os.utime(saved[0], ns=(stamp.mtime_ns + 10**9, stamp.mtime_ns + 10**9))
    with pytest.raises(journal.ChangedOnDisk):
        journal.update(saved[0], original.model_copy(update={"starred": True}), stamp)
    assert journal.load(saved[0]).what_happened == "changed in another window"


def test_an_edit_of_an_unchanged_entry_is_saved_and_can_be_edited_again(saved):
    original, stamp = journal.read_for_edit(saved[0])
    stamp = journal.update(saved[0], original.model_copy(update={"starred": True}), stamp)
    journal.update(saved[0], original.model_copy(update={"tags": ["kept"]}), stamp)
    assert journal.load(saved[0]).tags == ["kept"]


def test_delete_goes_to_the_trash_and_undo_puts_it_back(saved, coachtui_home):
    content = saved[0].read_bytes()
    trashed = journal.delete(saved[0])
    assert trashed.parent == coachtui_home / "trash" / "journal" and not saved[0].exists()
    assert len(open_index().entries()) == 4
    journal.restore(trashed, saved[0])
    assert saved[0].read_bytes() == content and not trashed.exists()
    assert len(open_index().entries()) == 5


def test_undo_never_overwrites_a_file_that_took_the_place(saved):
    trashed = journal.delete(saved[0])
    saved[0].write_text("someone else's")
    with pytest.raises(FileExistsError):
        journal.restore(trashed, saved[0])
    assert trashed.exists() and saved[0].read_text() == "someone else's"


# -- two coachtui processes at once ---------------------------------------------------------

SAVE_MANY = """
import sys
from datetime import datetime, timezone
from coachtui.core.reflection import Reflection
from coachtui.store import journal
moment = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)  # every entry in the same second
for number in range(40):
    journal.save(Reflection(created=moment, what_happened=f"{sys.argv[1]} {number}"))
"""


def test_two_processes_saving_at_the_same_moment_both_keep_every_entry(coachtui_home):
    env = {**os.environ, "COACHTUI_HOME": str(coachtui_home)}
    writers = [subprocess.Popen([sys.executable, "-c", SAVE_MANY, name], env=env)
               for name in ("first", "second")]
    assert [writer.wait(timeout=60) for writer in writers] == [0, 0]
    found = {r.what_happened for _, r in open_index().entries()}
    assert found == {f"{name} {n}" for name in ("first", "second") for n in range(40)}


def test_two_indexes_open_at_once_agree(saved):
    first, second = JournalIndex(), JournalIndex()
    first.refresh()
    second.refresh()
    journal.save(entry(7, what_happened="seen by both"))
    first.refresh()
    second.refresh()
    assert texts(first.entries()) == texts(second.entries())


@pytest.mark.parametrize("filters", [
    Filters(), Filters(text="refund"), Filters(text="[bold"), Filters(text="card already"),
    Filters(tag="rush"), Filters(tag="Rush-Hour"), Filters(decision="connect"),
    Filters(starred=True), Filters(playbook_id="dolphin"),
    Filters(since=date(2026, 3, 2), until=date(2026, 3, 4)), Filters(until=date(2026, 3, 1)),
    Filters(text="night", tag="rush", decision="connect"), Filters(text="nothing like this"),
])
def test_the_fast_search_in_memory_agrees_with_the_database(saved, filters):
    """match() filters in Python for speed; entries() asks SQLite: they must agree."""
    index = open_index()
    assert [index.rows_for([i])[i].file for i in index.match(filters)] == \
        [str(path.relative_to(index.root)) for path, _ in index.entries(filters)]


def test_the_in_memory_search_follows_a_refresh(saved):
    index = open_index()
    assert len(index.match(Filters(text="fresh words"))) == 0
    journal.save(entry(9, what_happened="fresh words"))
    index.refresh()
    assert len(index.match(Filters(text="fresh words"))) == 1


def test_the_table_and_words_read_ahead_elsewhere_are_taken_only_if_nothing_changed(saved):
    index, reader = open_index(), JournalIndex()
    at = index.generation
    words = reader.texts()
    index.note(saved[0])  # a change made here meanwhile (a star, say): its row is new
    index.adopt(reader.table(), words, at)
    assert index._texts is None and index._table is None  # stale: not taken
    assert [index.path_of(index.rows_for([i])[i]) for i in index.match(Filters(text="quiet"))] \
        == [saved[0]]
    fresh = JournalIndex()
    fresh.table()
    fresh.adopt(reader.table(), reader.texts(), fresh.generation)
    assert fresh._texts == reader.texts()
    assert len(fresh.match(Filters(text="late"))) == len(index.match(Filters(text="late")))


def test_the_whole_list_is_drawn_from_its_order_alone_without_the_table(saved):
    index = open_index()
    ids = index.match()
    assert index._table is None  # not read for the list's first paint
    assert ids == [row[0] for row in index.table()] == index.listed_ids()
    assert [index.path_of(index.rows_for(ids)[i]) for i in ids] == list(reversed(saved))
    assert index.match(Filters(starred=True)) == [row[0] for row in index.table() if row[5]]
