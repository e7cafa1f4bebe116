"""A bug that stops coachtui: the report never shows what the person wrote, the draft is
kept, and the exit status says something went wrong."""

from __future__ import annotations

import os
import tomllib

from coachtui.ui.crash import WITHHELD, crash_report
from tests.test_signals import run_in_pty, stop, wait_for

MARKER = "Zanzibar-4711-private"

# Planted in the real coachtui (as sitecustomize, which Python imports at start): saving to
# the journal raises, holding the entry's words in a local variable and quoting them in its
# message, as a real bug might.
A_BUG_IN_SAVE = """
from coachtui.store import journal

def save_with_a_bug(entry):
    words = entry.what_happened
    raise ValueError(f"cannot save {words!r}")

journal.save = save_with_a_bug
"""


def run_with_a_bug(home, tmp_path, *args: str):
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "sitecustomize.py").write_text(A_BUG_IN_SAVE)
    path = os.pathsep.join(filter(None, [str(planted), os.environ.get("PYTHONPATH")]))
    return run_in_pty(home, *args, env={"PYTHONPATH": path})


def test_a_crash_shows_no_words_keeps_the_draft_and_exits_non_zero(coachtui_home, tmp_path):
    drafts = coachtui_home / "drafts"

    def drafted() -> str:
        found = list(drafts.glob("*.toml"))
        return tomllib.loads(found[0].read_text("utf-8")).get("what_happened", "") if found else ""

    process, terminal, output = run_with_a_bug(coachtui_home, tmp_path, "reflect")
    try:
        assert wait_for(lambda: b"What happened?" in output, 30), output[-500:]
        os.write(terminal, f"A moment with {MARKER} at the till".encode())
        assert wait_for(lambda: MARKER in drafted(), 10), "the typed words were never autosaved"
        os.write(terminal, b"\x13")  # Ctrl+S: the save with the bug
        process.wait(timeout=30)
    finally:
        stop(process)
    wait_for(lambda: b"stopped because of a bug" in output, 5)  # the last bytes, drained
    report = bytes(output).split(b"\x1b[?1049l")[-1]  # what is left once the screen is gone
    assert b"ValueError" in report and b"stopped because of a bug" in report, report[-2000:]
    assert MARKER.encode() not in report, "the crash report showed the person's words"
    assert MARKER in drafted(), "the words were not kept as a draft"
    assert process.returncode != 0, "a crash must not exit with status 0"


def test_the_report_leaves_out_messages_of_chained_and_grouped_exceptions():
    from rich.console import Console

    def fails() -> None:
        try:
            int(MARKER)  # ValueError: invalid literal for int() with base 10: '<marker>'
        except ValueError as inner:
            error = KeyError(MARKER)
            error.add_note(MARKER)
            raise ExceptionGroup(MARKER, [error]) from inner

    try:
        fails()
    except ExceptionGroup as error:
        caught = error
    console = Console(record=True, width=120, file=open(os.devnull, "w"))
    console.print(crash_report(caught, in_progress=True, draft=None))
    text = " ".join(console.export_text().split())
    assert MARKER not in text
    assert "ValueError" in text and "KeyError" in text and "ExceptionGroup" in text
    assert WITHHELD in text and "could not be kept as a draft" in text
