"""What a save killed with kill -9 leaves behind is recovered or removed at the next start.

The kills are real: a child process saves through the store with the final step of the
atomic write replaced by SIGKILL to itself, so the temp file is exactly what a kill leaves.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coachtui.core.reflection import Reflection
from coachtui.core.walk import WalkAnswers
from coachtui.store import drafts, journal, toml_io

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
ROOT = Path(__file__).resolve().parents[2]

KILLED_SAVE = """
import os, signal, sys
from datetime import datetime, timezone
from coachtui.core.reflection import Reflection
from coachtui.core.walk import WalkAnswers
from coachtui.store import atomic, drafts, journal

def killed(*args, **kwargs):  # the moment between writing the temp and putting it in place
    os.kill(os.getpid(), signal.SIGKILL)

what, walk_id = sys.argv[1], sys.argv[2]
atomic.os.link = atomic.os.replace = killed
if what == "entry":
    journal.save(Reflection(id=walk_id, created=datetime(2026, 11, 1, 9, 5, tzinfo=timezone.utc),
                            what_happened="words only in the temp"))
else:
    drafts.save(WalkAnswers(walk_id=walk_id, playbook_id="late-shift", step="reflect",
                            started=datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc),
                            what_happened="words only in the temp"))
"""


def kill_during_save(home: Path, what: str, walk_id: str) -> Path:
    """Save in a child killed before its temp is put in place; the temp it left."""
    env = {**os.environ, "COACHTUI_HOME": str(home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", KILLED_SAVE, what, walk_id], env=env,
                          timeout=60, capture_output=True)
    assert done.returncode == -9, done.stderr
    [temp] = [path for path in home.rglob(".*.tmp")]
    return temp


def recover() -> list[str]:
    from coachtui.store.leftovers import recover

    return recover()


def test_an_entry_left_in_a_temp_by_a_kill_is_saved_at_the_next_start(coachtui_home):
    temp = kill_during_save(coachtui_home, "entry", "a1b2c3d4e5f60718")
    assert journal.list_entries().entries == [], "in neither the journal…"
    assert drafts.list_drafts().drafts == [], "…nor the drafts"
    [told] = recover()
    [(path, entry)] = journal.list_entries().entries
    assert entry.what_happened == "words only in the temp" and entry.id == "a1b2c3d4e5f60718"
    assert told == f"Recovered an entry that an interrupted save had left unfinished: {path}."
    assert not temp.exists() and recover() == []


def test_a_draft_left_in_a_temp_by_a_kill_replaces_the_older_draft(coachtui_home):
    older = drafts.save(WalkAnswers(walk_id="a1b2c3d4e5f60718", playbook_id="late-shift",
                                    started=T0, step="act"))
    os.utime(older, (time.time() - 5, time.time() - 5))
    kill_during_save(coachtui_home, "draft", "a1b2c3d4e5f60718")
    recover()
    [draft] = drafts.list_drafts().drafts
    assert (draft.answers.step, draft.answers.what_happened) == \
        ("reflect", "words only in the temp")
    assert not list(coachtui_home.rglob(".*.tmp"))


def test_a_temp_cut_short_goes_to_the_trash_and_nothing_is_saved(coachtui_home):
    temp = kill_during_save(coachtui_home, "entry", "a1b2c3d4e5f60718")
    whole = temp.read_bytes()
    cut = whole[: whole.index(b"\n", len(whole) // 2) + 1]  # ends on a whole line: it parses
    toml_io.parse(cut)
    temp.write_bytes(cut)
    [told] = recover()
    assert journal.list_entries().entries == []
    [trashed] = (coachtui_home / "trash" / "leftovers").iterdir()
    assert trashed.read_bytes() == cut and "to the trash" in told


def test_the_name_left_by_a_save_that_finished_is_removed(coachtui_home):
    saved = journal.save(Reflection(created=T0, what_happened="saved"))
    temp = saved.parent / f".{saved.name}.{ended_pid()}-abcdefgh.tmp"
    os.link(saved, temp)  # killed between linking the entry in place and unlinking its temp
    recover()
    assert not temp.exists() and journal.load(saved).what_happened == "saved"


def test_a_temp_of_a_walk_already_in_the_journal_is_never_saved_twice(coachtui_home):
    temp = kill_during_save(coachtui_home, "entry", "a1b2c3d4e5f60718")
    journal.save(Reflection(id="a1b2c3d4e5f60718", created=T0 + timedelta(hours=1)))
    recover()
    assert len(journal.list_entries().entries) == 1 and not temp.exists()


def test_a_save_still_under_way_is_left_alone(coachtui_home):
    folder = coachtui_home / "journal" / "2026"
    folder.mkdir(parents=True)
    entry = toml_io.dumps(Reflection(created=T0).model_dump(mode="python"))
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as writer:
        try:
            live = folder / f".20261101T090000Z-x.toml.{writer.pid}-abcdefgh.tmp"
            live.write_bytes(entry)
            fresh = folder / ".20261101T090000Z-y.toml.abcdefgh.tmp"  # an older coachtui's name
            fresh.write_bytes(entry)
            fifo = folder / f".20261101T090000Z-z.toml.{ended_pid()}-abcdefgh.tmp"
            os.mkfifo(fifo)  # not something coachtui writes: never opened
            assert recover() == []
            assert live.read_bytes() == entry and fresh.exists() and fifo.exists()
        finally:
            writer.kill()
    old = time.time() - 120
    os.utime(fresh, (old, old))
    assert len(recover()) == 2  # both writers are gone now


def ended_pid() -> int:
    """The pid of a process that has ended: what a save killed last time leaves in its temp."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("what", ["entry", "draft"])
def test_stats_recovers_what_a_killed_save_left_before_reading(coachtui_home, what, capsys):
    from coachtui.cli import main

    kill_during_save(coachtui_home, what, "a1b2c3d4e5f60718")
    assert main(["stats"]) == 0
    assert "Recovered" in capsys.readouterr().err
    assert not list(coachtui_home.rglob(".*.tmp"))
