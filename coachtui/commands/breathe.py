"""`coachtui breathe [SECONDS | --cycles N] [--pattern ID]`: the deeper reset on its own,
with no walk and nothing saved but the length, when it is changed with + or -."""

from __future__ import annotations

import argparse

from coachtui.commands.examples import examples
from coachtui.core.breathing import PATTERNS, BreathChoice

LONGEST = 900  # seconds; each pattern's own limit of breaths applies within it


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "breathe", help="a paced breath on its own (the deeper reset), no walk",
        description="A paced breath on its own. + and - make it a breath longer or shorter "
                    "(remembered for the next deeper reset); Enter or Escape leaves.",
        **examples("coachtui breathe", "coachtui breathe 60", "coachtui breathe --cycles 4"))
    length = parser.add_mutually_exclusive_group()
    length.add_argument("seconds", nargs="?", type=_seconds, metavar="SECONDS",
                        help="about how long, rounded to whole breaths (default: the length "
                             "you set last, else the pattern's own)")
    length.add_argument("--cycles", type=_cycles, metavar="N", help="how many breaths instead")
    parser.add_argument("--pattern", choices=list(PATTERNS), default="cyclic-sigh",
                        help="the breath pattern (default: cyclic-sigh, the best supported)")


def choice(args: argparse.Namespace) -> BreathChoice:
    return BreathChoice(args.pattern, args.seconds, args.cycles)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 1 <= value <= LONGEST:
        raise argparse.ArgumentTypeError(f"give a number of seconds from 1 to {LONGEST}")
    return value


def _cycles(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 12:
        raise argparse.ArgumentTypeError("give a number of breaths from 1 to 12")
    return int(text)
