"""Worked examples under each command's --help, laid out one a line as written."""

from __future__ import annotations

import argparse


class ExamplesFormatter(argparse.HelpFormatter):
    """argparse's own layout, except that an epilog of examples keeps its lines as written
    (argparse would run them into one paragraph). RawDescriptionHelpFormatter would keep
    the description's long lines unwrapped too."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith(("Example:", "Examples:")):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def examples(*command_lines: str) -> dict:
    """Keyword arguments for `add_parser`: an epilog of example command lines."""
    title = "Example:" if len(command_lines) == 1 else "Examples:"
    return {"formatter_class": ExamplesFormatter,
            "epilog": "\n".join([title, *(f"  {line}" for line in command_lines)])}
