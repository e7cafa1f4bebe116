"""TOML in and out for the app's own records (reflections, drafts, config)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import tomli_w

from coachtui import paths
from coachtui.store.atomic import atomic_write
from coachtui.store.safe_read import CouldNotRead, read_bytes

# All that reading a file of ours raises, whatever is wrong with it (see safe_read).
READ_ERRORS = (CouldNotRead,)

Record = TypeVar("Record")


@dataclass(frozen=True)
class Unreadable:
    """A file of ours that could not be read: skipped and reported, never changed."""

    path: Path
    reason: str


def why_unreadable(error: Exception) -> str:
    """One line on why a record could not be read, whatever the error."""
    if isinstance(error, CouldNotRead):
        return str(error)
    if hasattr(error, "errors"):  # a ValidationError; pydantic is not imported here
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}" if where else first["msg"]
    if isinstance(error, OSError):
        return f"cannot be read: {error.strerror or error}"
    if isinstance(error, RecursionError):
        return "arrays or tables are nested too deeply to read"
    if isinstance(error, MemoryError):
        return "too large to read"
    if isinstance(error, ValueError):  # a setting of the wrong type (config.from_dict)
        return str(error)
    return f"could not be understood ({type(error).__name__}: {error})"


def first_problem(error) -> str:
    """A pydantic ValidationError's first problem, in words ("what happened: too long")."""
    first = error.errors(include_url=False)[0]
    field = ".".join(str(part) for part in first["loc"]).replace("_", " ")
    return f"{field}: {first['msg'].removeprefix('Value error, ')}"


def dumps(data: dict) -> bytes:
    return tomli_w.dumps(_drop_none(data), multiline_strings=True).encode("utf-8")


def write(path: Path, data: dict, *, overwrite: bool = True) -> Path:
    return atomic_write(path, dumps(data), overwrite=overwrite)


def read(path: Path, within: Path | None = None) -> dict:
    """Parse one TOML file of ours, guarded: a link is followed only inside coachtui's
    folder, `within` (see safe_read; worked out from `path` when not given: a caller
    reading thousands of files of one folder gives it once). Raises CouldNotRead,
    whatever is wrong with the file."""
    return parse(read_bytes(path, within=within or paths.own_root(path)))


def read_text(path: Path) -> str:
    """The text of one file of ours, guarded as `read`; CouldNotRead if it is not UTF-8."""
    try:
        return read_bytes(path, within=paths.own_root(path)).decode("utf-8")
    except UnicodeDecodeError:
        raise CouldNotRead("not UTF-8 text") from None


def fast_loads() -> Callable[[str], dict]:
    """The quickest TOML reader installed, for files that are almost always valid: `rtoml`
    (Rust, about 10x the standard library's pure-Python tomllib on journal entries; the
    optional `fast` extra, as it has no wheel for every platform), else the compiled
    `tomli` (about 2.5x; a dependency, with a pure-Python wheel wherever none is compiled),
    else tomllib. Each gives the same dict for a valid file (tests/unit/test_toml_readers)."""
    global _fast_loads
    if _fast_loads is None:
        try:
            from rtoml import loads as _fast_loads
        except ImportError:
            try:
                from tomli import loads as _fast_loads
            except ImportError:
                _fast_loads = tomllib.loads
    return _fast_loads


_fast_loads: Callable[[str], dict] | None = None


def parse(raw: bytes) -> dict:
    """TOML bytes as a dict; CouldNotRead for anything the parser raises (deep nesting is a
    RecursionError, an integer of thousands of digits a plain ValueError).

    Read by the fast reader; a file it refuses is read again by tomllib, whose verdict and
    words ("not valid TOML: … (at line 3, column 5)") are the ones the person sees."""
    try:
        return fast_loads()(raw.decode("utf-8"))
    except Exception:  # noqa: BLE001 - tomllib says what is wrong, in its own words
        pass
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CouldNotRead("not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise CouldNotRead(f"not valid TOML: {error}") from None
    except RecursionError:
        raise CouldNotRead("not valid TOML: arrays or tables are nested too deeply to read") \
            from None
    except ValueError:  # int() refuses an integer of thousands of digits
        raise CouldNotRead("not valid TOML: a number is too long") from None
    except Exception as error:  # noqa: BLE001 - every parser error is one line, never a crash
        raise CouldNotRead(why_unreadable(error)) from None


def load(path: Path, build: Callable[[dict], Record], within: Path | None = None) -> Record:
    """Read one file of ours and `build` a record from it (a model's validation): every
    exception of the reader, the parser or the model becomes one CouldNotRead."""
    return validated(read(path, within), build)


def validated(data: dict, build: Callable[[dict], Record]) -> Record:
    """`build(data)`, with any exception of the model turned into one CouldNotRead (pydantic's
    ValidationError, and what it lets through: an OverflowError, a RecursionError…)."""
    try:
        return build(data)
    except Exception as error:  # noqa: BLE001 - see above
        raise CouldNotRead(why_unreadable(error)) from None


def _drop_none(value):
    # TOML has no null: an unanswered question is simply absent.
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    if isinstance(value, str) and "\r\n" in value:
        # A multi-line string's CRLF is read back as LF by every TOML reader: write LF, so
        # what is on disk reads back exactly as it was written (text pasted from Windows).
        return value.replace("\r\n", "\n")
    return value
