"""Benchmark: the journal at 100,000 entries. Prints figures; never fails.

    python tests/bench/bench_scale.py [--entries 100000] [--runs 3] [--old DIR]

- first index build (every file read), and when its newest entries were in the index to
  be shown (goals at 100k: <= 15 s, entries shown as they come; at 10k: <= 1.5 s, the
  newest within 0.5 s);
- the index brought up to date after one new file (goal <= 1 s);
- `coachtui journal` list painted in a pty, against a bare Textual app interleaved
  (bench_pty; goal <= 2x);
- a search keystroke to the list redrawn, in process (bench_journal; goal <= 100 ms).
--old DIR: the same figures for another checkout, each in its own process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

# Run with the checkout measured first on the path: the index build and catch-up, timed
# (wall clock, and CPU time of this process and of any helper processes it waited for).
BUILD = """
import json, resource, sys, time
from pathlib import Path
from coachtui.store import journal_index
from coachtui.store.journal_index import JournalIndex, index_path

def cpu():
    return sum(getattr(resource.getrusage(who), field) for field in ("ru_utime", "ru_stime")
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))

index_path().unlink(missing_ok=True)
start, first, cpu_start = time.perf_counter(), [], cpu()
index = JournalIndex()
plan = index.plan()
try:
    index.apply(plan, lambda done, total: first or first.append(time.perf_counter() - start))
except TypeError:  # an older index: no progress to report
    index.apply(plan)
built, built_cpu = time.perf_counter() - start, cpu() - cpu_start
index.close()
newest = sorted(Path(sys.argv[1]).glob("journal/*/*.toml"))[-1]
copy = newest.with_name(newest.name.replace(newest.name[:8], "20261102"))
copy.write_bytes(newest.read_bytes())
start = time.perf_counter()
journal_index.open_index().close()
caught_up = time.perf_counter() - start
copy.unlink()
journal_index.open_index().close()
print(json.dumps({"built": built, "built_cpu": built_cpu, "first": first[0] if first else built,
                  "caught_up": caught_up}))
"""

# A new process, as `coachtui journal` after a walk saved elsewhere: one new file, the index
# brought up to date (pydantic loaded for it, as a start must).
CATCH_UP = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from coachtui.store import journal_index
newest = sorted(Path(sys.argv[1]).glob("journal/*/*.toml"))[-1]
copy = newest.with_name(newest.name.replace(newest.name[:8], "20261103"))
copy.write_bytes(newest.read_bytes())
try:
    start = time.perf_counter()
    journal_index.open_index().close()
    print(json.dumps(time.perf_counter() - start))
finally:
    copy.unlink()
    journal_index.open_index().close()
"""


def build_figures(code: Path, home: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code), "COACHTUI_HOME": str(home)}
    done = subprocess.run([sys.executable, "-c", BUILD, str(home)], env=env, check=True,
                          capture_output=True, text=True, cwd=tempfile.gettempdir())
    figures = json.loads(done.stdout)
    fresh = [json.loads(subprocess.run(
        [sys.executable, "-c", CATCH_UP, str(home)], env=env, check=True, capture_output=True,
        text=True, cwd=tempfile.gettempdir()).stdout) for _ in range(3)]
    figures["fresh"] = statistics.median(fresh)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old", type=Path)
    parser.add_argument("--index-only", action="store_true",
                        help="only the index figures (no pty, no search keystroke)")
    args = parser.parse_args()
    from bench_pty import BARE, coachtui, environment, report, screen_time
    from journal_maker import generate

    codes = {"now": ROOT, **({"old": args.old.resolve()} if args.old else {})}
    for code in codes.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "coachtui")],
                       check=False)
    home = Path(tempfile.mkdtemp(prefix="coachtui-bench-"))
    os.environ["COACHTUI_HOME"] = str(home)
    try:
        print(f"{args.entries:,} entries written in {generate(home, args.entries):.1f} s")
        count = f"{args.entries:,} entries"
        bare = [sys.executable, "-c", BARE]
        bare_env = {**os.environ, "TERM": "xterm-256color"}
        for name, code in codes.items():
            figures = build_figures(code, home)
            print(f"[{name}] {code}")
            print(f"  first index build                 {figures['built']:6.2f} s "
                  f"({figures['built_cpu']:.2f} s of CPU); the newest in the index after "
                  f"{figures['first']:.2f} s")
            print(f"  up to date after one new file     {figures['caught_up']:6.2f} s in the "
                  f"process that built it, {figures['fresh']:.2f} s in a new one (median of 3)")
            if args.index_only:
                continue
            screen_time(coachtui(code) + ["journal"], environment(code, home), [(count, None)],
                        timeout=600)  # the disk cache warmed
            pairs = []
            for _ in range(args.runs):
                base = screen_time(bare, bare_env, [("bare app painted", None)])[0]
                shown = screen_time(coachtui(code) + ["journal"], environment(code, home),
                                    [(count, None)], timeout=600)[0]
                pairs.append((shown, base))
            report(f"coachtui journal: {count} painted", pairs, "<= 2x")
            env = {**os.environ, "PYTHONPATH": str(code), "COACHTUI_HOME": str(home)}
            done = subprocess.run([sys.executable, "-c", KEYS], env=env, check=True,
                                  capture_output=True, text=True, cwd=HERE)
            timings = json.loads(done.stdout.splitlines()[-1])
            print(f"  search keystroke to list redrawn   {statistics.median(timings) * 1000:5.0f}"
                  f" ms median, {max(timings) * 1000:.0f} ms worst (goal <= 100 ms)")
    finally:
        shutil.rmtree(home, ignore_errors=True)


KEYS = """
import asyncio, json, os, sys
sys.path.insert(0, ".")
from bench_journal import keystrokes
sys.path.insert(0, os.environ["PYTHONPATH"])  # the checkout measured, before the bench's own
print(json.dumps(asyncio.run(keystrokes("refund late"))))
"""


if __name__ == "__main__":
    main()
