"""Reading one file, guarded: whatever lies in a folder, coachtui never hangs or crashes on
it, and never changes it.

Every file coachtui reads (entries, drafts, the config, playbooks) comes through here:
- only a regular file is read: a FIFO, socket, device or folder is refused before it is
  opened (opening a FIFO would wait for a writer forever, a device may never end);
- a link is followed only to a regular file inside `within` (coachtui's own folder for its
  own files): a link out of it, to nothing, or in a loop is refused;
- the file is opened without following a link and without blocking, and checked again
  once open (it may have been swapped since it was looked at);
- at most `cap` bytes are read, so a huge file costs nothing.
Each way this can fail is one CouldNotRead whose text says why in a few words.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_BYTES = 1024 * 1024  # an entry, a draft or the config is a few kilobytes; 1 MiB is plenty

# Not following a link, not waiting for a FIFO's writer, never becoming a terminal's owner
# (POSIX flags: where one does not exist the checks before and after the open still hold).
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
               | getattr(os, "O_BINARY", 0))


class CouldNotRead(Exception):
    """A file that could not be read or understood; str(error) says why ("is a folder…")."""


def read_bytes(path: Path, *, within: Path | None = None, cap: int = MAX_BYTES,
               what: str = "a file coachtui reads") -> bytes:
    """The bytes of the regular file at `path`, or CouldNotRead.

    `within`: a link is followed only to a file inside this folder (None: anywhere, for a
    file the person named on the command line). `what` names the file in the size message.
    """
    return read_file(path, within=within, cap=cap, what=what)[0]


def read_file(path: Path, *, within: Path | None = None, cap: int = MAX_BYTES,
              what: str = "a file coachtui reads") -> tuple[bytes, os.stat_result]:
    """As read_bytes, with the file's stat taken on the open file (so it describes exactly
    the bytes read: how an edit notices that someone else changed the file meanwhile)."""
    target = _regular_target(path, within)
    try:
        fd = os.open(target, _OPEN_FLAGS)
    except OSError as error:
        raise CouldNotRead(_os_reason(error)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped for something else since the lstat
            raise CouldNotRead(_kind_reason(info.st_mode))
        if info.st_size > cap:
            raise CouldNotRead(_too_big(info.st_size, cap, what))
        data = _read_at_most(fd, cap + 1)  # never more, even if it grew since the fstat
    except OSError as error:
        raise CouldNotRead(_os_reason(error)) from None
    finally:
        os.close(fd)
    if len(data) > cap:
        raise CouldNotRead(f"is over {cap:,} bytes, the most {what} may be")
    return data, info


def _regular_target(path: Path, within: Path | None) -> Path:
    """The path to open: `path` itself, or where its link leads if that is allowed."""
    info = _lstat(path)
    if not stat.S_ISLNK(info.st_mode):
        if not stat.S_ISREG(info.st_mode):
            raise CouldNotRead(_kind_reason(info.st_mode))
        return path
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        raise CouldNotRead("is a link to nothing (what it points to is missing)") from None
    except RuntimeError:  # Python 3.11 reports a loop this way, later ones as OSError(ELOOP)
        raise CouldNotRead("is a link that loops back on itself") from None
    except OSError as error:
        raise CouldNotRead(_os_reason(error)) from None
    if within is not None and not target.is_relative_to(_resolved(within)):
        raise CouldNotRead(f"is a link to {target}, outside coachtui's folder; "
                           "only files inside it are read")
    info = _lstat(target)
    if not stat.S_ISREG(info.st_mode):
        raise CouldNotRead(_kind_reason(info.st_mode))
    return target


def _lstat(path: Path) -> os.stat_result:
    try:
        return os.lstat(path)
    except OSError as error:
        raise CouldNotRead(_os_reason(error)) from None


def _resolved(folder: Path) -> Path:
    try:
        return folder.resolve()
    except (OSError, RuntimeError):
        return folder.absolute()


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, left = [], limit
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _kind_reason(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    return "is not a regular file (a pipe, socket or device?)"


def _too_big(size: int, cap: int, what: str) -> str:
    return f"is {size:,} bytes; {what} may be at most {cap:,} bytes"


def _os_reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "is a link that loops back on itself"
    return f"cannot be read: {error.strerror or error}"
