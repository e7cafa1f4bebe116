"""Raw terminal bytes into Textual's events, with three guarantees Textual's own reader lacks.

1. Bytes that are not UTF-8 (a terminal set to Latin-1, a stray byte) become U+FFFD and a
   `NotText` notice, where Textual's strict decoder raised and ended the app.
2. Whatever arrives between the bracketed-paste markers is text, always: it becomes one
   `Paste` event and never reaches the key parser. Textual's parser reads an escape
   sequence inside a paste as keys, so a pasted `ESC ] 0 ; x` and Ctrl+S's byte saved the
   entry at once.
3. A typed character that Python does not call printable but that belongs in text (a
   zero-width joiner in an emoji family or in Persian, a private-use icon, a character newer
   than this Python) arrives as a `Paste` of that character, so it is kept exactly as the
   same text pasted would be. (Textual's text boxes insert only `isprintable()` keys.)

The reader is fed bytes and returns messages; the drivers in `drivers.py` own the threads.
"""

from __future__ import annotations

import codecs
import time
import unicodedata
from collections.abc import Callable

from textual import events
from textual._xterm_parser import XTermParser
from textual.message import Message

from coachtui.core.sanitize import FORBIDDEN_ONE_LINE

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
# A paste whose end marker never comes (a broken terminal) is given up as text after this
# long without input, so the keyboard comes back.
UNFINISHED_PASTE_SECONDS = 1.0


class NotText(Message):
    """Some bytes typed or pasted were not UTF-8; they were replaced by U+FFFD."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count


def _count_and_replace(error: UnicodeDecodeError) -> tuple[str, int]:
    _CountingDecoder.replaced += error.end - error.start
    return "\ufffd", error.end


codecs.register_error("coachtui.count-and-replace", _count_and_replace)


class _CountingDecoder:
    """UTF-8, incremental (a character split across two reads is kept whole), replacing
    and counting what is not UTF-8. One input thread decodes at a time, so a class-wide
    counter read right after each call is enough."""

    replaced = 0

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="coachtui.count-and-replace")

    def decode(self, data: bytes, final: bool = False) -> tuple[str, int]:
        _CountingDecoder.replaced = 0
        text = self._decoder.decode(data, final)
        return text, _CountingDecoder.replaced


def _held_back(text: str, marker: str) -> int:
    """How many characters at the end of `text` could be the start of `marker` (split
    between two reads): they wait for the next read before anything is decided."""
    for length in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-length:]):
            return length
    return 0


def belongs_in_text(character: str) -> bool:
    """A typed character Textual's boxes would drop, but which text keeps when pasted."""
    if len(character) != 1 or character.isprintable():
        return False
    if FORBIDDEN_ONE_LINE.match(character) or unicodedata.category(character) == "Cc":
        return False  # controls, bidi overrides and lone surrogates are never text
    return True


class InputReader:
    """Terminal bytes in, Textual messages out (keys, mouse, pastes, resizes, notices)."""

    def __init__(self, parser: XTermParser, clock: Callable[[], float] = time.monotonic) -> None:
        self._parser = parser
        self._clock = clock
        self._decoder = _CountingDecoder()
        self._pending = ""  # may be the first part of a paste marker
        self._paste: list[str] | None = None  # inside a bracketed paste: its text so far
        self._last_input = clock()

    def feed(self, data: bytes, final: bool = False) -> list[Message]:
        text, replaced = self._decoder.decode(data, final)
        self._last_input = self._clock()
        out: list[Message] = [NotText(replaced)] if replaced else []
        self._split(self._pending + text, out)
        return out

    def idle(self) -> list[Message]:
        """Nothing arrived for a moment: settle what was held back (a lone Escape key, or
        a paste whose end never came), then let the parser time out its escape sequences."""
        out: list[Message] = []
        if self._paste is not None:
            if self._clock() - self._last_input >= UNFINISHED_PASTE_SECONDS:
                self._paste.append(self._pending)
                self._pending = ""
                self._end_paste(out)
        elif self._pending:
            pending, self._pending = self._pending, ""
            self._to_parser(pending, out)
        out.extend(self._parser.tick())
        return out

    def _split(self, text: str, out: list[Message]) -> None:
        while text:
            if self._paste is not None:
                end = text.find(PASTE_END)
                if end < 0:
                    keep = _held_back(text, PASTE_END)
                    self._paste.append(text[:len(text) - keep])
                    self._pending = text[len(text) - keep:]
                    return
                self._paste.append(text[:end])
                self._end_paste(out)
                text = text[end + len(PASTE_END):]
            else:
                start = text.find(PASTE_START)
                if start < 0:
                    keep = _held_back(text, PASTE_START)
                    self._to_parser(text[:len(text) - keep], out)
                    self._pending = text[len(text) - keep:]
                    return
                self._to_parser(text[:start], out)
                self._paste = []
                text = text[start + len(PASTE_START):]
        self._pending = ""

    def _end_paste(self, out: list[Message]) -> None:
        pasted, self._paste = "".join(self._paste or ()), None
        if pasted:
            out.append(events.Paste(pasted))  # the app cleans every paste and says so

    def _to_parser(self, text: str, out: list[Message]) -> None:
        if not text:
            return
        for message in self._parser.feed(text):
            if isinstance(message, events.Key) and belongs_in_text(message.character or ""):
                message = events.Paste(message.character)
            out.append(message)
