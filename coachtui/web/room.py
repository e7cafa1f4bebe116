"""The room: an aiohttp server that gives each browser with the key its own coachtui.

What it adds to textual-serve (whose app runner, script and stylesheet it uses):
- a key: the page and the sessions need the server's token; without it, one line and no app;
- the Origin and Host checks: another site cannot open a session, nor reach a loopback server
  through a name of its own pointed at 127.0.0.1;
- bounds: a cap on sessions ("the room is full"), sizes clamped, messages limited, idle
  sessions closed (web/link.py);
- privacy: each session its own temporary home, removed when it ends, unless the server keeps
  its journal on purpose;
- quiet: one line per session start and end, with an id; no path, no text, no traceback;
- nothing from outside: its own page, every asset served here.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import secrets
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from aiohttp import web
from textual_serve.download_manager import DownloadManager

from coachtui import paths
from coachtui.web import homes
from coachtui.web.addresses import host_name, is_loopback, netloc
from coachtui.web.link import (CLOSE_WAIT, HEARTBEAT, MAX_MESSAGE, AppRunner, clamp_size,
                               relay)

STOP_WAIT = 10.0  # seconds the sessions get to close when the server stops
EXIT_WAIT = 5.0  # seconds an app may take to end once its browser has gone
# The page may use this server and inline code, never another address.
POLICY = ("default-src 'self' data: blob: 'unsafe-inline' 'unsafe-eval'; "
          "connect-src 'self' ws: wss:; form-action 'none'; frame-ancestors 'none'")
NO_KEY = "coachtui: this address needs its key: open the link the server printed, with ?token=."


def say(line: str) -> None:
    """The server's one output: a line for the person who started it."""
    print(f"coachtui: {line}", flush=True)


def one_line(status: int, text: str) -> web.Response:
    return web.Response(status=status, text=text + "\n",
                        headers={"Content-Security-Policy": POLICY, "Cache-Control": "no-store"})


@dataclass
class Room:
    command: str  # the shell command that runs one session's app
    host: str
    token: str
    max_sessions: int
    idle_seconds: float
    folder: Path | None  # the temporary homes' folder; None when the server's journal is kept
    sessions: dict[asyncio.Task, str] = field(default_factory=dict)

    def application(self) -> web.Application:
        app = web.Application(middlewares=[one_line_errors], client_max_size=64 * 1024)
        static = Path(str(files("textual_serve") / "static"))
        app.add_routes([web.get("/", self.index), web.get("/ws/{token}", self.websocket),
                        web.static("/static", static)])
        app.on_shutdown.append(self.stop_sessions)
        return app

    def refused(self, request: web.Request, token: str) -> web.Response | None:
        """Why this request may not have the app (a one-line answer), or None if it may."""
        if not hmac.compare_digest(token.encode("utf-8", "replace"), self.token.encode()):
            return one_line(403, NO_KEY)
        named = host_name(request.host)
        if named is None:
            return one_line(400, "coachtui: bad request.")
        if is_loopback(self.host) and not is_loopback(named):
            return one_line(403, "coachtui: this server is for this machine only.")
        origin = request.headers.get("Origin")
        if origin is not None and netloc(origin) != request.host.lower():
            return one_line(403, "coachtui: not from another site.")
        return None

    def full(self) -> web.Response | None:
        if len(self.sessions) < self.max_sessions:
            return None
        return one_line(503, f"coachtui: the room is full ({self.max_sessions} sessions); "
                             "try again when someone leaves.")

    async def index(self, request: web.Request) -> web.Response:
        refusal = self.refused(request, request.query.get("token", "")) or self.full()
        if refusal is not None:
            return refusal
        scheme = "wss" if request.secure else "ws"
        socket_url = f"{scheme}://{request.host}/ws/{self.token}"
        page = PAGE.replace("{websocket_url}", html.escape(socket_url))
        return web.Response(text=page, content_type="text/html",
                            headers={"Content-Security-Policy": POLICY,
                                     "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        refusal = self.refused(request, request.match_info["token"]) or self.full()
        if refusal is not None:
            return refusal
        task = asyncio.current_task()
        assert task is not None
        number = secrets.token_hex(3)
        self.sessions[task] = number  # counted before anything is awaited: the cap holds
        home = None
        try:
            home = homes.make_session_home(self.folder) if self.folder else None
            return await self.run_session(request, number, home)
        finally:
            del self.sessions[task]
            if home:
                homes.remove(home)

    async def run_session(self, request: web.Request, number: str,
                          home: Path | None) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=MAX_MESSAGE,
                                          timeout=CLOSE_WAIT)
        await websocket.prepare(request)
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        environment = {paths.ENV_SERVED: "private" if home else "journal"}
        if home:
            environment[paths.ENV_HOME] = str(home)
        app = AppRunner(self.command, environment, write_bytes=websocket.send_bytes,
                        write_str=websocket.send_str, close=websocket.close,
                        download_manager=DownloadManager())
        say(f"session {number} started ({len(self.sessions)} of {self.max_sessions})")
        why = "crashed"
        try:
            await app.start(width, height)
            try:
                why = await relay(websocket, app, self.idle_seconds)
            finally:
                await app.stop()
        except asyncio.CancelledError:  # the server is stopping
            why = "stopped"
            await app.stop()
        except Exception:  # noqa: BLE001 - reported in one line, no details: they may hold text
            why = "crashed"
        finally:
            code = await app.end(EXIT_WAIT)
            if why != "stopped" and code != 0:
                why = "crashed"
            await websocket.close()
            say(f"session {number} " + {
                "left": "ended", "idle": "closed after being idle", "stopped": "stopped",
                "crashed": "ended unexpectedly"}[why])
        return websocket

    async def stop_sessions(self, app: web.Application) -> None:
        # Each session's handler waits on its browser; stopping it makes the app quit (its
        # draft saved) and end before the loop does.
        running = set(self.sessions)
        for task in running:
            task.cancel()
        if running:
            await asyncio.wait(running, timeout=STOP_WAIT)


@web.middleware
async def one_line_errors(request: web.Request, handler) -> web.StreamResponse:
    """Whatever goes wrong in a request is one line to the browser, never a traceback."""
    try:
        return await handler(request)
    except web.HTTPException as refusal:
        return one_line(refusal.status, f"coachtui: {refusal.reason.lower()}.")
    except (ValueError, UnicodeError):  # something in the request could not be read
        return one_line(400, "coachtui: bad request.")
    except Exception:  # noqa: BLE001 - details could hold text; the line says enough
        say("a request failed")
        return one_line(500, "coachtui: something went wrong on the server.")


PAGE = (files("coachtui.web") / "page.html").read_text("utf-8")
