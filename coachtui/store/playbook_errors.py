"""Humane playbook errors: the file, where in it, what was expected, and a likely fix.

Turns tomllib and pydantic failures into one-line problems a person can act on,
such as `late.toml:12: signals[2].lean: expected one of ...` or
`late.toml:4: greet.cue: unknown key; did you mean 'cues'?`.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from coachtui.core.playbook import Playbook


@dataclass(frozen=True)
class Problem:
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def render(self, file: Path | str) -> str:
        where = str(file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where] + ([self.field] if self.field else []) + [self.message]
        return ": ".join(parts)


@dataclass
class PlaybookError(Exception):
    """A playbook file that could not be used, with every problem found in it."""

    file: Path
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(problem.render(self.file) for problem in self.problems)

    @property
    def first_line(self) -> str:
        """The first problem, short (file name only), with a count of any others."""
        if not self.problems:
            return self.file.name
        more = len(self.problems) - 1
        return self.problems[0].render(self.file.name) + (f" (and {more} more)" if more else "")


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def from_toml_error(file: Path, error: Exception) -> PlaybookError:
    message = str(error)
    found = _TOML_POSITION.search(message)
    if not found:
        return PlaybookError(file, [Problem(f"not valid TOML: {message}")])
    text = message[: found.start()]
    text = text[0].lower() + text[1:] if text else "syntax error"
    return PlaybookError(file, [Problem(f"not valid TOML: {text}",
                                        int(found.group(1)), int(found.group(2)))])


def from_validation_error(file: Path, source: str, error: ValidationError) -> PlaybookError:
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        problems.append(Problem(_message(detail, loc), _line_of(source, loc), None, _dotted(loc)))
    return PlaybookError(file, problems)


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _message(detail: dict, loc: tuple) -> str:
    kind = detail["type"]
    if kind == "extra_forbidden":
        known = _known_keys(loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"; did you mean {guess[0]!r}?" if guess else f"; expected one of: {', '.join(known)}"
        return "unknown key" + hint
    if kind == "missing":
        return "required, but missing"
    message = detail["msg"]
    message = message.removeprefix("Value error, ")
    if kind == "literal_error":
        guess = difflib.get_close_matches(str(detail.get("input")),
                                          re.findall(r"'([^']*)'", message), n=1, cutoff=0.6)
        if guess:
            message += f"; did you mean {guess[0]!r}?"
    return message[0].lower() + message[1:] if message else kind


def _known_keys(loc: tuple) -> list[str]:
    """The keys the model allows at `loc`, for "did you mean"."""
    model: type[BaseModel] | None = Playbook
    for part in loc:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        model = _model_in(info.annotation) if info else None
    return sorted(model.model_fields) if model else []


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, (types.GenericAlias, types.UnionType)) or typing.get_origin(annotation):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None


def _line_of(source: str, loc: tuple) -> int | None:
    """Best-effort line number for a field path, found by reading the TOML text.

    Walks the path: a table name finds its `[table]` or `[[table]]` header, an index
    counts array-of-tables headers, and the last key finds its `key =` line.
    """
    lines = source.splitlines()
    start, table = 0, ""
    found_line: int | None = None
    for position, part in enumerate(loc):
        if isinstance(part, int):
            header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
            hits = [i for i in range(start, len(lines)) if header.match(lines[i])]
            if part < len(hits):
                start = hits[part] + 1
                found_line = hits[part] + 1
            continue
        dotted = f"{table}.{part}" if table else str(part)
        key_line = re.compile(rf"^\s*[\"']?{re.escape(str(part))}[\"']?\s*=")
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(dotted)}\s*\]\]?")
        hit = None
        for i in range(start, len(lines)):
            if header.match(lines[i]) or key_line.match(lines[i]):
                hit = i
                break
            if position == 0 and lines[i].lstrip().startswith("["):
                break  # top-level keys all come before the first table header
        if hit is None:
            return found_line
        found_line = hit + 1
        start = hit + 1 if header.match(lines[hit]) else hit
        table = dotted
    return found_line
