"""The front door: `coachtui` and its subcommands. Textual is imported only when the TUI runs."""

from __future__ import annotations

import argparse
import sys

from coachtui import __version__
from coachtui.commands import journal_cli, playbooks


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
    commands.add_parser("reflect", help="log a customer moment after the fact, without the walk")
    commands.add_parser("journal", help="browse, search and change your saved reflections")
    commands.add_parser("locate", help="print where coachtui keeps its files")
    playbooks.add_parser(commands)
    journal_cli.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "locate":
        return locate()
    if args.command == "playbooks":
        return playbooks.run(args)
    if args.command in ("stats", "export"):
        return journal_cli.run(args)
    return run_tui(start_playbook=args.playbook if args.command == "walk" else None,
                   reduced_motion=args.reduced_motion,
                   start_screen=args.command if args.command in ("journal", "reflect") else None)


def locate() -> int:
    from coachtui import paths

    for name, path in paths.describe().items():
        print(f"{name:<10} {path}")
    return 0


def run_tui(start_playbook: str | None = None, reduced_motion: bool | None = None,
            start_screen: str | None = None) -> int:
    from coachtui.store.playbooks import discover

    library = discover()
    if start_playbook and library.get(start_playbook) is None:
        known = ", ".join(library.playbooks) or "none could be loaded"
        print(f"coachtui: no scenario called {start_playbook!r}. Known: {known}", file=sys.stderr)
        return 1
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("coachtui needs a terminal to show its screens (stdin and stdout must be a TTY).",
              file=sys.stderr)
        return 2
    from coachtui.ui.app import make_app

    make_app(library=library, start_playbook=start_playbook, reduced_motion=reduced_motion,
             start_screen=start_screen).run()
    return 0
