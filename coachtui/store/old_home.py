"""Data from before the folders were split: moved to the new folders at first start.

coachtui used to keep everything under one root (today's data folder). Now the config
lives in the config folder and the index in the cache folder (paths.py). At start, each
thing found in the old root that belongs elsewhere is moved there, one file or folder at a
time with a rename or a hard link (atomic: it is wholly here or wholly there), never over something
already at the new place. What cannot be moved (another disk, no permission) is read in
place; what exists at both places is left as it is in the old root. Nothing is lost, and
one line says what happened.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from coachtui import paths

@dataclass
class Settled:
    """What start-up did with the old root: moved (name -> new place), read in place
    (name -> old place, and why), and left (old paths also present at the new place)."""

    moved: dict[str, Path] = field(default_factory=dict)
    in_place: dict[str, tuple[Path, str]] = field(default_factory=dict)
    left: list[Path] = field(default_factory=list)

    def note(self) -> str:
        """One line for the person ('' when there was nothing to do)."""
        parts = [f"moved {_label(name)} to {place}" for name, place in self.moved.items()
                 if name != "cache"]  # the index is only a cache: not worth a word
        parts += [f"{_label(name)} stays at {place} ({why}) and is used there"
                  for name, (place, why) in self.in_place.items() if name != "cache"]
        if self.left:
            shown = ", ".join(str(path) for path in self.left[:3])
            more = f" and {len(self.left) - 3} more" if len(self.left) > 3 else ""
            parts.append(f"left {shown}{more} where it was, as the new folder already has "
                         "one of that name (nothing was overwritten)")
        if not parts:
            return ""
        return "coachtui now uses your system's folders: " + "; ".join(parts) + \
            " (coachtui locate lists them all)."


def _label(name: str) -> str:
    return paths.CONFIG_NAME if name == "config" else f"your {name}"


def move_old_root(old_root: Path, places: dict[str, Path]) -> Settled:
    """Move each of `places` (name -> new path) from `old_root` (same name; the config as
    config.toml, the index folder as cache) to its new path."""
    settled = Settled()
    for name, new in places.items():
        old = old_root / (new.name if name == "config" else name)
        if old == new or not os.path.lexists(old):
            continue
        if os.path.lexists(new):
            if not _same(old, new):  # "cache" is "Cache" on a disk that ignores case
                settled.left += _merge(old, new)
            continue
        try:
            _move(old, new)
            settled.moved[name] = new
        except FileExistsError:  # appeared meanwhile (another coachtui starting): keep both
            settled.left.append(old)
        except OSError as error:  # another disk, no permission: use it where it is
            settled.in_place[name] = (old, f"it could not be moved: {error.strerror or error}")
    return settled


def _same(old: Path, new: Path) -> bool:
    try:
        return os.path.samefile(old, new)
    except OSError:
        return False


def _move(old: Path, new: Path) -> None:
    """Rename `old` to `new`, never over something there (a file by a hard link, which
    refuses to replace; a folder by rename, which never replaces a folder with content)."""
    paths.ensure_private_dir(new.parent)
    if old.is_dir() and not old.is_symlink():
        os.rename(old, new)
        return
    try:
        os.link(old, new, follow_symlinks=False)
    except (NotImplementedError, PermissionError):  # no hard links here (some filesystems)
        if os.path.lexists(new):
            raise FileExistsError(errno.EEXIST, "already there", str(new)) from None
        os.rename(old, new)
        return
    os.unlink(old)


def _merge(old: Path, new: Path) -> list[Path]:
    """Move what is inside folder `old` into folder `new`, one item at a time; the old
    paths that are also at the new place are left and returned."""
    if not (old.is_dir() and new.is_dir()) or old.is_symlink() or new.is_symlink():
        return [old]
    left: list[Path] = []
    try:
        items = sorted(old.iterdir())
    except OSError:
        return [old]
    for item in items:
        target = new / item.name
        if os.path.lexists(target):
            left += _merge(item, target)
            continue
        try:
            _move(item, target)
        except OSError:  # there meanwhile, or not movable: it stays, and is named
            left.append(item)
    try:
        old.rmdir()  # emptied: gone; otherwise it keeps what was left
    except OSError:
        pass
    return left


_settled: Settled | None = None
_told = False


def settle() -> None:
    """Move the old root's data once per process (nothing to do under `$COACHTUI_HOME`), and
    read in place whatever could not be moved."""
    global _settled
    if _settled is not None:
        return
    old = paths.old_root()
    _settled = move_old_root(old, paths.new_places()) if old else Settled()
    for name, (place, _why) in _settled.in_place.items():
        paths.read_in_place(name, place)


def take_note() -> str:
    """The one line about the move, the first time it is asked for ('' after that)."""
    global _told
    settle()
    if _told or _settled is None:
        return ""
    _told = True
    return _settled.note()
