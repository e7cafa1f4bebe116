"""The journal: one TOML file per reflection, under journal/<year>/.

Files are named by the app (UTC time + random id), never from what the person typed,
and are never overwritten by a new entry. A file that cannot be read is skipped and
reported, never deleted or changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from coachtui import paths
from coachtui.core.reflection import Reflection, new_id
from coachtui.store import toml_io, trash
from coachtui.store.stamp import Stamp
from coachtui.store.toml_io import Unreadable, why_unreadable
from coachtui.store.trash import move_to_trash


@dataclass
class JournalListing:
    entries: list[tuple[Path, Reflection]] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


UNREADABLE = (*toml_io.READ_ERRORS, ValidationError)


def entry_path(reflection: Reflection, root: Path | None = None) -> Path:
    root = root or paths.journal_dir()
    stamp = reflection.created.strftime("%Y%m%dT%H%M%SZ")
    return root / f"{reflection.created:%Y}" / f"{stamp}-{reflection.id}.toml"


def save(reflection: Reflection, root: Path | None = None) -> Path:
    """Save a new entry atomically; never overwrites, even two saves in the same second."""
    for _ in range(5):
        try:
            data = reflection.model_dump(mode="python")
            return toml_io.write(entry_path(reflection, root), data, overwrite=False)
        except FileExistsError:
            reflection = reflection.model_copy(update={"id": new_id()})
    raise FileExistsError("could not find a free file name for the entry")


def load(path: Path) -> Reflection:
    return Reflection.model_validate(toml_io.read(path))


LATEST_LOOKS = 50  # the newest files latest() looks at, at most


def latest(root: Path | None = None) -> Reflection | None:
    """The newest readable entry not marked sensitive, whose words the home screen may
    show; found by file name (which starts with its UTC time) among the newest
    LATEST_LOOKS files, so the whole journal is never read for it."""
    for path in _entry_files(root)[:LATEST_LOOKS]:
        try:
            entry = load(path)
        except UNREADABLE:
            continue
        if not entry.sensitive:
            return entry
    return None


def list_entries(root: Path | None = None) -> JournalListing:
    """Every readable entry, newest first, and the files that could not be read."""
    listing = JournalListing()
    for path in _entry_files(root):
        try:
            listing.entries.append((path, load(path)))
        except UNREADABLE as error:
            listing.unreadable.append(Unreadable(path, why_unreadable(error)))
    listing.entries.sort(key=lambda pair: pair[1].created, reverse=True)
    return listing


def _entry_files(root: Path | None) -> list[Path]:
    """Entry files, newest name first."""
    root = root or paths.journal_dir()
    return sorted(root.glob("*/*.toml"), reverse=True) if root.is_dir() else []


def read_for_edit(path: Path) -> tuple[Reflection, Stamp]:
    """An entry and the stamp of exactly the bytes it was read from (one open file)."""
    import tomllib

    with path.open("rb") as handle:
        info = os.fstat(handle.fileno())
        data = tomllib.loads(handle.read().decode("utf-8"))
    return Reflection.model_validate(data), Stamp(info.st_mtime_ns, info.st_size)


class ChangedOnDisk(Exception):
    """The entry's file changed since it was read (another coachtui, an editor, a sync)."""


def update(path: Path, reflection: Reflection, read_as: Stamp) -> Stamp:
    """Replace an entry with its edited version, unless its file changed since `read_as`:
    then ChangedOnDisk, and nothing is written (the other change is never clobbered).
    Returns the new stamp, for the next edit."""
    try:
        now = Stamp.of(path)
    except FileNotFoundError:
        raise ChangedOnDisk(f"{path.name} was moved or deleted meanwhile") from None
    if now != read_as:
        raise ChangedOnDisk(f"{path.name} was changed by something else meanwhile")
    toml_io.write(path, reflection.model_dump(mode="python"))
    return Stamp.of(path)


def delete(path: Path) -> Path:
    """Move an entry to the trash (never deleted outright); returns where it went."""
    return move_to_trash(path, "journal")


def restore(trashed: Path, original: Path) -> Path:
    """Put a trashed entry back where it was (undo); never over another file."""
    return trash.restore(trashed, original)
