"""The real `coachtui` in a pseudo-terminal paints home before it loads the playbooks."""

from __future__ import annotations

import os

from tests.test_signals import LEAVE_ALTERNATE_SCREEN, run_in_pty, stop, wait_for

# Run as `coachtui`, noting in a file when home is first painted and when the playbooks are
# discovered (the app's own loading, or the command line's before it).
NOTED = """
import sys
from pathlib import Path
import coachtui.store.playbooks as playbooks
from coachtui.ui.screens.home import HomeScreen
from coachtui import cli
log = Path(sys.argv[1])
def note(what):
    with log.open("a") as out:
        out.write(what + "\\n")
real_discover, shown = playbooks.discover, HomeScreen.on_screen_resume
def discover(*args, **kwargs):
    note("discover")
    return real_discover(*args, **kwargs)
def painted(self):
    shown(self)
    self.call_after_refresh(note, "painted")
playbooks.discover, HomeScreen.on_screen_resume = discover, painted
sys.exit(cli.main([]))
"""


def test_home_is_painted_before_the_playbooks_are_loaded(coachtui_home, tmp_path):
    log = tmp_path / "noted.txt"
    process, terminal, output = run_in_pty(coachtui_home, script=NOTED.replace(
        "sys.argv[1]", repr(str(log))))
    try:
        assert wait_for(lambda: log.exists() and log.read_text().split() == ["painted",
                                                                            "discover"], 30), \
            (log.read_text() if log.exists() else "nothing noted")
        assert wait_for(lambda: b"choose another scenario" in output, 30)  # then ready
        os.write(terminal, b"\x11")  # Ctrl+Q
        process.wait(timeout=30)
    finally:
        stop(process)
        os.close(terminal)
    assert process.returncode == 0


def test_a_walk_of_an_unknown_scenario_is_said_after_the_app_closes(coachtui_home):
    process, terminal, output = run_in_pty(coachtui_home, "walk", "no-such-thing")
    try:
        process.wait(timeout=60)
        assert wait_for(lambda: b"no scenario called" in output, 5)
    finally:
        stop(process)
        os.close(terminal)
    assert process.returncode == 2  # a usage error, as wherever an id is typed
    said = bytes(output).rpartition(LEAVE_ALTERNATE_SCREEN)[2].decode()
    assert "coachtui: no scenario called 'no-such-thing'; expected one of: " in said
    assert "late-shift" in said and "dolphin" in said
