"""The README's scenarios table says what each bundled scenario is: one row each, and true."""

from __future__ import annotations

from pathlib import Path

from coachtui.store.playbooks import discover

README = Path(__file__).resolve().parents[1] / "README.md"
COLUMNS = ["id", "scenario", "channel", "framework", "kind", "usual path"]


def table_rows() -> list[dict[str, str]]:
    """The rows of the first table under '## Scenarios', by column name."""
    text = README.read_text("utf-8")
    lines = text[text.index("\n## Scenarios\n"):].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| id |"))
    header = [cell.strip() for cell in lines[start].strip("|").split("|")]
    assert header == COLUMNS
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        assert len(cells) == len(COLUMNS), line
        rows.append(dict(zip(COLUMNS, cells)))
    return rows


def test_the_table_has_one_row_for_every_bundled_scenario():
    library = discover()
    bundled = sorted(pid for pid, loaded in library.playbooks.items() if loaded.origin == "bundled")
    ids = [row["id"].strip("`") for row in table_rows()]
    assert sorted(ids) == bundled and len(ids) == len(set(ids))


def test_each_row_says_the_scenarios_channel_framework_kind_and_usual_path():
    library = discover()
    for row in table_rows():
        scenario = library.playbooks[row["id"].strip("`")].scenario
        book = scenario.playbook
        assert row["scenario"].startswith(book.title.rstrip(".")), row
        assert row["channel"] == book.channel, row
        assert row["framework"] == scenario.framework.name, row
        assert row["kind"] == book.kind, row
        assert row["usual path"] == (book.usual_lean or "none (about you)"), row


def test_the_count_in_words_matches_the_table():
    words = {19: "Nineteen", 20: "Twenty", 21: "Twenty-one", 22: "Twenty-two"}
    count = len(table_rows())
    assert f"{words.get(count, count)} scenarios are bundled" in README.read_text("utf-8")
