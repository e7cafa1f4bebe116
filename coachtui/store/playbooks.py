"""Find and load playbooks: the bundled ones, then the person's own (which win on the same id).

A broken file never stops the others: it is reported as a PlaybookError with its
location, and the rest load as usual.
"""

from __future__ import annotations

import stat
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from coachtui import paths
from coachtui.core.playbook import Playbook
from coachtui.store.playbook_errors import (
    PlaybookError,
    Problem,
    from_toml_error,
    from_validation_error,
)

MAX_BYTES = 256 * 1024
Origin = Literal["bundled", "user"]


@dataclass(frozen=True)
class LoadedPlaybook:
    playbook: Playbook
    path: Path
    origin: Origin
    overrides_bundled: bool = False


@dataclass
class Library:
    """Every usable playbook by id, in a stable order, plus the files that could not be used."""

    playbooks: dict[str, LoadedPlaybook] = field(default_factory=dict)
    broken: list[PlaybookError] = field(default_factory=list)

    def get(self, playbook_id: str) -> Playbook | None:
        loaded = self.playbooks.get(playbook_id)
        return loaded.playbook if loaded else None

    def default(self, preferred: str) -> Playbook | None:
        """The preferred playbook, or else the first one that loaded."""
        return self.get(preferred) or next(
            (loaded.playbook for loaded in self.playbooks.values()), None)


def bundled_dir() -> Path:
    """The bundled playbooks: inside the installed package, or the source tree's `playbooks/`."""
    packaged = resources.files("coachtui") / "_bundled_playbooks"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "playbooks"


def load_file(path: Path) -> Playbook:
    """Read and validate one playbook file, or raise PlaybookError saying where and why."""
    try:
        info = path.stat()
    except OSError as error:
        raise PlaybookError(path, [Problem(f"cannot be read: {error.strerror or error}")]) from None
    if not stat.S_ISREG(info.st_mode):
        raise PlaybookError(path, [Problem("is not a regular file")])
    if info.st_size > MAX_BYTES:
        raise PlaybookError(path, [Problem(
            f"is {info.st_size:,} bytes; a playbook may be at most {MAX_BYTES:,} bytes")])
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)  # never more, even if the file grew since stat()
    except OSError as error:
        raise PlaybookError(path, [Problem(f"cannot be read: {error.strerror or error}")]) from None
    if len(raw) > MAX_BYTES:
        raise PlaybookError(path, [Problem(f"is over {MAX_BYTES:,} bytes, the most a playbook may be")])
    return parse(path, raw)


def parse(path: Path, raw: bytes) -> Playbook:
    """Validate playbook bytes; `path` is only used to name the file in errors."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise PlaybookError(path, [Problem("starts with a byte-order mark (BOM); "
                                           "save it as UTF-8 without BOM", 1, 1)])
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PlaybookError(path, [Problem("is not UTF-8 text (binary, or another encoding?)",
                                           line)]) from None
    if not source.strip():
        raise PlaybookError(path, [Problem("is empty; a playbook needs at least an id and a title")])
    try:
        data = tomllib.loads(source)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as error:
        raise from_toml_error(path, error) from None
    try:
        return Playbook.model_validate(data)
    except ValidationError as error:
        raise from_validation_error(path, source, error) from None
    except RecursionError:
        raise PlaybookError(path, [Problem("is nested too deeply")]) from None


def _toml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".toml")
    except OSError:
        return []


def discover(user_dir: Path | None = None) -> Library:
    """Load the bundled playbooks, then the user's, reporting broken files instead of failing."""
    library = Library()
    for origin, folder in (("bundled", bundled_dir()),
                           ("user", user_dir or paths.user_playbooks_dir())):
        for path in _toml_files(folder):
            try:
                playbook = load_file(path)
            except PlaybookError as error:
                library.broken.append(error)
                continue
            earlier = library.playbooks.get(playbook.id)
            if earlier is not None and earlier.origin == origin:
                library.broken.append(PlaybookError(path, [Problem(
                    f"has the id {playbook.id!r}, already used by {earlier.path.name}; "
                    "ids must be unique")]))
                continue
            overrides = earlier is not None  # a user playbook replacing a bundled one
            library.playbooks[playbook.id] = LoadedPlaybook(playbook, path, origin, overrides)
    return library
