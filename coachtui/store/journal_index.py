"""A SQLite index of the journal, so 10,000 entries list, search and filter without reading
10,000 files at every start.

The TOML files stay the source of truth. The index is only a cache under cache/: brought up
to date at each open by comparing every file's size and modification time (only new or
changed files are read), and rebuilt from scratch when it is missing, damaged or from
another version. Deleting it loses nothing. When the file cannot be used at all (see
index_file.py), the index lives in memory for the run, filled from the files, and
`notice` says so: slower, never in the way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from coachtui import paths
from coachtui.store import index_file, journal_files, toml_io
from coachtui.store.journal_search import SearchMemo, words_of
from coachtui.store.stamp import Stamp
from coachtui.store.toml_io import Unreadable, why_unreadable

if TYPE_CHECKING:
    from coachtui.core.insights import EntryFacts, Insights
    from coachtui.core.reflection import Reflection

# 3: the review's answers (what was meant, why it differed, the ripple, feelings) are searched.
# 4: the files' stamps in an index of their own (see entries_stamps).
# 5: the list's columns in an index of their own, in its order (see entries_listed).
INDEX_VERSION = "5"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
    created TEXT NOT NULL, playbook_id TEXT NOT NULL, playbook_title TEXT NOT NULL,
    decision TEXT, followed INTEGER, stress_before INTEGER, stress_after INTEGER,
    starred INTEGER NOT NULL, sensitive INTEGER NOT NULL, tags TEXT NOT NULL,
    first_line TEXT NOT NULL, search_text TEXT NOT NULL, data TEXT NOT NULL);
-- What the journal's list reads at every start, in the order it shows (newest first): one
-- pass over an index a fraction of the table's size, no sort. Its first columns also serve
-- every other ordering by time (export's pages).
CREATE INDEX entries_listed ON entries (created DESC, path DESC, playbook_id, playbook_title,
                                        decision, starred, tags, sensitive);
-- What a check for changed files reads: 100,000 stamps from a few megabytes, where the
-- table (a whole entry's JSON and words in each row) is hundreds.
CREATE INDEX entries_stamps ON entries (path, mtime_ns, size);
CREATE TABLE unreadable (
    path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, reason TEXT NOT NULL);
INSERT INTO meta VALUES ('version', '%s');
""" % INDEX_VERSION

# What the journal's list reads at every start, both from entries_listed alone.
LIST_QUERY = ("SELECT rowid, created, playbook_id, playbook_title, decision, starred, tags "
              "FROM entries ORDER BY created DESC, path DESC")
TAGS_QUERY = "SELECT DISTINCT tags FROM entries WHERE sensitive = 0"
LISTED_IDS_QUERY = "SELECT rowid FROM entries ORDER BY created DESC, path DESC"

# How many files a first reading writes before it shows them (the newest: on screen at
# once), then how many per transaction (about a second of reading each).
FIRST_BATCH = 200
BATCH = 4000

# What the insights count, beyond the columns: taken out of each entry's JSON by SQLite in
# one array (a fraction of the cost of parsing the whole JSON in Python).
FACT_COLUMNS = ("created, stress_before, stress_after, decision, followed, playbook_title, "
                "sensitive, json_extract(data, '$.signals', '$.steps_open', '$.customer_left', "
                "'$.next_time')")

ROW_COLUMNS = ("path, created, playbook_title, decision, followed, stress_before, stress_after, "
               "starred, sensitive, tags, first_line")

# The free text a search looks through, besides scenario, signals, steps and tags.
SEARCHED = ("playbook_title", "opener", "what_happened", "went_well", "to_change", "next_time",
            "intended", "why_different", "ripple")


class Row(NamedTuple):
    """One line of the journal list, straight from the index's columns: a tuple, so ten
    thousand of them are built within a keystroke. Only shown lines are formatted."""

    file: str  # relative to the journal folder
    created: str  # ISO 8601, UTC
    playbook_title: str
    decision: str | None
    followed: int | None
    stress_before: int | None
    stress_after: int | None
    starred: int
    sensitive: int
    tags: str  # " a b " (see _tags_column)
    first_line: str

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.created)

    @property
    def tag_list(self) -> list[str]:
        return self.tags.split()


@dataclass(frozen=True)
class Filters:
    """What the journal list shows: words to find (all of them, anywhere) and filters."""

    text: str = ""
    playbook_id: str | None = None
    decision: str | None = None
    tag: str | None = None
    starred: bool = False
    since: date | None = None
    until: date | None = None  # inclusive
    # Bounds that are not UTC days (a person's local days, core.dates): [start, end).
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class Plan:
    gone: list[str]
    changed: dict[str, Stamp]
    # The folders the scan could not look into (never in the index: seen afresh each time).
    problems: list[Unreadable] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.gone) + len(self.changed)


def index_path() -> Path:
    return paths.index_dir() / "journal-index.sqlite3"


class JournalIndex:
    """The index of one journal folder: its file under cache/ when that can be used, else
    one in memory for this run (`on_disk` is False), filled from the files by `refresh`.

    `notice` is one sentence for the person when the file was rebuilt or could not be
    used ('' otherwise); the caller shows it once. `wait`: how long another coachtui's
    write may hold it up, in seconds."""

    def __init__(self, journal_root: Path | None = None, location: Path | None = None,
                 wait: float = index_file.BUSY_SECONDS) -> None:
        self.root = journal_root or paths.journal_dir()
        self.location = location or index_path()
        self.notice = ""
        self.on_disk = True
        self._table: list[tuple] | None = None  # what searches run over, newest first
        self._texts: dict[int, str] | None = None  # each row's words, at the first search
        self._searches: SearchMemo | None = None  # the searches made over this table
        self.generation = 0  # counts the times the above were forgotten (the data changed)
        self._links_within: Path | None = None
        self.db = self._connect(wait)

    # -- keeping it true to the files -------------------------------------------------
    def _connect(self, wait: float) -> sqlite3.Connection:
        try:
            db, rebuilt_because = index_file.open_on_disk(self.location, SCHEMA, wait)
        except index_file.CannotUse as problem:
            return self._in_memory(str(problem))
        if rebuilt_because:
            self.notice = f"The journal index was rebuilt from your files ({rebuilt_because})."
        return db

    def _in_memory(self, why: str) -> sqlite3.Connection:
        self.on_disk = False
        self.notice = (f"The journal index ({self.location}) could not be used because {why}, "
                       "so your journal was read from its files instead, more slowly.")
        return index_file.in_memory(SCHEMA)

    def _do_without(self, why: str, damaged: bool) -> None:
        """The file failed while in use: carry on in memory, read afresh from the files."""
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        if damaged:
            index_file.discard(self.location)  # built afresh at the next start
        self.db = self._in_memory(why)
        self._forget()
        self.refresh()

    def _ask(self, query: str, values: list | tuple = ()) -> list[tuple]:
        """The rows a query returns; if the file fails meanwhile (locked past the wait,
        damaged, gone), the same query of an index in memory, filled from the files."""
        try:
            return self.db.execute(query, values).fetchall()
        except sqlite3.Error as error:
            if not self.on_disk:
                raise
            self._do_without(index_file.reason(error), index_file.is_damaged(error))
            return self.db.execute(query, values).fetchall()

    def refresh(self) -> None:
        """Read the files that are new or changed since last time; forget the ones gone."""
        self.apply(self.plan())

    def plan(self) -> Plan:
        """What a refresh would do: cheap (file names and stamps only), so a caller can
        tell a quick catch-up from a first reading of thousands of files."""
        scanned = journal_files.scan(self.root)
        on_disk = scanned.files
        # Plain tuples (a Stamp equals the tuple of its fields), read from the stamps'
        # own index: at 100,000 entries this and the scan are all a start does.
        known = {path: (mtime_ns, size) for path, mtime_ns, size in self._ask(
            "SELECT path, mtime_ns, size FROM entries UNION ALL "
            "SELECT path, mtime_ns, size FROM unreadable")}
        return Plan(gone=[path for path in known if path not in on_disk],
                    changed={path: stamp for path, stamp in on_disk.items()
                             if known.get(path) != stamp}, problems=scanned.problems)

    def apply(self, plan: Plan, progress: Callable[[int, int], None] | None = None) -> None:
        """Read the changed files, newest first, and write them in batches, each one
        transaction: the first batch is small, so a journal read for the first time shows
        its newest entries at once; `progress(done, total)` is called after each batch.
        Another coachtui waits only for a batch's writing, never for the reading."""
        if not plan.gone and not plan.changed:
            return
        self._forget()
        changed = sorted(plan.changed.items(), key=lambda item: journal_files.name_of(item[0]), reverse=True)
        forget = [(path,) for path in plan.gone]
        done, size = 0, FIRST_BATCH
        while True:
            batch = changed[done:done + size]
            readings = [self._reading(relative, stamp) for relative, stamp in batch]
            if not self._write(forget + [(relative,) for relative, _ in batch], readings):
                return  # carried on in memory, read afresh from the files
            forget, done, size = [], done + len(batch), BATCH
            if progress is not None:
                progress(done, len(changed))
            if done >= len(changed):
                return

    def _write(self, forget: list[tuple[str]], readings: list[tuple[str, tuple]]) -> bool:
        """One transaction: these paths' rows removed, these readings added; False if the
        file failed and the index now lives in memory instead."""
        try:
            with self.db:
                self.db.executemany("DELETE FROM entries WHERE path = ?", forget)
                self.db.executemany("DELETE FROM unreadable WHERE path = ?", forget)
                for table, width in (("entries", 16), ("unreadable", 4)):
                    self.db.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * width)})",
                                        [row for into, row in readings if into == table])
        except sqlite3.Error as error:
            if not self.on_disk:
                raise
            self._do_without(index_file.reason(error), index_file.is_damaged(error))
            return False
        return True

    def note(self, path: Path) -> None:
        """The one entry file coachtui just changed, moved to the trash or brought back:
        its row is replaced or removed in place, the rest of the folder not looked at (the
        file is written first and stays the truth: a row that missed a change is put right
        by the next refresh, which compares stamps)."""
        try:
            relative = path.relative_to(self.root).as_posix()
        except ValueError:
            return
        try:
            reading = [self._reading(relative, Stamp.of(path))]
        except OSError:  # gone: moved to the trash
            reading = []
        self._forget()
        self._write([(relative,)], reading)

    def _scan(self) -> Iterator[tuple[str, Stamp]]:
        yield from journal_files.scan(self.root).files.items()

    def _reading(self, relative: str, stamp: Stamp) -> tuple[str, tuple]:
        """What one file puts in the index: (table, row), in `entries` or `unreadable`."""
        return read_entry(self.root, self._within(), relative, stamp)

    def _within(self) -> Path:
        """The folder a link in the journal may lead into (the same for every entry)."""
        if self._links_within is None:
            self._links_within = paths.own_root(self.root / "entry.toml")
        return self._links_within

    def close(self) -> None:
        self.db.close()

    # -- asking it --------------------------------------------------------------------------
    def entries(self, filters: Filters = Filters()) -> list[tuple[Path, Reflection]]:
        """The matching entries, newest first, as (file, entry)."""
        from pydantic import TypeAdapter, ValidationError

        from coachtui.core.reflection import Reflection

        where, values = _where(filters)
        found = self._ask(
            f"SELECT path, data FROM entries {where} ORDER BY created DESC, path DESC", values)
        # One JSON array validated in one call: faster than one call per entry.
        try:
            entries = TypeAdapter(list[Reflection]).validate_json(
                "[" + ",".join(data for _, data in found) + "]")
        except ValidationError:  # rows no coachtui of this version wrote: never trusted
            if not self.on_disk:
                raise
            self._do_without("it held rows it could not understand", damaged=True)
            return self.entries(filters)
        return [(self.root / path, entry) for (path, _), entry in zip(found, entries)]

    def oldest_first(self, filters: Filters = Filters(),
                     batch: int = 1000) -> Iterator[list[tuple[bool, str]]]:
        """The matching entries, oldest first, a batch at a time, as (sensitive, the JSON
        the index holds): each batch its own query (no lock held between them, the memory
        of one batch), for an export of any size."""
        for found in self._batches(filters, "sensitive, data", batch):
            yield [(bool(sensitive), data) for sensitive, data in found]

    def _batches(self, filters: Filters, columns: str, batch: int) -> Iterator[list[tuple]]:
        """These columns of the matching entries, oldest first, `batch` rows per query."""
        where, values = _where(filters)
        where += " AND " if where else "WHERE "
        after: tuple[str, str] = ("", "")
        while found := self._ask(
                f"SELECT created, path, {columns} FROM entries {where}(created, path) > "
                f"(?, ?) ORDER BY created, path LIMIT {int(batch)}", [*values, *after]):
            yield [row[2:] for row in found]
            after = found[-1][:2]

    def insights(self, filters: Filters = Filters(), top_n: int = 5,
                 batch: int = 5000) -> Insights:
        """What `coachtui stats` says of the matching entries, counted from the index's
        columns and a few values of its JSON (taken out by SQLite), a batch at a time: no
        entry is validated again, none held longer than its batch. Rows that do not have
        the shape this coachtui writes are not trusted (as in `entries`)."""
        from coachtui.core.insights import Tally

        tally, was_on_disk = Tally(), self.on_disk
        try:
            for found in self._batches(filters, FACT_COLUMNS, batch):
                for row in found:
                    tally.add(_facts(row))
        except (TypeError, ValueError, KeyError):
            if not self.on_disk:
                raise
            self._do_without("it held rows it could not understand", damaged=True)
            return self.insights(filters, top_n, batch)
        if was_on_disk and not self.on_disk:  # the file failed midway: count afresh
            return self.insights(filters, top_n, batch)
        return tally.insights(top_n)

    def span(self, filters: Filters = Filters()) -> tuple[int, str | None, str | None]:
        """How many entries match, and the first and last `created` of them."""
        where, values = _where(filters)
        return self._ask(f"SELECT COUNT(*), MIN(created), MAX(created) FROM entries {where}",
                         values)[0]

    def rows(self, filters: Filters = Filters()) -> list[Row]:
        """The matching entries as list lines, newest first (no entry is parsed)."""
        where, values = _where(filters)
        found = self._ask(
            f"SELECT {ROW_COLUMNS} FROM entries {where} ORDER BY created DESC, path DESC", values)
        return list(map(Row._make, found))

    def match(self, filters: Filters = Filters()) -> list[int]:
        """The matching entries' row ids, newest first: all a list needs to know at once
        (how many, in what order); it asks `rows_for` only for the lines it shows.

        Run in Python over a table kept in memory: a substring test per entry is several
        times faster than SQLite's, and this runs at every keystroke of a search, where each
        keystroke narrows the last result (journal_search.py). The entries' words (most of
        the table's size) are read only when a search needs them, so a list is shown
        without them."""
        if filters == Filters() and self._table is None:
            return self.listed_ids()  # the whole list: its order is all it needs
        others = dataclasses.replace(filters, text="")
        tag = f" {filters.tag.casefold()} " if filters.tag else None
        since, until = _bounds(filters)

        def everything() -> list[int]:
            return [rowid for rowid, created, playbook, _title, decision, starred, tags
                    in self.table()
                    if (not filters.playbook_id or playbook == filters.playbook_id)
                    and (not filters.decision or decision == filters.decision)
                    and (tag is None or tag in tags)
                    and (not filters.starred or starred)
                    and (since is None or created >= since)
                    and (until is None or created < until)]

        if self._searches is None:
            self._searches = SearchMemo()
        return self._searches.match(others, words_of(filters.text), everything, self.texts)

    def reads_first(self, filters: Filters) -> bool:
        """Whether `match(filters)` must first read the list's table or the entries' words
        (the whole list alone needs neither)."""
        if filters == Filters():
            return False
        return self._table is None or (bool(words_of(filters.text)) and self._texts is None)

    def forget_table(self) -> None:
        """Another connection changed the database: search from it afresh."""
        self._forget()

    def _forget(self) -> None:
        self._table = self._texts = self._searches = None
        self.generation += 1

    def adopt(self, table: list[tuple], texts: dict[int, str], generation: int) -> None:
        """The list's table and each row's words, read by another connection (a thread,
        ahead of the first filter or search) when this one was at `generation`: taken only
        if nothing changed since."""
        if generation == self.generation:
            self._table = self._table if self._table is not None else table
            self._texts = self._texts if self._texts is not None else texts

    def listed_ids(self) -> list[int]:
        """Every entry's row id in the list's order, without the table: a fifth of its
        reading (the list's first paint needs no more)."""
        if self._table is not None:
            return [row[0] for row in self._table]
        return [rowid for (rowid,) in self._ask(LISTED_IDS_QUERY)]

    def has_files(self) -> bool:
        return next(self._scan(), None) is not None

    def table(self) -> list[tuple]:
        if self._table is None:
            self._table = self._ask(LIST_QUERY)
        return self._table

    def texts(self) -> dict[int, str]:
        if self._texts is None:
            self._texts = dict(self._ask("SELECT rowid, search_text FROM entries"))
        return self._texts

    def rows_for(self, ids: list[int]) -> dict[int, Row]:
        """The rows of these ids from `match`; none if the index had to leave its file
        meanwhile (the ids were the file's: match again)."""
        marks = ",".join("?" * len(ids))
        was_on_disk = self.on_disk
        found = self._ask(
            f"SELECT rowid, {ROW_COLUMNS} FROM entries WHERE rowid IN ({marks})", ids)
        if was_on_disk and not self.on_disk:
            return {}
        return {rowid: Row._make(rest) for rowid, *rest in found}

    def path_of(self, row: Row) -> Path:
        return self.root / row.file

    def rowid_of(self, path: Path) -> int | None:
        """The row of the entry in `path` now (a file read again gets a new row id)."""
        try:
            relative = path.relative_to(self.root).as_posix()
        except ValueError:
            return None
        found = self.db.execute("SELECT rowid FROM entries WHERE path = ?", (relative,))
        return next((rowid for (rowid,) in found), None)

    def count(self) -> int:
        return self._ask("SELECT COUNT(*) FROM entries")[0][0]

    def unreadable(self) -> list[Unreadable]:
        """The files that could not be read, and the folders that could not be looked into."""
        return self.folder_problems() + self.unreadable_files()

    def folder_problems(self) -> list[Unreadable]:
        """The folders that could not be looked into: not in the index, looked at afresh."""
        return journal_files.scan(self.root, stamps=False).problems

    def unreadable_files(self) -> list[Unreadable]:
        """The files that could not be read, as the index knows them (no folder looked at)."""
        return [Unreadable(self.root / path, reason) for path, reason in
                self._ask("SELECT path, reason FROM unreadable ORDER BY path")]

    def scenarios(self) -> list[tuple[str, str]]:
        """(id, title) of every scenario in the journal, by title (the newest title wins)."""
        titles: dict[str, str] = {}
        for _rowid, _created, playbook, title, *_rest in self.table():
            if playbook:
                titles.setdefault(playbook, title)
        return sorted(titles.items(), key=lambda pair: (pair[1], pair[0]))

    def tags(self) -> list[str]:
        """The tags to filter by: a sensitive entry's tags are its words, not on show."""
        rows = self.db.execute(TAGS_QUERY)
        return sorted({tag for (tags,) in rows for tag in tags.split()})


def read_entry(root: Path, within: Path, relative: str, stamp: Stamp) -> tuple[str, tuple]:
    """What one file puts in the index: (table, row), in `entries` or `unreadable`. A plain
    function of its arguments, so a helper process can run it too (index_readers)."""
    # pydantic is loaded only when a file has to be read: opening an index that is
    # already up to date (the usual start) does without it.
    from coachtui.core.reflection import Reflection

    try:
        entry = toml_io.load(root / relative, Reflection.model_validate, within)
    except toml_io.READ_ERRORS as error:
        return "unreadable", (relative, stamp.mtime_ns, stamp.size, why_unreadable(error))
    followed = None if entry.followed_recommendation is None else \
        int(entry.followed_recommendation)
    return "entries", (
        relative, stamp.mtime_ns, stamp.size, entry.created.isoformat(), entry.playbook_id,
        entry.playbook_title, entry.decision, followed, entry.stress_before,
        entry.stress_after, int(entry.starred), int(entry.sensitive),
        _tags_column(entry.tags), _first_line(entry), _searchable(entry),
        entry.model_dump_json())


def _facts(row: tuple) -> EntryFacts:
    """One row of FACT_COLUMNS as the insights count it; TypeError or ValueError when it
    is not what this coachtui writes (the index is only a cache: never trusted blindly)."""
    from coachtui.core.insights import EntryFacts

    created, before, after, decision, followed, title, sensitive, extra = row
    signals, steps_open, customer_left, next_time = json.loads(extra)
    labels = [signal["label"] for signal in signals]
    if not (_words(labels) and _words(steps_open) and _words(customer_left)
            and isinstance(next_time, str) and isinstance(title, str)):
        raise ValueError("not an index row of this coachtui")
    return EntryFacts(datetime.fromisoformat(created), before, after, decision,
                      None if followed is None else bool(followed), title, labels, steps_open,
                      customer_left, next_time, bool(sensitive))


def _words(values: object) -> bool:
    return isinstance(values, list) and all(isinstance(value, str) for value in values)


def _tags_column(tags: list[str]) -> str:
    # Padded with spaces so one tag matches exactly: instr(tags, ' rush ').
    return f" {' '.join(tags)} " if tags else ""


def _first_line(entry: Reflection) -> str:
    for text in (entry.what_happened, entry.went_well, entry.to_change, entry.next_time):
        for line in text.splitlines():
            if line.strip():
                return line.strip()[:200]
    return ""


def _searchable(entry: Reflection) -> str:
    parts = [getattr(entry, name) for name in SEARCHED]
    parts += [signal.label for signal in entry.signals]
    parts += entry.steps_done + entry.steps_open + entry.customer_left + entry.my_feelings
    parts += entry.tags
    return "\n".join(parts).casefold()


def _where(filters: Filters) -> tuple[str, list]:
    clauses: list[str] = []
    values: list = []
    for word in filters.text.casefold().split():
        clauses.append("instr(search_text, ?) > 0")  # a plain substring: no query syntax
        values.append(word)
    if filters.playbook_id:
        clauses.append("playbook_id = ?")
        values.append(filters.playbook_id)
    if filters.decision:
        clauses.append("decision = ?")
        values.append(filters.decision)
    if filters.tag:
        clauses.append("instr(tags, ?) > 0")
        values.append(f" {filters.tag.casefold()} ")
    if filters.starred:
        clauses.append("starred = 1")
    since, until = _bounds(filters)
    if since:
        clauses.append("created >= ?")
        values.append(since)
    if until:
        clauses.append("created < ?")
        values.append(until)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), values


def _day_start(day: date) -> str:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).isoformat()


def _day_after(day: date) -> str | None:
    """Where an inclusive `until` ends: the next day's start; None after 9999-12-31, the
    calendar's last day (a day after it cannot be made: no end at all)."""
    return None if day == date.max else _day_start(day + timedelta(days=1))


def _bounds(filters: Filters) -> tuple[str | None, str | None]:
    """The first `created` in range and the first after it (None: no bound), in the column's
    own form (ISO 8601 in UTC, so strings compare as times); the later start, earlier end."""
    since = [filters.start.astimezone(timezone.utc).isoformat()] if filters.start else []
    since += [_day_start(filters.since)] if filters.since else []
    until = [filters.end.astimezone(timezone.utc).isoformat()] if filters.end else []
    until += [_day_after(filters.until)] if filters.until and _day_after(filters.until) else []
    return max(since, default=None), min(until, default=None)


def open_index(journal_root: Path | None = None) -> JournalIndex:
    """The index, brought up to date with the journal folder."""
    index = JournalIndex(journal_root)
    index.refresh()
    return index
