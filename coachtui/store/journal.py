"""The journal: one TOML file per reflection, under journal/<year>/.

Files are named by the app (UTC time + the walk's id, checked), never from what the person
typed, and are never overwritten by a new entry; a walk already in the journal is never
saved again. A file that cannot be read is skipped and reported, never deleted or changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from coachtui import paths
from coachtui.core.ids import checked_id
from coachtui.core.reflection import Reflection
from coachtui.store import journal_files, toml_io, trash
from coachtui.store.safe_read import read_file
from coachtui.store.stamp import Stamp
from coachtui.store.toml_io import Unreadable, why_unreadable
from coachtui.store.trash import move_to_trash


@dataclass
class JournalListing:
    entries: list[tuple[Path, Reflection]] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


UNREADABLE = toml_io.READ_ERRORS


def entry_path(reflection: Reflection, root: Path | None = None) -> Path:
    root = root or paths.journal_dir()
    return root / entry_name(reflection.created, checked_id(reflection.id))


def entry_name(created: datetime, entry_id: str) -> str:
    """Where an entry made at `created` (UTC) lives, relative to the journal folder:
    `<year>/<UTC time>-<id>.toml`, so names sort by time."""
    return f"{created:%Y}/{created:%Y%m%dT%H%M%SZ}-{entry_id}.toml"


def save(reflection: Reflection, root: Path | None = None) -> Path:
    """Save a new entry atomically and return its file; never overwrites anything.

    An entry's id is its walk's (or quick reflection's): if the journal already holds it,
    this walk was saved before (a draft left behind by a kill, a second "save as is"), and
    that file is returned instead of a second copy. The final step is a hard link, so two
    windows saving the same walk at once still make one file.
    """
    root = root or paths.journal_dir()
    already = saved_entry(reflection.id, root)
    if already is not None:
        return already
    path = entry_path(reflection, root)
    try:
        return toml_io.write(path, reflection.model_dump(mode="python"), overwrite=False)
    except FileExistsError:  # the same walk, saved by another window this very second
        return path


def saved_entry(entry_id: str, root: Path | None = None) -> Path | None:
    """The file of the entry with this id, if the journal holds one."""
    root = root or paths.journal_dir()
    relative = journal_files.scan(root, stamps=False).ids().get(entry_id)
    return root / relative if relative else None


def saved_ids(root: Path | None = None) -> set[str]:
    """The ids of every entry in the journal (from the file names: nothing is read)."""
    return set(journal_files.scan(root or paths.journal_dir(), stamps=False).ids())


def load(path: Path) -> Reflection:
    """One entry, read guarded; CouldNotRead (with the reason) whatever is wrong with it."""
    return toml_io.load(path, Reflection.model_validate)


LATEST_LOOKS = 50  # the newest files latest() looks at, at most


def latest(root: Path | None = None) -> Reflection | None:
    """The newest readable entry not marked sensitive, whose words the home screen may
    show; found by file name (which starts with its UTC time) among the newest
    LATEST_LOOKS files, so the whole journal is never read for it."""
    root = root or paths.journal_dir()
    for relative in journal_files.scan(root, stamps=False).newest_first()[:LATEST_LOOKS]:
        try:
            entry = load(root / relative)
        except UNREADABLE:
            continue
        if not entry.sensitive:
            return entry
    return None


def list_entries(root: Path | None = None) -> JournalListing:
    """Every readable entry, newest first, and the files (or folders) that could not be read."""
    root = root or paths.journal_dir()
    found = journal_files.scan(root)
    listing = JournalListing(unreadable=list(found.problems))
    for relative in found.newest_first():
        try:
            listing.entries.append((root / relative, load(root / relative)))
        except UNREADABLE as error:
            listing.unreadable.append(Unreadable(root / relative, why_unreadable(error)))
    listing.entries.sort(key=lambda pair: pair[1].created, reverse=True)
    return listing


def read_for_edit(path: Path) -> tuple[Reflection, Stamp]:
    """An entry and the stamp of exactly the bytes it was read from (one open file);
    CouldNotRead if it cannot be read or understood."""
    raw, info = read_file(path, within=paths.own_root(path))
    entry = toml_io.validated(toml_io.parse(raw), Reflection.model_validate)
    return entry, Stamp(info.st_mtime_ns, info.st_size)


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
