"""A long answer written in the person's editor: Ctrl+O in the box, `reflect --edit`."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import TextArea

from tests.app.helpers import journal_entries, settle
from tests.app.test_quick_reflect import open_quick

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """EDITOR set to a small script that notes the file it got (path and mode), appends
    words to it, then exits with `status`."""
    notes = tmp_path / "editor-notes"

    def use(appended: str = " and then it calmed down", status: int = 0) -> Path:
        script = tmp_path / "fake-editor"
        script.write_text(f"""#!/bin/sh
stat -c '%a %n' "$1" "$(dirname "$1")" > '{notes}'
printf '%s' '{appended}' >> "$1"
printf '\\n' >> "$1"
touch "$1~"
exit {status}
""")
        script.chmod(0o700)
        monkeypatch.delenv("VISUAL", raising=False)
        monkeypatch.setenv("EDITOR", str(script))
        return notes

    return use


@pytest.fixture
def suspendable(monkeypatch):
    """The test driver hands the terminal over as a terminal's would (it has none to give)."""
    handed = []
    monkeypatch.setattr(HeadlessDriver, "can_suspend", property(lambda self: True))
    monkeypatch.setattr(HeadlessDriver, "suspend_application_mode",
                        lambda self: handed.append("suspend"))
    monkeypatch.setattr(HeadlessDriver, "resume_application_mode",
                        lambda self: handed.append("resume"))
    return handed


def told(app) -> list[str]:
    return [n.message for n in app._notifications]


async def type_and_edit(pilot, words: str) -> TextArea:
    await open_quick(pilot)
    await pilot.press(*words)
    await pilot.press("ctrl+o")
    await pilot.pause()
    return pilot.app.screen.query_one("#what_happened", TextArea)


async def test_ctrl_o_opens_the_answer_in_the_editor_and_reads_it_back(
        make_app, coachtui_home, editor, suspendable):
    notes = editor()
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(100, 32)) as pilot:
        box = await type_and_edit(pilot, "Refund row")
        assert box.text == "Refund row and then it calmed down"
        assert suspendable == ["suspend", "resume"]
        file_line, folder_line = notes.read_text().splitlines()
        mode, path = file_line.split(" ", 1)
        folder_mode, folder = folder_line.split(" ", 1)
        assert (mode, folder_mode) == ("600", "700")
        assert Path(path).is_relative_to(coachtui_home), "in coachtui's folder, not /tmp"
        assert not Path(folder).exists(), "the file, and the backup the editor left, are gone"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [e["what_happened"] for e in journal_entries(coachtui_home)] == \
        ["Refund row and then it calmed down"]


async def test_a_failing_editor_keeps_the_text(make_app, coachtui_home, editor, suspendable):
    notes = editor(status=3)
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(100, 32)) as pilot:
        box = await type_and_edit(pilot, "Kept")
        assert box.text == "Kept"
        assert [m for m in told(app) if "editor" in m] == [
            f"The answer was left as it was: your editor ({os.environ['EDITOR']}) ended with "
            "an error (status 3)."]
        assert not Path(notes.read_text().splitlines()[1].split(" ", 1)[1]).exists()


async def test_where_the_terminal_cannot_be_handed_over_the_key_says_so(make_app, editor):
    """A browser tab (Textual's web driver, like the test driver, cannot suspend)."""
    notes = editor()
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(100, 32)) as pilot:
        box = await type_and_edit(pilot, "Here")
        assert box.text == "Here"
        assert [m for m in told(app) if "editor" in m] == [
            "Your editor cannot open here (a browser tab cannot hand it the terminal); "
            "type in the box instead."]
    assert not notes.exists(), "no editor was run"


async def test_the_key_is_shown_only_in_a_long_answer_box(make_app, editor):
    editor()
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(120, 32)) as pilot:
        await open_quick(pilot)
        keys = {b.binding.id for b in app.screen.active_bindings.values()}
        assert "editor" in keys
        await pilot.press("tab")  # to the scenario list: no editor there
        await pilot.pause()
        assert "editor" not in {b.binding.id for b in app.screen.active_bindings.values()}


def run_reflect(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coachtui", "reflect", *args],
                          env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_reflect_edit_saves_what_the_editor_left(coachtui_home, editor):
    notes = editor()
    done = run_reflect("Third call", "--edit", env={})
    assert done.returncode == 0, done.stderr
    assert [e["what_happened"] for e in journal_entries(coachtui_home)] == \
        ["Third call and then it calmed down"]
    file_line = notes.read_text().splitlines()[0]
    assert file_line.startswith("600 ") and not Path(file_line[4:]).exists()


def test_reflect_edit_with_a_failing_editor_saves_nothing_and_says_why(coachtui_home, editor):
    editor(status=1)
    done = run_reflect("--edit", env={})
    assert done.returncode == 2
    assert done.stderr.endswith("ended with an error (status 1)\n")
    assert done.stderr.count("\n") == 1
    assert journal_entries(coachtui_home) == []
