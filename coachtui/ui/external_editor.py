"""A long answer box opened in the person's editor (Ctrl+O), through `App.suspend()`.

The app hands the terminal to the editor and takes it back when it closes; what the editor
leaves replaces the answer as one change (Ctrl+Z brings the old text back). Where the
terminal cannot be handed over (a browser tab), or the editor fails, the answer is left as
it was and one sentence says why.
"""

from __future__ import annotations

from textual.app import SuspendNotSupported
from textual.widgets import TextArea

from coachtui import editor

NOT_HERE = ("Your editor cannot open here (a browser tab cannot hand it the terminal); "
            "type in the box instead.")


def edit_answer(area: TextArea, limit: int, ceiling: int) -> None:
    """Open `area`'s text in the editor and put back what it holds after. More than
    `ceiling` times the `limit` is refused, as a paste would be."""
    def say(sentence: str) -> None:
        area.notify(sentence, severity="warning", markup=False)

    if editor.editor_command() is None:
        say(f"Your editor cannot open: {editor.NO_EDITOR}.")
        return
    try:
        with area.app.suspend():
            text, removed = editor.edit(area.text)
    except SuspendNotSupported:
        say(NOT_HERE)
        return
    except editor.EditorProblem as problem:
        say(f"The answer was left as it was: {problem}.")
        return
    if len(text) > limit * ceiling:
        say(f"Your editor left {len(text):,} characters, far more than the {limit:,} this "
            "answer holds, so the answer was left as it was.")
        return
    if removed:
        area.notify(f"Removed {removed} control character{'s' if removed > 1 else ''} from "
                    "what your editor left (they can change how a terminal behaves).",
                    markup=False)
    if text != area.text:
        area.replace(text, (0, 0), area.document.end)
