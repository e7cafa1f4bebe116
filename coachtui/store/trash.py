"""The trash: where discarded drafts and deleted entries go instead of vanishing.

A move is a hard link then an unlink, so it never overwrites a file already in the trash
and the file is never half-moved: it is in one place or both, never neither.
"""

from __future__ import annotations

import os
from pathlib import Path

from coachtui import paths
from coachtui.paths import ensure_private_dir
from coachtui.store.atomic import fsync_dir
from coachtui.store.portable import link


KINDS = ("journal", "drafts", "leftovers")  # the only folders of the trash


def move_to_trash(source: Path, kind: str) -> Path:
    """Move `source` into trash/<kind>/, under a free name; returns where it went. A link
    is moved as the link it is, never as the file it points to."""
    if kind not in KINDS:
        raise ValueError(f"no trash folder called {kind!r}")
    folder = ensure_private_dir(paths.trash_dir() / kind)
    target = _link_under_free_name(source, folder)
    os.unlink(source)
    fsync_dir(folder)
    fsync_dir(source.parent)
    return target


def restore(trashed: Path, original: Path) -> Path:
    """Put a file from the trash back where it was (undo); never over another file."""
    ensure_private_dir(original.parent)
    link(trashed, original)  # FileExistsError, never overwrite
    os.unlink(trashed)
    fsync_dir(original.parent)
    return original


def _link_under_free_name(source: Path, folder: Path) -> Path:
    for number in range(1, 1000):
        name = source.name if number == 1 else f"{source.stem}-{number}{source.suffix}"
        target = folder / name
        try:
            link(source, target)
            return target
        except FileExistsError:
            continue
    raise FileExistsError(f"no free name for {source.name} in {folder}")
