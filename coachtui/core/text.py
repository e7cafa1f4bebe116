"""Constrained text types shared by every model that holds words a person reads.

Playbook text and anything a person types ends up on screen. Control and escape
characters could move the cursor, retitle the terminal or write the clipboard, so
they are rejected here, at the edge, with a message that says which one was found.
Newlines and tabs are allowed only in long free text.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from coachtui.core.sanitize import FORBIDDEN, FORBIDDEN_ONE_LINE, describe


def _check(pattern: re.Pattern[str], value: str) -> str:
    found = pattern.search(value)
    if found:
        raise ValueError(
            f"contains a control or escape character {describe(found.group())}; remove it"
        )
    return value


def _no_controls_one_line(value: str) -> str:
    return _check(FORBIDDEN_ONE_LINE, value)


def _no_controls(value: str) -> str:
    return _check(FORBIDDEN, value)


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
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,47}$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
