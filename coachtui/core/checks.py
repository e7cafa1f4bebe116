"""Helpers for checks that span fields: say which field is wrong, and suggest the likely fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class LocatedValueError(ValueError):
    """A model-level check that knows which field is wrong, so the error can point at its line.

    Pydantic reports a model validator's error at the model itself; the loader reads `loc`
    to name the field (and so the line) instead.
    """

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' for a near miss, else the choices (or nothing if there are none)."""
    options = list(choices)
    guess = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    if guess:
        return f"; did you mean {guess[0]!r}?"
    if options:
        return "; expected one of: " + ", ".join(options)
    return ""
