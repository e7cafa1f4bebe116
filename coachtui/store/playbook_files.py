"""Where playbooks and frameworks are found: the bundled folder, then the person's own.

Only names and folders here, nothing read or parsed, and no pydantic: the playbook cache
(store/playbook_cache.py) looks at these files before anything heavier is imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from coachtui import paths

FRAMEWORKS = "frameworks"  # the sub-folder of a playbook folder that holds frameworks
Origin = Literal["bundled", "user"]


def bundled_dir() -> Path:
    """The bundled playbooks: inside the installed package, or the source tree's `playbooks/`."""
    # The package's own folder, as importlib.resources would find it for an installed
    # package (without its import and look-up, a few milliseconds at every start).
    package = Path(__file__).resolve().parents[1]
    packaged = package / "_bundled_playbooks"
    if packaged.is_dir():
        return packaged
    return package.parent / "playbooks"


def folders(user_dir: Path | None) -> list[tuple[Origin, Path]]:
    """Each playbook folder with its origin, bundled first (the person's own win on an id)."""
    return [("bundled", bundled_dir()), ("user", user_dir or paths.user_playbooks_dir())]


def toml_files(folder: Path) -> list[Path]:
    """The `.toml` names in a folder, sorted; whatever they are (a folder, a FIFO, a link)
    is for the guarded read to say. A folder that cannot be listed has none."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".toml")
    except OSError:
        return []


def framework_files(user_dir: Path | None) -> list[tuple[Origin, Path]]:
    return [(origin, path) for origin, folder in folders(user_dir)
            for path in toml_files(folder / FRAMEWORKS)]


def playbook_files(user_dir: Path | None) -> list[tuple[Origin, Path]]:
    return [(origin, path) for origin, folder in folders(user_dir)
            for path in toml_files(folder)]


def is_framework_file(path: Path) -> bool:
    return path.parent.name == FRAMEWORKS
