"""One browser's link to its app: its websocket in, textual-serve's app runner out, within bounds.

textual-serve's own handler trusts the browser: any size is passed on (a width of 100,000,000
grew a session to 1.1 GB), a message it cannot read ends in a logged traceback with its local
variables (the last paste among them), and a session left open runs for ever. This one clamps
sizes, drops what it cannot read without a word, and closes a session left idle.
"""

from __future__ import annotations

import asyncio
import json
import time

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService

MAX_WIDTH, MAX_HEIGHT = 400, 200  # cells: far beyond any screen, far below a gigabyte
DEFAULT_SIZE = (80, 24)
# A paste travels as one message; the app itself refuses one far beyond an answer's limit, in a
# sentence (the 1 MB accident), so the link lets that through and stops only the absurd.
MAX_MESSAGE = 4 * 1024 * 1024
HEARTBEAT = 15.0  # seconds between pings: a vanished browser is noticed
CLOSE_WAIT = 2.0  # seconds a browser has to answer goodbye (one does at once; a stop waits)
ENDED = (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR)


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size within bounds, from whatever the browser sent."""
    def cells(value: object, default: int, most: int) -> int:
        try:
            number = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError, OverflowError):
            return default
        return min(max(number, 1), most)

    return cells(width, DEFAULT_SIZE[0], MAX_WIDTH), cells(height, DEFAULT_SIZE[1], MAX_HEIGHT)


class AppRunner(AppService):
    """textual-serve's runner of one app process, with this session's own environment."""

    def __init__(self, command: str, environment: dict[str, str], **options) -> None:
        super().__init__(command, **options)
        self.extra_environment = environment

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return {**super()._build_environment(width, height), **self.extra_environment}

    async def run(self) -> None:
        # The app may end without saying so (killed, crashed): its browser is told all the same,
        # or the session would wait for it until it went idle.
        try:
            await super().run()
        finally:
            await self.remote_close()

    async def end(self, wait: float) -> int | None:
        """Wait for the app to end (killed after `wait` seconds) and let its pipes go; returns
        its exit code (None if it had to be killed).

        asyncio closes a subprocess's pipes only when they are garbage collected, which may be
        after the loop is closed: Python then prints "Event loop is closed" with a traceback.
        Closing them here, while the loop runs, keeps the stop quiet."""
        process = self._process
        if process is None:
            return None
        try:
            code: int | None = await asyncio.wait_for(process.wait(), wait)
        except asyncio.TimeoutError:
            code = None
        transport = getattr(process, "_transport", None)  # asyncio has no public way
        if transport is not None:
            transport.close()  # kills the app if it is still running
        return code


async def relay(websocket: web.WebSocketResponse, app: AppRunner, idle_seconds: float) -> str:
    """Pass the browser's keys and sizes to the app until the browser goes or stays idle for
    `idle_seconds`. Returns why it ended: "left" or "idle"."""
    last_seen = time.monotonic()
    while True:
        left = idle_seconds - (time.monotonic() - last_seen)
        if left <= 0:
            return "idle"
        try:
            message = await websocket.receive(timeout=left)
        except asyncio.TimeoutError:
            continue
        if message.type in ENDED:
            return "left"
        if message.type != WSMsgType.TEXT:
            continue
        kind, data = _envelope(message.data)
        if kind == "stdin" and isinstance(data, str):
            last_seen = time.monotonic()
            # A lone surrogate ("\ud800") is valid JSON but not UTF-8: replaced, not a crash.
            await app.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict):
            last_seen = time.monotonic()
            await app.set_terminal_size(*clamp_size(data.get("width"), data.get("height")))
        elif kind == "ping" and isinstance(data, (str, int, float)):
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await app.blur()
        elif kind == "focus":
            await app.focus()


def _envelope(text: str) -> tuple[object, object]:
    """(kind, data) of a message from textual.js, ["stdin", "keys"]; (None, None) if unreadable."""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        return None, None
    if not isinstance(envelope, list) or not envelope:
        return None, None
    return envelope[0], envelope[1] if len(envelope) > 1 else None
