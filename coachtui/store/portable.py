"""The few file and process calls that differ between Linux, macOS and Windows, each with
its fallback in one place, so the rest of coachtui is written once for every OS.

Windows has no `os.fchmod`, no `O_NOFOLLOW` or `O_NONBLOCK`, no `errno.EDQUOT`, and its
`os.kill(pid, 0)` does not ask whether a process exists: 0 is CTRL_C_EVENT there, and would
interrupt the whole console group.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Flags to open a file without following a link or waiting on a FIFO, where they exist
# (Windows has neither: there, links and FIFOs are told apart by lstat before opening).
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
NO_WAIT = getattr(os, "O_NONBLOCK", 0)


def make_private(fd: int, path: Path | str) -> None:
    """0600 on an open file: by its descriptor where the OS can, else by its name."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, 0o600)
    else:  # Windows: only the read-only bit exists, and os.chmod sets it by name
        os.chmod(path, 0o600)


def link(source: Path | str, target: Path | str) -> None:
    """A hard link that never replaces `target` (FileExistsError) and, where the OS can
    say so, links a symbolic link itself rather than the file it points to."""
    if os.link in os.supports_follow_symlinks:
        os.link(source, target, follow_symlinks=False)
    else:
        os.link(source, target)


def process_exists(pid: int) -> bool:
    """Whether a process with this id exists (another user's counts; so does one that
    reused the id: callers then wait, the safe side)."""
    if sys.platform == "win32":
        return _windows_process_exists(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # another user's, or not a pid this system could have
        return True
    return True


def _windows_process_exists(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: there, but not ours
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
