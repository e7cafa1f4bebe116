"""Where coachtui keeps things: one root, `$COACHTUI_HOME` or the platform's user data folder.

Folders are created only when something is written, always private (0700).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "COACHTUI_HOME"
ENV_SERVED = "COACHTUI_SERVED"  # set by `coachtui serve` for a browser's app: "private" or "journal"


def home() -> Path:
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir  # imported late: only needed without the override

    return Path(user_data_dir("coachtui", appauthor=False))


def journal_dir() -> Path:
    return home() / "journal"


def drafts_dir() -> Path:
    return home() / "drafts"


def user_playbooks_dir() -> Path:
    return home() / "playbooks"


def trash_dir() -> Path:
    return home() / "trash"


def config_file() -> Path:
    return home() / "config.toml"


def served_note() -> str | None:
    """Where a browser's words go when `coachtui serve` runs this app; None when not served."""
    kept = os.environ.get(ENV_SERVED)
    if kept == "private":
        return "In this browser tab, nothing is kept after you close it."
    if kept == "journal":
        return f"Your entries are saved on the machine that serves this page, in {journal_dir()}."
    return None


def ensure_private_dir(path: Path) -> Path:
    """Create `path` and any missing parents readable by the user only, whatever the umask."""
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
        "home": home(),
        "journal": journal_dir(),
        "drafts": drafts_dir(),
        "playbooks": user_playbooks_dir(),
        "trash": trash_dir(),
        "config": config_file(),
    }
