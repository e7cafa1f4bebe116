"""Thirty-odd hostile things in coachtui's folders, each driven through `coachtui stats`,
`coachtui export`, the journal screen (and an entry) and the home screen (and a walk).

Every run happens in a process of its own with a hard time limit, so a hang fails the test
instead of stalling it; as root the process drops the right to read other people's files,
so "no read permission" means what it says. Each must finish within seconds with exit 0,
say in one line which file it could not read (naming it) where that file is read, and
still show the good entry that sits beside the hostile one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from coachtui.core.reflection import Reflection
from coachtui.core.walk import WalkAnswers
from coachtui.store import journal, toml_io
from tests.unit.test_leftovers import ended_pid

ROOT = Path(__file__).resolve().parents[1]
# Seconds for one run. Alone on a machine each takes 1 to 5 s (a Pilot session most); the
# margin is for a machine shared with other work. Past it, the run is taken for hung.
TIMEOUT = 30
GOOD_WORDS = "The good entry is still here"
DEEP = 10_000


def _entry(**fields) -> bytes:
    fields.setdefault("created", datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc))
    return toml_io.dumps(Reflection(**fields).model_dump(mode="python"))


@dataclass(frozen=True)
class Case:
    plant: Callable[[Path], None]  # puts the hostile thing into a coachtui home
    scope: str  # where it lives: journal, drafts, config or playbooks
    named: str = ""  # what the report must name ("" when it is not a problem at all)
    shown: str = ""  # words of an entry that must be listed like the others
    shown_in: tuple[str, ...] = ("export", "journal screen")
    tz: str = "UTC"
    permissions: bool = False  # only meaningful where permissions apply to the run


def in_year(name: str, make: Callable[[Path], None]) -> Callable[[Path], None]:
    def plant(home: Path) -> None:
        make(home / "journal" / "2026" / name)
    return plant


def data(raw: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(raw)


def link(target: str | Callable[[Path], Path]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.symlink_to(target(path) if callable(target) else target)
    return make


def deep_arrays(key: str = "x") -> bytes:
    return f"{key} = {'[' * DEEP}{']' * DEEP}\n".encode()


def unreadable_file(path: Path) -> None:
    path.write_bytes(_entry(what_happened="secret"))
    path.chmod(0)


def unreadable_folder(home: Path) -> None:
    folder = home / "journal" / "2025"
    folder.mkdir(mode=0o700)
    (folder / "20250101T000000Z-hidden.toml").write_bytes(_entry())
    folder.chmod(0)


def huge(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs nothing on disk


def loose_entry(home: Path) -> None:
    (home / "journal" / "loose.toml").write_bytes(_entry(what_happened="Loose words kept"))


def killed_save(home: Path) -> None:
    entry = Reflection(id="killed0save", created=datetime(2026, 10, 5, tzinfo=timezone.utc),
                       what_happened="Words of a killed save")
    final = journal.entry_path(entry)
    temp = final.parent / f".{final.name}.{ended_pid()}-abcd1234.tmp"
    temp.write_bytes(toml_io.dumps(entry.model_dump(mode="python")))


def year_link_out(home: Path) -> None:
    outside = home.parent / "outside"
    outside.mkdir()
    (outside / "20300101T000000Z-out.toml").write_bytes(_entry(what_happened="outside"))
    (home / "journal" / "2030").symlink_to(outside)


def in_drafts(make: Callable[[Path], None]) -> Callable[[Path], None]:
    def plant(home: Path) -> None:
        (home / "drafts").mkdir(mode=0o700)
        make(home / "drafts" / "0a1b2c3d.toml")
    return plant


def draft_naming(walk_id: str) -> bytes:
    answers = WalkAnswers(playbook_id="late-shift",
                          started=datetime(2026, 11, 1, tzinfo=timezone.utc))
    data = answers.model_dump(mode="python") | {"walk_id": walk_id}
    return toml_io.dumps(data)


def as_config(make: Callable[[Path], None]) -> Callable[[Path], None]:
    return lambda home: make(home / "config.toml")


def as_user_playbook(make: Callable[[Path], None]) -> Callable[[Path], None]:
    def plant(home: Path) -> None:
        (home / "playbooks").mkdir(mode=0o700)
        make(home / "playbooks" / "mine.toml")
    return plant


FIFO = os.mkfifo
ZERO = link("/dev/zero")

CASES = {
    # In journal/<year>/
    "dangling link": Case(in_year("20261102T000000Z-dangling.toml",
                                  link(lambda p: p.parent / "nowhere.toml")), "journal",
                          named="20261102T000000Z-dangling.toml"),
    "link loop": Case(in_year("20261102T000000Z-loop.toml", link(lambda p: p)), "journal",
                      named="20261102T000000Z-loop.toml"),
    "link to /dev/zero": Case(in_year("20261102T000000Z-zero.toml", ZERO), "journal",
                              named="20261102T000000Z-zero.toml"),
    "link to a folder": Case(in_year("20261102T000000Z-folder.toml", link("/")), "journal",
                             named="20261102T000000Z-folder.toml"),
    "link out of the folder": Case(in_year("20261102T000000Z-out.toml", link("/etc/hostname")),
                                   "journal", named="20261102T000000Z-out.toml"),
    "FIFO": Case(in_year("20261102T000000Z-fifo.toml", FIFO), "journal",
                 named="20261102T000000Z-fifo.toml"),
    "folder named x.toml": Case(in_year("20261102T000000Z-dir.toml", Path.mkdir), "journal",
                                named="20261102T000000Z-dir.toml"),
    "no read permission": Case(in_year("20261102T000000Z-locked.toml", unreadable_file),
                               "journal", named="20261102T000000Z-locked.toml",
                               permissions=True),
    "folder without read permission": Case(unreadable_folder, "journal",
                                           named="2025: is a folder that cannot be looked into",
                                           permissions=True),
    "huge file": Case(in_year("20261102T000000Z-huge.toml", huge), "journal",
                      named="20261102T000000Z-huge.toml"),
    "10,000-deep arrays": Case(in_year("20261102T000000Z-deep.toml", data(deep_arrays())),
                               "journal", named="20261102T000000Z-deep.toml"),
    "10,000-deep tables": Case(in_year("20261102T000000Z-tables.toml", data(
        b"x = " + b"{a = " * DEEP + b"1" + b"}" * DEEP + b"\n")), "journal",
        named="20261102T000000Z-tables.toml"),
    "5,000-digit integer": Case(in_year("20261102T000000Z-digits.toml", data(
        b"stress_before = " + b"7" * 5000 + b"\n")), "journal",
        named="20261102T000000Z-digits.toml"),
    "year 1 in a zone behind UTC": Case(in_year("00010101T000000Z-first.toml", data(_entry(
        created=datetime(1, 1, 1, tzinfo=timezone.utc), what_happened="At year one"))),
        "journal", shown="At year one", tz="America/New_York"),
    "year 9999 in a zone ahead of UTC": Case(in_year("99991231T235959Z-last.toml", data(_entry(
        created=datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc),
        what_happened="At year 9999"))), "journal", shown="At year 9999",
        tz="Pacific/Kiritimati"),
    "a time before year 1 in UTC": Case(in_year("00010101T000000Z-before.toml", data(
        b"created = 0001-01-01T00:00:00+05:00\n")), "journal",
        named="00010101T000000Z-before.toml"),
    "NUL bytes": Case(in_year("20261102T000000Z-nul.toml", data(
        b'created = 2026-11-02T00:00:00Z\nwhat_happened = "a\x00b"\n')), "journal",
        named="20261102T000000Z-nul.toml"),
    "not UTF-8": Case(in_year("20261102T000000Z-latin.toml", data(
        b'created = 2026-11-02T00:00:00Z\nwhat_happened = "caf\xe9"\n')), "journal",
        named="20261102T000000Z-latin.toml"),
    "empty file": Case(in_year("20261102T000000Z-empty.toml", data(b"")), "journal",
                       named="20261102T000000Z-empty.toml"),
    "not a reflection": Case(in_year("20261102T000000Z-poetry.toml", data(
        b'[tool.poetry]\nname = "x"\n')), "journal", named="20261102T000000Z-poetry.toml"),
    "an id that is a path": Case(in_year("20261102T000000Z-path.toml", data(
        b'id = "../../config"\ncreated = 2026-11-02T00:00:00Z\n')), "journal",
        named="20261102T000000Z-path.toml"),
    # Directly in journal/, and what a killed save leaves
    "an entry directly in journal/": Case(loose_entry, "journal", shown="Loose words kept"),
    "a year folder linking out": Case(year_link_out, "journal",
                                      named="2030: is a link to a folder"),
    # Recovered by the app's loading, which `coachtui journal` does after its list is shown.
    "a temp file left by a killed save": Case(killed_save, "journal", named="Recovered an entry",
                                              shown="Words of a killed save",
                                              shown_in=("export",)),
    # Drafts
    "a FIFO in drafts/": Case(in_drafts(FIFO), "drafts", named="0a1b2c3d.toml"),
    "a deeply nested draft": Case(in_drafts(data(deep_arrays("opener"))), "drafts",
                                  named="0a1b2c3d.toml"),
    "a draft whose walk_id is a path": Case(in_drafts(data(draft_naming("../config"))),
                                            "drafts", named="0a1b2c3d.toml"),
    # The settings
    "config.toml as a FIFO": Case(as_config(FIFO), "config", named="config.toml"),
    "config.toml linked to /dev/zero": Case(as_config(ZERO), "config", named="config.toml"),
    "config.toml nested 10,000 deep": Case(as_config(data(deep_arrays("theme"))), "config",
                                           named="config.toml"),
    "config.toml with a 5,000-digit number": Case(as_config(data(b"bell = " + b"1" * 5000)),
                                                  "config", named="config.toml"),
    # The person's own playbooks
    "a user playbook as a FIFO": Case(as_user_playbook(FIFO), "playbooks", named="mine.toml"),
    "a user playbook linked to /dev/zero": Case(as_user_playbook(ZERO), "playbooks",
                                                named="mine.toml"),
}

# What each run reads, hence which problems it must name.
READS = {"stats": {"journal"}, "export": {"journal"}, "journal screen": {"journal"},
         "home screen": {"drafts", "config", "playbooks"}}


def plant(home: Path, case: Case) -> None:
    journal.save(Reflection(created=datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc),
                            what_happened=GOOD_WORDS, next_time=GOOD_WORDS))
    case.plant(home)


# Root reads any file: without these two capabilities, permissions apply to it too.
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
DROP_ROOTS_READ_ALL = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] \
    if AS_ROOT and shutil.which("setpriv") else []
PERMISSIONS_APPLY = not AS_ROOT or bool(DROP_ROOTS_READ_ALL)


def run(argv: list[str], home: Path, tz: str) -> subprocess.CompletedProcess:
    """Run one coachtui process on `home`, within the time limit."""
    env = {**os.environ, "COACHTUI_HOME": str(home), "TZ": tz, "PYTHONPATH": str(ROOT),
           "TEXTUAL_ANIMATIONS": "none", "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        return subprocess.run(DROP_ROOTS_READ_ALL + [sys.executable, *argv], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as expired:
        pytest.fail(f"{' '.join(argv)} did not finish within {TIMEOUT} s (it hung); it printed "
                    f"{expired.stdout!r} {expired.stderr!r}")


TARGETS = {
    "stats": ["-m", "coachtui", "stats"],
    "export": ["-m", "coachtui", "export", "--format", "jsonl"],
    "journal screen": ["-m", "tests.hostile_screens", "journal"],
    "home screen": ["-m", "tests.hostile_screens", "home"],
}


@pytest.mark.parametrize("target", list(TARGETS))
@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_folder_never_hangs_or_crashes_and_is_reported(coachtui_home, name, target):
    case = CASES[name]
    if case.permissions and not PERMISSIONS_APPLY:
        pytest.skip("run as root without setpriv: root may read a file without permission")
    plant(coachtui_home, case)
    done = run(TARGETS[target], coachtui_home, case.tz)
    printed = done.stdout + done.stderr
    assert done.returncode == 0, f"exit {done.returncode}:\n{printed[-3000:]}"
    assert "Traceback" not in printed, printed[-3000:]
    if target.endswith("screen"):
        result = json.loads(done.stdout.splitlines()[-1])
        assert not result["timed_out"], result
        printed = "\n".join(result["seen"])
    if target == "home screen":
        assert "walk started: PauseStep" in printed, "Enter must still start a walk"
    else:
        assert GOOD_WORDS in printed, "the good entry is still listed"
    if case.shown and target in case.shown_in:
        assert case.shown in printed, f"{case.shown!r} must be listed:\n{printed[-3000:]}"
    if case.named and case.scope in READS[target]:
        assert case.named in printed, f"the report must name {case.named}:\n{printed[-3000:]}"
