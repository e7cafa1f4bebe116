"""The report shown when a bug stops coachtui: where it happened, never what anyone wrote.

Textual's own report lists every frame's local variables, and those hold the person's
answers, journal entries and playbook text. An exception's message can quote them too
(`invalid literal for int(): '<their words>'`). So the report keeps the exception's type
and the lines of code it passed through, and leaves out locals, messages and notes.
"""

from __future__ import annotations

from pathlib import Path

import rich
from rich.console import Group, RenderableType
from rich.text import Text
from rich.traceback import Trace, Traceback

WITHHELD = "(message left out: it may quote what you wrote)"


def crash_report(error: BaseException, in_progress: bool, draft: Path | None) -> RenderableType:
    """The traceback of `error` without any text it carried, then one sentence on the words."""
    trace = Traceback.extract(type(error), error, error.__traceback__, show_locals=False)
    _withhold_text(trace)
    return Group(Traceback(trace, width=None, show_locals=False, suppress=[rich]),
                 Text(what_was_kept(in_progress, draft)))


def what_was_kept(in_progress: bool, draft: Path | None) -> str:
    if draft is not None:
        kept = f"your answers are kept as a draft ({draft.name}), offered back at the next start."
    elif in_progress:
        kept = "your answers could not be kept as a draft this time."
    else:
        kept = "nothing you were writing was lost."
    return (f"coachtui stopped because of a bug (the report above leaves out anything you "
            f"wrote); {kept}")


def _withhold_text(trace: Trace) -> None:
    """Blank every message, note and syntax-error line in the trace, chained and grouped
    exceptions included."""
    for stack in trace.stacks:
        stack.exc_value = WITHHELD if stack.exc_value else ""
        stack.notes = []
        stack.syntax_error = None
        for inner in stack.exceptions:
            _withhold_text(inner)
