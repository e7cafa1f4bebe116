"""`coachtui serve`: a real server, a real browser session over its websocket, and a clean stop.

The room's key, privacy and bounds are in test_serve_room.py; the helpers in serving.py.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

from coachtui.commands import serve
from tests.serving import start  # noqa: F401 - the fixture
from tests.serving import (ROOT, TOKEN, WAIT, browser, children, closed, in_group, needs_web,
                           read_screen, wait_for, websocket_url)
NEEDS_EXTRA = 'coachtui serve needs the web extra: pip install "coachtui[web]"'


@needs_web
@pytest.mark.parametrize("group", [False, True], ids=["server-alone", "ctrl-c-in-its-terminal"])
def test_a_browser_gets_the_home_screen_and_ctrl_c_stops_everything(start, group):
    served = start()
    assert f"serving on http://127.0.0.1:{served.port}/?token={TOKEN}" in served.output()
    page = served.page()
    assert "<div>coachtui</div>" in page and "/static/js/textual.js" in page
    assert websocket_url(page) == f"ws://127.0.0.1:{served.port}/ws/{TOKEN}"

    async def browse() -> tuple[bytes, list[int], bool]:
        async with browser(served) as websocket:
            screen = await read_screen(websocket, b"nothing is kept after you close it")
            sessions = children(served.process.pid)
            # the browser answers the server's goodbye at once, as a browser does
            goodbye = asyncio.create_task(closed(websocket))
            code = await asyncio.to_thread(served.stop, signal.SIGINT, group)
            assert code == 0, served.output()
            return screen, sessions, await goodbye

    screen, sessions, was_closed = asyncio.run(browse())
    assert b"coachtui" in screen and b"breathe" in screen
    assert len(sessions) == 1, "one app for the one browser"
    assert was_closed, "the browser is told the session ended"
    assert wait_for(lambda: not in_group(served.process.pid), 10), \
        f"left behind: {in_group(served.process.pid)}"
    assert served.stderr() == ""
    lines = served.output().splitlines()
    assert len(lines) == 3, lines  # serving on…, the session's start, its stop
    started = re.fullmatch(r"coachtui: session ([0-9a-f]{6}) started \(1 of \d+\)", lines[1])
    assert started, lines[1]
    assert lines[2] == f"coachtui: session {started[1]} stopped"
    assert not list(served.temp.iterdir()), "the server's folder is gone with it"


@needs_web
def test_a_sigint_reaching_a_browsers_app_leaves_its_stop_to_the_server(start):
    # A Ctrl+C in the server's terminal reaches its whole process group, the browsers' apps
    # included. Those ignore it: the server stops each in order, and says "stopped" (an app
    # that ended first, by itself, was told as "ended": which one came first was a race).
    served = start()

    async def browse() -> list[int]:
        async with browser(served) as websocket:
            await read_screen(websocket, b"breathe")
            sessions = [pid for pid in in_group(served.process.pid) if pid != served.process.pid]
            for pid in sessions:
                os.kill(pid, signal.SIGINT)
            await asyncio.sleep(1.5)
            alive = [pid for pid in sessions if pid in in_group(served.process.pid)]
            assert alive == sessions, "a browser's app ended on a SIGINT"
            assert await asyncio.to_thread(served.stop, signal.SIGINT) == 0, served.output()
            return sessions

    assert asyncio.run(browse())
    lines = served.output().splitlines()
    assert len(lines) == 3 and lines[2].endswith(" stopped"), lines


@needs_web
def test_a_browser_that_never_says_goodbye_does_not_hold_up_the_stop(start):
    served = start()

    async def browse() -> float:
        async with browser(served) as websocket:
            await read_screen(websocket, b"breathe")
            began = time.monotonic()
            assert await asyncio.to_thread(served.stop, signal.SIGTERM) == 0  # nothing read
            return time.monotonic() - began

    assert asyncio.run(browse()) < 6.0
    assert wait_for(lambda: not in_group(served.process.pid), 10)


@needs_web
def test_sessions_end_by_themselves_if_the_server_is_killed(start):
    served = start()

    async def browse() -> list[int]:
        async with browser(served) as websocket:
            await read_screen(websocket, b"breathe")
            sessions = children(served.process.pid)
            served.process.kill()  # no chance to stop its sessions
            served.process.wait(timeout=WAIT)
            return sessions

    sessions = asyncio.run(browse())
    assert len(sessions) == 1
    assert wait_for(lambda: not in_group(served.process.pid), 10), \
        f"left behind: {in_group(served.process.pid)}"
    assert not served.session_homes(), "the session removed its own home on its way out"


@needs_web
def test_any_address_but_loopback_is_warned_about(start):
    served = start("--host", "0.0.0.0")
    warning = served.stderr().strip()
    assert warning.count("\n") == 0
    assert warning.startswith("coachtui: warning: listening on 0.0.0.0 port")
    assert "anyone" in warning and "link" in warning and "journal" not in warning
    # the page sends the browser back to the address it came by, not to 0.0.0.0
    assert websocket_url(served.page()) == f"ws://127.0.0.1:{served.port}/ws/{TOKEN}"
    assert served.stop() == 0


@needs_web
def test_a_kept_journal_on_any_address_says_it_can_be_read(start):
    served = start("--host", "0.0.0.0", "--journal")
    assert "read and write this machine's journal" in served.stderr()
    assert "every browser with the link reads and writes the journal in" in served.output()
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
    assert main(["serve", "--port", "8000"]) == 1
    captured = capsys.readouterr()
    assert captured.err == NEEDS_EXTRA + "\n"
    assert captured.out == ""


def test_help_says_what_is_kept_and_how_to_keep_the_journal():
    done = subprocess.run([sys.executable, "-m", "coachtui", "serve", "--help"],
                          capture_output=True, text=True, timeout=WAIT, cwd=ROOT)
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert "removed when its tab closes" in text
    assert "--journal" in text and "anyone with the link can then read and write them" in text
    assert "--token" in text and "--max-sessions" in text and "--idle-minutes" in text
    assert "127.0.0.1" in text
    assert "--no-journal" not in text  # still accepted: nothing kept is the default now


@pytest.mark.parametrize("args, complaint", [
    (["--token", "a b"], "give 4 to 64 letters"), (["--token", "abc"], "give 4 to 64 letters"),
    (["--max-sessions", "0"], "from 1 up"), (["--idle-minutes", "0"], "above 0"),
    (["--port", "70000"], "from 1 to 65535"),
])
def test_bad_options_are_one_clear_line(args, complaint):
    done = subprocess.run([sys.executable, "-m", "coachtui", "serve", *args],
                          capture_output=True, text=True, timeout=WAIT, cwd=ROOT)
    assert done.returncode == 2
    assert complaint in done.stderr and "Traceback" not in done.stderr


def test_the_default_room_is_sized_to_the_machine(monkeypatch):
    monkeypatch.setattr(serve.os, "cpu_count", lambda: 2)
    pages = {"SC_PAGE_SIZE": 4096, "SC_PHYS_PAGES": 8 * 1024**3 // 4096}
    monkeypatch.setattr(serve.os, "sysconf", pages.__getitem__)
    assert serve.default_max_sessions() == 40  # 2 cores, 8 GB
    pages["SC_PHYS_PAGES"] = 1024**3 // 4096
    assert serve.default_max_sessions() == 1024**3 // serve.SESSION_MEMORY  # 1 GB: memory rules
    pages["SC_PHYS_PAGES"] = 1
    assert serve.default_max_sessions() == 1  # never none


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("LOCALHOST", True), ("0.0.0.0", False), ("::", False),
    ("192.168.1.5", False), ("example.org", False),
])
def test_what_counts_as_this_machine_only(host, loopback):
    assert serve.is_loopback(host) is loopback
