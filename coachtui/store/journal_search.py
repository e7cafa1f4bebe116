"""Search as you type over the journal list's rows, each keystroke narrowing the last result.

A search is every word, anywhere in an entry (casefolded substrings). Typing a letter only
ever narrows what matched: every entry that holds all of the new words holds all of the
old ones when each old word is inside one of the new ("refu" -> "refun", "card" -> "card r").
So a keystroke looks only at the entries the last search found, not at the whole journal:
at 100,000 entries that is the difference between a keystroke felt and one not. Backspace
finds its earlier result remembered.

Pure: no database, no screen. `JournalIndex.match` keeps one `SearchMemo` per table read.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

# Searches remembered (a long query typed and erased), for the other filters as last set: at
# 100,000 entries a result is at most 0.8 MB of row ids.
REMEMBERED = 32


def words_of(text: str) -> tuple[str, ...]:
    return tuple(text.casefold().split())


def narrows(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """Every entry holding all of `new` holds all of `old`: each old word is in a new one."""
    return all(any(word in longer for longer in new) for word in old)


class SearchMemo:
    """The searches made over one table (forget it when the table changes) with the other
    filters as last set, by their words."""

    def __init__(self) -> None:
        self._others: Hashable = None
        self._found: dict[tuple[str, ...], list[int]] = {}

    def match(self, others: Hashable, words: tuple[str, ...], everything: Callable[[], list[int]],
              text_of: Callable[[], dict[int, str]]) -> list[int]:
        """The row ids that pass the other filters (`everything()`, in list order) and hold
        every word (`text_of()[rowid]`), in the same order."""
        if others != self._others:  # another filter changed: a list of its own
            self._others, self._found = others, {}
        found = self._found
        if () not in found:
            found[()] = everything()
        if words in found:
            return list(found[words])
        start: Sequence[int] = found[()]
        for old, ids in found.items():  # the smallest remembered result it narrows
            if old and len(ids) < len(start) and narrows(old, words):
                start = ids
        ids = _holding(start, words, text_of())
        if len(found) > REMEMBERED:  # keep the unsearched list, forget the searches
            base = found[()]
            found.clear()
            found[()] = base
        found[words] = ids
        return list(ids)


def _holding(ids: Sequence[int], words: tuple[str, ...], texts: dict[int, str]) -> list[int]:
    """The ids whose text holds every word, in their order. One plain pass per word, the
    longest (the rarest, most often) first so the others look at fewer: at 100,000 entries a
    generator per entry took several times as long as the test itself."""
    get = texts.get
    found = list(ids)
    for word in sorted(set(words), key=len, reverse=True):
        found = [rowid for rowid in found if word in get(rowid, "")]
    return found
