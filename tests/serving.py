"""Helpers for the `coachtui serve` tests: a real server on loopback and browsers over websockets.

Every server runs in a process group of its own (its sessions stay in it), so whatever happens
in a test, the group is killed at the end: no stray process outlives the test. Its temp folder
(TMPDIR) is the test's own, so the session homes it makes can be looked at and nothing else is.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WAIT = 20.0  # seconds: the most any one step may take
TOKEN = "test-room-key"
ESCAPE = re.compile(rb"\x1b(\[[0-9;?$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])")

needs_web = pytest.mark.skipif(
    importlib.util.find_spec("textual_serve") is None,
    reason='needs the web extra: pip install -e ".[test]"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds: float = WAIT) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


def processes() -> list[tuple[int, int, int]]:
    """(pid, parent, process group) of every live process; zombies are not counted."""
    listing = subprocess.run(["ps", "-A", "-o", "pid=,ppid=,pgid=,stat="], capture_output=True,
                             text=True, check=True, timeout=WAIT).stdout
    rows = [line.split() for line in listing.splitlines() if line.strip()]
    return [(int(pid), int(ppid), int(pgid)) for pid, ppid, pgid, stat, *_ in rows
            if not stat.startswith("Z")]


def children(pid: int) -> list[int]:
    return [child for child, parent, _ in processes() if parent == pid]


def in_group(group: int) -> list[int]:
    return [pid for pid, _, pgid in processes() if pgid == group]


def environment_of(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().decode("utf-8", "replace")
    return dict(item.split("=", 1) for item in raw.split("\0") if "=" in item)


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


class Served:
    """One `coachtui serve` process, its output in files (a pipe could fill and block it)."""

    def __init__(self, folder: Path, *args: str, token: str = TOKEN) -> None:
        self.port = free_port()
        self.token = token
        self.temp = folder / "tmp"
        self.temp.mkdir(exist_ok=True)
        self.out, self.err = folder / "serve.out", folder / "serve.err"
        keyed = ["--token", token] if token else []
        with open(self.out, "ab") as out, open(self.err, "ab") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "coachtui", "serve", "--port", str(self.port),
                 *keyed, *args],
                stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=ROOT,
                env={**os.environ, "TMPDIR": str(self.temp)}, start_new_session=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def url(self) -> str:
        return f"{self.base}?token={self.token}"

    def stderr(self) -> str:
        return self.err.read_text("utf-8", "replace")

    def output(self) -> str:
        return self.out.read_text("utf-8", "replace") + self.stderr()

    def wait_until_listening(self) -> None:
        def listening() -> bool:
            assert self.process.poll() is None, f"the server stopped:\n{self.output()}"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            except OSError:
                return False
            return True

        assert wait_for(listening), f"nothing listening on {self.port}:\n{self.output()}"

    def get(self, url: str | None = None, **headers: str) -> tuple[int, str, dict]:
        """(status, body, headers) of a GET, refusals included."""
        request = urllib.request.Request(url or self.url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=WAIT) as response:
                body = response.read().decode("utf-8", "replace")
                return response.status, body, dict(response.headers)
        except urllib.error.HTTPError as refused:
            return refused.code, refused.read().decode("utf-8", "replace"), dict(refused.headers)

    def page(self) -> str:
        status, body, _ = self.get()
        assert status == 200, body
        return body

    def session_homes(self) -> list[Path]:
        return sorted(self.temp.glob("coachtui-serve-*/session-*"))

    def stop(self, number: int = signal.SIGINT, group: bool = False) -> int:
        """Signal the server alone (it must stop its sessions itself), or its whole group
        as Ctrl+C in its terminal does."""
        if group:
            os.killpg(self.process.pid, number)
        else:
            self.process.send_signal(number)
        try:
            return self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the server did not stop within {WAIT} s:\n{self.output()}")

    def kill(self) -> None:
        """After a test, passed or not: the whole group, server and sessions, is stopped
        (politely first, so the server removes its folder) and then killed."""
        for number, seconds in ((signal.SIGTERM, 5), (signal.SIGKILL, WAIT)):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, number)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=seconds)


@pytest.fixture
def start(tmp_path):
    """start(*args, token=...) runs `coachtui serve` on a free loopback port, waits until it
    listens, and stops it (and its sessions) after the test."""
    started: list[Served] = []

    def start_server(*args: str, token: str = TOKEN) -> Served:
        served = Served(tmp_path, *args, token=token)
        started.append(served)
        served.wait_until_listening()
        return served

    yield start_server
    for served in started:
        served.kill()


async def open_session(ws_url: str, size: str = "width=100&height=30", **headers: str):
    import aiohttp

    client = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WAIT))
    try:
        socket_ = await client.ws_connect(f"{ws_url}?{size}", headers=headers)
    except BaseException:
        await client.close()
        raise
    return client, socket_


@contextlib.asynccontextmanager
async def browser(served: Served, size: str = "width=100&height=30"):
    """A browser on the served page: its websocket, open for the block."""
    client, websocket = await open_session(websocket_url(served.page()), size)
    try:
        yield websocket
    finally:
        await websocket.close()
        await client.close()


async def refusal(ws_url: str, **headers: str) -> int:
    """The HTTP status a websocket handshake is refused with (101 if it was let in)."""
    import aiohttp

    try:
        client, websocket = await open_session(ws_url, **headers)
    except aiohttp.WSServerHandshakeError as refused:
        return refused.status
    await websocket.close()
    await client.close()
    return 101


async def read_screen(websocket, until: bytes, seconds: float = WAIT) -> bytes:
    """What the app draws, escape codes taken out, up to the first sight of `until`."""
    import aiohttp

    received = b""
    deadline = time.monotonic() + seconds
    while until not in ESCAPE.sub(b"", received).lower():
        left = deadline - time.monotonic()
        assert left > 0, f"no {until!r} within {seconds} s; got {ESCAPE.sub(b'', received)[-500:]!r}"
        message = await websocket.receive(timeout=left)
        assert message.type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                    aiohttp.WSMsgType.ERROR), f"closed: {message}"
        if message.type == aiohttp.WSMsgType.BINARY:
            received += message.data
    return ESCAPE.sub(b"", received)


async def closed(websocket, seconds: float = WAIT) -> bool:
    import aiohttp

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        message = await websocket.receive(timeout=deadline - time.monotonic())
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                            aiohttp.WSMsgType.CLOSING):
            return True
    return False


def websocket_url(page: str) -> str:
    found = re.search(r'data-session-websocket-url="([^"]+)"', page)
    assert found, "not the coachtui page"
    return found.group(1)
