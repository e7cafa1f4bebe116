"""`coachtui search WORDS` and `coachtui show ID`: the journal read from the shell.

An entry marked sensitive keeps its words to itself here as in the journal list and the
export: they (its tags too) are neither shown nor searched unless --include-sensitive.
Nothing heavy at module level: `coachtui.cli` imports this on every start.
"""

from __future__ import annotations

import argparse
import sys

from coachtui.commands.examples import examples
from coachtui.commands.journal_cli import add_filters, day_filters, days, unreadable_report
from coachtui.commands.markdown import spelled

HIDDEN = "(sensitive: add --include-sensitive to read it)"


def add_parser(commands: argparse._SubParsersAction) -> None:
    search = commands.add_parser(
        "search", help="find journal entries by their words, one a line",
        description="Print the entries that hold every word (any case, anywhere in their "
                    "text, scenario, signals, steps or tags), oldest first: id, local date "
                    "and time, scenario, first line. Exit status 1 when none match.",
        **examples("coachtui search refund --since 2w",
                   "coachtui search --tag rush --since 'last monday'"))
    search.add_argument("words", nargs="*", metavar="WORD", help="words to find (all of them)")
    add_filters(search)
    _add_include(search)
    show = commands.add_parser(
        "show", help="print one journal entry in full",
        description="Print one entry, as the journal's entry screen shows it.",
        **examples("coachtui show 3fa9    (the start of an id from `coachtui search`)"))
    show.add_argument("id", metavar="ID", help="the entry's id, or enough of its start")
    _add_include(show)


def _add_include(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--include-sensitive", action="store_true",
                        help="show (and search) the words of entries marked sensitive too")


def _say(text: str, file=None) -> None:
    print(spelled(text, keep_lines=True), file=file or sys.stdout)


# -- search -------------------------------------------------------------------------------

def search(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from coachtui.core.dates import local
    from coachtui.store.journal_files import id_of
    from coachtui.store.journal_index import open_index

    since, until = days(args)
    filters = day_filters(since, until, args.tag, args.utc, text=" ".join(args.words))
    index = open_index()
    try:
        rows = index.rows(filters)
        unsearched = 0
        if (filters.text or filters.tag) and not args.include_sensitive:
            # Their words (tags included) are not looked in: a match would give them away.
            rows = [row for row in rows if not row.sensitive]
            unsearched = sum(row.sensitive for row in
                             index.rows(replace(filters, text="", tag=None)))
        unreadable = index.unreadable()
    finally:
        index.close()
    if index.notice:
        _say(f"coachtui: {index.notice}", file=sys.stderr)
    for row in reversed(rows):  # oldest first, as export and jrnl list them
        when = row.when if args.utc else local(row.when)
        hidden = row.sensitive and not args.include_sensitive
        _say(f"{id_of(row.file)}  {when:%Y-%m-%d %H:%M}  "
             f"{row.playbook_title or 'a quick note'}  {HIDDEN if hidden else row.first_line}")
    if unsearched:
        _say(f"{unsearched} marked sensitive not searched (add --include-sensitive).",
             file=sys.stderr)
    unreadable_report(unreadable, file=sys.stderr)
    if not rows:
        _say("No entries match.", file=sys.stderr)
    return 0 if rows else 1


# -- show ---------------------------------------------------------------------------------

def show(args: argparse.Namespace) -> int:
    from coachtui import paths
    from coachtui.core.entry_text import entry_lines
    from coachtui.store import journal
    from coachtui.store.journal_files import scan
    from coachtui.store.toml_io import why_unreadable

    root = paths.journal_dir()
    wanted = args.id.strip().lower()
    found = [relative for entry_id, relative in scan(root, stamps=False).ids().items()
             if entry_id.startswith(wanted)] if wanted else []
    if len(found) != 1:
        _say(f"coachtui: {args.id!r} is the start of {len(found)} entries' ids; give more of it"
             if found else f"coachtui: no entry has the id {args.id!r} (see coachtui search)",
             file=sys.stderr)
        return 1
    path = root / found[0]
    try:
        entry = journal.load(path)
    except journal.UNREADABLE as error:
        _say(f"coachtui: {path} could not be read: {why_unreadable(error)}", file=sys.stderr)
        return 1
    hidden = entry.sensitive and not args.include_sensitive
    lines = [f"{label}\n{text}\n" for label, text in
             entry_lines(entry.without_own_words() if hidden else entry)]
    _say("\n".join(lines).rstrip("\n"))
    if hidden:
        _say("Marked sensitive: its words are not shown (add --include-sensitive).",
             file=sys.stderr)
    return 0
