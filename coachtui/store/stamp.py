"""A file's size and modification time: how coachtui notices that someone else wrote a file."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Stamp(NamedTuple):
    """If either moved, someone else wrote the file. A tuple: ten thousand compare fast."""

    mtime_ns: int
    size: int

    @classmethod
    def of(cls, path: Path) -> Stamp:
        info = path.stat()
        return cls(info.st_mtime_ns, info.st_size)
