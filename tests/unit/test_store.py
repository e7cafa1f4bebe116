"""Disk: atomic private writes, the journal, drafts and config."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coachtui import paths
from coachtui.core.reflection import Reflection
from coachtui.core.walk import WalkAnswers
from coachtui.store import config, drafts, journal, toml_io
from coachtui.store.atomic import atomic_write

T0 = datetime(2024, 5, 1, 21, 30, 5, tzinfo=timezone.utc)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "home"
    monkeypatch.setenv("COACHTUI_HOME", str(root))
    return root


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- atomic_write -----------------------------------------------------------------------

def test_atomic_write_is_private_even_with_open_umask(home, open_umask):
    target = home / "deep" / "folder" / "file.toml"
    atomic_write(target, b"secret")
    assert target.read_bytes() == b"secret"
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    assert leftovers(target.parent) == []


def test_atomic_write_makes_an_existing_folder_private(home, open_umask):
    folder = home / "loose"
    folder.mkdir(parents=True, mode=0o777)
    assert mode(folder) == 0o777
    atomic_write(folder / "f", b"x")
    assert mode(folder) == 0o700


def test_every_folder_created_is_private(home, open_umask):
    journal.save(Reflection(created=T0))
    for folder in (home, home / "journal", home / "journal" / "2024"):
        assert mode(folder) == 0o700, folder


def test_atomic_write_overwrites_by_default(home):
    target = home / "f.txt"
    atomic_write(target, b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o600
    assert leftovers(home) == []


def test_atomic_write_without_overwrite_keeps_the_old_file(home):
    target = home / "f.txt"
    atomic_write(target, b"old")
    with pytest.raises(FileExistsError):
        atomic_write(target, b"new", overwrite=False)
    assert target.read_bytes() == b"old"
    assert leftovers(home) == []
    assert sorted(p.name for p in home.iterdir()) == ["f.txt"]


def test_atomic_write_without_overwrite_creates_a_new_file(home):
    target = home / "new.txt"
    atomic_write(target, b"fresh", overwrite=False)
    assert target.read_bytes() == b"fresh"
    assert mode(target) == 0o600
    assert sorted(p.name for p in home.iterdir()) == ["new.txt"]


def test_failed_replace_keeps_the_old_file_and_no_temp(home, monkeypatch):
    target = home / "f.txt"
    atomic_write(target, b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in home.iterdir()) == ["f.txt"]


def test_failed_write_keeps_the_old_file_and_no_temp(home, monkeypatch):
    target = home / "f.txt"
    atomic_write(target, b"old")

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in home.iterdir()) == ["f.txt"]


def test_toml_io_drops_none():
    assert toml_io.dumps({"a": 1, "b": None, "c": [1, None, 2], "d": {"e": None}}) == (
        b"a = 1\nc = [\n    1,\n    2,\n]\n\n[d]\n")


# -- journal -----------------------------------------------------------------------------

def test_journal_entry_path_is_named_by_time_and_id(home):
    r = Reflection(id="abc123", created=T0)
    assert journal.entry_path(r) == home / "journal" / "2024" / "20240501T213005Z-abc123.toml"


def test_journal_save_and_load(home):
    r = Reflection(created=T0, what_happened="Line one\nline two", stress_before=7,
                   tags=["late"], recommended="connect")
    path = journal.save(r)
    assert path.parent == home / "journal" / "2024"
    assert mode(path) == 0o600
    assert journal.load(path) == r


def test_two_walks_saved_in_the_same_second_are_both_kept(home):
    first = journal.save(Reflection(id="walk-one", created=T0, went_well="first"))
    second = journal.save(Reflection(id="walk-two", created=T0, went_well="second"))
    assert first != second and first.parent == second.parent
    assert [journal.load(p).went_well for p in (first, second)] == ["first", "second"]
    assert {p for p, _ in journal.list_entries().entries} == {first, second}


@pytest.mark.parametrize("later", [timedelta(0), timedelta(seconds=3), timedelta(days=400)])
def test_the_same_walk_is_never_saved_twice(home, later):
    """An entry's id is its walk's: saving it again (a draft left by a kill, "save as is"
    pressed on it) returns the entry already there, whenever the second save happens."""
    first = journal.save(Reflection(id="same", created=T0, went_well="first"))
    again = journal.save(Reflection(id="same", created=T0 + later, went_well="again"))
    assert again == first
    assert [(p, e.went_well) for p, e in journal.list_entries().entries] == [(first, "first")]


def test_journal_list_newest_first(home):
    older = journal.save(Reflection(created=T0))
    newer = journal.save(Reflection(created=T0 + timedelta(days=400)))
    listing = journal.list_entries()
    assert [p for p, _ in listing.entries] == [newer, older]
    assert newer.parent.name == "2025"
    assert listing.unreadable == []


def test_journal_list_empty_when_nothing_saved(home):
    listing = journal.list_entries()
    assert listing.entries == [] and listing.unreadable == []
    assert not (home / "journal").exists()  # listing never creates folders


def test_journal_list_skips_and_reports_unreadable_files_untouched(home):
    good = journal.save(Reflection(created=T0))
    folder = good.parent
    corrupt = folder / "20240101T000000Z-corrupt.toml"
    corrupt_bytes = b'created = 2024-01-01T00:00:00Z\nwhat_happened = "unterminated\n'
    foreign = folder / "20240101T000001Z-foreign.toml"
    foreign_bytes = b'[tool.poetry]\nname = "not a reflection"\n'
    binary = folder / "20240101T000002Z-binary.toml"
    binary_bytes = b"\xff\xfe\x00garbage"
    for path, data in ((corrupt, corrupt_bytes), (foreign, foreign_bytes), (binary, binary_bytes)):
        path.write_bytes(data)
    stats = {p: p.stat() for p in (corrupt, foreign, binary)}

    listing = journal.list_entries()
    assert [p for p, _ in listing.entries] == [good]
    reasons = {u.path: u.reason for u in listing.unreadable}
    assert set(reasons) == {corrupt, foreign, binary}
    assert reasons[corrupt].startswith("not valid TOML")
    assert "created" in reasons[foreign]
    assert reasons[binary] == "not UTF-8 text"
    for path, data in ((corrupt, corrupt_bytes), (foreign, foreign_bytes), (binary, binary_bytes)):
        assert path.read_bytes() == data
        assert path.stat().st_mtime_ns == stats[path].st_mtime_ns
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [good.name, corrupt.name, foreign.name, binary.name])


def test_journal_list_survives_a_naive_datetime_entry(home):
    good = journal.save(Reflection(created=T0))
    naive = good.parent / "20240101T000000Z-naive.toml"
    naive.write_bytes(b"created = 2024-01-01T00:00:00\n")
    listing = journal.list_entries()
    paths_seen = {p for p, _ in listing.entries} | {u.path for u in listing.unreadable}
    assert paths_seen == {good, naive}


def test_reflection_unknown_keys_survive_save_and_load(home):
    r = Reflection.model_validate({"created": T0, "future_field": "kept",
                                   "future_table": {"x": 1}})
    path = journal.save(r)
    assert b"future_field" in path.read_bytes()
    loaded = journal.load(path)
    assert loaded.model_extra == {"future_field": "kept", "future_table": {"x": 1}}
    # and a re-save (as a newer coachtui's file would be) keeps them again
    again = journal.load(journal.save(loaded))
    assert again.model_extra == {"future_field": "kept", "future_table": {"x": 1}}


def test_reflection_rejects_control_characters_in_free_text():
    with pytest.raises(ValueError):
        Reflection(created=T0, went_well="ok\x1b[2J")
    assert Reflection(created=T0, went_well="ok\nfine").went_well == "ok\nfine"


# -- drafts -------------------------------------------------------------------------------

def answers(walk_id: str, minutes: int) -> WalkAnswers:
    return WalkAnswers(walk_id=walk_id, playbook_id="late-shift",
                       started=T0 + timedelta(minutes=minutes), step="read",
                       signals=["card-out"], stress_before=6)


def test_drafts_save_and_list_newest_first(home):
    old = drafts.save(answers("aaaa1111", 0))
    new = drafts.save(answers("bbbb2222", 5))
    assert old == home / "drafts" / "aaaa1111.toml"
    assert mode(old) == 0o600
    listed = drafts.list_drafts().drafts
    assert [d.path for d in listed] == [new, old]
    assert listed[1].answers == answers("aaaa1111", 0)


def test_drafts_save_overwrites_the_same_walk(home):
    a = answers("aaaa1111", 0)
    drafts.save(a)
    drafts.save(a.model_copy(update={"step": "act"}))
    listed = drafts.list_drafts().drafts
    assert len(listed) == 1
    assert listed[0].answers.step == "act"


def test_drafts_list_skips_unreadable_and_leaves_them(home):
    drafts.save(answers("aaaa1111", 0))
    bad = home / "drafts" / "broken.toml"
    bad.write_bytes(b"not = [toml")
    listing = drafts.list_drafts()
    assert [d.answers.walk_id for d in listing.drafts] == ["aaaa1111"]
    [unreadable] = listing.unreadable
    assert unreadable.path == bad and unreadable.reason.startswith("not valid TOML")
    assert bad.read_bytes() == b"not = [toml"


def test_drafts_list_without_folder(home):
    assert drafts.list_drafts() == drafts.DraftListing()


def test_drafts_remove(home):
    path = drafts.save(answers("aaaa1111", 0))
    drafts.remove("aaaa1111")
    assert not path.exists()
    drafts.remove("aaaa1111")  # already gone: no error
    assert drafts.list_drafts().drafts == []


def test_drafts_discard_moves_to_trash(home):
    path = drafts.save(answers("aaaa1111", 0))
    content = path.read_bytes()
    target = drafts.discard("aaaa1111")
    assert target == home / "trash" / "drafts" / "aaaa1111.toml"
    assert not path.exists()
    assert target.read_bytes() == content
    assert mode(target) == 0o600
    assert drafts.list_drafts().drafts == []
    assert drafts.discard("aaaa1111") is None
    assert drafts.discard("never") is None


def test_discarding_never_overwrites_what_is_already_in_the_trash(home):
    first = drafts.discard(drafts.save(answers("aaaa1111", 0)).stem)
    second_answers = answers("aaaa1111", 9)  # the same file name, a different walk
    second = drafts.discard(drafts.save(second_answers).stem)
    assert first != second and second.name == "aaaa1111-2.toml"
    assert drafts.WalkAnswers.model_validate(toml_io.read(first)) == answers("aaaa1111", 0)
    assert drafts.WalkAnswers.model_validate(toml_io.read(second)) == second_answers


# -- config --------------------------------------------------------------------------------

def test_config_defaults_without_file(home):
    loaded, problems = config.load()
    assert problems == []
    assert loaded == config.Config()
    assert not paths.config_file().exists()


def test_config_save_and_load(home):
    config.save(config.Config(theme="textual-light", reduced_motion=True))
    assert mode(home / "config.toml") == 0o600
    loaded, problems = config.load()
    assert problems == []
    assert loaded.theme == "textual-light"
    assert loaded.reduced_motion is True


@pytest.mark.parametrize("content", [b"theme = [broken", b"\xff\xfe", b"bell = 'loud'\n"])
def test_config_corrupt_gives_defaults_and_a_problem(home, content):
    home.mkdir(parents=True)
    (home / "config.toml").write_bytes(content)
    loaded, (problem,) = config.load()
    assert loaded == config.Config()
    assert problem is not None
    assert str(home / "config.toml") in problem
    assert problem.endswith(("; using the defaults", "; using false"))
    assert "\n" not in problem
    assert (home / "config.toml").read_bytes() == content  # left for the person to fix


def test_paths_follow_coachtui_home(home):
    assert paths.home() == home
    assert paths.describe() == {
        "data": home, "journal": home / "journal", "drafts": home / "drafts",
        "playbooks": home / "playbooks", "trash": home / "trash",
        "config": home / "config.toml", "cache": home / "cache",
    }


def test_config_keeps_keys_it_does_not_know(home):
    home.mkdir(parents=True)
    (home / "config.toml").write_text('theme = "nord"\nfuture_setting = 3\n')
    loaded, problems = config.load()
    assert loaded.theme == "nord"
    assert problems == [f"{home / 'config.toml'}: unknown setting 'future_setting'; expected "
                        "one of: theme, reduced_motion, bell, default_playbook, keys, "
                        "deeper_reset_seconds (it is ignored)"]
    config.save(loaded)
    assert "future_setting = 3" in (home / "config.toml").read_text()


def test_journal_latest_is_the_newest_readable_entry(home):
    assert journal.latest() is None
    older = datetime(2026, 1, 1, tzinfo=timezone.utc)
    journal.save(Reflection(created=older, next_time="old"))
    journal.save(Reflection(created=older + timedelta(days=1), next_time="new"))
    corrupt = paths.journal_dir()
    (corrupt / "2026" / "20991231T000000Z-zzzz.toml").write_text("not = [toml")
    assert journal.latest().next_time == "new"
    assert (corrupt / "2026" / "20991231T000000Z-zzzz.toml").read_text() == "not = [toml"
