"""The playbook cache: what the last start found in the playbook folders, so the next one
can show the scenario list without importing pydantic or parsing any TOML.

It holds, in one JSON file in the cache folder (0600, written atomically):
- the key: coachtui's, Python's and pydantic's versions, the two playbook folders, and each
  `.toml` file in them (and in their `frameworks/`) with its size, times, inode and kind,
  as seen *before* any was read;
- the scenario list that start ended with (store/playbook_listing.py), broken files too;
- each file's TOML tables as parsed, so the loader can validate them without parsing.

It is only a cache. Missing, unreadable, not a regular file, too big, not JSON, of another
shape, from another version, or keyed to files that changed, appeared or vanished: it is
ignored without a word, the files are read as usual, and it is written afresh. Nothing in
it is ever run: JSON, never pickle. Validation, the joining of playbooks to frameworks and
the examples' check still run on every start (a few milliseconds, in the loading thread),
so a cache can never let a playbook through that the files would not.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

from coachtui import __version__, paths
from coachtui.store.atomic import atomic_write
from coachtui.store.playbook_files import FRAMEWORKS, Origin, folders, toml_files
from coachtui.store.playbook_listing import Listing, from_json, to_json
from coachtui.store.safe_read import CouldNotRead, read_bytes

FORMAT = 1  # raised whenever what is stored changes shape or meaning
CACHE_NAME = "playbooks.json"
MAX_BYTES = 32 * 1024 * 1024  # far over ~20 bundled files' 140 kB; a bigger cache is not kept

# The code whose behaviour the stored list depends on: an edited or upgraded coachtui
# (even one that kept its version number, as a checkout does) makes the cache stale.
_CODE = Path(__file__).resolve().parents[1]
_CODE_FILES = ("core/*.py", "store/playbook*.py")


@dataclass
class Cache:
    """What the cache offers this start.

    `listing` is the last start's scenario list when every file is as it was (else None);
    `parsed` holds the stored TOML tables of each file unchanged since (by file id)."""

    key: dict
    listing: Listing | None = None
    parsed: dict[str, dict] = field(default_factory=dict)

    @property
    def fresh(self) -> bool:
        return self.listing is not None


def location() -> Path:
    return paths.cache_folder() / CACHE_NAME


def file_id(origin: Origin, root: Path, path: Path) -> str:
    """A file's name in the cache: its origin and its place in that playbook folder."""
    return f"{origin}/{path.relative_to(root).as_posix()}"


def key_now(user_dir: Path | None = None) -> dict:
    """The versions, the folders, and every playbook and framework file as it is now."""
    roots = folders(user_dir)
    files = {file_id(origin, root, path): _looks(path)
             for origin, root in roots for folder in (root, root / FRAMEWORKS)
             for path in toml_files(folder)}
    return {"format": FORMAT, "versions": _versions(),
            "folders": [[origin, str(root)] for origin, root in roots], "files": files}


def load(user_dir: Path | None = None) -> Cache:
    """The cache for the playbook folders as they are now; never raises."""
    key = key_now(user_dir)
    try:
        stored = _read(location())
        if {name: stored.get(name) for name in ("format", "versions", "folders")} != \
                {name: key[name] for name in ("format", "versions", "folders")}:
            return Cache(key)
        files, parsed = stored["files"], stored["parsed"]
        if not isinstance(files, dict) or not isinstance(parsed, dict):
            return Cache(key)
        unchanged = {fid: tables for fid, tables in parsed.items()
                     if isinstance(tables, dict) and fid in key["files"]
                     and files.get(fid) == key["files"][fid]}
        listing = from_json(stored["listing"]) if files == key["files"] else None
        return Cache(key, listing, unchanged)
    except Exception:  # noqa: BLE001 - whatever is wrong with a cache, the files are read
        return Cache(key)


def save(key: dict, listing: Listing, parsed: dict[str, dict]) -> None:
    """Write the cache for `key`; a cache that cannot be written is simply not kept."""
    data = {**key, "listing": to_json(listing), "parsed": parsed}
    try:
        text = json.dumps(data, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return
    if len(text) > MAX_BYTES:
        return
    target = location()
    try:
        # A link or a file where the cache folder should be is left alone (as the journal
        # index does): the cache is written only into a real folder.
        if os.path.lexists(target.parent) and not stat.S_ISDIR(os.lstat(target.parent).st_mode):
            return
        atomic_write(target, text.encode("ascii"))
    except OSError:
        return


def storable(tables: dict) -> dict | None:
    """A copy of a file's TOML tables as JSON gives them back, or None if JSON cannot hold
    them exactly (TOML dates, NaN): such a file is parsed on every start."""
    try:
        again = json.loads(json.dumps(tables, allow_nan=False))
    except (TypeError, ValueError, RecursionError):
        return None
    return again if again == tables else None


def _read(path: Path) -> dict:
    # Only a regular file is read (not a link, even inside the folder: a cache is never one).
    if not stat.S_ISREG(os.lstat(path).st_mode):
        raise CouldNotRead("not a regular file")
    stored = json.loads(read_bytes(path, within=path.parent, cap=MAX_BYTES, what="the cache"))
    if not isinstance(stored, dict):
        raise ValueError("not a cache")
    return stored


def _looks(path: Path) -> list | None:
    """What tells a changed file: kind, size, times and inode; a link's target's as well."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    seen = _stat_of(info)
    if stat.S_ISLNK(info.st_mode):
        try:
            seen += _stat_of(os.stat(path))
        except (OSError, RuntimeError):
            seen.append(None)
    return seen


def _stat_of(info: os.stat_result) -> list:
    return [info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino,
            info.st_dev]


def _versions() -> list:
    code = sorted([path.relative_to(_CODE).as_posix(), *_sized(path)]
                  for pattern in _CODE_FILES for path in _CODE.glob(pattern))
    return [sys.implementation.name, list(sys.version_info), __version__, code,
            _package_files("pydantic", "version.py"), _package_files("pydantic_core",
                                                                    "__init__.py")]


def _package_files(package: str, name: str) -> list | None:
    """A stamp of an installed package (its file's size and time change with each install),
    found without importing it."""
    try:
        spec = find_spec(package)
        where = Path(list(spec.submodule_search_locations)[0]) / name  # type: ignore[union-attr]
        return [str(where), *_sized(where)]
    except Exception:  # noqa: BLE001 - not found: the stamp says so
        return None


def _sized(path: Path) -> list:
    try:
        info = os.stat(path)
    except OSError:
        return []
    return [info.st_size, info.st_mtime_ns]
