"""Journaling from the shell, as jrnl's users expect: dates as people type them, in their
local days; `reflect` without the TUI; `search` and `show`."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

import pytest

from coachtui.cli import main
from coachtui.core.reflection import Reflection
from coachtui.store import journal


@pytest.fixture
def zone(monkeypatch):
    """Set the process's time zone for one test (TZ + tzset), and put it back after."""
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.delenv("TZ", raising=False)
    time.tzset()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def save(**fields) -> Reflection:
    entry = Reflection(**fields)
    journal.save(entry)
    return entry


def exported_ids(capsys, *argv: str) -> list[str]:
    code, out, _ = run(capsys, "export", "--format", "jsonl", *argv)
    assert code == 0
    return [json.loads(line)["id"] for line in out.splitlines()]


# -- dates: local days by default ---------------------------------------------------------

def test_days_are_local_unless_utc(capsys, zone):
    zone("Pacific/Auckland")  # UTC+13: 23:30 UTC on the 24th is the 25th there
    late = save(created=datetime(2026, 11, 24, 23, 30, tzinfo=timezone.utc))
    assert exported_ids(capsys, "--since", "2026-11-25") == [late.id]
    assert exported_ids(capsys, "--since", "2026-11-25", "--utc") == []
    assert exported_ids(capsys, "--until", "2026-11-24") == []
    assert exported_ids(capsys, "--until", "2026-11-24", "--utc") == [late.id]
    code, out, _ = run(capsys, "stats", "--since", "2026-11-25", "--utc")
    assert (code, out) == (0, "No entries match (since 2026-11-25).\n")


def test_relative_days(capsys, zone):
    zone("Europe/Berlin")
    now = datetime.now(timezone.utc)
    old = save(created=now - timedelta(days=10))
    recent = save(created=now - timedelta(days=1))
    assert exported_ids(capsys, "--since", "2w") == [old.id, recent.id]
    assert exported_ids(capsys, "--since", "3d") == [recent.id]
    assert exported_ids(capsys, "--since", "yesterday") == [recent.id]
    assert exported_ids(capsys, "--until", "1 week ago") == [old.id]
    assert exported_ids(capsys, "--since", "today") == []
