"""The journal index's SQLite file: opened only when it is exactly ours, or done without.

The index is a cache (see journal_index.py), so it must never stand between the person
and their journal. A file at its place that is not an index of this version (damaged,
older, newer, another program's) is replaced by a fresh one. When none can be used at
all (a full or read-only disk, a folder or a link where the file or its folder should
be, another coachtui holding it locked), the caller keeps the index in memory for this
run, filled from the journal's files, and says so in one sentence: `CannotUse`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import stat
from pathlib import Path

from coachtui.paths import ensure_private_dir
from coachtui.store.atomic import why_not_written
from coachtui.store.portable import NO_FOLLOW, NO_WAIT, make_private

# How long to wait for another coachtui's write before doing without the file: long
# enough for a catch-up to commit, short enough that nothing ever seems to hang.
BUSY_SECONDS = 2.0

# The files SQLite keeps beside a database while it writes (rollback journal, WAL).
SIDECARS = ("-journal", "-wal", "-shm")

_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_ERROR)
_SQLITE_REASONS = {
    **{code: "another coachtui was updating it" for code in _BUSY},
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_READONLY: "it could not be written",
    sqlite3.SQLITE_PERM: "permission was denied",
    sqlite3.SQLITE_CANTOPEN: "it could not be opened",
    sqlite3.SQLITE_IOERR: "the disk reported an input/output error",
    sqlite3.SQLITE_CORRUPT: "it was damaged",
    sqlite3.SQLITE_NOTADB: "it was not an index",
}


class CannotUse(Exception):
    """The index file cannot be used this time; the message says why, in a few words."""


def is_damaged(error: sqlite3.Error) -> bool:
    """True when the file itself is wrong (rebuild it); False when it is only out of reach
    (busy, full, read-only: leave it for later, or for the coachtui that holds it)."""
    return _primary(error) in _DAMAGED


def reason(error: OSError | sqlite3.Error) -> str:
    """A short lower-case phrase for why the index could not be used."""
    if isinstance(error, OSError):
        return why_not_written(error)
    return _SQLITE_REASONS.get(_primary(error), str(error) or type(error).__name__)


def _primary(error: sqlite3.Error) -> int:
    return (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF


def open_on_disk(location: Path, schema: str,
                 wait: float = BUSY_SECONDS) -> tuple[sqlite3.Connection, str]:
    """The index at `location`, and why it was rebuilt ('' if it was fine or new).

    `schema` creates every table and writes the version row; an existing file is kept only
    if its tables and version row are exactly what `schema` makes. Another coachtui's
    write is waited for at most `wait` seconds. Raises CannotUse."""
    try:
        had_content = _claim(location)
        db = _connect(location, wait)
    except (OSError, sqlite3.Error) as error:
        raise CannotUse(reason(error)) from None
    why = "it was from another version of coachtui, or another program's"
    try:
        if _is_exactly(db, schema):
            return db, ""
    except sqlite3.Error as error:
        if not is_damaged(error):  # busy or out of reach: it may well be fine, keep it
            db.close()
            raise CannotUse(reason(error)) from None
        if _primary(error) != sqlite3.SQLITE_ERROR:  # that one is "no such table"
            why = "it was damaged"
    db.close()
    return _rebuild(location, schema, wait), (why if had_content else "")


def _rebuild(location: Path, schema: str, wait: float) -> sqlite3.Connection:
    try:
        discard(location)
        _claim(location)
        db = _connect(location, wait)
    except (OSError, sqlite3.Error) as error:
        raise CannotUse(reason(error)) from None
    try:
        db.executescript(f"BEGIN;\n{schema}\nCOMMIT;")  # all or nothing: no half-made index
    except sqlite3.Error as error:
        db.close()
        raise CannotUse(reason(error)) from None
    return db


def in_memory(schema: str) -> sqlite3.Connection:
    """An index for this run only, never written to disk."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.executescript(schema)
    return db


def discard(location: Path) -> None:
    """Remove the index file and its side files, so the next start builds it afresh.
    Only regular files are removed: anything else at those names is left as it is."""
    for path in (location, *(Path(f"{location}{suffix}") for suffix in SIDECARS)):
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(path).st_mode):
                path.unlink()


def _claim(location: Path) -> bool:
    """Make sure the index file and its folder are ours to open, private and never a way
    out of the cache folder; True if the file already held something."""
    folder = location.parent
    if os.path.lexists(folder) and not stat.S_ISDIR(os.lstat(folder).st_mode):
        raise CannotUse(f"{folder} is not a folder (links are not followed)")
    ensure_private_dir(folder)
    for suffix in SIDECARS:
        side = Path(f"{location}{suffix}")
        if os.path.lexists(side):
            if not stat.S_ISREG(os.lstat(side).st_mode):
                raise CannotUse(f"{side} is not a regular file (links are not followed)")
            os.chmod(side, 0o600)
    # Made 0600 before SQLite opens it (SQLite would follow the umask): the index holds the
    # journal's words. O_NOFOLLOW: a link is never opened; O_NONBLOCK: nor waits on a FIFO.
    try:
        fd = os.open(location, os.O_CREAT | os.O_RDWR | NO_FOLLOW | NO_WAIT, 0o600)
    except OSError:
        if os.path.islink(location):
            raise CannotUse(f"{location} is a link (links are not followed)") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CannotUse(f"{location} is not a regular file")
        make_private(fd, location)
    finally:
        os.close(fd)
    return info.st_size > 0


def _connect(location: Path, wait: float) -> sqlite3.Connection:
    # Opened in a loading thread, then used by a screen: one user at a time, never both.
    return sqlite3.connect(location, timeout=wait, check_same_thread=False)


def _is_exactly(db: sqlite3.Connection, schema: str) -> bool:
    """Its tables, indexes and meta rows are the ones `schema` makes, nothing else."""
    return _contents(db) == _expected(schema)


@functools.lru_cache(maxsize=4)
def _expected(schema: str) -> tuple:
    db = in_memory(schema)
    try:
        return _contents(db)
    finally:
        db.close()


def _contents(db: sqlite3.Connection) -> tuple:
    tables = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    meta = db.execute("SELECT * FROM meta ORDER BY 1").fetchall()
    return tuple(tables), tuple(meta)
