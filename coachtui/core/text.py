"""Constrained text types shared by every model that holds words a person reads.

Playbook text and anything a person types ends up on screen. Control and escape
characters could move the cursor, retitle the terminal or write the clipboard, so
they are rejected here, at the edge, with a message that says which one was found.
Newlines and tabs are allowed only in long free text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

# C0 and C1 controls, DEL, and bidi overrides/isolates (which can reorder what is shown).
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORBIDDEN_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _describe(char: str) -> str:
    name = unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} ({name})"


def _check(pattern: re.Pattern[str], value: str) -> str:
    found = pattern.search(value)
    if found:
        raise ValueError(
            f"contains a control or escape character {_describe(found.group())}; remove it"
        )
    return value


def _no_controls_one_line(value: str) -> str:
    return _check(_FORBIDDEN_ONE_LINE, value)


def _no_controls(value: str) -> str:
    return _check(_FORBIDDEN, value)


def strip_controls(value: str, *, keep_newlines: bool = True) -> str:
    """Remove what the validators reject: used on typed text before it is stored."""
    pattern = _FORBIDDEN if keep_newlines else _FORBIDDEN_ONE_LINE
    return pattern.sub("", value)


# A short label or line shown in a list or heading.
Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_no_controls_one_line),
]
# A sentence or two of guidance.
Passage = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=600),
    AfterValidator(_no_controls),
]
# Free text a person writes in a reflection; may be empty.
FreeText = Annotated[
    str,
    StringConstraints(max_length=4000),
    AfterValidator(_no_controls),
]
ShortFreeText = Annotated[
    str,
    StringConstraints(max_length=300),
    AfterValidator(_no_controls_one_line),
]
# An identifier that is safe in a file name, a URL and a TOML bare key.
Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,47}$"),
]
