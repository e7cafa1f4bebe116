"""Control and escape characters: finding and removing them (no pydantic: used at start-up).

Such characters could move the cursor, retitle the terminal or write the clipboard when
shown, so models reject them (see text.py) and typed text is stripped of them.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, DEL, and bidi overrides/isolates (which can reorder what is shown).
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORBIDDEN_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def describe(char: str) -> str:
    name = unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} ({name})"


def strip_controls(value: str, *, keep_newlines: bool = True) -> str:
    """Remove what the validators reject: used on typed text before it is stored."""
    pattern = FORBIDDEN if keep_newlines else FORBIDDEN_ONE_LINE
    return pattern.sub("", value)
