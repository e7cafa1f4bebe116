"""The front door: `coachtui` and its subcommands. Textual is imported only when the TUI runs."""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from coachtui import __version__, heap

if TYPE_CHECKING:
    import argparse

# What a person types on a shift break, `coachtui` or `coachtui journal` alone, has nothing
# to parse: the app starts without the parser, whose making imports every sub-command's
# module (together about 15 ms, a tenth of the time to home's first paint). The rest of the
# command line meets the parser, and each command's module is imported when it runs.
PLAIN_STARTS = {(): None, ("journal",): "journal"}


def suggest_on_error() -> dict:
    """Python 3.14's argparse suggests the nearest command or choice for a typo; older ones
    cannot."""
    import argparse
    import inspect

    wanted = "suggest_on_error" in inspect.signature(argparse.ArgumentParser).parameters
    return {"suggest_on_error": True} if wanted else {}


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from coachtui.commands import breathe, completion, journal_cli, lookup, playbooks, reflect
    from coachtui.commands import serve
    from coachtui.commands.completion import SCENARIO
    from coachtui.commands.examples import ExamplesFormatter, examples

    suggest = suggest_on_error()
    parser = argparse.ArgumentParser(
        prog="coachtui", **suggest,
        description="A calm terminal coach for hard customer moments, with a private journal.",
        formatter_class=ExamplesFormatter,
        epilog="Examples:\n"
               "  coachtui                    the home screen: Enter starts a walk\n"
               "  coachtui walk angry-caller  straight into a walk\n"
               "  coachtui COMMAND --help     each command, with examples\n\n"
               "Files: everything lives under $COACHTUI_HOME if it is set, otherwise in your\n"
               "platform's folders; `coachtui locate` prints where.",
    )
    parser.add_argument("--version", action="version", version=f"coachtui {__version__}")
    parser.add_argument("--reduced-motion", action="store_true", default=None,
                        help="show a still countdown instead of the moving breath pacer")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    walk = commands.add_parser("walk", help="start a walk straight away",
                               **examples("coachtui walk", "coachtui walk angry-caller"))
    walk.add_argument("playbook", nargs="?", help="scenario id (default: late-shift)"
                      ).complete = SCENARIO
    demo = commands.add_parser("demo", help="play a scenario's scripted example (for trainers)",
                               **examples("coachtui demo dolphin --ask",
                                          "coachtui demo late-shift --presenter --pace 4"))
    demo.add_argument("playbook", nargs="?", default="late-shift",
                      help="scenario id (default: late-shift)").complete = SCENARIO
    demo.add_argument("--pace", type=_seconds, default=2.5, metavar="SECONDS",
                      help="seconds per beat (default 2.5)")
    demo.add_argument("--ask", action="store_true",
                      help='stop before the decision: "What would you do?" (Space goes on)')
    demo.add_argument("--presenter", action="store_true",
                      help="for a projector: high contrast, the prompt large, chrome hidden")
    reflect.add_parser(commands)
    breathe.add_parser(commands)
    commands.add_parser("journal", help="browse, search and change your saved reflections",
                        **examples("coachtui journal"))
    commands.add_parser("locate", help="print where coachtui keeps its files",
                        description="Print where coachtui keeps its files: all under "
                                    "$COACHTUI_HOME when it is set.",
                        **examples("coachtui locate",
                                   "COACHTUI_HOME=/tmp/try coachtui locate"))
    playbooks.add_parser(commands)
    journal_cli.add_parser(commands)
    lookup.add_parser(commands)
    serve.add_parser(commands)
    completion.add_parser(commands)
    for each in _parsers(parser):
        if suggest:
            each.suggest_on_error = True  # sub-commands too: `coachtui playbooks lst`
    return parser


def _parsers(parser: argparse.ArgumentParser):
    """The parser and every sub-command's parser below it."""
    import argparse

    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                yield from _parsers(child)


def main(argv: list[str] | None = None) -> int:
    try:
        try:
            status = dispatch(argv)
            _say_old_home_note()  # unless the app said it already
        finally:  # `--help` leaves by SystemExit: its text too is flushed here, not at exit
            sys.stdout.flush()
    except KeyboardInterrupt:
        # Ctrl+C outside the app's screens (`reflect -` waiting for its text, `serve` while it
        # starts, before its server takes the signal over, a long export): stop as a shell
        # command stops, without a traceback; 130 is 128 + SIGINT, as the shell reports it.
        print(file=sys.stderr)  # the line after the terminal's "^C"
        return 130
    except BrokenPipeError:
        # `coachtui playbooks list | head`: the reader has had enough. Leave quietly, and
        # point stdout at nothing so Python's own flush at exit cannot complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return status


def dispatch(argv: list[str] | None = None) -> int:
    """Parse the command line and run the command it names."""
    words = tuple(sys.argv[1:] if argv is None else argv)
    if words in PLAIN_STARTS:  # as the parser would read them
        args = SimpleNamespace(command=PLAIN_STARTS[words], reduced_motion=None)
    else:
        args = build_parser().parse_args(list(words))
    from coachtui.store import old_home

    old_home.settle()  # data from the old single folder: moved (or read in place) first
    command = args.command
    if command == "locate":
        return locate()
    if command == "playbooks":
        from coachtui.commands import playbooks
        return playbooks.run(args)
    if command == "serve":
        from coachtui.commands import serve
        return serve.run(args)
    if command == "completion":
        from coachtui.commands import completion
        return completion.run(args, build_parser())
    if command in ("search", "show"):
        from coachtui.commands import lookup
        return lookup.search(args) if command == "search" else lookup.show(args)
    if command in ("stats", "export"):
        from coachtui.commands import journal_cli
        return journal_cli.run(args)
    if command == "reflect":
        from coachtui.commands import reflect
        if not reflect.wants_form(args):
            return reflect.run(args)
    if command == "demo":
        return run_demo(args)
    if command == "breathe":
        from coachtui.commands import breathe
        return run_tui(reduced_motion=args.reduced_motion, breathe=breathe.choice(args))
    return run_tui(**tui_options(args))


def tui_options(args: argparse.Namespace) -> dict:
    """How the app starts for `coachtui`, `walk [ID]`, `journal` and `reflect` (the form):
    `walk` with no id still starts a walk, on the default scenario."""
    return {"start_playbook": args.playbook if args.command == "walk" else None,
            "reduced_motion": args.reduced_motion,
            "start_screen": args.command if args.command in ("walk", "journal", "reflect")
            else None}


def _say_old_home_note() -> None:
    from coachtui.store import old_home

    note = old_home.take_note()
    if note:
        print(f"Note: {note}", file=sys.stderr)


def _seconds(text: str) -> float:
    import argparse

    value = float(text)
    if not 0.1 <= value <= 60:
        raise argparse.ArgumentTypeError("give a number of seconds from 0.1 to 60")
    return value


def run_demo(args: argparse.Namespace) -> int:
    from coachtui.commands.scenario_ids import say_unknown
    from coachtui.store.playbooks import discover

    library = discover()
    scenario = library.get(args.playbook)
    if scenario is None:
        return say_unknown(args.playbook, library)
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
            start_screen: str | None = None, demo=None, library=None, breathe=None) -> int:
    """The app in this terminal. The playbooks are loaded by the app after its first paint
    (pydantic and every playbook validated take longer than the paint itself); a scenario
    id asked for is checked then, and an unknown one ends the app with the nearest id."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        unknown = _unknown_scenario(start_playbook, library) if start_playbook else None
        if unknown is not None:
            return unknown  # said first: more useful than "needs a terminal"
        print("coachtui needs a terminal to show its screens (stdin and stdout must be a TTY).",
              file=sys.stderr)
        return 2
    from coachtui.ui.app import make_app

    app = make_app(library=library, start_playbook=start_playbook, reduced_motion=reduced_motion,
                   start_screen=start_screen, demo=demo, breathe=breathe)
    # What the imports made lives as long as the process: frozen, no collection walks it
    # again (with 10,000 entries, one full collection walking all of Textual cost
    # `coachtui journal` 25-40 ms before its list painted). See heap.py.
    heap.freeze_start()
    app.run()
    if app.goodbye:
        print(app.goodbye, file=sys.stderr)
    return app.return_code or 0  # 1 after a bug stopped the app


def _unknown_scenario(playbook_id: str, library=None) -> int | None:
    """The exit status if no scenario has this id (said), else None."""
    from coachtui.commands.scenario_ids import say_unknown
    from coachtui.store.playbooks import discover

    library = library or discover()
    return say_unknown(playbook_id, library) if library.get(playbook_id) is None else None
