"""TOML in and out for the app's own records (reflections, drafts, config)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from coachtui.store.atomic import atomic_write


# What reading a file of ours can raise when the file is missing, unreadable or not TOML.
READ_ERRORS = (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError)


@dataclass(frozen=True)
class Unreadable:
    """A file of ours that could not be read: skipped and reported, never changed."""

    path: Path
    reason: str


def why_unreadable(error: Exception) -> str:
    """One line on why a record could not be read (a READ_ERROR or a pydantic ValidationError)."""
    if hasattr(error, "errors"):  # a ValidationError; pydantic is not imported here
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}" if where else first["msg"]
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return f"not valid TOML: {error}"


def first_problem(error) -> str:
    """A pydantic ValidationError's first problem, in words ("what happened: too long")."""
    first = error.errors(include_url=False)[0]
    field = ".".join(str(part) for part in first["loc"]).replace("_", " ")
    return f"{field}: {first['msg'].removeprefix('Value error, ')}"


def dumps(data: dict) -> bytes:
    return tomli_w.dumps(_drop_none(data), multiline_strings=True).encode("utf-8")


def write(path: Path, data: dict, *, overwrite: bool = True) -> Path:
    return atomic_write(path, dumps(data), overwrite=overwrite)


def read(path: Path) -> dict:
    """Parse a TOML file; raises OSError, UnicodeDecodeError or tomllib.TOMLDecodeError."""
    return tomllib.loads(path.read_bytes().decode("utf-8"))


def _drop_none(value):
    # TOML has no null: an unanswered question is simply absent.
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value
