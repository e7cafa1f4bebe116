"""Benchmark: `coachtui export` and `coachtui stats` over a large journal. Prints figures; never fails.

    python tests/bench/bench_journal_cli.py [--entries 10000] [--runs 3] [--old DIR]
                                            [--in-process] [--keep]

Writes N realistic entries (the bundled scenarios' titles, signals and steps; text of
realistic length; spread over two years) into a temporary COACHTUI_HOME, builds the index,
then times as subprocesses, with their CPU time and peak memory, `python -m coachtui export
--format jsonl|csv|md > /dev/null` (goal at 100,000: <= 10 s and <= 150 MB each) and
`python -m coachtui stats`, against `python -m coachtui --version` (start-up alone); with
--old, another checkout's in turn. --in-process: also reading the journal and computing the
insights in this process (target: <= 0.5 s at 10,000). Medians of --runs.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

WORDS = ("the customer was waiting a long time and I could see they were tired of it so I "
         "slowed down looked up said their name asked what would help most then explained "
         "what I could do today and what I could not the queue behind them kept growing but "
         "I stayed with one person at a time they thanked me at the end I felt my shoulders "
         "drop after the breath next time I will offer water sooner and check the screen "
         "before I promise anything").split()
TAGS = ("late", "phone", "queue", "refund", "regular", "tired", "weekend", "manager", "win",
        "rough", "training", "night")


def sentences(rng: random.Random, low: int, high: int) -> str:
    """Text of between low and high characters, in sentences, sometimes over two lines."""
    target, words, out = rng.randint(low, high), [], []
    while sum(map(len, out)) + len(" ".join(words)) < target:
        words.append(rng.choice(WORDS))
        if len(words) > rng.randint(6, 16):
            out.append(" ".join(words).capitalize() + ".")
            words = []
    if words:
        out.append(" ".join(words).capitalize() + ".")
    joiner = "\n" if rng.random() < 0.3 else " "
    return joiner.join(out)


def scenarios() -> list[dict]:
    from coachtui.store.playbooks import discover

    found = []
    for loaded in discover().playbooks.values():
        scenario, book = loaded.scenario, loaded.scenario.playbook
        found.append({
            "id": book.id, "title": book.title, "channel": book.channel,
            "breath": book.breath.pattern, "usual": book.usual_lean,
            "signals": [{"id": s.id, "label": s.label, "lean": s.lean} for s in book.signals],
            "steps": {"connect": [s.title for s in scenario.steps] + list(book.paths.connect),
                      "frictionless": list(book.paths.frictionless)},
            "openers": list(book.greet.openers),
        })
    return found


def entry(rng: random.Random, created: datetime, scenario: dict, left: tuple[str, ...]) -> dict:
    """One entry as journal.save would write it (the shape of Reflection.model_dump)."""
    signals = rng.sample(scenario["signals"], rng.randint(0, min(4, len(scenario["signals"]))))
    recommended = (scenario["usual"] or "connect") if rng.random() < 0.6 else rng.choice(
        ["connect", "frictionless"])
    decision = recommended if rng.random() < 0.8 else (
        "frictionless" if recommended == "connect" else "connect")
    steps = scenario["steps"][decision]
    done = [step for step in steps if rng.random() < 0.7]
    before = rng.randint(3, 10)
    data = {
        "schema_version": 1, "id": f"{rng.getrandbits(32):08x}", "created": created,
        "kind": "walk", "playbook_id": scenario["id"], "playbook_title": scenario["title"],
        "channel": scenario["channel"], "stress_before": before,
        "stress_after": min(10, max(0, before - rng.randint(-1, 5))) if rng.random() < 0.9
        else None,
        "breath_pattern": scenario["breath"], "breath_completed": rng.random() < 0.85,
        "opener": rng.choice(scenario["openers"]) if rng.random() < 0.5 else "",
        "signals": signals, "recommended": recommended,
        "recommendation_reason": "more connect signals than frictionless ones",
        "decision": decision, "followed_recommendation": decision == recommended,
        "steps_done": done, "steps_open": [step for step in steps if step not in done],
        "customer_left": rng.sample(left, rng.randint(0, 2)),
        "what_happened": sentences(rng, 80, 700), "went_well": sentences(rng, 30, 250),
        "to_change": sentences(rng, 30, 250),
        "next_time": " ".join(sentences(rng, 15, 90).split()) if rng.random() < 0.7 else "",
        "tags": rng.sample(TAGS, rng.randint(0, 3)), "starred": rng.random() < 0.05,
        "sensitive": False,
    }
    return data


def generate(home: Path, count: int, seed: int = 7) -> float:
    """Write `count` entries (journal_maker: fast); seconds taken."""
    from journal_maker import generate as make

    return make(home, count, seed)


def timed_command(argv: list[str], env: dict, runs: int) -> tuple[float, float, float]:
    """Median seconds, median CPU seconds and largest peak memory (bytes; the maximum
    resident set, by /usr/bin/time) of `python -m coachtui ARGV`, run from a neutral folder
    so the checkout on PYTHONPATH is the one measured."""
    times, cpus, peaks = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", sys.executable, "-m",
                               "coachtui", *argv], env=env, check=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              cwd=tempfile.gettempdir())
        times.append(time.perf_counter() - start)
        peak, user, system = done.stderr.split()[-3:]
        peaks.append(int(peak) * 1024)
        cpus.append(float(user) + float(system))
    return statistics.median(times), statistics.median(cpus), max(peaks)


def timed_call(function, runs: int):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def in_process(runs: int) -> None:
    """Reading every entry and computing the insights in this process (loads them all:
    meant for 10,000, not 100,000)."""
    from coachtui.commands.journal_cli import load_entries, to_jsonl
    from coachtui.core.insights import compute
    from coachtui.core.insights_report import stats_lines

    load, (entries, unreadable) = timed_call(lambda: load_entries(None, None, None), runs)
    if unreadable:  # a generator bug would make every figure meaningless
        raise SystemExit(f"{len(unreadable)} generated entries could not be read: "
                         f"{unreadable[0].reason}")
    insight, result = timed_call(lambda: compute(entries), runs)
    text, _ = timed_call(lambda: stats_lines(result), runs)
    jsonl, _ = timed_call(lambda: to_jsonl(entries), runs)
    print(f"in process (medians of {runs}), {len(entries):,} entries:")
    print(f"  read the journal (load_entries)    {load:6.2f} s  (from the index: JSON + validation)")
    print(f"  compute insights                   {insight:6.3f} s  "
          f"(target <= 0.5 s: {'met' if insight <= 0.5 else 'NOT met'})")
    print(f"  stats text from insights           {text:6.3f} s")
    print(f"  jsonl text from entries            {jsonl:6.3f} s")


COMMANDS = {"export --format jsonl": "goal at 100,000: <= 10 s, <= 150 MB",
            "export --format csv": "goal at 100,000: <= 10 s, <= 150 MB",
            "export --format md": "goal at 100,000: <= 10 s, <= 150 MB",
            "stats": "streams too"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the generated journal")
    parser.add_argument("--old", type=Path,
                        help="another checkout, measured interleaved with this one (each "
                             "with its own index, beside the same journal files)")
    parser.add_argument("--in-process", action="store_true",
                        help="also time reading every entry in this process (10,000: it "
                             "loads them all)")
    args = parser.parse_args()

    codes = {"now": ROOT, **({"old": args.old.resolve()} if args.old else {})}
    for code in codes.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "coachtui")],
                       check=False)
    top = Path(tempfile.mkdtemp(prefix="coachtui-bench-"))
    homes = {name: top / name for name in codes}
    home = homes["now"]
    os.environ["COACHTUI_HOME"] = str(home)
    try:
        made = generate(home, args.entries)
        size = sum(p.stat().st_size for p in (home / "journal").rglob("*.toml"))
        print(f"{args.entries:,} entries written in {made:.1f} s "
              f"({size / 1e6:.1f} MB of TOML, over two years)")
        envs = {}
        for name, code in codes.items():
            if name != "now":  # the same files, linked: only the index is each one's own
                shutil.copytree(home / "journal", homes[name] / "journal",
                                copy_function=os.link)
            envs[name] = {**os.environ, "PYTHONPATH": str(code),
                          "COACHTUI_HOME": str(homes[name])}
            # The index built once, outside the timings.
            subprocess.run([sys.executable, "-c", "from coachtui.store.journal_index import "
                            "open_index; open_index().close()"], env=envs[name], check=True,
                           cwd=tempfile.gettempdir())
        if args.in_process:
            in_process(args.runs)

        for name in codes:
            timed_command(["--version"], envs[name], 1)  # warm the disk cache
        print(f"subprocesses (medians of {args.runs}, each checkout in turn; peak memory "
              "the largest):")
        figures: dict[tuple[str, str], list] = {}
        for command in ("--version", *COMMANDS):
            for _ in range(args.runs):
                for name in codes:
                    took, cpu, peak = timed_command(command.split(), envs[name], 1)
                    figures.setdefault((command, name), []).append((took, cpu, peak))
        for command in ("--version", *COMMANDS):
            for name, code in codes.items():
                runs = figures[(command, name)]
                took = statistics.median(run[0] for run in runs)
                cpu = statistics.median(run[1] for run in runs)
                peak = max(run[2] for run in runs)
                goal = COMMANDS.get(command, "start-up only")
                print(f"  [{name}] {command:<22} {took:6.2f} s ({cpu:5.2f} s CPU) "
                      f"{peak / 1e6:6.0f} MB  ({goal})")
    finally:
        if args.keep:
            print(f"journal kept in {top}")
        else:
            shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    main()
