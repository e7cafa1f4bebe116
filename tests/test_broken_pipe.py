"""Every command piped into a reader that stops early (`coachtui … | head`) leaves quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from coachtui.core.reflection import Reflection
from coachtui.store import journal

COMMANDS = [
    ["playbooks", "list"], ["playbooks", "show", "late-shift"], ["playbooks", "schema"],
    ["playbooks", "schema", "--framework"], ["playbooks", "frameworks"],
    ["playbooks", "handout", "late-shift"], ["playbooks", "validate"], ["stats"], ["locate"],
    ["export", "--format", "md"], ["export", "--format", "csv"], ["export", "--format", "jsonl"],
    ["--help"], ["playbooks", "--help"], ["--version"],
]


@pytest.fixture
def a_journal(coachtui_home):
    start = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    for n in range(3):
        journal.save(Reflection(created=start + timedelta(hours=n), what_happened=f"Entry {n}",
                                decision="connect", stress_before=6, stress_after=3))


def coachtui(*args: str, stdout) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "coachtui", *args], stdout=stdout,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_reader_gone_before_the_first_line_gets_no_traceback(a_journal, args):
    """The reader closes before coachtui writes a byte (`| head -c 0`), so every command
    meets the closed pipe, however short its output."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        process = coachtui(*args, stdout=writer)
    finally:
        os.close(writer)
    _, errors = process.communicate(timeout=60)
    assert errors == b"", errors.decode(errors="replace")
    assert process.returncode in (0, 1)


def test_a_reader_that_takes_one_line_and_leaves(coachtui_home):
    """`coachtui export | head -1` over a journal far longer than a pipe holds."""
    start = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    for n in range(150):
        journal.save(Reflection(created=start + timedelta(minutes=n), what_happened="x" * 2000))
    process = coachtui("export", "--format", "md", stdout=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read()
    process.wait(timeout=60)
    assert first and errors == b"", errors.decode(errors="replace")
