"""`coachtui serve`: coachtui in web browsers, for a workshop room; each browser its own app.

textual-serve is an optional extra (`pip install "coachtui[web]"`). It, aiohttp, Textual and
rich are imported only when the server starts, so the rest of the command line stays light. The
server itself is coachtui/web/room.py; this module is its command line, and the program each
browser's app runs as.

Each browser connection runs this module as a program (`python -m coachtui.commands.serve
--session`), which shows the home screen through Textual's web driver: `python -m coachtui`
would refuse, as it needs a terminal, and a browser session has pipes instead.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shlex
import signal
import socket
import sys
import threading
import time
from pathlib import Path

from coachtui.commands.examples import examples
from coachtui import paths
from coachtui.web.addresses import is_loopback

NEEDS_EXTRA = 'coachtui serve needs the web extra: pip install "coachtui[web]"'
TOKEN = re.compile(r"[A-Za-z0-9._~-]{4,64}")  # fits in a URL as it is
SESSION_MEMORY = 150 * 1024 * 1024  # bytes a session may take, with room to spare


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "serve", help="serve coachtui to web browsers (needs the web extra)",
        description="Serve coachtui to web browsers with textual-serve, for a workshop room: "
                    "each browser gets its own app and its own temporary home, removed when "
                    "its tab closes. Open the link the server prints: it carries the room's key. "
                    'Needs the web extra: pip install "coachtui[web]". Ctrl+C stops the server '
                    "and every session.",
        **examples("coachtui serve",
                   "coachtui serve --host 0.0.0.0 --token room7 --max-sessions 30"))
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default: 127.0.0.1, this machine only). "
                             "Any other address lets everyone who can reach it and has the link "
                             "use the app")
    parser.add_argument("--port", type=_port, default=8000, help="the port (default: 8000)")
    parser.add_argument("--token", type=_token,
                        help="the room's key, in the link (default: a new random one each start); "
                             "4 to 64 letters, digits or . _ ~ -")
    parser.add_argument("--max-sessions", type=_positive, default=None, metavar="N",
                        help="how many browsers at once (default: sized to this machine, "
                             f"now {default_max_sessions()})")
    parser.add_argument("--idle-minutes", type=_minutes, default=120.0, metavar="M",
                        help="close a session after this long without a key pressed "
                             "(default: 120)")
    parser.add_argument("--journal", action="store_true",
                        help="keep this machine's journal, drafts and settings for every browser "
                             "(for one person using their own browser): anyone with the link can "
                             "then read and write them")
    # Nothing kept has become the default: the old flag still works, and says nothing new.
    parser.add_argument("--no-journal", action="store_true", help=argparse.SUPPRESS)


def _port(text: str) -> int:
    value = int(text)
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError("give a port from 1 to 65535")
    return value


def _token(text: str) -> str:
    if not TOKEN.fullmatch(text):
        raise argparse.ArgumentTypeError("give 4 to 64 letters, digits or . _ ~ -")
    return text


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("give a number from 1 up")
    return value


def _minutes(text: str) -> float:
    value = float(text)
    if not 0 < value <= 7 * 24 * 60:
        raise argparse.ArgumentTypeError("give minutes above 0, at most a week")
    return value


def default_max_sessions() -> int:
    """20 sessions a core (40 on 2 cores), fewer if the memory would not hold them."""
    cores = os.cpu_count() or 1
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # not on every system
        memory = 0
    by_memory = memory // SESSION_MEMORY if memory > 0 else 20 * cores
    return max(1, min(20 * cores, by_memory))


def run(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("textual_serve") is None:
        print(NEEDS_EXTRA, file=sys.stderr)
        return 1
    host, port = args.host, args.port
    problem = port_problem(host, port)
    if problem:
        print(f"coachtui: {problem}", file=sys.stderr)
        return 1
    from coachtui.web import homes

    homes.remove_leftovers()  # what killed servers of this user left: typed text in drafts
    if not is_loopback(host):
        print(f"coachtui: warning: listening on {host} port {port}, not only on this machine: "
              "anyone who can reach it and has the link can use coachtui"
              + (", and read and write this machine's journal" if args.journal else ""),
              file=sys.stderr, flush=True)
    folder = None if args.journal else homes.make_server_folder()
    try:
        import secrets  # (here, not at the top: every start of coachtui reads this module)

        from coachtui.web.serving import serve_room

        return serve_room(
            command=session_command(reduced_motion=bool(getattr(args, "reduced_motion", None))),
            host=host, port=port, token=args.token or secrets.token_urlsafe(18),
            max_sessions=args.max_sessions or default_max_sessions(),
            idle_seconds=args.idle_minutes * 60, folder=folder)
    finally:
        if folder:
            homes.remove(folder)


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


def session_command(reduced_motion: bool = False) -> str:
    """The shell command each browser connection runs (textual-serve runs it through a shell).

    Its error output goes nowhere: textual-serve would copy it to the server's output, and a
    crash report holds the local variables of the app, text a person typed among them."""
    parts = [sys.executable, "-m", "coachtui.commands.serve", "--session"]
    if reduced_motion:
        parts.append("--reduced-motion")
    if os.name != "posix":
        import subprocess

        return subprocess.list2cmdline(parts) + " 2>NUL"
    return "exec " + shlex.join(parts) + " 2>/dev/null"  # the app is the server's child


def session(argv: list[str]) -> int:
    """One browser's coachtui, run by the server: the home screen, through the web driver."""
    options = argparse.ArgumentParser(prog="coachtui-session")
    options.add_argument("--session", action="store_true", required=True)
    options.add_argument("--reduced-motion", action="store_true", default=None)
    args = options.parse_args(argv)
    if os.name == "posix":
        threading.Thread(target=_end_when_orphaned, args=(os.getppid(),), daemon=True).start()
    try:
        from coachtui.ui.app import make_app

        app = make_app(reduced_motion=args.reduced_motion)
        app.run()
        return app.return_code or 0
    finally:
        _remove_own_home()


def _remove_own_home() -> None:
    """A private session removes its home itself too: its server may be gone (kill -9)."""
    if os.environ.get(paths.ENV_SERVED) != "private":
        return
    from coachtui.web import homes

    home = Path(os.environ.get(paths.ENV_HOME, ""))
    if homes.is_session_home(home):
        homes.remove(home)


def _end_when_orphaned(server: int) -> None:
    """If the server dies without stopping this session (kill -9, a crash), quit as on a
    shutdown, draft saved, instead of running on with no browser: the web driver does not
    quit when its input ends."""
    while os.getppid() == server:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)


if __name__ == "__main__":
    raise SystemExit(session(sys.argv[1:]))
