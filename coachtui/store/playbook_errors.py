"""Humane playbook errors: the file, where in it, what was expected, and a likely fix.

Turns tomllib and pydantic failures into one-line problems a person can act on,
such as `late.toml:12: signals[2].lean: expected one of ...` or
`late.toml:4: greet.cue: unknown key; did you mean 'cues'?`.
"""

from __future__ import annotations

import re
import sys
import tomllib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from coachtui.core.checks import LocatedValueError, did_you_mean, nearest
from coachtui.core.sanitize import FORBIDDEN_ONE_LINE
from coachtui.core.scenario import Finding
from coachtui.core.text import SLUG_PATTERN


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
        return visible(": ".join(parts))


def visible(text: str) -> str:
    """Control, escape and bidi characters spelled out (`\\x1b`): a file name or key may hold
    them, and printed raw they would act on the terminal instead of being read."""
    return FORBIDDEN_ONE_LINE.sub(lambda found: repr(found.group())[1:-1], text)


@dataclass
class PlaybookError(Exception):
    """A playbook file that could not be used, with every problem found in it."""

    file: Path
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(problem.render(self.file) for problem in self.problems)

    def joined(self, later: PlaybookError) -> PlaybookError:
        """This file's problems with those a later check found, in line order."""
        return PlaybookError(self.file, in_line_order(self.problems + later.problems))

    @property
    def first_line(self) -> str:
        """The first problem, short (file name only), with a count of any others."""
        if not self.problems:
            return self.file.name
        more = len(self.problems) - 1
        return self.problems[0].render(self.file.name) + (f" (and {more} more)" if more else "")


_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def from_toml_error(file: Path, source: str, error: Exception) -> PlaybookError:
    """One located problem for a file tomllib could not read."""
    if isinstance(error, RecursionError):
        return PlaybookError(file, [Problem("not valid TOML: arrays or tables are nested too "
                                            "deeply to read")])
    message = str(error)
    limit = sys.get_int_max_str_digits()
    digits = re.search(r"\d{%d,}" % (limit + 1), source)
    if not isinstance(error, tomllib.TOMLDecodeError) and digits:
        # tomllib lets Python's limit on huge integers through as a plain ValueError.
        return PlaybookError(file, [Problem(f"a number is too long (over {limit:,} digits)",
                                            source.count("\n", 0, digits.start()) + 1)])
    found = _TOML_POSITION.search(message)
    text = message[: found.start()] if found else message
    text = text[0].lower() + text[1:] if text else "syntax error"
    if found and found.group(1):
        line, column = int(found.group(1)), int(found.group(2))
    elif found:  # "at end of document"
        line, column = source.count("\n") + 1, None
    else:
        line = column = None
    return PlaybookError(file, [Problem(f"not valid TOML: {text}", line, column)])


def from_validation_error(file: Path, source: str, error: ValidationError,
                          model: type[BaseModel]) -> PlaybookError:
    """Every schema problem, in line order; a key reported missing only because it was
    mistyped is left to the typo's own line ("unknown key; did you mean 'cues'?")."""
    details = error.errors(include_url=False)
    mistyped = {tuple(d["loc"][:-1]) + (_nearest_key(model, tuple(d["loc"])),)
                for d in details if d["type"] == "extra_forbidden"}
    problems = []
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] == "missing" and loc in mistyped:
            continue
        located = (detail.get("ctx") or {}).get("error")
        others = located.also if isinstance(located, LocatedValueError) else []
        where = loc + located.loc if isinstance(located, LocatedValueError) else loc
        problems.append(_located(source, where, _message(detail, where, model)))
        problems += [_located(source, loc + more.loc, str(more)) for more in others]
    return PlaybookError(file, in_line_order(problems))


def _nearest_key(model: type[BaseModel], loc: tuple) -> str | None:
    """The key an unknown key at `loc` was most likely meant to be."""
    return nearest(str(loc[-1]), known_keys(model, loc[:-1]))


def _located(source: str, loc: tuple, message: str) -> Problem:
    return Problem(message, _line_of(source, loc), None, _dotted(loc))


def in_line_order(problems: Iterable[Problem]) -> list[Problem]:
    """Top to bottom, as a person fixes them, each problem once; then those with no line (a
    key missing from the file), which a typo above often explains: the first problem shown
    (the scenario picker shows only that one) is then one with a place in the file."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda problem: (problem.line is None, problem.line or 0))


def not_a(file: Path, data: dict, model: type[BaseModel], kind: str) -> PlaybookError | None:
    """One line for a TOML file with none of a playbook's (or framework's) keys, instead of
    one "required, but missing" per key: it is some other file, or the wrong one."""
    if data.keys() & model.model_fields.keys():
        return None
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    return PlaybookError(file, [Problem(f"does not look like a {kind}: it has none of its keys "
                                        f"({', '.join(required[:4])}, …)")])


def from_findings(file: Path, source: str, findings: Iterable[Finding]) -> PlaybookError:
    """Problems found between files (a framework or step that is not there), located."""
    return PlaybookError(file, [_located(source, f.loc, f.message) for f in findings])


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _message(detail: dict, loc: tuple, root: type[BaseModel]) -> str:
    kind = detail["type"]
    if kind == "extra_forbidden":
        return "unknown key" + did_you_mean(str(loc[-1]), known_keys(root, loc[:-1]))
    if kind == "missing":
        return "required, but missing"
    if kind == "string_pattern_mismatch" and detail.get("ctx", {}).get("pattern") == SLUG_PATTERN:
        shown = repr(detail.get("input"))
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        return (f"{shown} is not a simple id: use lowercase letters, digits and "
                "hyphens, up to 48, starting with a letter or digit (like 'late-shift')")
    message = detail["msg"]
    message = message.removeprefix("Value error, ")
    if kind == "literal_error":
        hint = did_you_mean(str(detail.get("input")), re.findall(r"'([^']*)'", message))
        if hint.startswith("; did you mean"):
            message += hint
    return message[0].lower() + message[1:] if message else kind


def known_keys(root: type[BaseModel], loc: tuple) -> list[str]:
    """The keys the model allows at `loc`, for "did you mean"."""
    model: type[BaseModel] | None = root
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
    # TOML lines end at "\n" only; str.splitlines would also break at U+0085 and others.
    for number, line in enumerate(source.split("\n"), 1):
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
        # A header also places every table it sits in: `[a.b]` is where `a` first appears.
        for length in range(1, len(table) + 1):
            positions.setdefault(table[:length], number)
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
