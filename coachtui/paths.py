"""Where coachtui keeps things, in the platform's own folders (platformdirs):

- the data folder: the journal, drafts, trash and the person's own playbooks;
- the config folder: config.toml;
- the cache folder: the journal's index and the playbook cache (only caches: they can
  always be rebuilt).

`$COACHTUI_HOME` puts all of them under one root instead (tests, a USB stick, `serve`).
Before the folders were split, everything lived in the data folder: store/old_home.py
moves what is there at first start, and says here (`read_in_place`) what had to stay.

Folders are created only when something is written, always private (0700).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

APP = "coachtui"
ENV_HOME = "COACHTUI_HOME"
ENV_SERVED = "COACHTUI_SERVED"  # set by `coachtui serve` for a browser's app: "private" or "journal"
CONFIG_NAME = "config.toml"

# What could not be moved from the old single root: name ("journal", "config"…) -> where it
# stays, read and written there so nothing is lost (filled by store/old_home.py).
_in_place: dict[str, Path] = {}


def root_override() -> Path | None:
    """The one root `$COACHTUI_HOME` names, or None for the platform's folders."""
    override = os.environ.get(ENV_HOME)
    return Path(override).expanduser() if override else None


def _platform(kind: str) -> Path:
    import platformdirs  # imported late: only needed without the override

    folder = {"data": platformdirs.user_data_dir, "config": platformdirs.user_config_dir,
              "cache": platformdirs.user_cache_dir}[kind]
    return Path(folder(APP, appauthor=False))


def data_dir() -> Path:
    return root_override() or _platform("data")


def home() -> Path:
    """The data folder (the one root, under `$COACHTUI_HOME`): where entries are shown from."""
    return data_dir()


def config_dir() -> Path:
    return root_override() or _platform("config")


def cache_dir() -> Path:
    root = root_override()
    return root / "cache" if root else _platform("cache")


def old_root() -> Path | None:
    """Where everything lived before the folders were split (today's data folder); None
    under `$COACHTUI_HOME`, which still holds everything."""
    return None if root_override() else _platform("data")


def new_places() -> dict[str, Path]:
    """Each thing coachtui keeps, by name, where it belongs now (before any in-place reading)."""
    data = data_dir()
    return {"journal": data / "journal", "drafts": data / "drafts",
            "playbooks": data / "playbooks", "trash": data / "trash",
            "config": config_dir() / CONFIG_NAME, "cache": cache_dir()}


def read_in_place(name: str, path: Path) -> None:
    """Keep using `path` (in the old root) for `name`: it could not be moved."""
    _in_place[name] = path


def _place(name: str) -> Path:
    return _in_place.get(name) or new_places()[name]


def journal_dir() -> Path:
    return _place("journal")


def drafts_dir() -> Path:
    return _place("drafts")


def user_playbooks_dir() -> Path:
    return _place("playbooks")


def trash_dir() -> Path:
    return _place("trash")


def config_file() -> Path:
    return _place("config")


def index_dir() -> Path:
    return _place("cache")


def cache_folder() -> Path:
    """Where caches go (the journal's index, the playbook cache): any can be deleted."""
    return _place("cache")


def own_root(path: Path) -> Path:
    """The folder of coachtui's that holds `path`: a link in a file of ours is followed only
    inside it (see store/safe_read)."""
    roots = [place.parent for place in _in_place.values()]
    roots += [data_dir(), config_dir(), cache_dir()]
    return next((root for root in roots if path.is_relative_to(root)), data_dir())


def served_note() -> str | None:
    """Where a browser's words go when `coachtui serve` runs this app; None when not served."""
    kept = os.environ.get(ENV_SERVED)
    if kept == "private":
        return "In this browser tab, nothing is kept after you close it."
    if kept == "journal":
        return f"Your entries are saved on the machine that serves this page, in {journal_dir()}."
    return None


def ensure_private_dir(path: Path) -> Path:
    """Create `path` and any missing parents readable by the user only, whatever the umask.

    A browser's private home (`coachtui serve`) is made by its server and removed when the
    tab closes or the server stops; it is never made again here. A write that comes late (a
    cache saved by a start still loading, a last draft) fails instead, as on a full disk,
    and nothing a browser typed outlives the room in a folder made again."""
    root = root_override()
    if os.environ.get(ENV_SERVED) == "private" and root is not None and not root.is_dir():
        raise FileNotFoundError(errno.ENOENT, "this browser's home was removed", str(root))
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    os.chmod(path, 0o700)  # also tighten a folder of ours that already existed
    return path


def describe() -> dict[str, Path]:
    """Every place coachtui reads or writes, for `coachtui locate`."""
    return {
        "data": data_dir(),
        "journal": journal_dir(),
        "drafts": drafts_dir(),
        "playbooks": user_playbooks_dir(),
        "trash": trash_dir(),
        "config": config_file(),
        "cache": index_dir(),
    }
