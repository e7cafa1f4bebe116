"""Raw bytes through a real pseudo-terminal: key bursts, pastes, stray bytes, joiners, and
a terminal that goes away. Only a real pty shows how keys arrive in one read."""

from __future__ import annotations

import os
import random
import re
import signal
import string
import subprocess
import sys
import time
import tomllib

import pytest

from tests.test_signals import run_in_pty, stop, wait_for

CTRL_S = b"\x13"
QUICK_FORM = b"What happened?"
HOME = b"log a moment after the fact"  # a line of the home card
PASTE_START, PASTE_END = b"\x1b[200~", b"\x1b[201~"


def shown_text(output: bytes) -> bytes:
    """What the terminal shows, without the escape sequences that split words apart."""
    return re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", bytes(output))


def entries(home) -> list[dict]:
    return [tomllib.loads(path.read_text("utf-8"))
            for path in sorted((home / "journal").glob("*/*.toml"))]


def drafts(home) -> list[dict]:
    return [tomllib.loads(path.read_text("utf-8")) for path in (home / "drafts").glob("*.toml")]


def open_quick_form(terminal: int, output: bytearray, *, from_home: bool) -> None:
    shown = len(output)
    if from_home:
        assert wait_for(lambda: HOME in output[shown - 4000:], 20), output[-800:]
        os.write(terminal, b"l")
    assert wait_for(lambda: QUICK_FORM in output[shown:], 30), output[-800:]
    time.sleep(0.05)  # the form's first paint is out; its box takes focus in the same frame


def burst_text(rng: random.Random) -> str:
    alphabet = string.ascii_letters + string.digits + "  ,.;'()[]!-" + "éøß日本語😀"
    words = "".join(rng.choice(alphabet) for _ in range(rng.randint(8, 60)))
    return "w" + words.strip() + "z"  # no blank at either end: the model trims those


@pytest.mark.parametrize("stalled", [False, True], ids=["typing", "app-stalled"])
def test_ctrl_s_typed_in_a_burst_saves_every_word_before_it(coachtui_home, stalled):
    """200 bursts of text with Ctrl+S in the same write (and 20 while the app is stopped,
    so the whole burst waits in one read): every entry holds every word."""
    rounds = 20 if stalled else 200
    rng = random.Random(11)
    process, terminal, output = run_in_pty(coachtui_home, "reflect")
    journal = coachtui_home / "journal"
    typed = []
    try:
        open_quick_form(terminal, output, from_home=False)
        for number in range(rounds):
            text = burst_text(rng)
            typed.append(text)
            if stalled:
                process.send_signal(signal.SIGSTOP)
            os.write(terminal, text.encode() + CTRL_S)
            if stalled:
                time.sleep(0.05)
                process.send_signal(signal.SIGCONT)
            assert wait_for(lambda: len(list(journal.glob("*/*.toml"))) == number + 1, 20), \
                f"burst {number} was not saved: {output[-800:]}"
            shown = len(output)
            os.write(terminal, b"\r")  # the closing screen: back home
            assert wait_for(lambda: HOME in output[shown:], 20)
            open_quick_form(terminal, output, from_home=True)
    finally:
        stop(process)
    saved = sorted(entry["what_happened"] for entry in entries(coachtui_home))
    assert saved == sorted(typed)
    assert drafts(coachtui_home) == [], "each saved reflection's draft is gone"


def quit_and_read_draft(process, terminal, home) -> dict:
    os.write(terminal, b"\x11")  # Ctrl+Q keeps the form as a draft
    process.wait(timeout=15)
    [draft] = drafts(home)
    return draft


def test_a_paste_is_text_even_when_it_holds_escape_sequences_and_key_bytes(coachtui_home):
    """A copied terminal title sequence followed by Ctrl+S's byte, inside a bracketed paste:
    nothing is saved, the words stay in order, the escape bytes are removed and counted."""
    pasted = b"my words \x1b]0;x" + CTRL_S + b" and more \x1b[A words"
    process, terminal, output = run_in_pty(coachtui_home, "reflect")
    try:
        open_quick_form(terminal, output, from_home=False)
        shown = len(output)
        os.write(terminal, PASTE_START + pasted + PASTE_END)
        assert wait_for(lambda: b"Removed 3 control" in shown_text(output[shown:]), 10), \
            output[-800:]
        time.sleep(0.3)
        assert entries(coachtui_home) == [], "a pasted key byte saved the entry"
        draft = quit_and_read_draft(process, terminal, coachtui_home)
    finally:
        stop(process)
    assert draft["what_happened"] == "my words ]0;x and more [A words"


def test_a_paste_split_across_reads_is_still_one_paste(coachtui_home):
    process, terminal, output = run_in_pty(coachtui_home, "reflect")
    try:
        open_quick_form(terminal, output, from_home=False)
        whole = PASTE_START + "first half, second half".encode() + PASTE_END
        for piece in (whole[:3], whole[3:15], whole[15:-2], whole[-2:]):
            os.write(terminal, piece)
            time.sleep(0.02)
        os.write(terminal, b" typed" + CTRL_S)
        assert wait_for(lambda: len(entries(coachtui_home)) == 1, 20), output[-800:]
    finally:
        stop(process)
    assert entries(coachtui_home)[0]["what_happened"] == "first half, second half typed"


def test_bytes_that_are_not_utf8_are_replaced_with_a_notice_and_the_app_goes_on(coachtui_home):
    process, terminal, output = run_in_pty(coachtui_home, "reflect")
    try:
        open_quick_form(terminal, output, from_home=False)
        shown = len(output)
        os.write(terminal, b"caf\xe9 and \xff\xfe done")  # Latin-1 and two stray bytes
        assert wait_for(lambda: b"could not be" in shown_text(output[shown:])
                        and b"UTF-8" in shown_text(output[shown:]), 10), \
            output[-800:]
        os.write(terminal, PASTE_START + b"pasted \xe9" + PASTE_END + CTRL_S)
        assert wait_for(lambda: len(entries(coachtui_home)) == 1, 20), output[-800:]
        assert process.poll() is None, "the app ended"
    finally:
        stop(process)
    assert entries(coachtui_home)[0]["what_happened"] == "caf\ufffd and \ufffd\ufffd donepasted \ufffd"


def test_typed_joiners_are_kept_like_pasted_ones(coachtui_home):
    family = "👨\u200d👩\u200d👧"  # an emoji family: joined by zero-width joiners
    persian = "می\u200cخواهم"  # a zero-width non-joiner inside a Persian word
    process, terminal, output = run_in_pty(coachtui_home, "reflect")
    try:
        open_quick_form(terminal, output, from_home=False)
        for character in family + " " + persian:  # one key at a time, as typed
            os.write(terminal, character.encode())
            time.sleep(0.01)
        os.write(terminal, CTRL_S)
        assert wait_for(lambda: len(entries(coachtui_home)) == 1, 20), output[-800:]
    finally:
        stop(process)
    assert entries(coachtui_home)[0]["what_happened"] == family + " " + persian


# coachtui whose start-up read hangs for ever (as a FIFO once made one do).
HANGING_START = """
import sys, threading
import coachtui.store.journal as journal
journal.latest = lambda *args, **kwargs: threading.Event().wait()  # a read that never returns
from coachtui.cli import main
sys.exit(main(["reflect"]))
"""


@pytest.mark.parametrize("how", ["SIGHUP", "SIGTERM", "terminal-closed"])
def test_an_app_with_a_hung_read_still_ends_when_told_or_when_its_terminal_goes(coachtui_home,
                                                                                   how):
    from coachtui.ui.shutdown import GRACE_SECONDS

    process, terminal, output = run_in_pty(coachtui_home, script=HANGING_START)
    try:
        # Home is drawn, but its card waits for the loading that never ends.
        assert wait_for(lambda: b"(loading" in output, 30), output[-800:]
        if how == "terminal-closed":
            os.close(terminal)
        else:
            process.send_signal(getattr(signal, how))
        process.wait(timeout=GRACE_SECONDS + 10)
    finally:
        stop(process)
    assert process.returncode is not None


def test_keys_typed_after_enter_act_on_the_next_step(coachtui_home):
    """Enter (continue) and a key after it in one burst: the key acts on the step Enter
    led to (here `f` on Decide), not on the one Enter left."""
    process, terminal, output = run_in_pty(coachtui_home, "walk", "dolphin")
    try:
        assert wait_for(lambda: b"How wound up" in output, 30), output[-800:]
        for heading in (b"See them first", b"What are they showing you?"):
            shown = len(output)
            os.write(terminal, b"\r")
            assert wait_for(lambda: heading in output[shown:], 20), output[-800:]
        time.sleep(0.1)
        os.write(terminal, b"\rf")  # Read -> Decide, then "stay frictionless" at once
        assert wait_for(lambda: any(draft.get("decision") == "frictionless"
                                    for draft in drafts(coachtui_home)), 10), output[-800:]
        os.write(terminal, b"\x11")
        process.wait(timeout=15)
    finally:
        stop(process)
    [draft] = drafts(coachtui_home)
    assert draft["decision"] == "frictionless"


def start_on_controlling_terminal(home) -> tuple[subprocess.Popen, int]:
    """coachtui whose pty is its controlling terminal, as in a terminal window: closing the
    window (the pty's other end) sends it SIGHUP and ends its reads."""
    import fcntl
    import termios

    main_fd, child_fd = os.openpty()

    def take_terminal() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    env = {**os.environ, "COACHTUI_HOME": str(home), "TERM": "xterm-256color"}
    process = subprocess.Popen([sys.executable, "-m", "coachtui"], stdin=child_fd,
                               stdout=child_fd, stderr=child_fd, env=env, close_fds=True,
                               preexec_fn=take_terminal)
    os.close(child_fd)
    return process, main_fd


@pytest.mark.parametrize("after", [0.0, 0.3, 0.6, 0.9, 1.2, 2.0])
def test_closing_the_terminal_at_any_moment_of_start_up_ends_the_app(coachtui_home, after):
    """Once, a window closed just as start-up finished left a coachtui running for ever."""
    from coachtui.ui.shutdown import GRACE_SECONDS

    process, terminal = start_on_controlling_terminal(coachtui_home)
    try:
        time.sleep(after)
        os.close(terminal)
        process.wait(timeout=GRACE_SECONDS + 10)
    finally:
        stop(process)


# A bug in reading input, planted after the reader has been fed the marker once.
INPUT_BUG = """
import sys
from coachtui.ui import input_reader
real_feed = input_reader.InputReader.feed
def feed(self, data, final=False):
    if b"!" in data:
        raise ValueError("the input was " + repr(data))
    return real_feed(self, data, final)
input_reader.InputReader.feed = feed
from coachtui.cli import main
sys.exit(main(["reflect"]))
"""


def test_a_bug_in_reading_input_ends_with_the_crash_report_status_1_and_no_words(
        coachtui_home):
    process, terminal, output = run_in_pty(coachtui_home, script=INPUT_BUG)
    try:
        open_quick_form(terminal, output, from_home=False)
        os.write(terminal, b"secret words")
        assert wait_for(lambda: any(draft.get("what_happened") == "secret words"
                                    for draft in drafts(coachtui_home)), 10), output[-800:]
        os.write(terminal, b"!")
        process.wait(timeout=15)
    finally:
        stop(process)
    assert process.returncode == 1
    shown = shown_text(output)
    assert b"ValueError" in shown and b"secret" not in shown.split(b"ValueError", 1)[1]
