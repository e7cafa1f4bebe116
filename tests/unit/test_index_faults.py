"""The journal index is only a cache: whatever happens to it, the journal still lists,
searches, counts and exports, one sentence says what happened, and nothing hangs.

Each fault is made real where the machine allows it (a file, a folder or a link where
the index or its folder should be, another connection or process holding the lock,
another program's database). What root cannot be refused (tests run as root: a full
disk, a read-only home or file) is simulated at the call that would fail: `os.open`,
`Path.mkdir`, or SQLite itself (`PRAGMA max_page_count` makes SQLite report a full disk
for real; `mode=ro` makes it refuse writes for real).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coachtui.cli import main
from coachtui.core.reflection import Reflection
from coachtui.store import journal
from coachtui.store.journal_index import INDEX_VERSION, JournalIndex, index_path, open_index

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
WORDS = ["first words", "second words", "third words"]


@pytest.fixture
def saved(coachtui_home) -> list[Path]:
    return [journal.save(Reflection(created=T0 + timedelta(days=n), what_happened=words))
            for n, words in enumerate(WORDS)]


def add_entry(words: str = "written since") -> Path:
    return journal.save(Reflection(created=T0 - timedelta(days=len(on_file())),
                                   what_happened=words))


def on_file() -> list[str]:
    """What the journal's files hold, read without the index, newest first."""
    return [entry.what_happened for _, entry in journal.list_entries().entries]


def listed(index: JournalIndex) -> list[str]:
    return sorted(entry.what_happened for _, entry in index.entries())


def still_works(capsys, says: str) -> None:
    """The index, `stats` and `export` give every entry; the index's one sentence holds
    `says` ('' : no sentence at all), `stats` says it once on stderr."""
    words = on_file()
    code = main(["stats"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"Journal: {len(words)} entries" in out
    if says:
        assert err.count("journal index") == 1 and says in err, err
    else:
        assert err == ""
    code = main(["export", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 0 and len(out.splitlines()) == len(words), err
    index = open_index()
    try:
        assert listed(index) == sorted(words)
        assert [index.rows_for([i])[i].first_line for i in index.match()] == \
            [text[:200] for text in words]  # a line in the list: the first 200 characters
        assert index.count() == len(words) and index.unreadable() == []
    finally:
        index.close()


def built(saved) -> Path:
    """The index built once, as a previous start left it; a new entry written since."""
    open_index().close()
    add_entry()
    return index_path()


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# -- a full disk ----------------------------------------------------------------------------

def sqlite_capped_at(monkeypatch, pages: int) -> None:
    """SQLite itself reports "database or disk is full" once the index file reaches
    `pages` pages (4 KiB each): the real error path of a full disk."""
    real = sqlite3.connect

    def connect(database, *args, **kwargs):
        db = real(database, *args, **kwargs)
        if str(database) == str(index_path()):
            with contextlib.suppress(sqlite3.DatabaseError):  # not a database (yet)
                db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_a_disk_that_fills_while_the_index_is_rebuilt(saved, monkeypatch, capsys):
    index_path().parent.mkdir(mode=0o700)
    index_path().write_bytes(b"damaged " * 1000)  # so it is rebuilt, and the disk fills
    for n in range(12):
        add_entry(f"long {n} " + "w" * 3_900)
    sqlite_capped_at(monkeypatch, 10)
    still_works(capsys, "could not be used because the disk is full")


def test_a_full_disk_where_the_index_file_would_be_made(saved, monkeypatch, capsys):
    real = os.open

    def full(path, flags, *args, **kwargs):
        if str(path) == str(index_path()) and flags & os.O_CREAT:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full)
    still_works(capsys, "could not be used because the disk is full")
    assert not index_path().exists()


# -- a read-only home, a file that cannot be written ---------------------------------------

def test_a_read_only_home(saved, monkeypatch, capsys):
    real = Path.mkdir

    def read_only(self, *args, **kwargs):
        if self == index_path().parent:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only)
    still_works(capsys, "because the disk is read-only")


def test_a_file_where_the_cache_folder_should_be(saved, capsys, coachtui_home):
    blocker = coachtui_home / "cache"
    blocker.write_text("not a folder")
    blocker.chmod(0o644)
    still_works(capsys, f"because {blocker} is not a folder")
    assert blocker.read_text() == "not a folder" and mode(blocker) == 0o644


def test_an_index_file_that_cannot_be_opened_for_writing(saved, monkeypatch, capsys):
    location = built(saved)
    real = os.open

    def refused(path, flags, *args, **kwargs):
        if str(path) == str(location) and flags & (os.O_RDWR | os.O_WRONLY):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    still_works(capsys, "because permission was denied")


def test_an_index_file_sqlite_can_only_read(saved, monkeypatch, capsys):
    """What SQLite does with a file it may not write: it opens it read-only, and refuses
    the first write ("attempt to write a readonly database")."""
    location = built(saved)
    before = location.read_bytes()
    real = sqlite3.connect

    def read_only(database, *args, **kwargs):
        if str(database) == str(location):
            return real(f"file:{database}?mode=ro", *args, uri=True, **kwargs)
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    still_works(capsys, "because it could not be written")
    assert location.read_bytes() == before


# -- something else where the index should be ----------------------------------------------

def test_a_folder_where_the_index_file_should_be(saved, capsys):
    index_path().mkdir(parents=True)
    (index_path() / "kept.txt").write_text("someone's")
    still_works(capsys, "because a folder stands where the file should be")
    assert (index_path() / "kept.txt").read_text() == "someone's"


def test_a_cache_folder_that_links_elsewhere_is_not_followed(saved, capsys, tmp_path,
                                                            coachtui_home):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    elsewhere.chmod(0o755)
    (coachtui_home / "cache").symlink_to(elsewhere)
    still_works(capsys, "is not a folder (links are not followed)")
    assert list(elsewhere.iterdir()) == [] and mode(elsewhere) == 0o755


@pytest.mark.parametrize("name", ["journal-index.sqlite3", "journal-index.sqlite3-journal",
                                  "journal-index.sqlite3-wal"])
def test_a_link_in_place_of_the_index_or_its_side_file_is_not_followed(saved, capsys, tmp_path,
                                                                      name):
    """SQLite would open the link and write through it (a side file is written at every
    change): whatever it points at stays as it was."""
    target = tmp_path / "precious"
    target.write_bytes(b"not yours to write" * 100)
    target.chmod(0o644)
    open_index().close()
    add_entry()
    link = index_path().parent / name
    link.unlink(missing_ok=True)
    link.symlink_to(target)
    still_works(capsys, "(links are not followed)")
    assert target.read_bytes() == b"not yours to write" * 100 and mode(target) == 0o644


def test_the_index_and_its_side_files_stay_private(saved, capsys):
    location = built(saved)
    location.chmod(0o644)
    side = Path(f"{location}-journal")
    side.write_bytes(b"")  # an empty rollback journal, as a crash may leave one
    side.chmod(0o644)
    still_works(capsys, "")
    assert mode(location) == 0o600
    assert not side.exists() or mode(side) == 0o600


# -- another version, another program -------------------------------------------------------

FOREIGN = {
    "a newer coachtui's": "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                          f"INSERT INTO meta VALUES ('version', '{int(INDEX_VERSION) + 1}');"
                          "CREATE TABLE entries (path TEXT PRIMARY KEY, body BLOB);",
    "the same version number, other tables":
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        f"INSERT INTO meta VALUES ('version', '{INDEX_VERSION}');"
        "CREATE TABLE entries (path TEXT PRIMARY KEY, created TEXT);",
    "another program's": "CREATE TABLE songs (title TEXT, artist TEXT);"
                         "INSERT INTO songs VALUES ('a', 'b');",
}


@pytest.mark.parametrize("schema", FOREIGN.values(), ids=FOREIGN.keys())
def test_another_database_in_place_of_the_index_is_replaced_by_a_fresh_one(saved, capsys,
                                                                          schema):
    index_path().parent.mkdir(mode=0o700)
    with sqlite3.connect(index_path()) as other:
        other.executescript(schema)
    index = open_index()
    assert "rebuilt from your files" in index.notice and index.on_disk
    assert listed(index) == sorted(WORDS)
    index.close()
    still_works(capsys, "")  # rebuilt once, then simply used


def test_rows_no_coachtui_wrote_are_not_trusted(saved, capsys):
    built(saved)
    with sqlite3.connect(index_path()) as db:
        db.execute("UPDATE entries SET data = '{\"created\": \"soon\"}'")
    index = open_index()
    assert listed(index) == sorted(on_file())
    assert "could not be used because it held rows it could not understand" in index.notice
    index.close()
    still_works(capsys, "")  # the file was removed, so built afresh


# -- another coachtui at work ---------------------------------------------------------------

def test_an_index_locked_by_another_connection_is_waited_for_briefly_then_done_without(
        saved, capsys):
    location = built(saved)
    inode = location.stat().st_ino
    holder = sqlite3.connect(location, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another coachtui in the middle of writing it
    try:
        started = time.monotonic()
        index = open_index()
        waited = time.monotonic() - started
        assert listed(index) == sorted(on_file())
        assert "because another coachtui was updating it" in index.notice
        assert waited < 5, f"waited {waited:.1f} s"
        index.close()
        holder.execute("COMMIT")  # the other one's work was never pulled from under it
    finally:
        holder.close()
    assert location.stat().st_ino == inode
    still_works(capsys, "")


HOLD_LOCK = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
time.sleep(60)
"""


def test_stats_while_another_process_holds_the_index(saved, coachtui_home):
    location = built(saved)
    env = {**os.environ, "COACHTUI_HOME": str(coachtui_home)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(location)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "coachtui", "stats"], env=env,
                              capture_output=True, text=True, timeout=60)
        took = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "Journal: 4 entries" in done.stdout
    assert "journal index" in done.stderr and "another coachtui" in done.stderr
    assert took < 8, f"took {took:.1f} s"


BUILD = """
from coachtui.store.journal_index import open_index
index = open_index()
print(len(index.entries()), index.notice or "-")
"""


def test_two_processes_building_the_index_at_once_both_see_everything(coachtui_home):
    moment = datetime(2026, 3, 1, tzinfo=timezone.utc)
    for n in range(300):
        journal.save(Reflection(created=moment + timedelta(minutes=n), what_happened=f"n{n}"))
    env = {**os.environ, "COACHTUI_HOME": str(coachtui_home)}
    builders = [subprocess.Popen([sys.executable, "-c", BUILD], env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(3)]
    results = [builder.communicate(timeout=60) for builder in builders]
    assert [builder.returncode for builder in builders] == [0, 0, 0], results
    assert all(out.startswith("300 ") and err == "" for out, err in results), results
    index = open_index()
    assert index.on_disk and index.notice == "" and index.count() == 300


# -- an entry that changed since it was indexed -----------------------------------------------

def test_rows_of_entries_gone_or_unreadable_since_are_still_listed_until_the_refresh(saved):
    index = open_index()
    journal.delete(saved[0])
    saved[1].write_bytes(b"\xff broken by an editor")
    assert len(index.rows()) == 3 and len(index.rows_for(index.match())) == 3
    index.refresh()
    assert [row.first_line for row in index.rows()] == ["third words"]
    [problem] = index.unreadable()
    assert problem.path == saved[1] and problem.reason == "not UTF-8 text"


# -- an index that fails while it is open ---------------------------------------------------------

def lock(location: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(location, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def overwrite(location: Path) -> None:
    with open(location, "r+b") as handle:  # the same file, as another program would
        handle.write(b"overwritten " * 2000)


@pytest.mark.parametrize(("fault", "says"), [(lock, "another coachtui was updating it"),
                                            (overwrite, "it was not an index")])
def test_an_index_that_fails_while_open_carries_on_from_the_files(saved, fault, says):
    index = open_index()
    ids = index.match()
    add_entry("written meanwhile")
    held = fault(index_path())
    try:
        assert index.rows_for(ids) == {}, "those ids were the file's: match again"
        assert says in index.notice and not index.on_disk
        assert [index.rows_for([i])[i].first_line for i in index.match()] == on_file()
        assert listed(index) == sorted(on_file()) and index.count() == 4
    finally:
        if held:
            held.close()
    index.close()
    fresh = open_index()  # free again, or (damaged, so removed) built afresh without a word
    assert fresh.on_disk and fresh.notice == "" and fresh.count() == 4
