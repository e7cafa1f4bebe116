"""Ending the app from outside: signals and a terminal that went away.

SIGTERM (a shutdown), SIGHUP (the terminal closed), SIGINT sent from outside (the Ctrl+C
key itself arrives as a key) and a terminal gone from under the input reader all quit the
way Ctrl+Q does: after the keys typed before them, keeping the walk as a draft, putting
the terminal back.

That path needs a working event loop. A watchdog thread, started by the first signal,
makes sure the process ends anyway: if the app is still running a few seconds later (a
thread stuck in a read, an exit stuck writing to a closed terminal) it saves the draft
from the answers it has, puts the terminal back as best it can and leaves. A second signal
does the same at once. Before, such an app ignored every later SIGHUP and SIGTERM and had
to be killed with -9, or spun at full speed for hours with no terminal.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading

GRACE_SECONDS = 5.0
QUIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
# Leave the alternate screen, show the cursor, stop mouse and paste reporting.
RESTORE_TERMINAL = b"\x1b[?1049l\x1b[?25h\x1b[?1000l\x1b[?1003l\x1b[?1006l\x1b[?2004l"


class EndsCleanly:
    """A mixin for CoachApp, which provides `after_queued_keys`, `action_quit` and
    `save_draft_now` (the draft from the answers in hand, callable from any thread)."""

    _ending = False

    def stop_cleanly_on_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for number in QUIT_SIGNALS:
            try:
                loop.add_signal_handler(number, self._on_quit_signal, number)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not on this platform: the draft saved on each answer still stands

    def _on_quit_signal(self, number: int = signal.SIGHUP) -> None:
        if self._ending:
            self._end_now(128 + number)  # asked twice: no more waiting
        self._ending = True
        threading.Thread(target=self._watchdog, args=(128 + number,), daemon=True,
                         name="coachtui-watchdog").start()
        self.after_queued_keys(self.action_quit)

    def on_terminal_lost(self, _message) -> None:
        self._on_quit_signal(signal.SIGHUP)

    def _watchdog(self, status: int) -> None:
        threading.Event().wait(GRACE_SECONDS)
        self._end_now(status)  # still here: the clean way did not finish

    def _end_now(self, status: int) -> None:
        try:
            self.save_draft_now()
        finally:
            _restore_terminal(self)
            os._exit(status)


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
