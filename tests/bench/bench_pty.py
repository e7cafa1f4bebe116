"""Benchmark: the REAL commands in a pseudo-terminal, against a bare Textual app. Prints
figures; never fails.

    python tests/bench/bench_pty.py [--runs 9] [--entries 10000] [--old DIR]

Each variant is a fresh process (`python -m coachtui`, or the bare app) in a pty of 100x32,
its output fed to a VT emulator (pyte); the clock runs from the fork to the moment a known
string is on the emulated screen: what a person would see. Runs are interleaved (bare,
coachtui, bare, ...) so a loaded machine slows both alike; each figure is the median of the
pairwise ratios. Measured:
- first paint of home: the tagline is on screen (goal <= 1.2x bare's first paint);
- home ready for a key: `s` sent as soon as home is painted, until the scenario list shows
  (it needs the playbooks); the bare app's `s` changes its text (goal <= 1.6x);
- `coachtui journal` at --entries: the list's count painted (goal <= 1.5x bare's paint at
  10,000 entries, <= 2x at 100,000).
--old DIR runs a second checkout of coachtui (another worktree) in the same interleaving,
for before/after figures from one run.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import fcntl
import time
from pathlib import Path

import pyte

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

COLUMNS, LINES = 100, 32

BARE = """
from textual.app import App
from textual.binding import Binding
from textual.widgets import Footer, Static
class Bare(App):
    BINDINGS = [Binding("s", "press", "Press")]
    def compose(self):
        yield Static("bare app painted", id="text")
        yield Footer()
    def action_press(self):
        self.query_one("#text").update("bare key answered")
Bare().run()
"""


def screen_time(argv: list[str], env: dict, waits: list[tuple[str, bytes | None]],
                timeout: float = 120.0) -> list[float]:
    """Start `argv` in a pty; for each (text, key): wait until `text` is on screen, note the
    seconds since the start, then send `key` (if any). The process is ended afterwards."""
    screen = pyte.Screen(COLUMNS, LINES)
    stream = pyte.ByteStream(screen)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, in the pty
        try:
            # Away from any checkout: `python -m` puts the working folder first on the path,
            # which would run that checkout's coachtui instead of PYTHONPATH's.
            os.chdir(tempfile.gettempdir())
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    times: list[float] = []
    try:
        for text, key in waits:
            while not any(text in line for line in screen.display):
                if time.perf_counter() - start > timeout:
                    raise TimeoutError(f"{text!r} never showed; the screen:\n"
                                       + "\n".join(screen.display))
                ready, _, _ = select.select([fd], [], [], 0.5)
                if ready:
                    try:
                        stream.feed(os.read(fd, 1 << 16))
                    except OSError:  # the child closed the terminal
                        raise RuntimeError("the command ended early:\n"
                                           + "\n".join(screen.display)) from None
            times.append(time.perf_counter() - start)
            if key:
                os.write(fd, key)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return times


def coachtui(code: Path) -> list[str]:
    return [sys.executable, "-m", "coachtui"]


def environment(code: Path, home: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(code), "COACHTUI_HOME": str(home),
            "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}


def ratios(pairs: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Median of the variant, of the bare app, and of the pairwise ratios."""
    return (statistics.median(v for v, _ in pairs), statistics.median(b for _, b in pairs),
            statistics.median(v / b for v, b in pairs))


def report(label: str, pairs: list[tuple[float, float]], goal: str) -> None:
    variant, bare, ratio = ratios(pairs)
    print(f"  {label:<44} {variant * 1000:6.0f} ms vs bare {bare * 1000:5.0f} ms: "
          f"{ratio:4.2f}x  (goal {goal})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--old", type=Path, help="another checkout, measured in the same run")
    args = parser.parse_args()
    codes = {"now": ROOT, **({"old": args.old.resolve()} if args.old else {})}
    for code in codes.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "coachtui")],
                       check=False)
    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    str(Path(pyte.__file__).parents[1] / "textual")], check=False)
    empty = Path(tempfile.mkdtemp(prefix="coachtui-bench-"))
    full = Path(tempfile.mkdtemp(prefix="coachtui-bench-"))
    bare_env = {**os.environ, "TERM": "xterm-256color"}
    bare = [sys.executable, "-c", BARE]
    try:
        from journal_maker import generate, linked_copy

        os.environ["COACHTUI_HOME"] = str(full)
        took = generate(full, args.entries)
        # One home per checkout, the same files: each builds and keeps an index of its own.
        homes = {name: linked_copy(full) for name in codes}
        empties = {name: Path(tempfile.mkdtemp(prefix="coachtui-bench-")) for name in codes}
        print(f"{args.entries:,} entries generated in {took:.1f} s; medians of {args.runs} "
              "interleaved runs, ratios pairwise")
        home_waits = [("A calm minute before", b"s"), ("Choose a scenario", None)]
        count = f"{args.entries:,} entries"
        for name, code in codes.items():  # warm the disk cache; the first builds the index
            started = time.perf_counter()
            screen_time(coachtui(code) + ["journal"], environment(code, homes[name]), [(count, None)],
                        timeout=900)
            print(f"  [{name}] first `coachtui journal` (index built): "
                  f"{time.perf_counter() - started:.1f} s")
            screen_time(coachtui(code), environment(code, empties[name]), home_waits)
        screen_time(bare, bare_env, [("bare app painted", None)])
        figures: dict[str, dict[str, list[tuple[float, float]]]] = {
            name: {"paint": [], "ready": [], "journal": []} for name in codes}
        for _ in range(args.runs):
            for name, code in codes.items():
                base = screen_time(bare, bare_env, [("bare app painted", b"s"),
                                                    ("bare key answered", None)])
                painted, ready = screen_time(coachtui(code), environment(code, empties[name]),
                                             home_waits)
                figures[name]["paint"].append((painted, base[0]))
                figures[name]["ready"].append((ready, base[1]))
                base = screen_time(bare, bare_env, [("bare app painted", None)])
                shown = screen_time(coachtui(code) + ["journal"], environment(code, homes[name]),
                                    [(count, None)])
                figures[name]["journal"].append((shown[0], base[0]))
        for name, code in codes.items():
            print(f"[{name}] {code}")
            report("coachtui: home painted", figures[name]["paint"], "<= 1.2x")
            report("coachtui: home ready (s -> scenario list)", figures[name]["ready"],
                   "<= 1.6x")
            report(f"coachtui journal: {count} painted", figures[name]["journal"],
                   "<= 1.5x" if args.entries <= 10_000 else "<= 2x at 100k")
    finally:
        shutil.rmtree(empty, ignore_errors=True)
        shutil.rmtree(full, ignore_errors=True)
        for home in [*locals().get("homes", {}).values(), *locals().get("empties", {}).values()]:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
