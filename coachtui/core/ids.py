"""Ids of walks and entries: the only part of a file name coachtui takes from a record.

A draft's file is `<walk id>.toml` and an entry's `<UTC time>-<id>.toml`, so an id read
back from a file (hand-edited, synced, left by another tool) must never be able to name a
path: it is checked against a strict pattern in the models and again where a path is made.
"""

from __future__ import annotations

import re
import secrets

ID_PATTERN = r"^[a-z0-9-]{1,40}$"  # no dot, no slash: never a path
_ID = re.compile(ID_PATTERN)


def new_id() -> str:
    """A random id, never taken from anyone's text. 64 bits: two walks never share one, so
    an entry's id tells which walk it came from (a walk is never saved twice)."""
    return secrets.token_hex(8)


def checked_id(value: str) -> str:
    """`value` if it is a valid id, else ValueError: the guard where a file name is made."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ValueError(f"{value!r} is not a valid id (a-z, 0-9 and -, at most 40)")
    return value
