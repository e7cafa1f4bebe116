"""The export reads the JSON the index holds (export_formats.Stored) instead of validating
every entry again: each format must come out exactly as it does from the entries."""

from __future__ import annotations

from datetime import datetime, timezone

from coachtui.commands.export_formats import Stored, csv_pieces, markdown_pieces, to_csv, \
    to_markdown
from coachtui.core.reflection import Reflection, SeenSignal
from tests.unit.test_streamed_insights import generated

HOSTILE = Reflection(
    created=datetime(2026, 5, 1, 9, 0, 0, 250000, tzinfo=timezone.utc),
    written=datetime(2026, 5, 2, 9, 0, tzinfo=timezone.utc), playbook_title="=SUM(A1)",
    signals=[SeenSignal(id="x", label="@cmd", lean="connect", note="kept")],
    what_happened="- not a list\n\n# not a heading\n  [x](javascript:1)", opener="＋1",
    tags=["-rush"], steps_open=["\tTab first"], from_a_newer_coachtui={"kept": [1, 2]})


def stored(entries: list[Reflection]) -> list[Stored]:
    return [Stored(entry.model_dump_json()) for entry in entries]


def test_csv_and_markdown_of_stored_entries_equal_those_of_the_entries(coachtui_home):
    entries = sorted([*generated(60), HOSTILE], key=lambda entry: entry.created)
    assert "".join(csv_pieces([stored(entries)])) == to_csv(entries)
    first, last = entries[0].created.isoformat(), entries[-1].created.isoformat()
    assert "".join(markdown_pieces([stored(entries)], len(entries), first, last)) == \
        to_markdown(entries)
    assert "'=SUM(A1)" in to_csv(entries) and "\\- not a list" in to_markdown(entries)
