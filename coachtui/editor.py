"""An answer written in the person's own editor ($VISUAL, else $EDITOR), as jrnl does.

No Textual here: `coachtui reflect --edit` runs it as it is, the app inside `App.suspend()`
(ui/external_editor.py). The text goes to a temp file in coachtui's own data folder (a
folder of its own, 0700; the file 0600), never /tmp where other users may look; the folder
goes afterwards, whatever happened, with any swap or backup file the editor left in it
(jrnl's users lost words to editor temp files, and leaked them too).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from coachtui import paths
from coachtui.core.sanitize import clean_typed
from coachtui.store.safe_read import CouldNotRead, read_bytes

ANSWER_NAME = "answer.txt"
NO_EDITOR = "no editor is set (set VISUAL or EDITOR: export EDITOR=nano, say)"


class EditorProblem(Exception):
    """The editor could not be used; str() says why, in a clause the caller ends with what
    became of the answer ("…; the answer was left as it was.")."""


def editor_command() -> list[str] | None:
    """The person's editor as a command (it may carry options: "code --wait"), or None."""
    for name in ("VISUAL", "EDITOR"):
        try:
            command = shlex.split(os.environ.get(name, ""))
        except ValueError:  # an unclosed quote: not a command we can run
            command = []
        if command:
            return command
    return None


def edit(text: str) -> tuple[str, int]:
    """Open `text` in the editor and return what the file holds when it closes, cleaned as
    typed text is (and how many control characters were removed); EditorProblem if the
    editor is not set, cannot start, fails, or leaves something that is not text."""
    command = editor_command()
    if command is None:
        raise EditorProblem(NO_EDITOR)
    folder = Path(tempfile.mkdtemp(prefix="editing-", dir=paths.ensure_private_dir(
        paths.data_dir())))  # mkdtemp's folder is 0700
    try:
        answer = folder / ANSWER_NAME
        fd = os.open(answer, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        _run(command, answer)
        try:
            written = read_bytes(answer, within=folder).decode("utf-8")
        except (CouldNotRead, UnicodeDecodeError) as error:
            why = error if isinstance(error, CouldNotRead) else "is not UTF-8 text"
            raise EditorProblem(f"what your editor left {why}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    # Editors end a file with a line break; the answer did not have one.
    return clean_typed(written.rstrip("\n"), one_line=False)


def _run(command: list[str], answer: Path) -> None:
    try:
        done = subprocess.run([*command, str(answer)], check=False)
    except OSError as error:
        raise EditorProblem(f"your editor ({command[0]}) could not be started: "
                            f"{error.strerror or error}") from None
    if done.returncode != 0:
        raise EditorProblem(f"your editor ({command[0]}) ended with an error (status "
                            f"{done.returncode})")
