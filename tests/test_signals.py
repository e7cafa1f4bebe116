"""A real coachtui in a pseudo-terminal: signals, kill -9 and odd terminals keep the walk."""

from __future__ import annotations

import fcntl
import os
import select
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


def set_window_size(terminal: int, rows: int, columns: int) -> None:
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def run_in_pty(home, *args: str, env: dict[str, str | None] | None = None,
               size: tuple[int, int] = (24, 80), script: str | None = None,
               ) -> tuple[subprocess.Popen, int, bytearray]:
    """Start coachtui on a fresh pseudo-terminal of `size` (rows, columns); `env` overrides
    the environment, a value of None removing that variable. `script` runs Python code
    instead of `coachtui ARGS` (to start it with something patched)."""
    main_fd, child_fd = os.openpty()
    set_window_size(child_fd, *size)
    overrides = {"COACHTUI_HOME": str(home), "TERM": "xterm-256color", **(env or {})}
    env = {**os.environ, **overrides}
    env = {name: value for name, value in env.items() if value is not None}
    command = ["-c", script] if script else ["-m", "coachtui", *args]
    process = subprocess.Popen([sys.executable, *command], stdin=child_fd,
                               stdout=child_fd, stderr=child_fd, env=env, close_fds=True,
                               start_new_session=True)
    os.close(child_fd)
    output = bytearray()

    def drain() -> None:  # keep reading so the app never blocks on a full terminal
        while True:
            # Wait in select, not in read: a thread blocked in read keeps the terminal open
            # after a test closes it (to act out a closed window).
            try:
                if not select.select([main_fd], [], [], 0.05)[0]:
                    continue
                chunk = os.read(main_fd, 65536)
            except (OSError, ValueError):
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


def draft_of(drafts) -> dict:
    """The one draft's answers as saved on disk ({} while there is none yet)."""
    found = list(drafts.glob("*.toml"))
    assert len(found) <= 1, f"one walk, one draft: {found}"
    return tomllib.loads(found[0].read_text("utf-8")) if found else {}


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=lambda number: number.name)
def test_a_signal_mid_walk_keeps_the_draft_and_restores_the_terminal(coachtui_home, signal_number):
    process, terminal, output = run_in_pty(coachtui_home, "walk", "dolphin")
    try:
        drafts = coachtui_home / "drafts"
        # (No draft yet: a walk with nothing answered is not kept; the rating makes one.)
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
    if signal_number != signal.SIGHUP:  # SIGINT from outside (kill -INT) acts as SIGTERM does
        assert wait_for(lambda: LEAVE_ALTERNATE_SCREEN in output, 5), "terminal left in app mode"


# What each step shows first once it is on screen (dolphin's usual path is frictionless,
# whose Act list opens with "No added effort"). A key sent before that may find no step.
STEP_HEADINGS = {
    "greet": b"See them first",
    "read": b"What are they showing you?",
    "decide": b"Suggested",
    "act": b"No added effort",
    "reflect": b"What happened?",
}


def walk_to_reflect(terminal: int, output: bytearray, drafts) -> None:
    """Enter through every step, each one saved and shown before the next key."""
    assert wait_for(lambda: b"How wound up" in output, 30), "the first step never appeared"
    shown = len(output)
    os.write(terminal, b"\r")  # past the rating (none given) to the breath
    assert wait_for(lambda: b"Breath 1 of" in output[shown:], 10), "the breath never started"
    for step, heading in STEP_HEADINGS.items():
        shown = len(output)
        os.write(terminal, b"r" if step == "reflect" else b"\r")  # Act: r goes on to Reflect
        assert wait_for(lambda: draft_of(drafts).get("step") == step
                        and heading in output[shown:], 10), f"the walk never reached {step}"


def test_kill_9_mid_typing_loses_at_most_the_words_not_yet_autosaved(coachtui_home):
    """No handler runs on SIGKILL: what is on disk is the last autosave, whole and readable."""
    from coachtui.ui.session_actions import AUTOSAVE_DELAY

    words, unsaved = "They laughed in the end", " and then"
    drafts = coachtui_home / "drafts"
    process, terminal, output = run_in_pty(coachtui_home, "walk", "dolphin")
    try:
        walk_to_reflect(terminal, output, drafts)  # What happened? has the focus
        os.write(terminal, words.encode())
        assert wait_for(lambda: draft_of(drafts).get("what_happened") == words,
                        AUTOSAVE_DELAY + 4), "typed words were never autosaved"
        typed_at = time.monotonic()
        os.write(terminal, unsaved.encode())  # still typing when the kill comes
        process.kill()
        killed_after = time.monotonic() - typed_at
        process.wait(timeout=15)
    finally:
        stop(process)
    assert process.returncode == -signal.SIGKILL
    [draft] = list(drafts.glob("*.toml"))
    saved = tomllib.loads(draft.read_text("utf-8"))  # valid TOML, not half a file
    assert saved["playbook_id"] == "dolphin" and saved["step"] == "reflect"
    if killed_after < AUTOSAVE_DELAY:  # the unsaved words' autosave cannot have started
        assert saved["what_happened"] == words
        assert not list(drafts.glob(".*.tmp")), "no write was under way, so no temp file"
    else:  # a very slow machine: that autosave may have run, but only whole
        assert saved["what_happened"] in (words, words + unsaved)


def rate_and_quit(process: subprocess.Popen, terminal: int, output: bytearray, drafts,
                  rating: int, *, since: int | None = 0) -> None:
    """Rate "how wound up" once the step is drawn (in `output[since:]`), then Ctrl+Q: exit 0,
    the rating kept and the terminal put back.

    `since=None` is for a window too small to show any text. The digit is sent again (it only
    sets the same rating) until its autosave shows it arrived; Ctrl+Q typed in the same
    instant is another matter, see test_ctrl_q_typed_ahead_of_its_answer_keeps_the_answer.
    """
    # (No draft before the first answer: a walk with nothing answered is not kept.)
    if since is not None:
        assert wait_for(lambda: b"How wound up" in output[since:], 30), output[-500:]
    deadline = time.monotonic() + (20 if since is not None else 40)
    while draft_of(drafts).get("stress_before") != rating:
        assert time.monotonic() < deadline, f"the rating never arrived: {output[-500:]}"
        os.write(terminal, str(rating).encode())
        wait_for(lambda: draft_of(drafts).get("stress_before") == rating, 1.5)
    os.write(terminal, b"\x11")  # Ctrl+Q
    process.wait(timeout=15)
    assert process.returncode == 0, output[-500:]
    assert draft_of(drafts)["stress_before"] == rating
    assert wait_for(lambda: LEAVE_ALTERNATE_SCREEN in output, 5), "terminal left in app mode"


C_LOCALE = {**{name: None for name in os.environ if name.startswith("LC_")},
            "LC_ALL": "C", "LANG": "C"}


@pytest.mark.parametrize("env, size", [
    pytest.param({"TERM": "dumb"}, (24, 80), id="TERM=dumb"),
    pytest.param(C_LOCALE, (24, 80), id="C-locale"),
    pytest.param({"NO_COLOR": "1"}, (24, 80), id="NO_COLOR"),
    pytest.param({}, (12, 40), id="40x12"),
    pytest.param({}, (1, 1), id="1x1"),  # no text fits: see rate_and_quit
])
def test_an_odd_terminal_still_runs_the_walk_and_keeps_the_answer(coachtui_home, env, size):
    """People run coachtui over old ssh sessions, in tiny panes and with colour off."""
    process, terminal, output = run_in_pty(coachtui_home, "walk", "dolphin", env=env, size=size)
    try:
        rate_and_quit(process, terminal, output, coachtui_home / "drafts", 7,
                      since=None if size == (1, 1) else 0)
    finally:
        stop(process)


RESIZES = [(1, 1), (5, 20), (60, 200), (12, 40), (24, 80)] * 10  # rows, columns


def test_a_storm_of_resizes_neither_crashes_nor_loses_the_answer(coachtui_home):
    """Dragging a window edge sends a burst of SIGWINCH, some through sizes too small to draw."""
    drafts = coachtui_home / "drafts"
    process, terminal, output = run_in_pty(coachtui_home, "walk", "dolphin")
    try:
        assert wait_for(lambda: b"How wound up" in output, 30), output[-500:]
        storm_began = len(output)
        for rows, columns in RESIZES:
            set_window_size(terminal, rows, columns)
            process.send_signal(signal.SIGWINCH)  # no controlling terminal to send it for us
            time.sleep(0.005)
        # Back at 80x24 the step is drawn again in full, then answered as usual. (A busy
        # machine may read the final size at an earlier signal and draw it then: so look
        # from the start of the storm, not from the last signal.)
        rate_and_quit(process, terminal, output, drafts, 3, since=storm_began)
    finally:
        stop(process)


def test_ctrl_q_typed_ahead_of_its_answer_keeps_the_answer(coachtui_home):
    """Over a slow ssh link, or pasted, keys come in one burst: Ctrl+Q right behind an answer
    must not overtake it, as "Ctrl+Q loses nothing" is the promise."""
    drafts = coachtui_home / "drafts"
    process, terminal, output = run_in_pty(coachtui_home, "walk", "dolphin")
    try:
        assert wait_for(lambda: b"How wound up" in output, 30), output[-500:]
        os.write(terminal, b"5")  # once this is autosaved, the rating has the keys
        assert wait_for(lambda: draft_of(drafts).get("stress_before") == 5, 5), output[-500:]
        os.write(terminal, b"7\x11")  # one read: the rating 7, then Ctrl+Q
        process.wait(timeout=15)
    finally:
        stop(process)
    assert process.returncode == 0
    assert draft_of(drafts)["stress_before"] == 7, "Ctrl+Q overtook the 7 typed just before it"
