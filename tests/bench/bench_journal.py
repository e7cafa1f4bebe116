"""Benchmark (the app FACTORY, headless): the journal app at 10,000 entries. Prints figures;
never fails. The real `coachtui journal` in a terminal: bench_pty.py and bench_scale.py.

    python tests/bench/bench_journal.py [--entries 10000] [--runs 5]

Generates the journal with bench_journal_cli.generate, then measures:
- the index built the first time (every file read) and brought up to date after that;
- `coachtui journal`, process start to the list shown, against a bare Textual app run
  interleaved in the same script (target: <= 2x);
- a search keystroke to the updated list, in-process (target: median <= 100 ms);
- peak memory of the app with the list shown (target: <= 250 MB).
`bench_journal_cli.py` measures export and insights.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from bench_journal_cli import generate  # noqa: E402
from bench_startup import BARE, time_child  # noqa: E402

JOURNAL = """
import resource, sys, time
from coachtui.ui.app import make_app
from coachtui.ui.screens.journal import JournalScreen
app = make_app(start_screen="journal")
loaded = JournalScreen._loaded
def shown(self, index, *args, **kwargs):
    loaded(self, index, *args, **kwargs)
    self.call_after_refresh(lambda: (print(time.time(), flush=True), app.exit()))
JournalScreen._loaded = shown
app.run(headless=True)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, file=sys.stderr)
"""


def index_build(home: Path) -> tuple[float, float]:
    from coachtui.store.journal_index import index_path, open_index

    index_path().unlink(missing_ok=True)
    start = time.perf_counter()
    open_index().close()
    cold = time.perf_counter() - start
    start = time.perf_counter()
    open_index().close()
    return cold, time.perf_counter() - start


def start_up(env: dict, runs: int) -> tuple[float, float, int]:
    time_child(BARE, env), time_child(JOURNAL, env)  # warm the disk cache
    bare, journal, peaks = [], [], []
    for _ in range(runs):
        bare.append(time_child(BARE, env)[0])
        start = time.time()
        done = subprocess.run([sys.executable, "-c", JOURNAL], env=env, check=True,
                              capture_output=True, text=True)
        journal.append(float(done.stdout.split()[0]) - start)
        peaks.append(int(done.stderr.split()[-1]))
    return statistics.median(bare), statistics.median(journal), max(peaks)


async def keystrokes(words: str) -> list[float]:
    """Key event posted to the list redrawn with the new results, per key: the app's own
    cost. (Pilot's press-and-settle adds ~120 ms of waiting of its own on this machine, even
    with an empty journal, so it is not used as the clock.)"""
    from textual import events

    from coachtui.ui.app import make_app
    from coachtui.ui.screens.journal import JournalScreen
    from coachtui.ui.widgets.entry_list import EntryList

    app = make_app(start_screen="journal")
    timings: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        # Until the catch-up thread has read the table and words ahead, a search only says
        # it is searching (its list comes with them): timed here is the search itself.
        for _ in range(2400):  # two minutes at most
            await app.workers.wait_for_complete()  # (a checkout without `reading_ahead`)
            if not getattr(screen, "reading_ahead", False):
                break
            await pilot.pause(0.05)
        else:
            sys.exit("the journal's words were never read ahead")
        await pilot.press("slash")
        entries = screen.query_one(EntryList)
        for key in words:
            redrawn = asyncio.Event()
            start = time.perf_counter()
            app.post_message(events.Key("space" if key == " " else key, key))
            while screen.query_one("#search").value[-1:] != key:
                await asyncio.sleep(0)
            entries.call_after_refresh(redrawn.set)  # runs once the new list is painted
            await redrawn.wait()
            timings.append(time.perf_counter() - start)
            await pilot.pause()
        shown = len(entries.ids)
    print(f"  (after typing {words!r}: {shown:,} entries match)")
    return timings


async def entry_keys(rounds: int = 5) -> dict[str, list[float]]:
    """Star, delete and undo on the list, each from the action to the list repainted, in
    process: the work they do on the screen's thread (goal: <= 50 ms at 10,000)."""
    from coachtui.ui.app import make_app
    from coachtui.ui.screens.journal import JournalScreen
    from coachtui.ui.widgets.entry_list import EntryList

    app = make_app(start_screen="journal")
    timings: dict[str, list[float]] = {"star": [], "delete": [], "undo": []}
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):  # the check and the read-ahead done: what a person finds
            await app.workers.wait_for_complete()
            await pilot.pause()
            if getattr(app.screen, "up_to_date", False) and app.screen.index._texts is not None:
                break
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        entries = screen.query_one(EntryList)
        entries.focus()
        await pilot.pause()
        for _ in range(rounds):
            for name, action in (("star", screen.action_star), ("star", screen.action_star),
                                 ("delete", screen.action_delete), ("undo", screen.action_undo)):
                repainted = asyncio.Event()
                start = time.perf_counter()
                action()
                entries.call_after_refresh(repainted.set)
                await repainted.wait()
                timings[name].append(time.perf_counter() - start)
                await pilot.pause()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="coachtui-bench-"))
    os.environ["COACHTUI_HOME"] = str(home)
    env = {**os.environ, "PYTHONPATH": str(HERE.parents[1])}
    try:
        generate(home, args.entries)
        cold, warm = index_build(home)
        print(f"journal of {args.entries:,} entries:")
        print(f"  index built the first time         {cold:6.2f} s  (every file read once)")
        print(f"  index brought up to date           {warm:6.2f} s  (nothing changed)")
        bare, journal, peak = start_up(env, args.runs)
        print(f"  bare Textual app start-up          {bare * 1000:6.0f} ms (median of {args.runs})")
        print(f"  coachtui journal, list shown       {journal * 1000:6.0f} ms  ratio "
              f"{journal / bare:.2f}x (target <= 2x)")
        print(f"  peak memory with the list shown    {peak / 1e6:6.0f} MB (target <= 250 MB)")
        for name, taken in asyncio.run(entry_keys()).items():
            print(f"  {name:<6} to the list repainted      {statistics.median(taken) * 1000:6.0f} ms "
                  f"median, {max(taken) * 1000:.0f} ms worst of {len(taken)} (target <= 50 ms)")
        timings = asyncio.run(keystrokes("refund late"))
        print(f"  search keystroke to updated list   {statistics.median(timings) * 1000:6.0f} ms "
              f"median, {max(timings) * 1000:.0f} ms worst of {len(timings)} (target <= 100 ms)")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
