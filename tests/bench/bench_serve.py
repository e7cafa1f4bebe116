"""Benchmark: `coachtui serve` with a room of browsers. Prints figures; never fails.

    python tests/bench/bench_serve.py [--counts 1 10 30] [--over 10]

For each count, a fresh server (private homes, the default) gets that many browsers joining
evenly over `--over` seconds (one browser joins at once). Each browser asks for the page,
opens its websocket and waits for the home screen ("breathe" drawn): the time from asking to
seeing it is its join time (goal: <= 3 s each on 2 cores). Once all are in, the resident
memory (RSS) and the CPU time used so far of every session's app are read from /proc, and the
server's RSS. CPU per join times joins per second, against the free cores, says whether a room
can be let in on time on a given machine, whatever else it is busy with.
Compile first on machines with PYTHONDONTWRITEBYTECODE=1 (python -m compileall -q coachtui).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.serving import (Served, children, open_session, read_screen,  # noqa: E402
                           rss_bytes, websocket_url)


async def join(served: Served, delay: float) -> tuple[float, object]:
    """Wait `delay`, then join; (seconds to the home screen, the open websocket and client)."""
    await asyncio.sleep(delay)
    began = time.monotonic()
    page = await asyncio.to_thread(served.page)
    client, websocket = await open_session(websocket_url(page))
    await read_screen(websocket, b"breathe", seconds=120)
    return time.monotonic() - began, (client, websocket)


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (user and system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def room(served: Served, count: int, over: float) -> tuple[list[float], list[tuple[int, float]]]:
    spacing = over / count if count > 1 else 0.0
    results = await asyncio.gather(*(join(served, index * spacing) for index in range(count)))
    sessions = children(served.process.pid)
    memory = [(rss_bytes(pid), cpu_seconds(pid)) for pid in sessions]
    for _, (client, websocket) in results:
        await websocket.close()
        await client.close()
    return [seconds for seconds, _ in results], memory


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--counts", type=int, nargs="+", default=[1, 10, 30])
    options.add_argument("--over", type=float, default=10.0, help="seconds to join over")
    args = options.parse_args()
    os.environ.setdefault("COACHTUI_HOME", tempfile.mkdtemp(prefix="bench-serve-home-"))
    print(f"{os.cpu_count()} cores; browsers join over {args.over:g} s")
    for count in args.counts:
        served = Served(Path(tempfile.mkdtemp(prefix="bench-serve-")), "--max-sessions",
                        str(max(count, 1)))
        try:
            served.wait_until_listening()
            times, used = asyncio.run(room(served, count, args.over))
            memory, cpu = [rss for rss, _ in used], [seconds for _, seconds in used]
            server = rss_bytes(served.process.pid)
        finally:
            served.kill()
        mb = 1024 * 1024
        print(f"{count:3d} browsers: to the home screen median {statistics.median(times):.2f} s, "
              f"max {max(times):.2f} s, over 3 s: {sum(t > 3 for t in times)}; "
              f"RSS per session median {statistics.median(memory) / mb:.0f} MB "
              f"(max {max(memory) / mb:.0f} MB), server {server / mb:.0f} MB; "
              f"CPU per session to join {statistics.median(cpu):.2f} s; "
              f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
