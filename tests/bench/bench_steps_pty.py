"""Benchmark: the walk's step changes as a person sees them: the REAL `coachtui` in a
pseudo-terminal, against a bare Textual app swapping one view for another. Prints figures;
fails only with a sentence when the walk does not move on as expected.

    python tests/bench/bench_steps_pty.py [--runs 5] [--walks 4] [--think 0.3]

The clock runs from the key's byte written to the terminal to the moment the next step's
last line is on the emulated screen (pyte): what a person sees, nothing inside the process
assumed. Before each key the benchmark waits `--think` seconds, as a person reads, and then
looks again at the screen (so a frame painted late is not timed into the next change).

The bare app is timed by the same clock: Enter swaps its view of eight lines for a new one,
and the clock stops when the new view's last line shows. Each run is one fresh process of
each, interleaved, so a loaded machine slows both alike. *Cold* is the first walk of a
process (what everyone gets), *warm* every later walk; medians and the worst are printed,
with the ratios to the bare swap's medians (targets: warm <= 1.3x, cold <= 1.6x).
bench_steps.py times the same changes inside the process, by Textual's compositor.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parents[1].parent
COLUMNS, LINES = 100, 32
TIMEOUT = 30.0  # seconds any one screen may take before the run stops

# (key, text on the next screen's last line painted, name of the change or None if untimed).
# The walk a person on a break takes: Enter on home starts it, Enter starts the breath (the
# same view), Enter goes on from it; Greet, Read and Decide with Enter; r from Act to Reflect.
WALK = [
    (b"\r", "or Enter to go on without one", None),
    (b"\r", "B R E A T H E", None),
    (b"\r", "or type what you said", "pause -> greet"),
    (b"\r", "now: not answered", "greet -> read"),
    (b"\r", "stay frictionless", "read -> decide"),
    (b"\r", "the whole list", "decide -> act"),
    (b"r", "What went well?", "act -> reflect"),
    (b"\x13", "Press Enter to go back to the start", None),  # Ctrl+S saves
]
HOME = "choose another scenario"
TIMED = [name for _key, _text, name in WALK if name]

BARE = """
from textual.app import App
from textual.containers import Vertical
from textual.widgets import Footer, Static

class View(Vertical):
    def __init__(self, number):
        super().__init__()
        self.number = number
    def compose(self):
        for line in range(8):
            yield Static(f"view {self.number} line {line}")

class Bare(App):
    BINDINGS = [("enter", "swap", "Continue")]
    swaps = 0
    def compose(self):
        yield Vertical(View(0), id="step-host")
        yield Footer()
    async def action_swap(self):
        self.swaps += 1
        host = self.query_one("#step-host")
        await host.remove_children()
        await host.mount(View(self.swaps))

Bare().run()
"""


class Terminal:
    """A command in a pty of COLUMNS x LINES, its output fed to a VT emulator."""

    def __init__(self, argv: list[str], env: dict) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the command, away from any checkout (PYTHONPATH's)
            try:
                os.chdir(tempfile.gettempdir())
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))

    def shows(self, text: str) -> bool:
        return any(text in line for line in self.screen.display)

    def read(self, seconds: float) -> None:
        """Feed what the command writes for `seconds` (or until it writes nothing more)."""
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if ready:
            try:
                self.stream.feed(os.read(self.fd, 1 << 16))
            except OSError:  # the child closed the terminal
                sys.exit("the command ended early:\n" + "\n".join(self.screen.display))

    def until(self, text: str) -> float:
        """Wait until `text` is on screen; the moment it showed (perf_counter)."""
        start = time.perf_counter()
        while not self.shows(text):
            if time.perf_counter() - start > TIMEOUT:
                sys.exit(f"{text!r} never showed; the screen:\n" + "\n".join(self.screen.display))
            self.read(0.5)
        return time.perf_counter()

    def think(self, seconds: float) -> None:
        """A person reading: what comes meanwhile is still drawn."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            self.read(left)

    def press(self, key: bytes, text: str, think: float) -> float:
        """Think, press `key`, and return the seconds until `text` showed."""
        self.think(think)
        if self.shows(text):
            sys.exit(f"{text!r} was on screen before {key!r}: it cannot time the change")
        sent = time.perf_counter()
        os.write(self.fd, key)
        return self.until(text) - sent

    def close(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def walk_times(code: Path, walks: int, think: float) -> list[dict[str, float]]:
    """One `coachtui` process in a fresh home: `walks` walks, each change timed."""
    home = tempfile.mkdtemp(prefix="coachtui-bench-")
    env = {**os.environ, "PYTHONPATH": str(code), "COACHTUI_HOME": home,
           "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
    terminal = Terminal([sys.executable, "-m", "coachtui"], env)
    found = []
    try:
        terminal.until(HOME)
        for _ in range(walks):
            times = {}
            for key, text, name in WALK:
                took = terminal.press(key, text, think)
                if name:
                    times[name] = took
            terminal.press(b"\r", HOME, think)  # from the closing screen back home
            found.append(times)
    finally:
        terminal.close()
    return found


def swap_times(walks: int, think: float) -> list[list[float]]:
    """One bare app: as many swaps as the walk has timed changes, `walks` times."""
    terminal = Terminal([sys.executable, "-c", BARE], {**os.environ, "TERM": "xterm-256color"})
    found = []
    swapped = 0
    try:
        terminal.until("view 0 line 7")
        for _ in range(walks):
            times = []
            for _name in TIMED:
                swapped += 1
                times.append(terminal.press(b"\r", f"view {swapped} line 7", think))
            found.append(times)
    finally:
        terminal.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--walks", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.3,
                        help="seconds between a screen showing and the next key (default 0.3)")
    parser.add_argument("--old", type=Path, help="another checkout, measured in the same run")
    args = parser.parse_args()
    codes = {"now": ROOT, **({"old": args.old.resolve()} if args.old else {})}
    for code in codes.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "coachtui")],
                       check=False)
    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    str(Path(pyte.__file__).parents[1] / "textual")], check=False)
    bare_cold: list[float] = []
    bare_warm: list[float] = []
    steps = {name: {"cold": {step: [] for step in TIMED}, "warm": {step: [] for step in TIMED}}
             for name in codes}
    for _ in range(args.runs):  # interleaved: bare, each checkout, bare, ...
        for name, code in codes.items():
            swaps = swap_times(args.walks, args.think)
            bare_cold += swaps[0]
            bare_warm += [took for walk in swaps[1:] for took in walk]
            walks = walk_times(code, args.walks, args.think)
            for number, walk in enumerate(walks):
                for step, took in walk.items():
                    steps[name]["cold" if number == 0 else "warm"][step].append(took)
    ms = lambda values: statistics.median(values) * 1000  # noqa: E731
    print(f"step changes in a pty, key written to the next step painted ({args.runs} processes "
          f"of each, {args.walks} walks, {args.think:g} s to read each screen):")
    print(f"  bare view swap     cold {ms(bare_cold):5.1f} ms   warm {ms(bare_warm):5.1f} ms   "
          f"worst {max(bare_cold + bare_warm) * 1000:5.1f} ms")
    for name, code in codes.items():
        cold = [took for values in steps[name]["cold"].values() for took in values]
        warm = [took for values in steps[name]["warm"].values() for took in values]
        print(f"[{name}] {code}")
        print(f"  coachtui walk      cold {ms(cold):5.1f} ms   warm {ms(warm):5.1f} ms   "
              f"worst {max(cold + warm) * 1000:5.1f} ms")
        print(f"  ratio              cold {ms(cold) / ms(bare_cold):5.2f}x (target <= 1.6x)   "
              f"warm {ms(warm) / ms(bare_warm):5.2f}x (target <= 1.3x)")
        for step in TIMED:
            cold_of, warm_of = steps[name]["cold"][step], steps[name]["warm"][step]
            print(f"    {step:<16} cold {ms(cold_of):5.1f} ms {ms(cold_of) / ms(bare_cold):4.2f}x"
                  f"   warm {ms(warm_of):5.1f} ms {ms(warm_of) / ms(bare_warm):4.2f}x"
                  f"   worst {max(cold_of + warm_of) * 1000:5.1f} ms")


if __name__ == "__main__":
    main()
