"""`coachtui serve`: coachtui in web browsers, through textual-serve; each browser gets its own app.

textual-serve is an optional extra (`pip install "coachtui[web]"`). It, Textual and rich are
imported only when the server starts, so the rest of the command line stays light.

Each browser connection runs this module as a program (`python -m coachtui.commands.serve
--session`), which shows the home screen through Textual's web driver: `python -m coachtui`
would refuse, as it needs a terminal, and a browser session has pipes instead.
"""

from __future__ import annotations

import argparse
import importlib.util
import ipaddress
import os
import shlex
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time

from coachtui import paths

NEEDS_EXTRA = 'coachtui serve needs the web extra: pip install "coachtui[web]"'
STOP_WAIT = 10.0  # seconds the sessions get to close when the server stops


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "serve", help="serve coachtui to web browsers (needs the web extra)",
        description="Serve coachtui to web browsers with textual-serve: each browser gets its "
                    "own app, starting at the home screen. Needs the web extra: "
                    'pip install "coachtui[web]". Ctrl+C stops the server and every session.')
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default: 127.0.0.1, this machine only). "
                             "Any other address lets everyone who can reach it use the app")
    parser.add_argument("--port", type=_port, default=8000, help="the port (default: 8000)")
    parser.add_argument("--no-journal", action="store_true",
                        help="keep nothing: each browser session works in its own temporary "
                             "folder, deleted when the session ends (and all of them when the "
                             "server stops); nothing reaches your journal, drafts or settings")


def _port(text: str) -> int:
    value = int(text)
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError("give a port from 1 to 65535")
    return value


def run(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("textual_serve") is None:
        print(NEEDS_EXTRA, file=sys.stderr)
        return 1
    host, port = args.host, args.port
    problem = port_problem(host, port)
    if problem:
        print(f"coachtui: {problem}", file=sys.stderr)
        return 1
    if not is_loopback(host):
        print(f"coachtui: warning: listening on {host} port {port}, not only on this machine: "
              "anyone who can reach it can use coachtui"
              + ("" if args.no_journal else ", and read and write this machine's journal"),
              file=sys.stderr, flush=True)
    scratch = tempfile.mkdtemp(prefix="coachtui-serve-") if args.no_journal else None
    command = session_command(scratch, reduced_motion=bool(getattr(args, "reduced_motion", None)))
    try:
        _make_server(command, host, port, no_journal=scratch is not None).serve()
    except OSError as error:  # taken between the check and the start
        print(f"coachtui: cannot serve on {host} port {port}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on `host` and `port`, or None if it can.

    Each address the host stands for is bound the way the server will bind it, then let go.
    SO_REUSEADDR is set as the server sets it: it still refuses a port someone listens on,
    but not one whose last connections are closing (TIME_WAIT) after a restart."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                       flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        return f"cannot serve on {host}: {error.strerror or error}"
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            if os.name == "posix":
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
                probe.listen(1)
            except OSError as error:
                return (f"cannot serve on {host} port {port}: "
                        f"{error.strerror or error} (is another server using it?)")
    return None


def session_command(scratch: str | None, reduced_motion: bool = False) -> str:
    """The shell command each browser connection runs (textual-serve runs it through a shell)."""
    parts = [sys.executable, "-m", "coachtui.commands.serve", "--session"]
    if scratch:
        parts += ["--scratch", scratch]
    if reduced_motion:
        parts.append("--reduced-motion")
    if os.name != "posix":
        import subprocess

        return subprocess.list2cmdline(parts)
    return "exec " + shlex.join(parts)  # the app itself is the server's child: no shell between


def _make_server(command: str, host: str, port: int, no_journal: bool):
    import asyncio
    from urllib.parse import urlsplit

    from aiohttp import web
    from textual_serve.server import Server

    class CoachServer(Server):
        """textual-serve's server, with three changes:

        - the page points the browser back at the address it used (so a server on 0.0.0.0
          works from other machines, not only at "http://0.0.0.0:8000");
        - a web page from another site cannot open a session (a browser lets any site open a
          websocket to 127.0.0.1; the Origin header says which site asks);
        - on a server for this machine only, a request must name this machine (a site whose
          name is made to point at 127.0.0.1 cannot reach it);

        and it stops its sessions itself when it stops."""

        def __init__(self) -> None:
            super().__init__(command, host=host, port=port, title="coachtui")
            self.sessions: set[asyncio.Task] = set()

        def refused(self, request: web.Request) -> web.Response | None:
            if is_loopback(host) and not is_loopback(urlsplit(f"//{request.host}").hostname or ""):
                return web.Response(status=403, text="coachtui serves this machine only.\n")
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
                return web.Response(status=403, text="Not from another site.\n")
            return None

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            if (refusal := self.refused(request)) is not None:
                return refusal
            # textual-serve reads public_url at once, with nothing awaited in between
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
            if (refusal := self.refused(request)) is not None:
                return refusal
            task = asyncio.current_task()
            self.sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(task)

        async def on_startup(self, app: web.Application) -> None:
            shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
            shown = f"[{shown}]" if ":" in shown else shown
            elsewhere = " (or this machine's address)" if shown != host else ""
            kept = ("nothing is kept" if no_journal
                    else f"entries are saved in {paths.journal_dir()}")
            print(f"coachtui: serving on http://{shown}:{port}{elsewhere}; {kept}. "
                  "Ctrl+C stops it.", flush=True)

        async def on_shutdown(self, app: web.Application) -> None:
            # Each session's handler waits on its browser; stopping it makes textual-serve
            # tell the app to quit (its draft is saved) and wait for it to end.
            running = set(self.sessions)
            for task in running:
                task.cancel()
            if running:
                await asyncio.wait(running, timeout=STOP_WAIT)

    return CoachServer()


def session(argv: list[str]) -> int:
    """One browser's coachtui, run by the server: the home screen, through the web driver."""
    options = argparse.ArgumentParser(prog="coachtui-session")
    options.add_argument("--session", action="store_true", required=True)
    options.add_argument("--scratch")
    options.add_argument("--reduced-motion", action="store_true", default=None)
    args = options.parse_args(argv)
    if os.name == "posix":
        threading.Thread(target=_end_when_orphaned, args=(os.getppid(),), daemon=True).start()
    home = None
    if args.scratch:  # --no-journal: a home of its own, gone when the session ends
        home = tempfile.mkdtemp(prefix="session-", dir=args.scratch)
        os.environ[paths.ENV_HOME] = home
    try:
        from coachtui.ui.app import make_app

        make_app(reduced_motion=args.reduced_motion).run()
    finally:
        if home:
            shutil.rmtree(home, ignore_errors=True)
    return 0


def _end_when_orphaned(server: int) -> None:
    """If the server dies without stopping this session (kill -9, a crash), quit as on a
    shutdown, draft saved, instead of running on with no browser: the web driver does not
    quit when its input ends."""
    while os.getppid() == server:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)


if __name__ == "__main__":
    raise SystemExit(session(sys.argv[1:]))
