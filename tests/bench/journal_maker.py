"""A large journal, fast: 100,000 entries in seconds, for the benchmarks (not the tests).

    python tests/bench/journal_maker.py HOME [--entries 100000]

Each entry is written exactly as journal.save writes one (toml_io.dumps of the shape of
Reflection.model_dump, named by journal.entry_name), but not serialised one by one: a few
hundred realistic entries (bench_journal_cli.entry) are serialised once, with a marker in
place of their id and time, and every file is one of them with its own id and time put in.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TEMPLATES = 400
MARK_ID = "feedf00d"
MARK_TIME = datetime(1999, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
END = datetime(2026, 11, 1, tzinfo=timezone.utc)
SPAN = int(timedelta(days=730).total_seconds())


def templates(rng: random.Random) -> list[tuple[bytes, bytes]]:
    """Serialised entries, each split at its time: (before, after); the id is MARK_ID."""
    from bench_journal_cli import entry, scenarios

    from coachtui.core.reflection import CUSTOMER_LEFT
    from coachtui.store import toml_io

    found, made = scenarios(), []
    mark = str(MARK_TIME).encode()  # as tomli_w writes a time
    for _ in range(TEMPLATES):
        data = entry(rng, MARK_TIME, rng.choice(found), CUSTOMER_LEFT)
        data["id"] = MARK_ID
        raw = toml_io.dumps(data)
        assert raw.count(mark) == 1 and raw.count(MARK_ID.encode()) == 1, "marker not unique"
        before, after = raw.split(mark)
        made.append((before, after))
    return made


def generate(home: Path, count: int, seed: int = 7) -> float:
    """Write `count` entries under home/journal; the seconds it took."""
    from coachtui.core.reflection import Reflection
    from coachtui.store import toml_io
    from coachtui.store.journal import entry_name

    rng = random.Random(seed)
    start = time.perf_counter()
    shapes = templates(rng)
    root = home / "journal"
    folders: set[str] = set()
    path = root
    for _ in range(count):
        created = END - timedelta(seconds=rng.randrange(SPAN))
        entry_id = f"{rng.getrandbits(32):08x}"
        before, after = rng.choice(shapes)
        relative = entry_name(created, entry_id)
        folder = relative.partition("/")[0]
        if folder not in folders:
            (root / folder).mkdir(parents=True, exist_ok=True, mode=0o700)
            folders.add(folder)
        raw = (before.replace(MARK_ID.encode(), entry_id.encode())
               + str(created).encode() + after)
        path = root / relative
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, raw)
        finally:
            os.close(fd)
    if count:  # the shape is right (a bad one would make every figure meaningless)
        Reflection.model_validate(toml_io.read(path))
    return time.perf_counter() - start


def linked_copy(home: Path) -> Path:
    """Another home holding the same journal, its files hard links (no copying), with no
    cache: each checkout measured gets an index of its own (another version's index file
    would be rebuilt at every start)."""
    copy = Path(tempfile.mkdtemp(prefix="coachtui-bench-"))
    source = home / "journal"
    for folder, _dirs, files in os.walk(source):
        target = copy / "journal" / Path(folder).relative_to(source)
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            os.link(Path(folder) / name, target / name)
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    os.environ["COACHTUI_HOME"] = str(args.home)
    took = generate(args.home, args.entries)
    print(f"{args.entries:,} entries written in {took:.1f} s")


if __name__ == "__main__":
    main()
