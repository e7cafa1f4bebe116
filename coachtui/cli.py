"""The front door: `coachtui` and its subcommands. Textual is imported only when the TUI runs."""

from __future__ import annotations

import argparse
import os
import sys

from coachtui import __version__
from coachtui.commands import journal_cli, lookup, playbooks, reflect, serve


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coachtui",
        description="A calm terminal coach for hard customer moments, with a private journal.",
    )
    parser.add_argument("--version", action="version", version=f"coachtui {__version__}")
    parser.add_argument("--reduced-motion", action="store_true", default=None,
                        help="show a still countdown instead of the moving breath pacer")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    walk = commands.add_parser("walk", help="start a walk straight away")
    walk.add_argument("playbook", nargs="?", help="scenario id (default: late-shift)")
    demo = commands.add_parser("demo", help="play a scenario's scripted example (for trainers)")
    demo.add_argument("playbook", nargs="?", default="late-shift",
                      help="scenario id (default: late-shift)")
    demo.add_argument("--pace", type=_seconds, default=2.5, metavar="SECONDS",
                      help="seconds per beat (default 2.5)")
    demo.add_argument("--ask", action="store_true",
                      help='stop before the decision: "What would you do?" (Space goes on)')
    demo.add_argument("--presenter", action="store_true",
                      help="for a projector: high contrast, the prompt large, chrome hidden")
    reflect.add_parser(commands)
    commands.add_parser("journal", help="browse, search and change your saved reflections")
    commands.add_parser("locate", help="print where coachtui keeps its files")
    playbooks.add_parser(commands)
    journal_cli.add_parser(commands)
    lookup.add_parser(commands)
    serve.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        try:
            status = dispatch(argv)
        finally:  # `--help` leaves by SystemExit: its text too is flushed here, not at exit
            sys.stdout.flush()
    except BrokenPipeError:
        # `coachtui playbooks list | head`: the reader has had enough. Leave quietly, and
        # point stdout at nothing so Python's own flush at exit cannot complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return status


def dispatch(argv: list[str] | None = None) -> int:
    """Parse the command line and run the command it names."""
    args = build_parser().parse_args(argv)
    if args.command == "locate":
        return locate()
    if args.command == "playbooks":
        return playbooks.run(args)
    if args.command == "serve":
        return serve.run(args)
    if args.command in ("search", "show"):
        return lookup.search(args) if args.command == "search" else lookup.show(args)
    if args.command in ("stats", "export"):
        return journal_cli.run(args)
    if args.command == "reflect" and not reflect.wants_form(args):
        return reflect.run(args)
    if args.command == "demo":
        return run_demo(args)
    return run_tui(start_playbook=args.playbook if args.command == "walk" else None,
                   reduced_motion=args.reduced_motion,
                   start_screen=args.command if args.command in ("journal", "reflect") else None)


def _seconds(text: str) -> float:
    value = float(text)
    if not 0.1 <= value <= 60:
        raise argparse.ArgumentTypeError("give a number of seconds from 0.1 to 60")
    return value


def run_demo(args: argparse.Namespace) -> int:
    from coachtui.store.playbooks import discover

    library = discover()
    scenario = library.get(args.playbook)
    if scenario is None:
        print(f"coachtui: {library.no_such(args.playbook)}", file=sys.stderr)
        return 1
    if scenario.playbook.example is None:
        with_one = ", ".join(pid for pid, loaded in library.playbooks.items()
                             if loaded.playbook.example is not None) or "none"
        print(f"coachtui: {args.playbook!r} has no scripted example to play. "
              f"These have one: {with_one}", file=sys.stderr)
        return 1
    from coachtui.ui.demo import DemoOptions

    options = DemoOptions(args.playbook, args.pace, args.ask, args.presenter)
    return run_tui(reduced_motion=args.reduced_motion, demo=options, library=library)


def locate() -> int:
    from coachtui import paths

    for name, path in paths.describe().items():
        print(f"{name:<10} {path}")
    return 0


def run_tui(start_playbook: str | None = None, reduced_motion: bool | None = None,
            start_screen: str | None = None, demo=None, library=None) -> int:
    """The app in this terminal. The playbooks are loaded by the app after its first paint
    (pydantic and every playbook validated take longer than the paint itself); a scenario
    id asked for is checked then, and an unknown one ends the app with the known ones."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        if start_playbook and _unknown_scenario(start_playbook, library):
            return 1  # said first: more useful than "needs a terminal"
        print("coachtui needs a terminal to show its screens (stdin and stdout must be a TTY).",
              file=sys.stderr)
        return 2
    from coachtui.ui.app import make_app

    app = make_app(library=library, start_playbook=start_playbook, reduced_motion=reduced_motion,
                   start_screen=start_screen, demo=demo)
    app.run()
    if app.goodbye:
        print(app.goodbye, file=sys.stderr)
    return app.return_code or 0  # 1 after a bug stopped the app


def _unknown_scenario(playbook_id: str, library=None) -> bool:
    """True (and said) if no scenario has this id."""
    from coachtui.store.playbooks import discover

    library = library or discover()
    if library.get(playbook_id) is None:
        print(f"coachtui: {library.no_such(playbook_id)}", file=sys.stderr)
        return True
    return False
