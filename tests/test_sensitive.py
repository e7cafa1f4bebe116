"""An entry marked sensitive keeps its words out of sight: `stats`, exports (unless
--include-sensitive), the newest "next time I will" and the tags offered as filters."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

import pytest

from coachtui.cli import main
from coachtui.core.insights import compute
from coachtui.core.reflection import Reflection
from coachtui.store import journal
from coachtui.store.journal_index import open_index

SECRET = "Quetzal-secret-words"


def entry(day: int, **fields) -> Reflection:
    return Reflection(created=datetime(2026, 11, day, 9, tzinfo=timezone.utc), **fields)


@pytest.fixture
def private(coachtui_home) -> Reflection:
    """An older ordinary entry, then a newer one marked sensitive with words everywhere."""
    journal.save(entry(1, what_happened="An ordinary day", next_time="Breathe first",
                       tags=["rush"], decision="connect", stress_before=6, stress_after=3))
    secret = entry(2, sensitive=True, opener=f"Opener {SECRET}", what_happened=SECRET,
                   went_well=SECRET, to_change=SECRET, next_time=f"Next {SECRET}",
                   tags=["quetzal-secret-tag"], decision="frictionless", stress_before=8,
                   stress_after=4, playbook_title="The dolphin", playbook_id="dolphin")
    journal.save(secret)
    return secret


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_count_a_sensitive_entry_but_never_show_its_words(capsys, private):
    code, out, _ = run(capsys, "stats")
    assert code == 0 and "Journal: 2 entries" in out
    assert SECRET not in out and "Breathe first" in out  # the newest words that may be shown


def test_insights_take_the_newest_next_time_of_an_entry_not_marked_sensitive(private):
    entries = [found for _, found in journal.list_entries().entries]
    assert compute(entries).last_next_time == "Breathe first"


def test_home_gets_the_newest_entry_not_marked_sensitive(private):
    assert journal.latest().next_time == "Breathe first"


def test_the_tags_offered_as_filters_leave_out_a_sensitive_entrys(private):
    index = open_index()
    try:
        assert index.tags() == ["rush"]
    finally:
        index.close()


@pytest.mark.parametrize("form", ["md", "csv", "jsonl"])
def test_an_export_keeps_a_sensitive_entry_without_its_words(capsys, private, form):
    code, out, err = run(capsys, "export", "--format", form)
    assert code == 0
    assert SECRET not in out and "quetzal-secret-tag" not in out
    assert "An ordinary day" in out and "rush" in out
    assert "1 entry marked sensitive: exported without your words" in err
    assert "--include-sensitive" in err
    if form == "csv":
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        assert [row["id"] for row in rows][-1] == private.id  # still there, dated, counted
        assert rows[-1]["sensitive"] == "true" and rows[-1]["stress_before"] == "8"
    if form == "jsonl":
        last = json.loads(out.splitlines()[-1])
        assert last["id"] == private.id and last["decision"] == "frictionless"
        assert last["what_happened"] == "" and last["tags"] == []
    if form == "md":
        assert "Marked sensitive: its words are not in this export." in out


@pytest.mark.parametrize("form", ["md", "csv", "jsonl"])
def test_include_sensitive_exports_every_word(capsys, private, form):
    code, out, err = run(capsys, "export", "--format", form, "--include-sensitive")
    assert code == 0 and SECRET in out and "quetzal-secret-tag" in out
    assert "sensitive" not in err


def test_unknown_keys_of_a_sensitive_entry_stay_out_too(capsys, coachtui_home):
    journal.save(Reflection.model_validate({
        "created": "2026-11-03T09:00:00Z", "sensitive": True, "future_notes": SECRET}))
    _, out, _ = run(capsys, "export", "--format", "jsonl")
    assert SECRET not in out
    _, out, _ = run(capsys, "export", "--format", "jsonl", "--include-sensitive")
    assert SECRET in out
