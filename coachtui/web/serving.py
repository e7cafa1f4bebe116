"""Run the room until Ctrl+C (or SIGTERM): quiet logs, its link printed, a quiet stop."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from coachtui import paths
from coachtui.web.room import Room, say


def serve_room(*, command: str, host: str, port: int, token: str, max_sessions: int,
               idle_seconds: float, folder: Path | None) -> int:
    """Serve until stopped; 0 after a stop, 1 (with one line) if the port cannot be had."""
    from aiohttp import web

    quiet_logs()
    one_line_protocol_errors()
    room = Room(command=command, host=host, token=token, max_sessions=max_sessions,
                idle_seconds=idle_seconds, folder=folder)
    app = room.application()

    async def announce(app: web.Application) -> None:
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        shown = f"[{shown}]" if ":" in shown else shown
        elsewhere = " (or this machine's address)" if shown != host else ""
        kept = (f"every browser with the link reads and writes the journal in "
                f"{paths.journal_dir()}" if folder is None
                else "nothing is kept after a browser tab closes")
        say(f"serving on http://{shown}:{port}/?token={token}{elsewhere}; {kept}; "
            f"at most {max_sessions} browsers at once. Ctrl+C stops it.")

    app.on_startup.append(announce)
    try:
        # aiohttp makes its own loop, turns SIGINT and SIGTERM into a graceful stop (the
        # sessions end first, see Room.stop_sessions) and closes the loop after everything.
        web.run_app(app, host=host, port=port, print=None, access_log=None,
                    handle_signals=True, shutdown_timeout=5.0)
    except OSError as error:  # the port was taken between the check and the start
        print(f"coachtui: cannot serve on {host} port {port}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl+C before aiohttp took over the signal
        pass
    return 0


def one_line_protocol_errors() -> None:
    """A request aiohttp cannot even parse (a header without a colon, TLS on this port) is
    answered by aiohttp itself, with what was sent quoted over several lines. Its answer is
    made here one line too, like every other refusal of the room.

    aiohttp has no option for it: its connection handler is subclassed and put where its
    server makes handlers (this process serves nothing else)."""
    from aiohttp import web_protocol, web_server

    from coachtui.web.room import one_line

    class OneLineErrors(web_protocol.RequestHandler):
        def handle_error(self, request, status: int = 500, exc=None, message=None):
            super().handle_error(request, status, exc, message)  # its checks; the log is muted
            answer = one_line(status, "coachtui: bad request." if status < 500
                              else "coachtui: something went wrong on the server.")
            answer.force_close()
            return answer

    web_server.RequestHandler = OneLineErrors  # type: ignore[misc]


def quiet_logs() -> None:
    """Nothing from the libraries' logs reaches the output: their messages and tracebacks can
    carry what a person typed (textual-serve's even its local variables). The room says what
    matters itself, in lines of its own."""
    logging.basicConfig(handlers=[logging.NullHandler()], force=True)
    logging.getLogger().setLevel(logging.CRITICAL + 1)
