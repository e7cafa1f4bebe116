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
    # Unknown keys first: a typo there often causes the "missing" errors that follow it.
    details = sorted(error.errors(include_url=False), key=lambda d: d["type"] != "extra_forbidden")
    for detail in details:
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

    The longest prefix of `loc` that the text spells out wins: the key's own line when
    it is there, else the line of the table that should hold it.
    """
    positions = _positions(source)
    for length in range(len(loc), 0, -1):
        if loc[:length] in positions:
            return positions[loc[:length]]
    return None


_ARRAY_HEADER = re.compile(r"^\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"""^["']?([A-Za-z0-9_-]+)["']?\s*=""")


def _positions(source: str) -> dict[tuple, int]:
    """Map every table and key path the text spells out (array items by index) to its line."""
    positions: dict[tuple, int] = {}
    counts: dict[tuple, int] = {}
    table: tuple = ()
    for number, line in enumerate(source.splitlines(), 1):
        text = line.strip()
        if found := _ARRAY_HEADER.match(text):
            names = _split(found.group(1))
            array = _within(names[:-1], table) + (names[-1],)
            counts[array] = counts.get(array, -1) + 1
            table = array + (counts[array],)
        elif found := _TABLE_HEADER.match(text):
            names = _split(found.group(1))
            table = _within(names[:-1], table) + (names[-1],)
        elif found := _KEY.match(text):
            positions.setdefault(table + (found.group(1),), number)
            continue
        else:
            continue
        positions.setdefault(table, number)
    return positions


def _split(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in dotted.split("."))


def _within(names: tuple, current: tuple) -> tuple:
    """Resolve a header's parent names against the current table, keeping array indices:
    `[recovery.steps]` inside `[[recovery]]` item 2 means ("recovery", 2, "steps")."""
    resolved: list = []
    for name in names:
        resolved.append(name)
        depth = len(resolved)
        if tuple(current[:depth]) == tuple(resolved) and len(current) > depth \
                and isinstance(current[depth], int):
            resolved.append(current[depth])
    return tuple(resolved)
