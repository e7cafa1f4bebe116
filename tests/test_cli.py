"""The command line: version, help, locate, and a clear exit without a terminal."""

from __future__ import annotations

import subprocess
import sys

from coachtui import __version__


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coachtui", *args], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, **kwargs)


def test_version():
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"coachtui {__version__}"


def test_help_lists_commands():
    done = run("--help")
    assert done.returncode == 0
    assert "locate" in done.stdout and "walk" in done.stdout


def test_locate_prints_the_home_from_the_environment(coachtui_home):
    done = run("locate")
    assert done.returncode == 0
    assert f"journal    {coachtui_home / 'journal'}" in done.stdout
    assert not coachtui_home.exists(), "locate only tells; it creates nothing"


def test_without_a_terminal_the_tui_exits_with_code_2():
    done = run()
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr


def test_walk_with_an_unknown_scenario_lists_the_known_ones():
    done = run("walk", "no-such-thing")
    assert done.returncode == 1
    assert "no scenario called 'no-such-thing'" in done.stderr
    assert "late-shift" in done.stderr and "dolphin" in done.stderr
