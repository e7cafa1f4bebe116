"""Benchmark: the three-part decision for a playbook of 12 signals. Prints figures; never fails.

    python tests/bench/bench_decide.py [--runs 9]

The engine runs on every tick of the Read step and at every step change, so deciding must
stay well under 1 ms (target). Each run decides every subset size from 0 to 12 ticked
signals, with and without "something went wrong", and the median per decision is printed,
next to a baseline in the same run (copying the list of ticked ids) so noise shows.
"""

from __future__ import annotations

import argparse
import statistics
import time

from coachtui.core.decision import decide
from coachtui.core.playbook import Playbook

LEANS = ["connect", "frictionless", "deescalate", "care", "communication", "went-wrong"]


def playbook_of_12() -> Playbook:
    return Playbook.model_validate({
        "id": "bench", "title": "Bench", "channel": "counter", "summary": "Twelve signals.",
        "seed": "A scenario for timing.", "usual_lean": "connect",
        "breath": {"pattern": "box", "reset_cue": "Drop your shoulders."},
        "greet": {"cues": ["Look up."], "openers": ["Hi."]},
        "signals": [{"id": f"s{i}", "label": f"Signal {i}", "lean": LEANS[i % len(LEANS)],
                     "weight": 1 + i % 3, "went_wrong": i % 4 == 0} for i in range(12)],
        "recovery": {"framework": "fix"},
        "paths": {"connect": ["Warm."], "frictionless": ["Quick."]},
    })


def median_microseconds(work, rounds: int, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(rounds):
            work()
        times.append((time.perf_counter() - start) / rounds)
    return statistics.median(times) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--rounds", type=int, default=200)
    options = parser.parse_args()
    book = playbook_of_12()
    ids = [s.id for s in book.signals]
    ticks = [ids[:n] for n in range(13)]

    def decide_all() -> None:
        for ticked in ticks:
            decide(book, ticked, None)
            decide(book, ticked, True, "frictionless")

    def baseline() -> None:
        for ticked in ticks:
            list(ticked)
            list(ticked)

    per = 2 * len(ticks)
    spent = median_microseconds(decide_all, options.rounds, options.runs) / per
    base = median_microseconds(baseline, options.rounds, options.runs) / per
    print(f"decide, 12 signals: median {spent:.1f} µs per decision "
          f"(target < 1000 µs; baseline list copy {base:.2f} µs)")


if __name__ == "__main__":
    main()
