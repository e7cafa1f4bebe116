"""Search as you type: each keystroke narrows the last result, and the result is always the
one a search over the whole journal gives, whatever is typed, erased or pasted."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachtui.store.journal_search import REMEMBERED, SearchMemo, narrows, words_of

TEXTS = {1: "refund at the late shift", 2: "card already out", 3: "Refunded, calm",
         4: "late card REFUND", 5: "", 6: "café au lait", 7: "a b c"}
ORDER = [7, 6, 5, 4, 3, 2, 1]  # the list's order (newest first)


def whole(words: tuple[str, ...], rows: list[int] = ORDER, texts: dict = TEXTS) -> list[int]:
    """The search over every row, as the journal did before keystrokes narrowed it."""
    return [rowid for rowid in rows if all(word in texts[rowid].casefold() for word in words)]


def folded(texts: dict) -> dict:
    return {rowid: text.casefold() for rowid, text in texts.items()}


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("refu", "refun", True), ("card", "card r", True), ("card x", "card", False),
    ("card r", "card", True),  # every entry holding "card" holds an "r"
    ("refund", "refu", False), ("late card", "card late", True), ("", "anything", True),
    ("ab", "a b", False), ("a b", "ab", True),
])
def test_a_search_narrows_another_only_when_every_old_word_is_inside_a_new_one(old, new,
                                                                               expected):
    assert narrows(words_of(old), words_of(new)) is expected


def test_typing_then_erasing_gives_the_whole_search_at_every_keystroke():
    memo, asked = SearchMemo(), []
    everything = lambda: asked.append("list") or list(ORDER)  # noqa: E731
    typed = "late refund"
    for end in [*range(1, len(typed) + 1), *range(len(typed) - 1, -1, -1)]:
        words = words_of(typed[:end])
        assert memo.match("filters", words, everything, lambda: folded(TEXTS)) == whole(words)
    assert asked == ["list"]  # the unsearched list was worked out once


def test_other_filters_changed_start_from_their_own_list():
    memo = SearchMemo()
    texts = lambda: folded(TEXTS)  # noqa: E731
    assert memo.match("all", ("card",), lambda: list(ORDER), texts) == [4, 2]
    assert memo.match("starred", ("card",), lambda: [4, 1], texts) == [4]
    assert memo.match("starred", ("card", "late"), lambda: [4, 1], texts) == [4]
    assert memo.match("all", ("card", "late"), lambda: list(ORDER), texts) == [4]


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(st.text(alphabet="abcé ", max_size=12), min_size=1, max_size=30),
       keys=st.lists(st.one_of(st.sampled_from(list("abcé ")), st.just("BACKSPACE"),
                               st.text(alphabet="abc ", min_size=2, max_size=5)),
                     max_size=40))
def test_any_keys_on_any_journal_find_what_the_whole_search_finds(texts, keys):
    table = {rowid: text for rowid, text in enumerate(texts, 1)}
    rows = list(reversed(table))
    memo, typed = SearchMemo(), ""
    for key in keys:
        typed = typed[:-1] if key == "BACKSPACE" else typed + key  # a key, or a paste
        words = words_of(typed)
        found = memo.match("f", words, lambda: list(rows), lambda: folded(table))
        assert found == whole(words, rows, table), (typed, found)


def test_a_long_session_of_searches_stays_bounded_and_right():
    rng = random.Random(7)
    memo = SearchMemo()
    for _ in range(REMEMBERED * 4):
        words = tuple(rng.choice(["a", "card", "late", "re", "fund", "é"])
                      for _ in range(rng.randint(1, 3)))
        assert memo.match("f", words, lambda: list(ORDER), lambda: folded(TEXTS)) == whole(words)
        assert len(memo._found) <= REMEMBERED + 2
