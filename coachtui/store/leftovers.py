"""Temp files left by a save that was killed (kill -9, a power cut): none stays forever.

A save writes `.<name>.<pid>-<random>.tmp` next to its file, then renames or links it into
place (store.atomic). Killed in between, the temp may hold the only copy of an entry. At
start (the app's loading, `stats`, `export`) each leftover whose writer is gone is:
- put where it was going, if it is complete (written out in full: reading it back and
  writing it again gives the same bytes) and nothing newer is there: an entry that never
  reached the journal is saved, a draft or the settings newer than the file are restored;
- removed, if it is the same file as the one in place (the save finished, only the temp's
  name was left);
- otherwise moved to the trash (trash/leftovers/): half-written, or older than what is there.
Nothing is deleted that is not also in place, and each step is told in one sentence.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from coachtui import paths
from coachtui.store import toml_io
from coachtui.store.safe_read import CouldNotRead, read_bytes
from coachtui.store.trash import move_to_trash
from coachtui.store.portable import link, process_exists

_TEMP = re.compile(r"^\.(?P<name>[^/]+\.toml)\.(?:(?P<pid>\d+)-)?[a-z0-9_]{8}\.tmp$")
OLD_ENOUGH = 60.0  # seconds: a temp without a pid (an older coachtui) is left this long
PID_REUSED = 3600.0  # seconds: after this, a temp whose pid runs again is a leftover anyway


@dataclass(frozen=True)
class _Place:
    """A folder saves write temps into, and what its files hold."""

    folder: Path
    what: str  # "an entry", for the sentence told
    build: Callable[[dict], object]  # validates a file's data (raises if it is not right)
    as_data: Callable[[object], dict]  # and back, as it is written
    may_take_place: Callable[[Path, Path], bool]  # (temp, final): nothing is lost by it


def recover() -> list[str]:
    """Deal with every leftover temp under coachtui's folder; a sentence for each one."""
    now = time.time()
    told: list[str] = []
    for place in _places():
        for temp, final in _leftovers(place.folder, now):
            with contextlib.suppress(OSError):  # one that cannot be dealt with waits for next time
                told.append(_settle(temp, final, place))
    return told


def _places() -> Iterator[_Place]:
    from coachtui.core.reflection import Reflection
    from coachtui.store import config, drafts, journal, journal_files

    def dumped(model) -> dict:
        return model.model_dump(mode="python")

    def new_entry(_temp: Path, final: Path) -> bool:
        # Only an entry the journal does not hold, under any name: a walk is saved once.
        return not os.path.lexists(final) and journal.saved_entry(
            journal_files.id_of(final.name)) is None

    def newer(temp: Path, final: Path) -> bool:
        return not os.path.lexists(final) or os.lstat(final).st_mtime <= os.lstat(temp).st_mtime

    for folder in (paths.journal_dir(), *_subfolders(paths.journal_dir())):
        yield _Place(folder, "an entry", Reflection.model_validate, dumped, new_entry)
    yield _Place(paths.drafts_dir(), "a draft", drafts.answers_from, dumped, newer)
    yield _Place(paths.config_file().parent, "your settings", config.from_dict, config.to_dict,
                 newer)


def _subfolders(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as items:
            return [Path(item.path) for item in items if item.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _leftovers(folder: Path, now: float) -> Iterator[tuple[Path, Path]]:
    """(temp, the file it was going to be) for each temp of ours whose writer is gone."""
    try:
        with os.scandir(folder) as items:
            found = [(item.name, item.path) for item in items if item.name.endswith(".tmp")]
    except OSError:
        return
    for name, path in found:
        match = _TEMP.match(name)
        if match is None:
            continue
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and _writer_is_gone(match["pid"], now - info.st_mtime):
            yield Path(path), Path(folder) / match["name"]  # (coachtui only writes regular ones)


def _writer_is_gone(pid: str | None, age: float) -> bool:
    if age > PID_REUSED:
        return True
    if pid is None:  # written by an older coachtui, which named temps without a pid
        return age > OLD_ENOUGH
    if int(pid) == os.getpid():
        return False  # a save of this very process, under way
    return not process_exists(int(pid))


def _settle(temp: Path, final: Path, place: _Place) -> str:
    with contextlib.suppress(OSError):
        if os.path.samefile(temp, final):  # the save finished; only the temp's name was left
            temp.unlink()
            return f"Removed a temp file left by a save that had finished: {temp}."
    if _is_complete(temp, place) and place.may_take_place(temp, final):
        if os.path.lexists(final):
            os.replace(temp, final)  # a draft or the settings, older than the temp
        else:
            link(temp, final)  # never over a file: FileExistsError keeps what is there
            temp.unlink()
        return f"Recovered {place.what} that an interrupted save had left unfinished: {final}."
    trashed = move_to_trash(temp, "leftovers")
    return (f"Moved a temp file left by an interrupted save to the trash: {trashed} "
            f"(it was half-written, or older than {place.what} in place).")


def _is_complete(temp: Path, place: _Place) -> bool:
    """Written out in full: read back and written again, it gives the very same bytes (a
    temp cut short after a whole line may still parse, but lacks the fields after it)."""
    try:
        raw = read_bytes(temp, within=place.folder)
        record = toml_io.validated(toml_io.parse(raw), place.build)
    except CouldNotRead:
        return False
    return toml_io.dumps(place.as_data(record)) == raw
