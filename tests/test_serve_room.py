"""`coachtui serve` as a trainer and an attacker try it: a private home per browser, a key to the
room, bounds, quiet logs, nothing from outside. Real servers on loopback (helpers in serving.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import socket
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.serving import start  # noqa: F401 - the fixture
from tests.serving import (TOKEN, WAIT, browser, children, closed, environment_of, in_group,
                           needs_web, read_screen, refusal, rss_bytes, wait_for, websocket_url)

pytestmark = needs_web
MARKER = "my customer Mrs Planted-Marker-7f3a"


def test_two_browsers_have_homes_of_their_own(start, coachtui_home):
    served = start("--no-journal")  # the old flag still works: nothing kept is the default now

    async def browse() -> bytes:
        async with browser(served) as first:
            await read_screen(first, b"breathe")
            (home,) = served.session_homes()
            assert home.stat().st_mode & 0o777 == 0o700
            # A number key: a walk starts rated, and its first answer makes a draft.
            await first.send_str(json.dumps(["stdin", "5"]))
            assert wait_for(lambda: list(home.glob("drafts/*.toml")), WAIT), "no draft saved"
            async with browser(served) as second:
                screen = await read_screen(second, b"nothing is kept after you close it")
                homes = served.session_homes()
                sessions = children(served.process.pid)
                # Read while both sessions live: a closed tab's app may be gone a moment later.
                told = {environment_of(pid).get("COACHTUI_HOME") for pid in sessions}
            await first.close()
            assert wait_for(lambda: not home.exists()), "the first home outlived its tab"
            return screen, homes, sessions, told

    screen, homes, sessions, told = asyncio.run(browse())
    assert b"resume" not in screen.lower(), "the second browser was offered the first one's walk"
    assert len(homes) == 2 and len(sessions) == 2
    assert told == set(map(str, homes))
    assert not coachtui_home.exists(), "nothing reached the server's own journal"
    assert served.stop() == 0
    assert not list(served.temp.iterdir())


def test_a_kept_journal_is_the_servers_own_and_says_where(start, coachtui_home):
    served = start("--journal")

    async def browse() -> tuple[bytes, dict]:
        async with browser(served, size="width=200&height=40") as websocket:
            screen = await read_screen(websocket, b"journal")
            screen += await read_screen(websocket, b"saved on the machine that serves this page")
            (session,) = children(served.process.pid)
            return screen, environment_of(session)

    screen, environment = asyncio.run(browse())
    assert environment["COACHTUI_HOME"] == str(coachtui_home)
    flat = b"".join(screen.replace("│".encode(), b" ").split())  # lines wrap inside the card
    assert str(coachtui_home / "journal").encode() in flat
    assert not served.session_homes()


def test_without_the_key_there_is_no_app(start):
    served = start()
    for url in (served.base, served.base + "?token=wrong", served.base + "?token="):
        status, body, headers = served.get(url)
        assert status == 403
        assert body.count("\n") == 1 and "textual" not in body and "token" in body
        assert headers["Content-Type"].startswith("text/plain")
    ws_url = f"ws://127.0.0.1:{served.port}/ws/"
    assert asyncio.run(refusal(ws_url + "wrong")) == 403
    assert asyncio.run(refusal(ws_url + TOKEN.upper())) == 403
    assert not children(served.process.pid), "no app was started for a stranger"
    assert asyncio.run(refusal(ws_url + TOKEN)) == 101


def test_a_random_key_is_made_and_printed_when_none_is_given(start):
    served = start(token="")
    found = re.search(r"serving on (http://127\.0\.0\.1:\d+/\?token=([\w-]+))", served.output())
    assert found and len(found[2]) >= 20
    served.token = found[2]
    assert websocket_url(served.page()).endswith(f"/ws/{found[2]}")
    assert served.get(served.base + "?token=test-room-key")[0] == 403


def test_another_site_cannot_open_a_session(start):
    served = start()
    ws_url = websocket_url(served.page())
    assert asyncio.run(refusal(ws_url, Origin="http://evil.example")) == 403
    assert asyncio.run(refusal(ws_url, Origin="null")) == 403
    assert asyncio.run(refusal(ws_url, Origin=f"http://127.0.0.1:{served.port}")) == 101
    # a name pointed at 127.0.0.1 by someone else's DNS does not reach a loopback server
    status, body, _ = served.get(Host=f"evil.example:{served.port}")
    assert status == 403 and body.count("\n") == 1
    assert asyncio.run(refusal(ws_url, Host=f"evil.example:{served.port}")) == 403


def test_the_room_fills_and_frees(start):
    served = start("--max-sessions", "1")

    async def browse() -> None:
        ws_url = websocket_url(served.page())
        async with browser(served) as first:
            await read_screen(first, b"breathe")
            status, body, _ = served.get()
            assert status == 503 and body.count("\n") == 1 and "the room is full" in body
            assert await refusal(ws_url) == 503
            assert len(children(served.process.pid)) == 1
        assert wait_for(lambda: served.get()[0] == 200), "the room stayed full"
        async with browser(served) as second:
            await read_screen(second, b"breathe")

    asyncio.run(browse())


def test_a_session_that_cannot_have_a_home_is_refused_and_frees_its_place(start):
    served = start("--max-sessions", "1")
    ws_url = websocket_url(served.page())
    (folder,) = served.temp.iterdir()
    folder.rmdir()
    assert asyncio.run(refusal(ws_url)) == 101  # a cleaner removed it: it is made again
    assert wait_for(lambda: served.get()[0] == 200)
    assert wait_for(lambda: not any(folder.iterdir())), "its home outlived it"
    folder.rmdir()
    folder.write_text("in the way")  # now no home can be made
    assert asyncio.run(refusal(ws_url)) == 500
    status, body, _ = served.get()
    assert status == 200, "the failed session still holds its place"
    assert "Traceback" not in served.output() and "a request failed" in served.output()


def test_a_huge_size_is_clamped(start):
    served = start()

    async def browse() -> tuple[dict, int]:
        async with browser(served, size="width=100000000&height=100000000") as websocket:
            await read_screen(websocket, b"breathe")
            (session,) = children(served.process.pid)
            environment = environment_of(session)
            await websocket.send_str(json.dumps(["resize", {"width": 10**8, "height": 10**8}]))
            await websocket.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
            await read_screen(websocket, b"breathe")  # drawn again, at a sane size
            return environment, rss_bytes(session)

    environment, rss = asyncio.run(browse())
    assert (environment["COLUMNS"], environment["ROWS"]) == ("400", "200")
    assert rss < 400 * 1024**2, f"a session grew to {rss // 1024**2} MB"


def test_what_a_browser_sends_never_reaches_the_log(start):
    served = start()

    async def browse() -> bool:
        async with browser(served) as websocket:
            await read_screen(websocket, b"breathe")
            await websocket.send_str(json.dumps(["stdin", "l"]))  # log a moment: a text box
            await read_screen(websocket, b"moment")
            await websocket.send_str(json.dumps(["stdin", f"\x1b[200~{MARKER}\x1b[201~"]))
            for bad in (f'["stdin", "{MARKER}\\ud800"]', f'["resize", {{"width": "{MARKER}"}}]',
                        f'["resize", "{MARKER}"]', f'["{MARKER}"]', MARKER, f'{{"{MARKER}": 1}}',
                        "[]", '["stdin"]', "[" * 100_000 + "]" * 100_000,
                        f'["ping", {{"{MARKER}": 1}}]'):
                await websocket.send_str(bad)
            await websocket.send_bytes(MARKER.encode())
            await websocket.send_str(json.dumps(["ping", "still here"]))
            assert await pong(websocket) == "still here", "a bad message ended the session"
            with contextlib.suppress(ConnectionError):  # the server may hang up mid-message
                await websocket.send_str(json.dumps(["stdin", "x" * 5 * 1024**2]))  # too big
            return websocket.closed or await closed(websocket)

    assert asyncio.run(browse()), "a message beyond the limit ends the session"
    assert wait_for(lambda: "ended" in served.output())
    assert served.stop() == 0
    output = served.output()
    assert MARKER not in output and "Planted" not in output
    assert "Traceback" not in output and "/" not in output.split("Ctrl+C stops it.", 1)[1]


async def pong(websocket) -> object:
    import aiohttp

    while True:
        message = await websocket.receive(timeout=WAIT)
        assert message.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY), message
        if message.type == aiohttp.WSMsgType.TEXT and message.json()[0] == "pong":
            return message.json()[1]


def test_a_session_that_dies_is_one_line_with_its_id(start):
    served = start()

    async def browse() -> bool:
        async with browser(served) as websocket:
            await read_screen(websocket, b"breathe")
            (session,) = children(served.process.pid)
            os.kill(session, signal.SIGKILL)
            return await closed(websocket)

    assert asyncio.run(browse())
    assert wait_for(lambda: "ended unexpectedly" in served.output())
    assert re.search(r"^coachtui: session [0-9a-f]{6} ended unexpectedly$", served.output(), re.M)
    assert not served.session_homes(), "its home is removed all the same"


def test_an_idle_session_is_closed(start):
    served = start("--idle-minutes", "0.05")  # 3 s

    async def browse() -> bool:
        async with browser(served) as websocket:
            await read_screen(websocket, b"breathe")
            return await closed(websocket, seconds=WAIT)

    assert asyncio.run(browse()), "the idle session was not closed"
    assert wait_for(lambda: "closed after being idle" in served.output())
    assert wait_for(lambda: not children(served.process.pid) and not served.session_homes())


def test_what_killed_servers_left_is_removed_at_the_next_start(start):
    served = start()

    async def browse() -> Path:
        async with browser(served) as websocket:
            await read_screen(websocket, b"breathe")
            await websocket.send_str(json.dumps(["stdin", "5"]))  # a rated walk: a draft
            (home,) = served.session_homes()
            assert wait_for(lambda: list(home.glob("drafts/*.toml")))
            os.killpg(served.process.pid, signal.SIGKILL)  # server and sessions, no goodbye
            served.process.wait(timeout=WAIT)
            return home

    home = asyncio.run(browse())
    assert wait_for(lambda: not in_group(served.process.pid))
    assert list(home.glob("drafts/*.toml")), "the kill left typed text behind"
    mine = served.temp / "coachtui-serve-x"  # not of our making: left alone
    mine.mkdir()
    again = start()
    assert not served.session_homes() and not home.parent.exists()
    assert [path.name for path in served.temp.iterdir() if path != mine] \
        == [f"coachtui-serve-{again.process.pid}-" + path.name.rsplit("-", 1)[1]
            for path in served.temp.glob(f"coachtui-serve-{again.process.pid}-*")]


def test_bad_requests_are_one_line(start):
    served = start()
    for headers in ({"Host": "["}, {"Host": "[::1"}):
        status, body, _ = served.get(**headers)
        assert status == 400 and body == "coachtui: bad request.\n"
    status, body, _ = served.get(served.base + f"ws/{TOKEN}")  # not a websocket
    assert status == 400 and body.count("\n") == 1
    status, body, _ = served.get(served.base + "nothing/here")
    assert status == 404 and body.count("\n") == 1
    status, body, _ = served.get(served.base + "static/")  # no folder listings
    assert status in (403, 404) and body.count("\n") == 1
    for garbage in (b"\x16\x03\x01 https on an http port\r\n\r\n",
                    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n",
                    b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\n\r\n"):
        with socket.create_connection(("127.0.0.1", served.port), timeout=WAIT) as raw:
            raw.sendall(garbage)
            answer = raw.recv(65536).decode("latin-1")
        head, body = answer.split("\r\n\r\n", 1)
        assert re.match(r"HTTP/1\.[01] 4\d\d ", head), answer
        assert body == "coachtui: bad request.\n", body
    assert served.stop() == 0
    assert "Traceback" not in served.output() and served.stderr() == ""


class References(HTMLParser):
    """Every address a page asks the browser to load."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]
        self.styles += [value for name, value in attrs if name == "style" and value]
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def css_urls(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # comments are not fetched
    found = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    return found + re.findall(r"@import\s+['\"]([^'\"]+)", css)


def test_the_page_asks_for_nothing_from_outside(start):
    served = start()
    page = served.page()
    parser = References()
    parser.feed(page)
    assert parser.urls, "the page references its stylesheet and script"
    addresses, seen = list(parser.urls), set()
    addresses += [url for style in parser.styles for url in css_urls(style)]
    while addresses:
        url = urljoin(served.url, addresses.pop())
        if url in seen:
            continue
        seen.add(url)
        assert urlsplit(url).netloc == f"127.0.0.1:{served.port}", f"{url} is outside the server"
        status, body, headers = served.get(url)
        assert status == 200, url
        if url.endswith(".css"):
            addresses += css_urls(body)
        if url.endswith(".js"):
            assert not re.search(r"(?<![\w\"'])(https?:)?//[a-z0-9-]+\.[a-z]", body), \
                f"{url} names another address"
    assert any(url.endswith(".ttf") for url in seen), "the font is served here too"
    assert "default-src 'self'" in served.get()[2]["Content-Security-Policy"]
