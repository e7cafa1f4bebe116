"""`coachtui stats` and `coachtui export`: the journal as plain-text insights, Markdown, CSV or
JSON Lines.

Nothing heavy is imported at module level: `coachtui.cli` imports this module on every start,
including the TUI's, which must not pay for pydantic before its first screen.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coachtui.commands.examples import examples
from coachtui.commands.export_formats import (  # noqa: F401 - to_csv, to_jsonl, to_markdown:
    Stored, csv_pieces, jsonl_text, markdown_pieces, to_csv, to_jsonl, to_markdown)  # for callers
from coachtui.core.dates import DAY_HELP, NotADate, day_end, day_start, now_in, parse_day

if TYPE_CHECKING:
    from coachtui.core.insights import Insights
    from coachtui.core.reflection import Reflection
    from coachtui.store.toml_io import Unreadable


def load_entries(since: date | None, until: date | None, tag: str | None,
                 utc: bool = True) -> tuple[list[Reflection], list[Unreadable]]:
    """The readable entries that match, oldest first, and the files that could not be read.

    Read through the journal index (a cache of the TOML files, brought up to date first),
    so 10,000 entries are not parsed from 10,000 files. Dates are the person's local days
    (UTC days with `utc`), both ends included; the tag is matched case-insensitively. If the
    index was rebuilt or could not be used, the one sentence that says so goes to stderr.
    """
    from coachtui.store.journal_index import open_index

    index = open_index()
    try:
        found = index.entries(day_filters(since, until, tag, utc))
        unreadable = index.unreadable()
    finally:
        index.close()
    if index.notice:
        _err(f"coachtui: {index.notice}")
    return [entry for _, entry in reversed(found)], unreadable


# -- the command line -------------------------------------------------------------------

def add_parser(commands: argparse._SubParsersAction) -> None:
    stats = commands.add_parser(
        "stats", help="what your journal shows over time, in plain text",
        description="Stress before and after, connect or frictionless and how each went, the "
                    "signals, scenarios and steps that come up most, and your last "
                    "'next time I will'.",
        **examples("coachtui stats --since 2w", "coachtui stats --tag refund --since 2026-01-01"))
    add_filters(stats)
    export = commands.add_parser(
        "export", help="the journal as Markdown, CSV or JSON Lines",
        description="Write journal entries, oldest first, to standard output or a new file. "
                    "md: a readable handout. csv: one row per entry for a spreadsheet "
                    "(UTF-8; with a byte-order mark when written with --output, so Excel reads "
                    "it right). jsonl: one JSON object per entry with every field, also ones "
                    "a newer coachtui added. An entry marked sensitive is exported without "
                    "your words (what happened, went well, to change, next time, your opener, "
                    "tags), as the journal list shows it, unless --include-sensitive.",
        **examples("coachtui export --format md --since 'last monday' -o week.md",
                   "coachtui export --format csv -o journal.csv",
                   "coachtui export --format jsonl | jq .scenario"))
    export.add_argument("--format", required=True, choices=("md", "csv", "jsonl"),
                        help="md: a readable handout; csv: a row per entry, for a spreadsheet; "
                             "jsonl: a JSON object per entry, with every field")
    export.add_argument("--include-sensitive", action="store_true",
                        help="include the words of entries marked sensitive too")
    add_filters(export)
    export.add_argument("--output", "-o", metavar="FILE", type=Path,
                        help="write to FILE (private, 0600) instead of standard output; "
                             "an existing FILE is never replaced")


def day_filters(since: date | None, until: date | None, tag: str | None, utc: bool,
                text: str = ""):
    """The index's Filters for these days (local, or UTC with `utc`; both ends included)."""
    from coachtui.store.journal_index import Filters

    return Filters(text=text, tag=tag.strip().lstrip("#") if tag else None,
                   start=day_start(since, utc) if since else None,
                   end=day_end(until, utc) if until else None)


def add_filters(parser: argparse.ArgumentParser) -> None:
    """--since, --until, --tag and --utc, as `stats`, `export` and `search` take them."""
    parser.add_argument("--since", metavar="DATE", type=_day_text,
                        help="only entries on or after this day: " + DAY_HELP)
    parser.add_argument("--until", metavar="DATE", type=_day_text,
                        help="only entries on or before this day (same forms)")
    parser.add_argument("--tag", metavar="TAG", help="only entries with this tag (any case)")
    parser.add_argument("--utc", action="store_true",
                        help="count days in UTC rather than in your local time zone")


def _day_text(text: str) -> str:
    """The text as typed, once it is known to name a day (which day depends on --utc and
    on today, so it is worked out in `days`)."""
    try:
        parse_day(text, date.today())
    except NotADate as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def days(args: argparse.Namespace) -> tuple[date | None, date | None]:
    """--since and --until as days, counted from today in the person's zone."""
    today = now_in(args.utc).date()
    return tuple(parse_day(text, today) if text else None for text in (args.since, args.until))


def run(args: argparse.Namespace) -> int:
    since, until = days(args)
    if since and until and since > until:
        _err(f"coachtui: --since {args.since} is after --until {args.until}; nothing can match")
        return 2
    from coachtui.store.leftovers import recover

    for sentence in recover():  # a save killed last time: dealt with before reading
        _err(sentence)
    if args.command == "export":
        return export(args, day_filters(since, until, args.tag, args.utc))
    return stats_of_journal(day_filters(since, until, args.tag, args.utc), _scope(args))


def _scope(args: argparse.Namespace) -> str:
    parts = ([f"since {args.since}"] if args.since else []) + \
            ([f"until {args.until}"] if args.until else []) + \
            ([f"tag {args.tag!r}"] if args.tag else [])
    return ", ".join(parts)


def _say(text: str = "", *, file=None) -> None:
    from coachtui.store.playbook_errors import visible

    print("\n".join(visible(line) for line in text.split("\n")), file=file or sys.stdout)


def _count(entries: int) -> str:
    from coachtui.core.insights_report import count_of_entries  # late: it loads pydantic

    return count_of_entries(entries)


def _err(text: str) -> None:
    _say(text, file=sys.stderr)


def unreadable_report(unreadable: list[Unreadable], file=None) -> None:
    if unreadable:
        count = len(unreadable)
        _say(f"{count} file{'s' if count > 1 else ''} could not be read:", file=file)
        for item in unreadable:
            _say(f"{item.path}: {item.reason}", file=file)


# -- stats --------------------------------------------------------------------------------

def stats_of_journal(filters, scope: str = "") -> int:
    """`coachtui stats`: the insights counted from the journal index a batch at a time (no
    entry validated again, none held longer than its batch), then the unreadable files."""
    from coachtui.store.journal_index import open_index

    index = open_index()
    try:
        insights = index.insights(filters)
        unreadable = index.unreadable()
    finally:
        index.close()
    if index.notice:
        _err(f"coachtui: {index.notice}")
    return report_stats(insights, unreadable, scope)


def stats(entries: list[Reflection], unreadable: list[Unreadable], scope: str = "") -> int:
    """The same report from entries at hand (all of them in memory)."""
    from coachtui.core.insights import compute

    return report_stats(compute(entries), unreadable, scope)


def report_stats(insights: Insights, unreadable: list[Unreadable], scope: str = "") -> int:
    from coachtui.core.insights_report import stats_lines

    if insights.entries:
        _say("\n".join(stats_lines(insights, scope)))
    else:
        _say(f"No entries match ({scope})." if scope else
             "No entries yet. Finish a walk (or save a quick note) and they will show here.")
    if unreadable:
        _say()
        unreadable_report(unreadable)
    return 0


# -- export -------------------------------------------------------------------------------

BOM = "\ufeff".encode()


def export(args: argparse.Namespace, filters) -> int:
    """Stream the matching entries, oldest first, from the journal index to standard output
    or a new file: a batch at a time, so a journal of any size takes the memory of one."""
    target: Path | None = args.output
    exists = f"coachtui: {target} already exists; choose another name or remove it first"
    if target is not None and (target.exists() or target.is_symlink()):
        _err(exists)
        return 1
    from coachtui.store.journal_index import open_index

    index = open_index()
    try:
        if index.notice:
            _err(f"coachtui: {index.notice}")
        unreadable_report(index.unreadable(), file=sys.stderr)
        out = Exported(index, filters, args.format, hide=not args.include_sensitive)
        if target is None:
            _to_stdout(out.pieces())
            _say_hidden(out.hidden)
            return 0
        return _to_file(target, out, exists)
    finally:
        index.close()


def _to_file(target: Path, out: Exported, exists: str) -> int:
    from coachtui.store.atomic import why_not_written

    bom = [BOM] if out.format == "csv" else []  # Excel reads UTF-8 CSV right only with it
    try:
        _write_new(target, itertools.chain(bom, out.pieces()))
    except FileExistsError:  # appeared since the check above
        _err(exists)
        return 1
    except OSError as error:
        _err(f"coachtui: could not write {target}: {why_not_written(error)}")
        return 1
    _say_hidden(out.hidden)
    _err(f"Wrote {_count(out.count)} to {target}")
    return 0


class Exported:
    """One export in the making: its bytes in pieces, made as they are written, and once
    they are all out, how many entries went and how many were hidden as sensitive."""

    def __init__(self, index, filters, format: str, hide: bool) -> None:
        self.index, self.filters, self.format, self.hide = index, filters, format, hide
        self.count = self.hidden = 0

    def pieces(self) -> Iterator[bytes]:
        if self.format == "jsonl":  # the JSON the index holds: nothing validated again
            texts = map(jsonl_text, self._json_batches())
        else:
            batches = self._entry_batches()
            texts = csv_pieces(batches) if self.format == "csv" else \
                markdown_pieces(batches, *self.index.span(self.filters))
        for text in texts:
            yield text.encode("utf-8")

    def _json_batches(self) -> Iterator[list[str]]:
        for batch in self.index.oldest_first(self.filters):
            yield [self._shown(sensitive, data) for sensitive, data in batch]

    def _shown(self, sensitive: bool, data: str) -> str:
        self.count += 1
        if not (sensitive and self.hide):
            return data
        return self._hidden(_validated([data])[0]).model_dump_json()

    def _hidden(self, entry: Reflection) -> Reflection:
        self.hidden += 1  # as in the journal list: there, dated and counted, without words
        return entry.without_own_words()

    def _entry_batches(self) -> Iterator[list[Reflection | Stored]]:
        # The JSON the index holds, parsed, not validated again (a third of the time); an
        # entry shown without its words goes through the model, as in the journal list.
        for batch in self.index.oldest_first(self.filters):
            self.count += len(batch)
            yield [self._hidden(_validated([data])[0]) if sensitive and self.hide
                   else Stored(data) for sensitive, data in batch]


def _validated(texts: list[str]) -> list[Reflection]:
    """Entries from the index's JSON, in one call (faster than one call per entry)."""
    from pydantic import TypeAdapter

    from coachtui.core.reflection import Reflection

    return TypeAdapter(list[Reflection]).validate_json("[" + ",".join(texts) + "]")


def _say_hidden(hidden: int) -> None:
    if hidden:
        _err(f"{_count(hidden)} marked sensitive: exported without your words "
             "(add --include-sensitive to include them).")


def _to_stdout(pieces: Iterable[bytes]) -> None:
    # Bytes, not text: the export is UTF-8 whatever the locale says. (A reader that stops
    # early, `coachtui export … | head`, is handled once for every command in cli.main.)
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    for data in pieces:
        if buffer is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            buffer.write(data)


def _write_new(path: Path, data: Iterable[bytes]) -> None:
    """Create `path` atomically, mode 0600; FileExistsError rather than replace a file. The
    folder is the person's choice (their home, /tmp, a shared one): left as it is."""
    from coachtui.store.atomic import atomic_write

    atomic_write(path, data, overwrite=False, folder_is_ours=False)
