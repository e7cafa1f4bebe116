"""`coachtui serve`: a real server, a real browser session over its websocket, and a clean stop.

Every server runs in a process group of its own (its sessions stay in it), so whatever happens
in a test, the group is killed at the end: no stray process outlives the test.
"""

from __future__ import annotations

import asyncio
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

from coachtui.commands import serve

ROOT = Path(__file__).resolve().parents[1]
WAIT = 20.0  # seconds: the most any one step may take
NEEDS_EXTRA = 'coachtui serve needs the web extra: pip install "coachtui[web]"'
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


class Served:
    """One `coachtui serve` process, its output in files (a pipe could fill and block it)."""

    def __init__(self, folder: Path, *args: str) -> None:
        self.port = free_port()
        self.out, self.err = folder / "serve.out", folder / "serve.err"
        with open(self.out, "wb") as out, open(self.err, "wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "coachtui", "serve", "--port", str(self.port), *args],
                stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=ROOT,
                start_new_session=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

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

    def page(self) -> str:
        with urllib.request.urlopen(self.url, timeout=WAIT) as response:
            assert response.status == 200
            return response.read().decode("utf-8")

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
        (politely first, so a --no-journal server removes its folder) and then killed."""
        for number, seconds in ((signal.SIGTERM, 5), (signal.SIGKILL, WAIT)):
            try:
                os.killpg(self.process.pid, number)
            except (ProcessLookupError, PermissionError):
                pass
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=seconds)


@pytest.fixture
def start(tmp_path):
    started: list[Served] = []

    def start_server(*args: str) -> Served:
        served = Served(tmp_path, *args)
        started.append(served)
        served.wait_until_listening()
        return served

    yield start_server
    for served in started:
        served.kill()


async def open_session(ws_url: str, **headers: str):
    import aiohttp

    client = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WAIT))
    try:
        socket_ = await client.ws_connect(f"{ws_url}?width=100&height=30", headers=headers)
    except BaseException:
        await client.close()
        raise
    return client, socket_


async def read_screen(websocket, until: bytes) -> bytes:
    """What the app draws, escape codes taken out, up to the first sight of `until`."""
    import aiohttp

    received = b""
    deadline = time.monotonic() + WAIT
    while until not in ESCAPE.sub(b"", received).lower():
        left = deadline - time.monotonic()
        assert left > 0, f"no {until!r} within {WAIT} s; got {ESCAPE.sub(b'', received)[-500:]!r}"
        message = await websocket.receive(timeout=left)
        assert message.type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                    aiohttp.WSMsgType.ERROR), f"closed: {message}"
        if message.type == aiohttp.WSMsgType.BINARY:
            received += message.data
    return ESCAPE.sub(b"", received)


async def closed(websocket) -> bool:
    import aiohttp

    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        message = await websocket.receive(timeout=deadline - time.monotonic())
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                            aiohttp.WSMsgType.CLOSING):
            return True
    return False


def websocket_url(page: str) -> str:
    found = re.search(r'data-session-websocket-url="([^"]+)"', page)
    assert found, "not the textual-serve page"
    return found.group(1)


@needs_web
@pytest.mark.parametrize("group", [False, True], ids=["server-alone", "ctrl-c-in-its-terminal"])
def test_a_browser_gets_the_home_screen_and_ctrl_c_stops_everything(start, group):
    served = start()
    assert f"serving on {served.url.rstrip('/')}" in served.output()
    page = served.page()
    assert "<div>coachtui</div>" in page and "textual.js" in page  # textual-serve's page
    ws_url = websocket_url(page)
    assert ws_url == f"ws://127.0.0.1:{served.port}/ws"

    async def browse() -> tuple[bytes, list[int], bool]:
        client, websocket = await open_session(ws_url)
        try:
            screen = await read_screen(websocket, b"breathe")
            sessions = children(served.process.pid)
            # the browser answers the server's goodbye at once, as a browser does
            goodbye = asyncio.create_task(closed(websocket))
            code = await asyncio.to_thread(served.stop, signal.SIGINT, group)
            assert code == 0, served.output()
            return screen, sessions, await goodbye
        finally:
            await websocket.close()
            await client.close()

    screen, sessions, was_closed = asyncio.run(browse())
    assert b"coachtui" in screen and b"breathe" in screen
    assert len(sessions) == 1, "one app for the one browser"
    assert was_closed, "the browser is told the session ended"
    assert wait_for(lambda: not in_group(served.process.pid), 10), \
        f"left behind: {in_group(served.process.pid)}"
    assert served.stderr() == ""


@needs_web
def test_another_site_cannot_open_a_session(start):
    import aiohttp

    served = start()
    ws_url = websocket_url(served.page())

    async def attempt(**headers: str) -> int:
        try:
            client, websocket = await open_session(ws_url, **headers)
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status
        await websocket.close()
        await client.close()
        return 101

    assert asyncio.run(attempt(Origin="http://evil.example")) == 403
    assert asyncio.run(attempt(Origin=f"http://127.0.0.1:{served.port}")) == 101
    # a name pointed at 127.0.0.1 by someone else's DNS does not reach a loopback server
    request = urllib.request.Request(served.url, headers={"Host": f"evil.example:{served.port}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=WAIT)
    assert refused.value.code == 403
    assert served.stop(signal.SIGTERM) == 0
    assert wait_for(lambda: not in_group(served.process.pid), 10)


@needs_web
def test_no_journal_sessions_keep_nothing(start, coachtui_home):
    served = start("--no-journal")
    assert "nothing is kept" in served.output()

    async def browse() -> Path:
        client, websocket = await open_session(websocket_url(served.page()))
        try:
            await read_screen(websocket, b"breathe")
            (session,) = children(served.process.pid)
            command = subprocess.run(["ps", "-ww", "-o", "args=", "-p", str(session)],
                                     capture_output=True, text=True, timeout=WAIT).stdout
            scratch = Path(command.split("--scratch", 1)[1].split()[0])
            (home,) = scratch.iterdir()  # the session's own coachtui home
            (home / "journal").mkdir()
            (home / "journal" / "entry.json").write_text("{}")  # as if it had saved one
            goodbye = asyncio.create_task(closed(websocket))
            assert await asyncio.to_thread(served.stop, signal.SIGTERM) == 0
            assert await goodbye
            return scratch
        finally:
            await websocket.close()
            await client.close()

    scratch = asyncio.run(browse())
    assert not scratch.exists(), "every session's folder is gone with the server"
    assert not coachtui_home.exists(), "nothing reached the journal"
    assert wait_for(lambda: not in_group(served.process.pid), 10)


@needs_web
def test_sessions_end_by_themselves_if_the_server_is_killed(start):
    served = start()

    async def browse() -> list[int]:
        client, websocket = await open_session(websocket_url(served.page()))
        try:
            await read_screen(websocket, b"breathe")
            sessions = children(served.process.pid)
            served.process.kill()  # no chance to stop its sessions
            served.process.wait(timeout=WAIT)
            return sessions
        finally:
            await websocket.close()
            await client.close()

    sessions = asyncio.run(browse())
    assert len(sessions) == 1
    assert wait_for(lambda: not in_group(served.process.pid), 10), \
        f"left behind: {in_group(served.process.pid)}"


@needs_web
def test_any_address_but_loopback_is_warned_about(start):
    served = start("--host", "0.0.0.0")
    warning = served.stderr().strip()
    assert warning.count("\n") == 0
    assert warning.startswith("coachtui: warning: listening on 0.0.0.0 port")
    assert "anyone" in warning and "journal" in warning
    # the page sends the browser back to the address it came by, not to 0.0.0.0
    assert websocket_url(served.page()) == f"ws://127.0.0.1:{served.port}/ws"
    assert served.stop() == 0


@needs_web
def test_a_port_in_use_is_one_line_and_exit_1():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "coachtui", "serve", "--port", str(port)],
                              capture_output=True, text=True, timeout=WAIT, cwd=ROOT,
                              stdin=subprocess.DEVNULL)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert f"127.0.0.1 port {port}" in done.stderr
    assert done.stdout == ""


def test_without_the_web_extra_it_says_how_to_get_it(monkeypatch, capsys):
    from coachtui.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *rest: None if name == "textual_serve" else real(name, *rest))
    assert main(["serve", "--port", str(free_port())]) == 1
    captured = capsys.readouterr()
    assert captured.err == NEEDS_EXTRA + "\n"
    assert captured.out == ""


def test_help_says_no_journal_keeps_nothing():
    done = subprocess.run([sys.executable, "-m", "coachtui", "serve", "--help"],
                          capture_output=True, text=True, timeout=WAIT, cwd=ROOT)
    assert done.returncode == 0
    assert "--no-journal" in done.stdout and "keep nothing" in done.stdout
    assert "127.0.0.1" in done.stdout


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("LOCALHOST", True), ("0.0.0.0", False), ("::", False),
    ("192.168.1.5", False), ("example.org", False),
])
def test_what_counts_as_this_machine_only(host, loopback):
    assert serve.is_loopback(host) is loopback
