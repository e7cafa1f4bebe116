"""Ending the app from outside: signals and a terminal that went away.

SIGTERM (a shutdown), SIGHUP (the terminal closed), SIGINT sent from outside (the Ctrl+C
key itself arrives as a key) and a terminal gone from under the input reader (which raises
SIGHUP itself) all quit the way Ctrl+Q does: after the keys typed before them, keeping the
walk as a draft, putting the terminal back.

That path needs a working event loop, and Python runs a signal handler only when its main
thread gets round to it. So while the app runs, these signals are blocked in every thread
and one thread of their own waits for them (sigwait): it is told at once, whatever the
loop or any thread is doing. It asks the loop to quit as Ctrl+Q does, and starts a
watchdog that makes sure the process ends anyway: if the app is still running a few
seconds later (a thread stuck in a read, an exit stuck writing to a closed terminal), it
saves the draft from the answers it has, puts the terminal back as best it can and
leaves. Before, such an app ignored every later SIGHUP and SIGTERM and had to be killed
with -9, or spun at full speed for hours with no terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading

GRACE_SECONDS = 5.0
# Windows has no SIGHUP (nor sigwait): only the signals this platform has are handled.
QUIT_SIGNALS = {getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT")
                if hasattr(signal, name)}
# Leave the alternate screen, show the cursor, stop mouse and paste reporting.
RESTORE_TERMINAL = b"\x1b[?1049l\x1b[?25h\x1b[?1000l\x1b[?1003l\x1b[?1006l\x1b[?2004l"


class EndsCleanly:
    """A mixin for CoachApp, which provides `after_queued_keys`, `action_quit` and
    `save_draft_now` (the draft from the answers in hand, callable from any thread)."""

    _loop: asyncio.AbstractEventLoop | None = None  # set once the app is up

    def run(self, *args, **kwargs):
        with _signals_to_a_thread(self._on_quit_signal, quit_signals()):
            return super().run(*args, **kwargs)

    def stop_cleanly_on_signals(self) -> None:
        """From now on a signal quits through the loop (before, it just ends the process:
        nothing has been answered yet)."""
        self._loop = asyncio.get_running_loop()

    def _on_quit_signal(self, number: int) -> None:
        """In the signal thread: quit after the keys typed so far, and make sure of it."""
        threading.Thread(target=self._watchdog, args=(128 + number,), daemon=True,
                         name="coachtui-watchdog").start()
        if self._loop is None:
            self._end_now(128 + number)
        with contextlib.suppress(RuntimeError):  # the loop has closed: the app is ending
            self._loop.call_soon_threadsafe(self.after_queued_keys, self.action_quit)

    def _watchdog(self, status: int) -> None:
        threading.Event().wait(GRACE_SECONDS)
        self._end_now(status)  # still here: the clean way did not finish

    def _end_now(self, status: int) -> None:
        try:
            self.save_draft_now()
        finally:
            _restore_terminal(self)
            os._exit(status)


def quit_signals() -> set[int]:
    """The signals that quit this app. A browser's app under `coachtui serve` leaves SIGINT
    out, and ignores it: it has no terminal of its own (its Ctrl+C comes from the browser,
    as a key), so a SIGINT can only be the Ctrl+C typed in the server's terminal, which
    reaches the server's whole process group. The server then stops each session in
    order (its draft saved, its browser told); the app ending first, by itself, would be
    told as a session that ended rather than one the server stopped."""
    from coachtui import paths

    if os.environ.get(paths.ENV_SERVED) and hasattr(signal, "SIGINT"):
        return QUIT_SIGNALS - {signal.SIGINT}
    return set(QUIT_SIGNALS)


@contextlib.contextmanager
def _signals_to_a_thread(handle, signals: set[int]):
    """Block `signals` in this thread and every thread it starts, and hand the first one to
    `handle` in a thread that waits for them (the watchdog sees to the rest); the other
    quit signals are ignored meanwhile.

    A thread started before this (by a caller) still has them unblocked and may be the one
    the kernel picks: a plain handler catches those, so none ends the process outright."""
    if not (hasattr(signal, "pthread_sigmask") and hasattr(signal, "sigwait")):
        yield  # not on this platform: the draft saved on each answer still stands
        return
    received = threading.Event()

    def first_only(number: int, _frame=None) -> None:
        if not received.is_set():
            received.set()
            handle(number)

    handlers = {number: signal.signal(number, first_only if number in signals else signal.SIG_IGN)
                for number in QUIT_SIGNALS}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, signals)

    def wait() -> None:
        while True:  # later ones are swallowed: unblocked, they would end the clean-up
            first_only(signal.sigwait(signals))

    threading.Thread(target=wait, daemon=True, name="coachtui-signals").start()
    try:
        yield
    finally:
        if not received.is_set():  # else a second signal, pending, would kill what follows
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            for number, handler in handlers.items():
                signal.signal(number, handler)


def _restore_terminal(app) -> None:
    """Best effort, from any thread: the terminal may be gone already."""
    try:
        fd = sys.__stdout__.fileno()
        os.set_blocking(fd, False)
        os.write(fd, RESTORE_TERMINAL)
        attributes = getattr(app._driver, "attrs_before", None)
        if attributes is not None:
            import termios

            termios.tcsetattr(sys.__stdin__.fileno(), termios.TCSANOW, attributes)
    except Exception:  # noqa: BLE001 - nothing more can be done for a closed terminal
        pass
