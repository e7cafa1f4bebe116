"""`coachtui playbooks …`: list, show, write, validate and describe playbooks, in plain text."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

from coachtui.commands.examples import examples
from coachtui import paths
from coachtui.commands.completion import SCENARIO
from coachtui.commands.scenario_ids import say_unknown


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "playbooks", help="list, show, write and check scenarios",
        description="The scenarios coachtui walks through: the bundled ones and your own.",
        **examples("coachtui playbooks list", "coachtui playbooks new late-delivery",
                   "coachtui playbooks validate"))
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("list", help="every scenario: id, title, channel and where it comes from",
                   **examples("coachtui playbooks list"))
    show = sub.add_parser("show", help="a whole scenario, readable in the terminal",
                          **examples("coachtui playbooks show angry-caller | less"))
    show.add_argument("id").complete = SCENARIO
    handout = sub.add_parser(
        "handout", help="a scenario as a printable Markdown handout for a workshop",
        description="The situation, signals, paths, recovery steps, moments, openers and "
                    "reflection questions of one scenario, as Markdown.",
        **examples("coachtui playbooks handout waitlisted -o waitlisted.md"))
    handout.add_argument("id").complete = SCENARIO
    handout.add_argument("--output", "-o", metavar="FILE", type=Path,
                         help="write to FILE (private, 0600) instead of standard output; "
                              "an existing FILE is never replaced")
    new = sub.add_parser("new", help="write a commented starter playbook to edit",
                         **examples("coachtui playbooks new late-delivery",
                                    "coachtui playbooks new my-caller --from angry-caller --to ."))
    new.add_argument("id", help="the new scenario's id, e.g. 'late-delivery'")
    new.add_argument("--to", metavar="PATH", type=Path,
                     help="a file or folder to write to (default: your playbook folder)")
    new.add_argument("--from", dest="source", metavar="ID",
                     help="start from a copy of this scenario instead of the starter"
                     ).complete = SCENARIO
    validate = sub.add_parser(
        "validate", help="check playbook files; exit 1 and one line per problem if any",
        description="Check playbook and framework files (files in a folder named 'frameworks' "
                    "are frameworks). With no PATH: every file in your playbook folder.",
        **examples("coachtui playbooks validate", "coachtui playbooks validate mine.toml"))
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    schema = sub.add_parser("schema", help="print the JSON Schema of a playbook, for editors",
                            **examples("coachtui playbooks schema > playbook.schema.json"))
    schema.add_argument("--framework", action="store_true",
                        help="the schema of a framework file instead")
    sub.add_parser("frameworks", help="the recovery frameworks playbooks can use",
                   **examples("coachtui playbooks frameworks"))


def run(args: argparse.Namespace) -> int:
    actions = {"list": list_playbooks, "show": show, "handout": handout, "new": new,
               "validate": validate, "schema": schema, "frameworks": list_frameworks}
    return actions[args.action](args)


def _shown(text: str) -> str:
    """Each line with control characters spelled out: file names and ids come from outside."""
    from coachtui.store.playbook_errors import visible

    return "\n".join(visible(line) for line in text.split("\n"))


def _say(text: str = "") -> None:
    print(_shown(text))


def _fail(text: str) -> int:
    print(_shown(f"coachtui: {text}"), file=sys.stderr)
    return 1


def _source(loaded) -> str:
    """Where a loaded playbook or framework comes from: bundled, or the person's file."""
    if loaded.origin == "bundled":
        return "bundled"
    return f"yours: {loaded.path}" + (" (replaces the bundled one)" if loaded.overrides_bundled else "")


def _table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        _say("  ".join(cells + [row[-1]]).rstrip())


def list_playbooks(args: argparse.Namespace) -> int:
    from coachtui.store.playbooks import discover

    library = discover()
    rows = [("ID", "TITLE", "CHANNEL", "SOURCE")]
    for pid, loaded in library.playbooks.items():
        rows.append((pid, loaded.playbook.title, loaded.playbook.channel,
                     _source(loaded)))
    _table(rows)
    if library.broken:
        _say()
        _say(f"{len(library.broken)} file{'s' if len(library.broken) > 1 else ''} could not be used "
             "(check with: coachtui playbooks validate):")
        for error in library.broken:
            _say(f"  {error.problems[0].render(error.file)}")
    return 0


def list_frameworks(args: argparse.Namespace) -> int:
    from coachtui.store.playbooks import discover

    library = discover()
    rows = [("ID", "NAME", "STEPS", "SOURCE")]
    for fid, loaded in library.frameworks.items():
        steps = ", ".join(step.id for step in loaded.framework.steps)
        if loaded.framework.extends:
            steps = f"{loaded.framework.extends} + {steps}"
        rows.append((fid, loaded.framework.name, steps,
                     _source(loaded)))
    _table(rows)
    return 0


def show(args: argparse.Namespace) -> int:
    from coachtui.commands.playbook_text import describe
    from coachtui.store.playbooks import discover

    library = discover()
    loaded = library.playbooks.get(args.id)
    if loaded is None:
        return say_unknown(args.id, library)
    width = min(shutil.get_terminal_size((88, 24)).columns, 100) - 1
    _say(describe(loaded.scenario, _source(loaded),
                  width))
    return 0


def handout(args: argparse.Namespace) -> int:
    from coachtui.commands.handout import handout as to_markdown
    from coachtui.store.atomic import atomic_write, why_not_written
    from coachtui.store.playbooks import discover

    library = discover()
    loaded = library.playbooks.get(args.id)
    if loaded is None:
        return say_unknown(args.id, library)
    text = to_markdown(loaded.scenario)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        # The folder is the person's (home, /tmp, a shared one): left as it is.
        atomic_write(args.output, text.encode("utf-8"), overwrite=False, folder_is_ours=False)
    except FileExistsError:
        return _fail(f"{args.output} already exists; it was left as it is. "
                     "Choose another name, or remove it first.")
    except OSError as error:
        return _fail(f"could not write {args.output}: {why_not_written(error)}")
    print(_shown(f"Wrote the handout for {args.id} to {args.output}"), file=sys.stderr)
    return 0


def new(args: argparse.Namespace) -> int:
    from coachtui.core.text import SLUG_PATTERN
    from coachtui.store.atomic import atomic_write

    if not re.fullmatch(SLUG_PATTERN, args.id):
        return _fail(f"{args.id!r} is not a usable id: use lowercase letters, digits and "
                     "hyphens, up to 48 (e.g. 'late-delivery')")
    text = _starter_text(args)
    if isinstance(text, int):
        return text  # the exit status, once the reason is said
    target = args.to or paths.user_playbooks_dir()
    if args.to is None or target.is_dir():
        target = target / f"{args.id}.toml"
    try:
        # Only coachtui's own playbooks folder is created and made private; a folder given
        # with --to is the person's and is left as it is.
        written = atomic_write(target, text.encode("utf-8"), overwrite=False,
                               folder_is_ours=args.to is None)
    except FileExistsError:
        return _fail(f"{target} already exists; it was left as it is. "
                     "Choose another id, or another place with --to.")
    except OSError as error:
        return _fail(f"could not write {target}: {error.strerror or error}")
    _say(f"Wrote {written}")
    _say(f"Edit it, then check it with: coachtui playbooks validate {written}")
    return 0


def _starter_text(args: argparse.Namespace) -> str | int:
    """The starter template, or a copy of an existing scenario's file, with the new id
    (or the exit status, once it is said why there is none)."""
    if args.source is None:
        from importlib import resources  # (here: every start of coachtui reads this module)

        text = (resources.files("coachtui") / "templates" / "playbook.toml").read_text("utf-8")
        text = text.replace('title = "My scenario"',
                            f'title = "{args.id.replace("-", " ").capitalize()}"', 1)
    else:
        from coachtui.store.playbook_errors import PlaybookError
        from coachtui.store.playbooks import discover, read_source

        library = discover()
        loaded = library.playbooks.get(args.source)
        if loaded is None:
            return say_unknown(args.source, library)
        try:
            text = read_source(loaded.path)  # read again, guarded: it may have changed since
        except PlaybookError as error:
            return _fail(str(error))
    replaced, count = re.subn(r'^id = "[a-z0-9-]+"', f'id = "{args.id}"', text, count=1,
                              flags=re.MULTILINE)
    return replaced if count else text


def validate(args: argparse.Namespace) -> int:
    from coachtui.store.playbooks import FRAMEWORKS, changed_meanings_in, check_files

    files: list[Path] = []
    if not args.paths:
        folder = paths.user_playbooks_dir()
        files = sorted(folder.glob("*.toml")) + sorted((folder / FRAMEWORKS).glob("*.toml"))
        if not files:
            _say(f"No playbooks of your own in {folder} yet. "
                 "Start one with: coachtui playbooks new my-scenario")
            return 0
    for path in args.paths:
        if path.is_dir() and path.suffix != ".toml":  # a folder of playbooks: check them all
            files += sorted(path.glob("*.toml")) + sorted((path / FRAMEWORKS).glob("*.toml"))
        else:
            files.append(path)
    errors = {error.file: error for error in check_files(files)}
    for path in files:
        if path in errors:
            _say(str(errors[path]))
            continue
        changed = changed_meanings_in(path)
        changed_words = ", but these fields now mean something different:" if changed else ""
        _say(f"{path}: ok{changed_words}")
        for line in changed:
            _say(f"  {line}")
    if errors:
        print(f"{len(errors)} of {len(files)} file{'s' if len(files) > 1 else ''} "
              f"{'have' if len(errors) > 1 else 'has'} problems", file=sys.stderr)
        return 1
    return 0


def schema(args: argparse.Namespace) -> int:
    if args.framework:
        from coachtui.core.framework import Framework as model
        title = "coachtui framework"
    else:
        from coachtui.core.playbook import Playbook as model
        title = "coachtui playbook"
    document = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                **model.model_json_schema(), "title": title}
    _say(json.dumps(document, indent=2, ensure_ascii=False))
    return 0
