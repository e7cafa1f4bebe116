"""Ctrl+C outside the app's screens stops a command quietly: exit 130, no traceback.

`serve` printed a KeyboardInterrupt traceback (3.13's coloured one, through aiohttp's
imports) when Ctrl+C came while it started, before its server took the signal over;
`reflect -` did while it waited for its text."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coachtui import cli

ROOT = Path(__file__).resolve().parents[1]


def test_an_interrupt_anywhere_in_a_command_is_exit_130_without_a_traceback(monkeypatch, capsys):
    def interrupted(argv=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "dispatch", interrupted)
    assert cli.main(["serve"]) == 130
    out, err = capsys.readouterr()
    assert (out, err) == ("", "\n")


def _reading_standard_input(pid: int) -> bool:
    """Whether the process is blocked reading fd 0 (Linux: its current system call)."""
    try:
        wchan = Path(f"/proc/{pid}/wchan").read_text()
        syscall = Path(f"/proc/{pid}/syscall").read_text()
    except OSError:
        return False
    return "pipe_read" in wchan or syscall.startswith("0 0x0 ")


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs Linux's /proc")
def test_ctrl_c_while_reflect_waits_for_its_text(tmp_path):
    env = {**os.environ, "COACHTUI_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "coachtui", "reflect", "-"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 30
        while not _reading_standard_input(process.pid):
            assert time.monotonic() < deadline, "it never started reading"
            assert process.poll() is None
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130
    assert b"Traceback" not in err and err == b"\n"
    assert out == b""
    assert not (tmp_path / "journal").exists(), "nothing saved"
