"""Benchmark: walk step transitions, cold and warm, against a bare Textual view swap. Prints
figures; fails only with a sentence when the walk does not move on as expected.

    python tests/bench/bench_steps.py [--runs 5] [--walks 4] [--timeout 20] [--think 0.3]

A transition is timed from the key that continues (sent with `simulate_key`, not `pilot.press`,
which also waits for the whole process to go idle) to the first frame the screen composes with
the next step's view mounted on it (the end of Textual's compositor refresh). Each step is
read for `--think` seconds before its key, as a person would (Reflect is made ahead while
Act is read). The same clock, and the same reading, time a bare Textual app that swaps one
view for another on Enter, in a fresh process of its own, so both pay the same machine noise.

The walk's process keeps the real command's garbage-collection policy (coachtui/heap.py):
start-up frozen before the app runs, and what loading made frozen once it is loaded. Without
it, a full collection walking all of start-up landed inside a step change (43 ms in the first
walk's Act -> Reflect here); the worst times printed show any that still does.

*Cold* is the first walk of a process (what everyone gets: nothing imported or styled yet);
*warm* is every later walk. Each run is a fresh process; medians over all runs are printed with
the ratio to the bare swap (targets: warm <= 1.3x, cold <= 1.6x).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

# Shared by both children: time one transition by the same rule.
TIMER = """
import asyncio, json, sys, time
from textual.screen import Screen

# The clock stops at the first frame the screen composes with the new view on it: Textual's
# compositor refresh, timed as it ends. (Not `call_after_refresh`, which Textual runs once
# its queues are idle, painted or not: a frame held back would go unseen.)
WATCH = {}
_compositor_refresh = Screen._compositor_refresh

def _timed_refresh(screen):
    _compositor_refresh(screen)
    host = WATCH.get("host")
    if host is None or "painted" in WATCH:
        return
    view = host.children[0] if host.children else None
    if view is not None and view is not WATCH["before"] and view.is_mounted \\
            and view in screen._compositor.visible_widgets:
        WATCH["painted"] = time.perf_counter()

Screen._compositor_refresh = _timed_refresh

async def timed(app, host, key="enter", deadline=TIMEOUT):
    await asyncio.sleep(THINK)  # a person reads the step before the key
    WATCH.clear()
    WATCH.update(host=host, before=host.children[0] if host.children else None)
    start = time.perf_counter()
    app.simulate_key(key)
    while "painted" not in WATCH:
        if time.perf_counter() - start > deadline:
            sys.exit(f"no new view {deadline:g} s after {key!r}: the walk did not move on")
        await asyncio.sleep(0)
    return WATCH["painted"] - start
"""

COACHTUI = TIMER + """
import os, sys
DEBUG = os.environ.get("BENCH_DEBUG")
from coachtui import heap
from coachtui.ui.app import make_app

# The walk a person on a break takes: Enter starts the breath (the same view), Enter goes on
# from it, then Greet, Read and Decide with Enter, and r from Act straight to Reflect. Each
# timed key must bring the step named beside it, or the run stops with a sentence.
TRANSITIONS = [("enter", "greet"), ("enter", "read"), ("enter", "decide"), ("enter", "act"),
               ("r", "reflect")]

async def until(pilot, ready, what):
    start = time.perf_counter()
    while not ready():
        if time.perf_counter() - start > TIMEOUT:
            sys.exit(f"{what} did not come within {TIMEOUT:g} s")
        await pilot.pause()

async def main(walks):
    app = make_app()
    heap.freeze_start()  # as the real command does before its app runs (cli.run_tui)
    found = []
    async with app.run_test(size=(100, 32)) as pilot:
        for walk in range(walks):
            await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen", "the home screen")
            app.action_start_walk()
            await until(pilot, lambda: app.walk is not None and app.walk.step == "pause"
                        and app.screen.current_step is not None, "the Pause step")
            await pilot.press("enter")  # the breath starts on the same view: not a transition
            await pilot.pause()
            times = []
            for key, step in TRANSITIONS:
                host = app.screen.query_one("#step-host")
                before = app.walk.step
                times.append(await timed(app, host, key))
                if app.walk.step != step:
                    sys.exit(f"{key!r} on {before} brought {app.walk.step}, not {step}")
                if DEBUG:
                    print(before, "->", step, round(times[-1] * 1000), file=sys.stderr)
                await pilot.pause()
            found.append(times)
            await pilot.press("ctrl+s")  # save, then Done -> home, as a person would
            await until(pilot, lambda: type(app.screen).__name__ == "DoneScreen", "the Done screen")
            await pilot.press("enter")
    print(json.dumps(found))

asyncio.run(main(WALKS))
"""

BARE = TIMER + """
from textual.app import App
from textual.containers import Vertical
from textual.widgets import Footer, Static

class View(Vertical):
    def compose(self):
        for line in range(8):
            yield Static(f"line {line} of a view")

class Bare(App):
    BINDINGS = [("enter", "swap", "Continue")]
    def compose(self):
        yield Vertical(View(), id="step-host")
        yield Footer()
    async def action_swap(self):
        host = self.query_one("#step-host")
        await host.remove_children()
        await host.mount(View())

async def main(walks):
    app = Bare()
    found = []
    async with app.run_test(size=(100, 32)) as pilot:
        host = app.query_one("#step-host")
        for walk in range(walks):
            times = []
            for _ in range(5):
                times.append(await timed(app, host))
                await pilot.pause()
            found.append(times)
    print(json.dumps(found))

asyncio.run(main(WALKS))
"""


STEP_NAMES = ["pause -> greet", "greet -> read", "read -> decide", "decide -> act",
              "act -> reflect"]  # as TRANSITIONS in the walk above


def run_child(code: str, walks: int, timeout: float, think: float,
              env: dict) -> list[list[float]]:
    code = code.replace("WALKS", str(walks)).replace("TIMEOUT", repr(timeout))
    code = code.replace("THINK", repr(think))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"a timed run failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--walks", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=20.0,
                        help="seconds any one step may take before the run stops (default 20)")
    parser.add_argument("--think", type=float, default=0.3,
                        help="seconds each step is read before the key (default 0.3)")
    options = parser.parse_args()
    env = {**os.environ, "COACHTUI_HOME": tempfile.mkdtemp(prefix="coachtui-bench-")}
    subprocess.run([sys.executable, "-m", "compileall", "-q", "coachtui"], check=False)
    cold, warm, bare_cold, bare_warm = [], [], [], []
    by_step: dict[str, tuple[list[float], list[float]]] = {}  # transition: (cold, warm)
    for _ in range(options.runs):  # interleaved: each run times both
        walks = run_child(COACHTUI, options.walks, options.timeout, options.think, env)
        cold += walks[0]
        warm += [t for walk in walks[1:] for t in walk]
        for number, name in enumerate(STEP_NAMES):
            cold_of, warm_of = by_step.setdefault(name, ([], []))
            cold_of.append(walks[0][number])
            warm_of.extend(walk[number] for walk in walks[1:])
        swaps = run_child(BARE, options.walks, options.timeout, options.think, env)
        bare_cold += swaps[0]
        bare_warm += [t for walk in swaps[1:] for t in walk]
    ms = lambda values: statistics.median(values) * 1000  # noqa: E731
    print(f"step transitions, key to next view painted (medians, {options.runs} processes):")
    print(f"  bare view swap   cold {ms(bare_cold):5.1f} ms   warm {ms(bare_warm):5.1f} ms")
    print(f"  coachtui walk    cold {ms(cold):5.1f} ms   warm {ms(warm):5.1f} ms")
    print(f"  ratio            cold {ms(cold) / ms(bare_cold):5.2f}x (target <= 1.6x)   "
          f"warm {ms(warm) / ms(bare_warm):5.2f}x (target <= 1.3x)")
    print(f"  worst            cold {max(cold) * 1000:5.1f} ms   warm {max(warm) * 1000:5.1f} ms"
          f"   (bare: {max(bare_cold) * 1000:.1f} / {max(bare_warm) * 1000:.1f} ms)")
    print("  by transition, against the bare swap's medians (and the worst, which a full")
    print("  garbage collection landing in a change shows):")
    for name, (cold_of, warm_of) in by_step.items():
        print(f"    {name:<16} cold {ms(cold_of):5.1f} ms {ms(cold_of) / ms(bare_cold):4.2f}x   "
              f"warm {ms(warm_of):5.1f} ms {ms(warm_of) / ms(bare_warm):4.2f}x   "
              f"worst {max(cold_of + warm_of) * 1000:5.1f} ms")


if __name__ == "__main__":
    main()
