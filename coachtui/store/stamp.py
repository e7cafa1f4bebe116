"""A file's size and modification time: how coachtui notices that someone else wrote a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Stamp:
    """A file's size and modification time: if either moved, someone else wrote it."""

    mtime_ns: int
    size: int

    @classmethod
    def of(cls, path: Path) -> Stamp:
        info = path.stat()
        return cls(info.st_mtime_ns, info.st_size)
