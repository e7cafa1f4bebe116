"""`coachtui reflect "text"`: a quick reflection saved straight from the shell, as jrnl's
users write an entry, without opening the TUI. With no text the form opens, as before.

Nothing heavy at module level: `coachtui.cli` imports this on every start.
"""

from __future__ import annotations

import argparse
import sys

from coachtui.commands.examples import examples
from coachtui.commands.completion import SCENARIO
from coachtui.core.dates import WHEN_HELP

# More than any answer may hold (4,000 characters, up to 4 bytes each): read no further.
STDIN_LIMIT = 16_001


def add_parser(commands: argparse._SubParsersAction) -> None:
    reflect = commands.add_parser(
        "reflect", help="log a customer moment after the fact, without the walk",
        description="With no text, open the quick reflection form. With text, save it as "
                    "what happened, straight to the journal, and say where. An email address "
                    "or phone number in it is pointed out, never refused.",
        **examples('coachtui reflect "Third call about the refund; stayed calm" --stress 7:4',
                   'coachtui reflect "Kept my voice low" --tag refund --at "yesterday 17:30"',
                   "echo 'Kept it short' | coachtui reflect - --scenario late-shift",
                   "coachtui reflect            (opens the form)"))
    reflect.add_argument("text", nargs="?",
                         help='what happened; "-" reads it from standard input')
    reflect.add_argument("--scenario", metavar="ID",
                         help="the scenario it was (see coachtui playbooks list)"
                         ).complete = SCENARIO
    reflect.add_argument("--tag", metavar="TAG", action="append", default=[],
                         help="a tag (again for more, or several: 'refund, phone')")
    reflect.add_argument("--star", action="store_true", help="star the entry")
    reflect.add_argument("--stress", metavar="BEFORE:AFTER", type=_stress,
                         help="how wound up, 0-10, before and after (7:3; 7: or :3 for one)")
    reflect.add_argument("--at", metavar="WHEN",
                         help=f"when it happened, if not now: {WHEN_HELP}")
    reflect.add_argument("--utc", action="store_true",
                         help="read --at in UTC rather than in your local time zone")
    reflect.add_argument("--edit", action="store_true",
                         help="write what happened in your editor ($VISUAL or $EDITOR), "
                              "starting from the text if given")


def wants_form(args: argparse.Namespace) -> bool:
    """Nothing but `reflect`: open the form, as before there was a shell way."""
    return args.text is None and not (args.scenario or args.tag or args.star or args.stress
                                      or args.at or args.utc or args.edit)


def _stress(text: str) -> tuple[int | None, int | None]:
    before, colon, after = text.partition(":")
    try:
        values = tuple(int(part) if part.strip() else None for part in (before, after))
    except ValueError:
        values = ()
    if not colon or len(values) != 2 or values == (None, None) or \
            any(value is not None and not 0 <= value <= 10 for value in values):
        raise argparse.ArgumentTypeError(
            f"{text!r}: give BEFORE:AFTER, each 0 to 10 (e.g. 7:3, or 7: for before only)")
    return values


def run(args: argparse.Namespace) -> int:
    text = _edited(args.text) if args.edit else _read_text(args.text)
    if text is None:
        return 2
    from datetime import datetime, timezone

    from coachtui.core.dates import NotADate, parse_moment

    written = datetime.now(timezone.utc)
    happened = written
    if args.at:
        try:
            happened = parse_moment(args.at, written, args.utc).astimezone(timezone.utc)
        except NotADate as error:
            return _fail(f"--at: {error}", 2)
    scenario = _scenario(args.scenario)
    if scenario is False:
        return 2
    return _save(args, text, scenario, happened, written)


def _read_text(given: str | None) -> str | None:
    """What happened, from the argument or standard input; None once the reason is said."""
    if given is None:
        _fail('give what happened as text, or "-" to read it from standard input')
        return None
    if given == "-":
        data = sys.stdin.buffer.read(STDIN_LIMIT) if hasattr(sys.stdin, "buffer") else \
            sys.stdin.read(STDIN_LIMIT).encode("utf-8")
        if len(data) >= STDIN_LIMIT:  # cut off, maybe inside a character: not its fault
            _fail("standard input holds more than what happened may (4,000 characters); "
                  "nothing was saved")
            return None
        try:
            given = data.decode("utf-8")
        except UnicodeDecodeError:
            _fail("standard input is not UTF-8 text; nothing was saved")
            return None
    return _what_happened(given)


def _what_happened(given: str) -> str | None:
    """The text, trimmed; None once it is said that there is nothing to save."""
    text = given.replace("\r\n", "\n").strip()
    if not text:
        _fail("there is nothing to save: what happened is empty")
        return None
    return text


def _edited(given: str | None) -> str | None:
    """What happened, as written in the person's editor; None once the reason is said."""
    from coachtui.editor import EditorProblem, edit

    if given == "-":
        _fail("--edit opens your editor, which needs the terminal: give the text to start "
              "from as an argument, not -")
        return None
    try:
        text, _removed = edit(given or "")
    except EditorProblem as problem:
        _fail(f"nothing was saved: {problem}")
        return None
    return _what_happened(text)


def _scenario(wanted: str | None):
    """The scenario's playbook, None when none was asked for, False once a typo is said."""
    if not wanted:
        return None
    from coachtui.commands.scenario_ids import say_unknown
    from coachtui.store.playbooks import discover

    library = discover()
    scenario = library.get(wanted)
    if scenario is None:
        say_unknown(wanted, library)
        return False
    return scenario.playbook


def _save(args: argparse.Namespace, text: str, playbook, happened, written) -> int:
    from pydantic import ValidationError

    from coachtui.core.quick import QuickAnswers, looks_personal, personal_note
    from coachtui.core.reflection import parse_tags
    from coachtui.session import Saved
    from coachtui.store import journal
    from coachtui.store.atomic import not_saved
    from coachtui.store.toml_io import first_problem

    before, after = args.stress or (None, None)
    try:
        answers = QuickAnswers(
            started=written, playbook_id=playbook.id if playbook else "",
            stress_before=before, stress_after=after, what_happened=text, starred=args.star,
            tags=[tag for given in args.tag for tag in parse_tags(given)])
        entry = answers.to_reflection(playbook, happened)
        if args.at:  # back-dated: it keeps when it was written too
            entry.written = written
    except ValidationError as error:
        return _fail(f"not saved: {first_problem(error)}")
    kind = looks_personal(text)
    if kind:
        print(f"Note: {personal_note(kind)}", file=sys.stderr)
    try:
        path = journal.save(entry)
    except OSError as error:
        return _fail(not_saved(error, "still where you typed them",
                                 "run the command again once that is fixed"))
    print(f"Saved to {Saved(entry, path).shown_path}")
    return 0


def _fail(sentence: str, status: int = 1) -> int:
    from coachtui.store.playbook_errors import visible

    print(visible(f"coachtui: {sentence}"), file=sys.stderr)
    return status
