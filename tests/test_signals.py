"""A real coachtui in a pseudo-terminal: SIGTERM and SIGHUP keep the walk and restore the terminal."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
import tomllib

import pytest

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"


def run_in_pty(home, *args: str) -> tuple[subprocess.Popen, int, bytearray]:
    main_fd, child_fd = os.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "COACHTUI_HOME": str(home), "TERM": "xterm-256color"}
    process = subprocess.Popen([sys.executable, "-m", "coachtui", *args], stdin=child_fd,
                               stdout=child_fd, stderr=child_fd, env=env, close_fds=True,
                               start_new_session=True)
    os.close(child_fd)
    output = bytearray()

    def drain() -> None:  # keep reading so the app never blocks on a full terminal
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            output.extend(chunk)

    threading.Thread(target=drain, daemon=True).start()
    return process, main_fd, output


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_mid_walk_keeps_the_draft_and_restores_the_terminal(coachtui_home, signal_number):
    process, terminal, output = run_in_pty(coachtui_home, "walk", "dolphin")
    try:
        drafts = coachtui_home / "drafts"
        assert wait_for(lambda: any(drafts.glob("*.toml")), 30), output[-500:]
        assert wait_for(lambda: b"How wound up" in output, 30), "the first step never appeared"
        os.write(terminal, b"6")  # rate "wound up" 6, then stop before the delayed autosave
        time.sleep(0.5)
        process.send_signal(signal_number)
        process.wait(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, "the app should stop cleanly, not be killed by the signal"
    [draft] = list(drafts.glob("*.toml"))
    saved = tomllib.loads(draft.read_text("utf-8"))
    assert saved["playbook_id"] == "dolphin"
    assert saved["stress_before"] == 6, "the last answer is flushed on the way out"
    if signal_number == signal.SIGTERM:
        assert wait_for(lambda: LEAVE_ALTERNATE_SCREEN in output, 5), "terminal left in app mode"
