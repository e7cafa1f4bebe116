"""Control and escape characters: finding and removing them (no pydantic: used at start-up).

Such characters could move the cursor, retitle the terminal or write the clipboard when
shown, so models reject them (see text.py) and typed text is stripped of them. Lone
surrogates are here too: they are not text at all, and could never be saved as UTF-8.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, DEL, bidi overrides/isolates (which can reorder what is shown),
# and lone surrogates (which only a broken paste can produce).
_ALWAYS = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f{_ALWAYS}]")
FORBIDDEN_ONE_LINE = re.compile(f"[\x00-\x1f{_ALWAYS}]")


def describe(char: str) -> str:
    if "\ud800" <= char <= "\udfff":
        return f"U+{ord(char):04X} (a lone surrogate, not a character)"
    name = unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} ({name})"


def strip_controls(value: str, *, keep_newlines: bool = True) -> str:
    """Remove what the validators reject: used on typed text before it is stored."""
    pattern = FORBIDDEN if keep_newlines else FORBIDDEN_ONE_LINE
    return pattern.sub("", value)


def clean_typed(value: str, *, one_line: bool) -> tuple[str, int]:
    """Typed or pasted text made safe to keep: (the text, how many characters were removed).

    A one-line answer gets its line breaks and tabs as spaces rather than losing the words
    after them; what remains is stripped of controls. Windows line ends become plain ones.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if one_line:
        value = re.sub(r"[\n\t]+", " ", value)
    pattern = FORBIDDEN_ONE_LINE if one_line else FORBIDDEN
    cleaned, removed = pattern.subn("", value)
    return cleaned, removed
