"""Which files make up the journal: one list, shared by the journal and its index.

Entries live in journal/<year>/<UTC time>-<id>.toml; a `*.toml` placed directly in journal/
(by hand, a sync, another tool) is listed like the others, never silently ignored. Hidden
names (a save's temp file, .git) are not entries. A folder that cannot be looked into is
reported, not skipped in silence. Nothing here opens a file: reading is safe_read's job.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from coachtui.store.stamp import Stamp
from coachtui.store.toml_io import Unreadable


@dataclass
class JournalFiles:
    files: dict[str, Stamp] = field(default_factory=dict)  # relative to the journal folder
    problems: list[Unreadable] = field(default_factory=list)  # folders that could not be read

    def newest_first(self) -> list[str]:
        """By file name, which starts with the entry's UTC time."""
        return sorted(self.files, key=name_of, reverse=True)

    def ids(self) -> dict[str, str]:
        """Each entry's id (from its name, `<UTC time>-<id>.toml`) and its file."""
        return {id_of(relative): relative for relative in self.files if id_of(relative)}


def scan(root: Path, *, stamps: bool = True) -> JournalFiles:
    """Every entry file under `root` with its stamp, and the folders that could not be read.
    Without `stamps` only names are looked at (each stamp is a system call: 10,000 of them
    double the time), and every stamp is 0."""
    found = JournalFiles()
    if not os.path.lexists(root):
        return found
    for item in _listing(root, found):
        if item.name.startswith("."):
            continue
        if _is_folder(item):
            _add_all(_listing(Path(item.path), found), f"{item.name}/", found.files, stamps)
        elif item.is_symlink() and not item.name.endswith(".toml"):
            if os.path.isdir(item.path):  # not followed: it may lead out of the folder
                found.problems.append(Unreadable(Path(item.path), "is a link to a folder; "
                                                 "only folders inside the journal are read"))
        else:
            _add_all([item], "", found.files, stamps)
    return found


def _is_folder(item: os.DirEntry) -> bool:
    try:
        return item.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _listing(folder: Path, found: JournalFiles) -> Iterator[os.DirEntry]:
    """What is in the folder, hidden names too (the callers skip them), as the system lists
    it: not gathered in a list first (at 100,000 entries, that alone costs a tenth)."""
    try:
        with os.scandir(folder) as items:
            yield from items
    except OSError as error:
        found.problems.append(Unreadable(folder, "is a folder that cannot be looked into: "
                                         f"{error.strerror or error}"))


_NO_STAMP = Stamp(0, 0)
_stamp = tuple.__new__  # a Stamp made without NamedTuple's Python-level __new__: 100,000 add up


def _add_all(items: Iterable[os.DirEntry], prefix: str, files: dict[str, Stamp],
             stamps: bool) -> None:
    """The `*.toml` among these items, with their stamps. One loop, no call per file: at
    100,000 entries this loop is most of the time taken to see whether anything changed."""
    for item in items:
        name = item.name
        if not name.endswith(".toml") or name.startswith("."):
            continue
        if not stamps:
            files[prefix + name] = _NO_STAMP
            continue
        try:
            info = item.stat()
        except OSError:  # a link to nothing or in a loop: listed, and reported when read
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                continue  # gone since it was listed
        files[prefix + name] = _stamp(Stamp, (info.st_mtime_ns, info.st_size))


def name_of(relative: str) -> str:
    """An entry file's name, without its folder: it starts with the entry's UTC time."""
    return relative.rsplit("/", 1)[-1]


def id_of(relative: str) -> str:
    """The id in an entry's file name (`2026/20261123T093000Z-<id>.toml`), or ""."""
    name = name_of(relative).removesuffix(".toml")
    return name.partition("-")[2]
