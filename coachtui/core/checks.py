"""Helpers for checks that span fields: say which field is wrong, and suggest the likely fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class LocatedValueError(ValueError):
    """A model-level check that knows which field is wrong, so the error can point at its line.

    Pydantic reports a model validator's error at the model itself; the loader reads `loc`
    to name the field (and so the line) instead.
    """

    def __init__(self, loc: tuple[str | int, ...], message: str,
                 also: Iterable[LocatedValueError] = (), suggestion: str | None = None) -> None:
        super().__init__(message)
        self.loc = loc
        self.also = list(also)  # more problems the same check found, reported with this one
        self.suggestion = suggestion  # the value it was most likely meant to be, if known


def raise_all(problems: list[LocatedValueError]) -> None:
    """Raise every problem one model check found together: pydantic takes one error per
    check, and a person fixing a file wants them all in one run, not one run each."""
    if problems:
        first = problems[0]
        raise LocatedValueError(first.loc, str(first), problems[1:], first.suggestion)


def nearest(value: str, choices: Iterable[str]) -> str | None:
    """The choice `value` is most likely a typo of, if one is close enough."""
    guess = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return guess[0] if guess else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' for a near miss, else the choices (or nothing if there are none)."""
    options = list(choices)
    guess = nearest(value, options)
    if guess:
        return f"; did you mean {guess!r}?"
    if options:
        return "; expected one of: " + ", ".join(options)
    return ""
