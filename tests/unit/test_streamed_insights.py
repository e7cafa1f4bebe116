"""`coachtui stats` counted from the journal index a batch at a time says exactly what it said
when every entry was loaded and validated first: compared on a generated journal of every
kind of entry, whole and filtered, in batches of every size."""

from __future__ import annotations

import random
import shutil
import sqlite3
from dataclasses import astuple
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coachtui.cli import build_parser, main
from coachtui.commands import journal_cli
from coachtui.core.insights import compute
from coachtui.core.insights_report import stats_lines
from coachtui.core.reflection import CUSTOMER_LEFT, Reflection, SeenSignal
from coachtui.store import journal
from coachtui.store.journal_index import Filters, index_path, open_index

T0 = datetime(2026, 1, 1, 8, 0, tzinfo=timezone.utc)
SIGNALS = [SeenSignal(id=f"s{n}", label=label, lean=lean) for n, (label, lean) in enumerate(
    [("Upset", "deescalate"), ("Hurried", "frictionless"), ("Card out", "frictionless"),
     ("Meets your eyes", "connect"), ("Regular", "connect")])]
STEPS = ["Own it", "Fix it", "Say goodbye", "Ask their name", "Follow up"]
TITLES = ["Late shift", "The dolphin", "Angry caller", ""]


def generated(count: int, seed: int = 11) -> list[Reflection]:
    """Entries of every kind: walks and quick notes, with and without ratings, decided or
    not, followed or not, sensitive, several at the very same moment, one with a key a
    newer coachtui wrote."""
    rng = random.Random(seed)
    made = []
    for n in range(count):
        # Every fifth entry shares its moment with the one before: ties in time.
        created = T0 + timedelta(hours=n - n // 5, minutes=rng.choice([0, 0, 30]))
        decision = rng.choice(["connect", "frictionless", None])
        fields = dict(
            created=created, kind="walk" if decision else rng.choice(["walk", "quick"]),
            playbook_title=rng.choice(TITLES), decision=decision,
            recommended=rng.choice(["connect", "frictionless"]) if decision else None,
            stress_before=rng.choice([None, *range(11)]),
            stress_after=rng.choice([None, *range(11)]),
            signals=rng.sample(SIGNALS, rng.randint(0, 3)),
            steps_open=rng.sample(STEPS, rng.randint(0, 3)),
            customer_left=rng.sample(CUSTOMER_LEFT, rng.randint(0, 2)),
            next_time=rng.choice(["", "   ", "Breathe first", f"Ask sooner {n}"]),
            tags=rng.sample(["late", "refund", "phone"], rng.randint(0, 2)),
            sensitive=rng.random() < 0.2)
        if decision:
            fields["followed_recommendation"] = fields["recommended"] == decision
        if n == 7:
            fields["from_a_newer_coachtui"] = {"kept": True}
        made.append(Reflection(**fields))
        journal.save(made[-1])
    return made


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, list[Reflection]]:
    """The journal saved once (every save is synced to disk: slow), copied for each test."""
    home = tmp_path_factory.mktemp("many") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COACHTUI_HOME", str(home))
        return home / "journal", generated(240)


@pytest.fixture
def journal_of_many(written, coachtui_home) -> list[Reflection]:
    folder, entries = written
    shutil.copytree(folder, coachtui_home / "journal")
    return entries


FILTERS = {
    "everything": Filters(),
    "a tag": Filters(tag="late"),
    "some days": Filters(since=date(2026, 1, 3), until=date(2026, 1, 6)),
    "nothing": Filters(tag="nobody-uses-this"),
}


@pytest.mark.parametrize("batch", [1, 7, 5000])
@pytest.mark.parametrize("filters", FILTERS.values(), ids=FILTERS.keys())
def test_the_insights_from_the_index_equal_those_of_every_entry_loaded(journal_of_many,
                                                                        filters, batch):
    index = open_index()
    try:
        # Oldest first, as `stats` loaded them (entries at the same moment by file name).
        loaded = [entry for _, entry in reversed(index.entries(filters))]
        assert index.insights(filters, batch=batch) == compute(loaded)
    finally:
        index.close()


def test_the_insights_of_the_whole_journal_equal_those_of_its_files(journal_of_many):
    files = [entry for _, entry in reversed(journal.list_entries().entries)]
    index = open_index()
    try:
        streamed = index.insights()
    finally:
        index.close()
    assert streamed == compute(files)
    made = compute(journal_of_many)  # in the order written: only ties may come otherwise
    assert sorted(map(astuple, streamed.stress)) == sorted(map(astuple, made.stress))
    assert streamed.top_signals == made.top_signals and streamed.entries == made.entries
    assert streamed.entries == 240 and streamed.last_next_time  # the test means something


@pytest.mark.parametrize("argv", [[], ["--tag", "refund"], ["--since", "2026-01-04", "--utc"]])
def test_stats_prints_what_the_report_of_loaded_entries_printed(journal_of_many, capsys,
                                                                  coachtui_home, argv):
    """Golden: the old way (every entry loaded through the index and validated, then
    counted) against `coachtui stats` as it is now."""
    bad = coachtui_home / "journal" / "2026" / "bad.toml"
    bad.write_text("not = [valid", encoding="utf-8")  # its line ends the report
    args = build_parser().parse_args(["stats", *argv])
    since, until = journal_cli.days(args)
    assert journal_cli.stats(*journal_cli.load_entries(since, until, args.tag, args.utc),
                             journal_cli._scope(args)) == 0
    before = capsys.readouterr().out
    assert main(["stats", *argv]) == 0
    after = capsys.readouterr().out
    assert after == before and "Journal: " in after and "bad.toml" in after


def test_rows_no_coachtui_wrote_are_not_counted(journal_of_many, capsys):
    """The index is only a cache: rows of the wrong shape send stats back to the files."""
    open_index().close()
    with sqlite3.connect(index_path()) as db:
        db.execute("UPDATE entries SET data = '{\"signals\": \"Upset\"}' WHERE rowid % 3 = 0")
    index = open_index()
    try:
        assert index.insights() == compute(
            entry for _, entry in reversed(journal.list_entries().entries))
        assert "rows it could not understand" in index.notice and not index.on_disk
    finally:
        index.close()
    assert main(["stats"]) == 0
    assert stats_lines(compute(journal_of_many))[0] in capsys.readouterr().out.splitlines()
