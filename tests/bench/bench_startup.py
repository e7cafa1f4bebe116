"""Benchmark (the app FACTORY, headless): start-up to the home screen, and one step transition.
Prints figures; never fails. The real command in a terminal: bench_pty.py.

    python tests/bench/bench_startup.py [--runs 9]

Start-up is measured as a ratio against a minimal Textual app started the same way in the
same run, interleaved, so machine noise hits both alike (target: <= 1.3x). A step transition
is Enter pressed to the next step's screen rendered (target: median <= 50 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time

# Each child starts the app headless and prints the wall-clock time at which its first
# screen has been painted (after mount, once the next refresh is done), then exits.
COACHTUI = """
import time
from coachtui.ui.app import CoachApp, make_app
from coachtui.ui.screens.home import HomeScreen
app = make_app()
shown, loaded = HomeScreen.on_screen_resume, CoachApp.on_coach_app_loaded
def painted(self):
    shown(self)
    self.call_after_refresh(lambda: print(time.time(), flush=True))
def ready(self, *args):
    loaded(self, *args)
    self.call_after_refresh(lambda: (print(time.time(), flush=True), app.exit()))
HomeScreen.on_screen_resume, CoachApp.on_coach_app_loaded = painted, ready
app.run(headless=True)
"""
BARE = """
import time
from textual.app import App
from textual.widgets import Footer, Static
class Bare(App):
    def compose(self):
        yield Static("hello")
        yield Footer()
    def on_mount(self):
        self.call_after_refresh(lambda: (print(time.time()), self.exit()))
Bare().run(headless=True)
"""


def time_child(code: str, env: dict) -> list[float]:
    """Seconds from starting the process to each time stamp it printed."""
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                          capture_output=True, text=True)
    return [float(line) - start for line in done.stdout.split()]


def startup(runs: int) -> None:
    env = {**os.environ, "COACHTUI_HOME": tempfile.mkdtemp(prefix="coachtui-bench-")}
    subprocess.run([sys.executable, "-m", "compileall", "-q", "coachtui"], check=False)
    time_child(BARE, env), time_child(COACHTUI, env)  # warm the disk cache
    bare, painted, loaded = [], [], []
    for _ in range(runs):
        bare.append(time_child(BARE, env)[0])
        first, second = time_child(COACHTUI, env)
        painted.append(first)
        loaded.append(second)
    b, p, ready = (statistics.median(values) for values in (bare, painted, loaded))
    print(f"start-up through the app factory, process start to first screen painted "
          f"(medians of {runs}):")
    print(f"  bare Textual app          {b * 1000:4.0f} ms")
    print(f"  coachtui home screen      {p * 1000:4.0f} ms  ratio {p / b:.2f}x (target <= 1.3x)")
    print(f"  ... with scenarios loaded {ready * 1000:4.0f} ms  ratio {ready / b:.2f}x "
          "(playbooks validated, drafts read; Enter pressed earlier waits for this)")


async def transitions(rounds: int) -> None:
    os.environ["COACHTUI_HOME"] = tempfile.mkdtemp(prefix="coachtui-bench-")
    from coachtui.ui.app import make_app

    app = make_app()
    timings: dict[str, list[float]] = {}
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(rounds):
            while app.walk.step != "reflect":
                host = app.screen.query_one("#step-host")
                before = host.children[0] if host.children else None
                start = time.perf_counter()
                # Not pilot.press: it also waits for the whole process to go idle.
                app.simulate_key("enter")
                # Wait for the next step's view to be mounted, then for the screen to paint it.
                while not host.children or host.children[0] is before \
                        or not host.children[0].is_mounted:
                    await asyncio.sleep(0)
                painted = asyncio.Event()
                app.screen.call_after_refresh(painted.set)
                await painted.wait()
                timings.setdefault(app.walk.step, []).append(time.perf_counter() - start)
                await pilot.pause()
            for _ in range(5):
                await pilot.press("escape")
                await pilot.pause()
    every = [t for values in timings.values() for t in values]
    print(f"step transition (Enter -> next step rendered): median {statistics.median(every) * 1000:.1f} ms, "
          f"max {max(every) * 1000:.1f} ms over {len(every)} transitions (target median <= 50 ms)")
    for step, values in timings.items():
        print(f"  -> {step:<8} median {statistics.median(values) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    startup(args.runs)
    asyncio.run(transitions(args.rounds))


if __name__ == "__main__":
    main()
