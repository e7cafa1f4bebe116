"""The fast TOML readers (rtoml, compiled tomli) give exactly what tomllib gives, and a file
they refuse is reported in tomllib's words."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coachtui.core.reflection import Reflection
from coachtui.store import toml_io
from coachtui.store.safe_read import CouldNotRead

READERS = {"tomllib": tomllib.loads}
for name in ("rtoml", "tomli"):
    try:
        READERS[name] = __import__(name).loads
    except ImportError:  # not installed here: only the ones that are can be compared
        pass

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
TRICKY = [
    Reflection(created=T0, what_happened="Ünïcödé ☕ — “quotes” 'single' \\ back\\slash\n"
               "two lines\n\n\"\"\"triple\"\"\" and ''' too", tags=["café", "naïve"]),
    Reflection(created=T0 - timedelta(days=3), written=T0, kind="quick",
               what_happened="back-dated\ttab", starred=True),
    Reflection(created=T0, sensitive=True, what_happened="private words", next_time="x" * 300,
               stress_before=10, stress_after=0),
    Reflection(created=T0, what_happened="", opener="🙂 emoji and \u200b zero width"),
]


@pytest.mark.skipif(len(READERS) < 2, reason="no fast TOML reader installed to compare")
@pytest.mark.parametrize("entry", TRICKY, ids=range(len(TRICKY)))
def test_every_reader_gives_the_same_entry(entry):
    text = toml_io.dumps(entry.model_dump(mode="python")).decode()
    expected = tomllib.loads(text)
    for name, loads in READERS.items():
        assert loads(text) == expected, name
        assert Reflection.model_validate(loads(text)) == entry, name


@pytest.mark.skipif(len(READERS) < 2, reason="no fast TOML reader installed to compare")
@settings(max_examples=150, deadline=None)
@example(text="line\r\nnext", tags=["a\r\nb"], minutes=0)  # found by CI: CRLF came back LF
@given(text=st.text(max_size=200), tags=st.lists(st.text(min_size=1, max_size=20), max_size=3),
       minutes=st.integers(-10**6, 10**6))
def test_any_text_reads_the_same_with_every_reader(text, tags, minutes):
    data = {"what_happened": text, "tags": tags, "created": T0 + timedelta(minutes=minutes),
            "stress_before": 3, "starred": True}
    written = toml_io.dumps(data).decode()
    expected = tomllib.loads(written)
    # Written as LF: a multi-line string's CRLF would be read back as LF anyway.
    assert expected == data | {"what_happened": text.replace("\r\n", "\n"),
                               "tags": [tag.replace("\r\n", "\n") for tag in tags]}
    for name, loads in READERS.items():
        assert loads(written) == expected, name


@pytest.mark.parametrize("raw", [b"a = [1,\n", b"x = 1\nx = 2\n", b"a = " + b"[" * 5000,
                                 b"n = " + b"9" * 5000, b"\xff\xfe"])
def test_a_file_the_fast_reader_refuses_is_told_in_tomllib_words(raw):
    try:
        tomllib.loads(raw.decode())
        expected = None
    except Exception as error:  # noqa: BLE001 - whatever tomllib says
        expected = error
    with pytest.raises(CouldNotRead) as told:
        toml_io.parse(raw)
    if isinstance(expected, tomllib.TOMLDecodeError):
        assert str(told.value) == f"not valid TOML: {expected}"
