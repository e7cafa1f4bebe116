"""`coachtui export` streams from the index, and writes exactly the bytes it wrote when it
loaded the whole journal first: golden files made by that older export (tests/export_golden),
from a small journal of tricky entries."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coachtui.core.reflection import Reflection, SeenSignal
from coachtui.store import journal, toml_io

GOLDEN = Path(__file__).parent / "export_golden"
T0 = datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone.utc)

RUNS = {
    "all.jsonl": ["--format", "jsonl"],
    "all.csv": ["--format", "csv"],
    "all.md": ["--format", "md"],
    "sensitive.jsonl": ["--format", "jsonl", "--include-sensitive"],
    "sensitive.md": ["--format", "md", "--include-sensitive"],
    "tag.csv": ["--format", "csv", "--tag", "RUSH"],
    "since.md": ["--format", "md", "--since", "2026-03-05", "--until", "2026-03-06", "--utc"],
    "none.md": ["--format", "md", "--since", "2030-01-01", "--utc"],
}


def tricky_journal() -> None:
    entries = [
        Reflection(id="a0000001", created=T0, playbook_id="late-shift",
                   playbook_title="Late shift", decision="connect", recommended="frictionless",
                   followed_recommendation=False, stress_before=8, stress_after=3,
                   signals=[SeenSignal(id="s", label="Upset; loud", lean="deescalate")],
                   steps_done=["Listen", "Own it"], steps_open=["Fix *it*"],
                   what_happened="Ünïcödé ☕ “quotes”\n# not a heading\n\n- not a list",
                   went_well="=SUM(A1:A3) looked like a formula", tags=["rush", "café"]),
        Reflection(id="a0000002", created=T0 + timedelta(days=1), kind="quick",
                   written=T0 + timedelta(days=3), what_happened="back-dated, starred",
                   starred=True, next_time="breathe first"),
        Reflection(id="a0000003", created=T0 + timedelta(days=1, hours=2), sensitive=True,
                   playbook_title="The dolphin", what_happened="private words",
                   opener="my opener", tags=["rush"], stress_before=5),
        Reflection(id="a0000004", created=T0 + timedelta(days=2), safety=True,
                   what_happened="@mention and +plus\ttab", customer_left=["calmer"]),
    ]
    for entry in entries:
        journal.save(entry)
    # One written by a newer coachtui: its unknown key is kept in JSON Lines.
    newer = entries[3].model_dump(mode="python") | {"id": "a0000005", "mood": "calm",
                                                    "created": T0 + timedelta(days=4)}
    toml_io.write(journal.entry_path(Reflection.model_validate(newer)), newer)
    (journal.entry_path(entries[0]).parent / "broken.toml").write_bytes(b"a = [")


def export(home: Path, args: list[str], output: Path | None = None) -> bytes:
    env = {**os.environ, "COACHTUI_HOME": str(home)}
    extra = ["--output", str(output)] if output else []
    done = subprocess.run([sys.executable, "-m", "coachtui", "export", *args, *extra],
                          env=env, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    shown = output.read_bytes() if output else done.stdout
    return shown + b"\n--- stderr ---\n" + done.stderr.replace(str(home).encode(), b"HOME")


@pytest.mark.parametrize("name", sorted(RUNS))
def test_export_writes_the_same_bytes_as_before(coachtui_home, tmp_path, name):
    tricky_journal()
    got = export(coachtui_home, RUNS[name])
    if os.environ.get("COACHTUI_WRITE_GOLDEN"):  # run on the older code to make them
        GOLDEN.mkdir(exist_ok=True)
        (GOLDEN / name).write_bytes(got)
    assert got == (GOLDEN / name).read_bytes()


def test_export_to_a_file_writes_the_same_bytes_as_before(coachtui_home, tmp_path):
    tricky_journal()
    got = export(coachtui_home, ["--format", "csv"], output=tmp_path / "out.csv")
    got = got.replace(str(tmp_path).encode(), b"OUT")
    if os.environ.get("COACHTUI_WRITE_GOLDEN"):
        (GOLDEN / "file.csv").write_bytes(got)
    assert got == (GOLDEN / "file.csv").read_bytes()
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o600
