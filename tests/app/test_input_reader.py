"""The input reader on its own: bytes in, Textual events out (no terminal needed)."""

from __future__ import annotations

import time

from textual import constants, events
from textual._xterm_parser import XTermParser

from coachtui.ui.input_reader import (
    PASTE_END,
    PASTE_START,
    UNFINISHED_PASTE_SECONDS,
    InputReader,
    NotText,
    belongs_in_text,
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def reader() -> tuple[InputReader, Clock]:
    clock = Clock()
    return InputReader(XTermParser(), clock=clock), clock


def described(messages) -> list:
    out = []
    for message in messages:
        if isinstance(message, events.Key):
            out.append(("key", message.key))
        elif isinstance(message, events.Paste):
            out.append(("paste", message.text))
        elif isinstance(message, NotText):
            out.append(("not-text", message.count))
    return out


def test_keys_around_a_paste_keep_their_order_and_the_paste_presses_nothing():
    input_reader, _clock = reader()
    data = ("a" + PASTE_START + "x\x1b]0;t\x13y\x1b[A" + PASTE_END + "b").encode()
    assert described(input_reader.feed(data)) == [
        ("key", "a"), ("paste", "x\x1b]0;t\x13y\x1b[A"), ("key", "b")]


def test_markers_split_anywhere_across_reads_still_make_one_paste():
    whole = ("k" + PASTE_START + "one two" + PASTE_END + "m").encode()
    for cut in range(1, len(whole)):
        input_reader, _clock = reader()
        got = described(input_reader.feed(whole[:cut])) + described(input_reader.feed(whole[cut:]))
        assert got == [("key", "k"), ("paste", "one two"), ("key", "m")], cut


def test_a_lone_escape_key_is_not_kept_back_for_ever():
    input_reader, clock = reader()
    assert described(input_reader.feed(b"\x1b")) == []  # could be a paste marker's start
    clock.now += 1
    got = described(input_reader.idle())
    time.sleep(constants.ESCAPE_DELAY + 0.05)  # the parser's own wait for more of a sequence
    got += described(input_reader.idle())
    assert ("key", "escape") in got


def test_a_paste_that_never_ends_gives_the_keyboard_back():
    input_reader, clock = reader()
    assert described(input_reader.feed((PASTE_START + "half a paste").encode())) == []
    clock.now += UNFINISHED_PASTE_SECONDS / 2
    assert described(input_reader.idle()) == []
    clock.now += UNFINISHED_PASTE_SECONDS
    assert described(input_reader.idle()) == [("paste", "half a paste")]
    assert described(input_reader.feed(b"q")) == [("key", "q")]


def test_bytes_that_are_not_utf8_become_replacement_characters_and_are_counted():
    input_reader, _clock = reader()
    got = described(input_reader.feed(b"\xe9t\xff"))
    assert got[0] == ("not-text", 2)
    assert [message.character for message in input_reader.feed(b"\xe9") + input_reader.feed(b"x")
            if isinstance(message, events.Key)] == ["\ufffd", "x"]


def test_a_character_split_between_two_reads_arrives_whole():
    input_reader, _clock = reader()
    encoded = "é".encode()
    assert input_reader.feed(encoded[:1]) == []
    [key] = input_reader.feed(encoded[1:])
    assert key.character == "é"


def test_a_typed_joiner_arrives_as_text_and_a_control_does_not():
    input_reader, _clock = reader()
    assert described(input_reader.feed("\u200d\u200c".encode())) == [
        ("paste", "\u200d"), ("paste", "\u200c")]
    assert belongs_in_text("\u200d") and belongs_in_text("\ue000")
    assert not belongs_in_text("\x07") and not belongs_in_text("\u202e")
    assert not belongs_in_text("a")  # printable: Textual's boxes take it as a key already
