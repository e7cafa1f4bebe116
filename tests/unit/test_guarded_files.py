"""Every file read guarded, ids that can never be paths, and a walk that is saved once.

The folder-wide behaviour (FIFOs, devices, loops, deep TOML… through every command and
screen) is tests/test_hostile_folders.py; these are the store's rules one by one.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from coachtui.core.quick import QuickAnswers
from coachtui.core.reflection import Reflection
from coachtui.core.walk import WalkAnswers
from coachtui.store import config, drafts, journal, toml_io

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
MAX_BYTES = 1024 * 1024  # the cap on an entry, a draft or the config


def entry_bytes(**fields) -> bytes:
    return toml_io.dumps(Reflection(created=T0, **fields).model_dump(mode="python"))


def reasons(listing) -> dict[str, str]:
    return {problem.path.name: problem.reason for problem in listing.unreadable}


# -- reading ---------------------------------------------------------------------------------

def test_a_file_over_the_cap_is_not_read_even_when_it_is_a_valid_entry(coachtui_home):
    folder = coachtui_home / "journal" / "2026"
    folder.mkdir(parents=True)
    padded = folder / "20261101T090000Z-padded.toml"
    padded.write_bytes(entry_bytes() + b"#" + b"x" * MAX_BYTES + b"\n")
    listing = journal.list_entries()
    assert listing.entries == []
    assert reasons(listing) == {padded.name: f"is {padded.stat().st_size:,} bytes; a file "
                                             f"coachtui reads may be at most {MAX_BYTES:,} bytes"}


def test_a_link_is_followed_inside_coachtuis_folder_only(coachtui_home, tmp_path):
    folder = coachtui_home / "journal" / "2026"
    folder.mkdir(parents=True)
    kept = coachtui_home / "kept-elsewhere.toml"  # inside the home: followed
    kept.write_bytes(entry_bytes(what_happened="linked inside"))
    (folder / "20261101T090000Z-inside.toml").symlink_to(kept)
    outside = tmp_path / "outside.toml"  # outside the home: never read through a link
    outside.write_bytes(entry_bytes(what_happened="linked from outside"))
    (folder / "20261101T090001Z-outside.toml").symlink_to(outside)
    listing = journal.list_entries()
    assert [entry.what_happened for _, entry in listing.entries] == ["linked inside"]
    assert reasons(listing) == {"20261101T090001Z-outside.toml": (
        f"is a link to {outside}, outside coachtui's folder; only files inside it are read")}


def test_a_file_swapped_for_a_fifo_after_it_was_looked_at_is_never_waited_on(tmp_path,
                                                                           monkeypatch):
    fifo = tmp_path / "swapped.toml"
    os.mkfifo(fifo)
    from coachtui.store.safe_read import CouldNotRead, read_bytes

    regular = os.lstat(__file__)
    with monkeypatch.context() as patched, pytest.raises(CouldNotRead, match="not a regular"):
        patched.setattr(os, "lstat", lambda path, *a, **k: regular)  # it looked regular
        read_bytes(fifo)


@pytest.mark.parametrize("content, reason", [
    (b"x = " + b"[" * 5000 + b"]" * 5000, "nested too deeply"),
    (b"x = " + b"9" * 5000, "a number is too long"),
    (b"created = 0001-01-01T00:00:00+05:00\n", "outside the calendar"),
], ids=["5,000-deep arrays", "5,000 digits", "before year 1"])
def test_every_error_of_the_parser_and_the_model_is_one_line(coachtui_home, content, reason):
    folder = coachtui_home / "journal" / "2026"
    folder.mkdir(parents=True)
    (folder / "20261101T090000Z-bad.toml").write_bytes(content)
    (listed,) = journal.list_entries().unreadable
    assert reason in listed.reason and "\n" not in listed.reason


@pytest.mark.parametrize("make", ["fifo", "zero", "deep"])
def test_a_config_that_cannot_be_read_gives_the_defaults_and_one_line(coachtui_home, make):
    coachtui_home.mkdir()
    path = coachtui_home / "config.toml"
    if make == "fifo":
        os.mkfifo(path)
    elif make == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes(b"theme = " + b"[" * 10_000 + b"]" * 10_000)
    loaded, (problem,) = config.load()
    assert loaded == config.Config()
    assert problem.startswith(f"{path}: could not be used (") and "\n" not in problem


def test_an_entry_placed_directly_in_journal_is_listed_like_the_others(coachtui_home):
    saved = journal.save(Reflection(created=T0, what_happened="in a year folder"))
    loose = coachtui_home / "journal" / "loose.toml"
    loose.write_bytes(entry_bytes(what_happened="directly in journal/"))
    assert {path for path, _ in journal.list_entries().entries} == {saved, loose}
    assert journal.latest().what_happened in {"in a year folder", "directly in journal/"}


# -- ids never name a path ---------------------------------------------------------------------

@pytest.mark.parametrize("walk_id", ["../config", "../journal/2026/20261101T090000Z-x",
                                     "a/b", "", ".hidden", "x" * 41, "UPPER"])
def test_an_id_that_could_name_a_path_is_refused_by_models_and_path_functions(walk_id):
    with pytest.raises(ValidationError):
        WalkAnswers(walk_id=walk_id, playbook_id="late-shift", started=T0)
    with pytest.raises(ValidationError):
        QuickAnswers(walk_id=walk_id, started=T0)
    with pytest.raises(ValidationError):
        Reflection(id=walk_id, created=T0)
    # Even a model built without validation never becomes a path.
    with pytest.raises(ValueError):
        drafts.draft_path(walk_id)
    with pytest.raises(ValueError):
        journal.entry_path(Reflection.model_construct(id=walk_id, created=T0))
    with pytest.raises(ValueError):
        drafts.save(WalkAnswers.model_construct(walk_id=walk_id, playbook_id="x", started=T0))


def test_a_draft_naming_another_file_is_listed_as_unreadable_and_nothing_is_written(
        coachtui_home):
    config.save(config.Config(theme="textual-light"))
    before = (coachtui_home / "config.toml").read_bytes()
    folder = coachtui_home / "drafts"
    folder.mkdir()
    data = WalkAnswers(playbook_id="late-shift", started=T0).model_dump(mode="python")
    (folder / "0a1b2c3d4e5f6a7b.toml").write_bytes(toml_io.dumps({**data,
                                                                  "walk_id": "../config"}))
    (folder / "elsewhere.toml").write_bytes(toml_io.dumps({**data, "walk_id": "0a1b2c3d"}))
    listing = drafts.list_drafts()
    assert listing.drafts == []
    found = reasons(listing)
    assert found["0a1b2c3d4e5f6a7b.toml"].startswith("walk_id: String should match pattern")
    assert found["elsewhere.toml"] == "its walk_id '0a1b2c3d' is not its file's name"
    assert (coachtui_home / "config.toml").read_bytes() == before


# -- a walk lands in the journal once ------------------------------------------------------------

def test_a_draft_whose_entry_already_landed_is_not_offered_and_goes_to_the_trash(coachtui_home):
    answers = WalkAnswers(playbook_id="late-shift", started=T0, what_happened="kept")
    drafts.save(answers)
    journal.save(Reflection(id=answers.walk_id, created=T0 + timedelta(minutes=3),
                            what_happened="kept"))  # then coachtui was killed
    other = drafts.save(WalkAnswers(playbook_id="late-shift", started=T0))
    assert [draft.path for draft in drafts.list_drafts().drafts] == [other]
    assert (coachtui_home / "trash" / "drafts" / f"{answers.walk_id}.toml").exists()
    assert len(journal.list_entries().entries) == 1


def test_new_ids_are_long_enough_that_two_walks_never_share_one():
    assert len(WalkAnswers(playbook_id="x", started=T0).walk_id) == 16
    assert len({WalkAnswers(playbook_id="x", started=T0).walk_id for _ in range(1000)}) == 1000


# -- the edges of the calendar -------------------------------------------------------------------

def test_until_the_last_day_of_the_calendar_lists_everything(coachtui_home, capsys):
    from coachtui.cli import main
    from coachtui.store.journal_index import Filters, open_index

    journal.save(Reflection(created=T0, what_happened="now"))
    journal.save(Reflection(created=datetime(9999, 12, 31, 23, 59, tzinfo=timezone.utc),
                            what_happened="the last minute"))
    index = open_index()
    last_day = Filters(until=datetime(9999, 12, 31).date())
    assert len(index.entries(last_day)) == len(index.match(last_day)) == 2
    index.close()
    assert main(["stats", "--until", "9999-12-31"]) == 0
    assert "Journal: 2 entries" in capsys.readouterr().out
