"""Atomic, private writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from coachtui.paths import ensure_private_dir
from coachtui.store.portable import link, make_private


def atomic_write(path: Path, data: bytes | Iterable[bytes], *, overwrite: bool = True,
                 folder_is_ours: bool = True) -> Path:
    """Write `data` (bytes, or bytes in pieces as they are made: an export streamed) to
    `path` via a temp file in the same folder, fsync'd, mode 0600.

    With `overwrite=False` an existing file is never replaced: FileExistsError is raised
    instead (the final step is a hard link, which fails rather than clobbers).
    coachtui's own folders are created and made private (0700); a folder the person chose
    (`--to`, `--output`: their home, /tmp, a shared folder) must exist and is left as it is.
    """
    folder = ensure_private_dir(path.parent) if folder_is_ours else path.absolute().parent
    # Named `.<name>.<pid>-<random>.tmp`: if this process is killed mid-save, the next start
    # knows the temp is a leftover (its writer is gone) and recovers it (store.leftovers).
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.{os.getpid()}-",
                                     suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:  # owns fd from here: closed whatever happens
            make_private(handle.fileno(), temp)
            for piece in (data,) if isinstance(data, bytes) else data:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temp, path)
        else:
            link(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if not overwrite:
        # The entry is saved: a temp name left behind must not turn that into a failure
        # (a retry would then save the entry twice).
        with contextlib.suppress(OSError):
            temp.unlink()
    fsync_dir(folder)
    return path


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (not possible on every platform, hence best effort)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


# Plain words for the reasons a write fails, for the one sentence the person is told.
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EACCES: "permission was denied",
    errno.EPERM: "permission was denied",
    errno.EROFS: "the disk is read-only",
    errno.EIO: "the disk reported an input/output error",
    errno.ENOTDIR: "a file stands where a folder should be",
    errno.EISDIR: "a folder stands where the file should be",
    errno.ENAMETOOLONG: "the path is too long",
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _REASONS[errno.EDQUOT] = "your disk quota is used up"


def why_not_written(error: OSError) -> str:
    """A short lower-case phrase for why a write failed ("the disk is full")."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    if error.strerror:
        return error.strerror[0].lower() + error.strerror[1:]
    return str(error) or type(error).__name__


def not_saved(error: OSError, kept: str, retry: str = "press Ctrl+S to try again") -> str:
    """The one sentence a person reads when the journal could not be written."""
    return (f"Could not write to the journal because {why_not_written(error)}; "
            f"your answers are {kept}, so {retry}.")
