"""Temporary homes for served sessions: one folder per server, one private home per browser in it.

The server's folder is named `coachtui-serve-<server pid>-<random>` in the temp folder, so a later
server can tell which folders are of our making and whether the server that made them is gone
(killed with -9, a crash, a power cut), and remove what it left behind: typed text in drafts.
No Textual here: the server imports this before anything else.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path

from coachtui.store.portable import process_exists

PREFIX = "coachtui-serve-"
SESSION_PREFIX = "session-"
REMOVE_TRIES = 5  # see remove()
# mkdtemp's random part: 8 characters of [a-z0-9_]
SERVER_FOLDER = re.compile(re.escape(PREFIX) + r"(\d+)-[a-z0-9_]{8}")


def make_server_folder() -> Path:
    """This server's folder (0700, as mkdtemp makes it), named after its process."""
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))


def make_session_home(server_folder: Path) -> Path:
    """A new private (0700) home for one browser session.

    The server's folder is made again if something removed it (a temp cleaner, on a server
    that has run for days)."""
    server_folder.mkdir(mode=0o700, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=SESSION_PREFIX, dir=server_folder))


def is_session_home(path: Path) -> bool:
    """Whether `path` is a session home a server made: only those may be removed by a session."""
    return (path.name.startswith(SESSION_PREFIX)
            and SERVER_FOLDER.fullmatch(path.parent.name) is not None
            and path.parent.parent == Path(tempfile.gettempdir()))


def remove(path: Path) -> None:
    # rmtree does not follow links inside the folder (it works from file descriptors on Linux).
    # A session still ending may write a file while its tree is being removed, and rmtree then
    # leaves the folder that held it: tried again, briefly, until nothing is left.
    for _ in range(REMOVE_TRIES):
        shutil.rmtree(path, ignore_errors=True)
        if not os.path.lexists(path):
            return
        time.sleep(0.05)


def remove_leftovers(temp: Path | None = None) -> int:
    """Remove the folders of this user's earlier servers that are no longer running.

    Only a real folder (not a link) named as ours, owned by this user, whose server process is
    gone. Returns how many were removed."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # no owners to compare (Windows): leave everything alone
        return 0
    removed = 0
    try:
        entries = list(os.scandir(temp or tempfile.gettempdir()))
    except OSError:
        return 0
    for entry in entries:
        found = SERVER_FOLDER.fullmatch(entry.name)
        if not found:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != getuid() or _running(int(found[1])):
            continue
        remove(Path(entry.path))
        removed += 1
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id exists (it may be another program that reuses the id:
    then its folder waits for a later start, which is the safe side)."""
    return process_exists(pid)
