"""The playbook cache: used when nothing changed, rebuilt when anything did, ignored when it
cannot be trusted, and never the reason a playbook problem goes unreported."""

from __future__ import annotations

import json
import os
import stat

import pytest

from coachtui.store import playbook_cache, playbooks
from coachtui.store.playbook_listing import listing_of

LATE_SHIFT = (playbooks.bundled_dir() / "late-shift.toml").read_text("utf-8")


@pytest.fixture
def mine(coachtui_home):
    """The person's playbook folder, with one playbook of their own."""
    folder = coachtui_home / "playbooks"
    folder.mkdir(parents=True)
    own = LATE_SHIFT.replace('id = "late-shift"', 'id = "my-shift"').replace(
        'title = "', 'title = "Mine: ', 1)
    (folder / "my-shift.toml").write_text(own, "utf-8")
    return folder


def no_toml_parsing(monkeypatch):
    """Any TOML parse from now on fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("a playbook file was parsed")

    monkeypatch.setattr(playbooks.tomllib, "loads", refuse)


def parses_counted(monkeypatch) -> list[str]:
    """The TOML texts parsed from now on (their first line)."""
    parsed: list[str] = []
    real = playbooks.tomllib.loads

    def counting(text, **kwargs):
        parsed.append(text.splitlines()[0] if text else "")
        return real(text, **kwargs)

    monkeypatch.setattr(playbooks.tomllib, "loads", counting)
    return parsed


def discover():
    """As the app's start does: the cache used, and written when it was not up to date."""
    return playbooks.discover(keep_cache=True)


def summary(library) -> tuple:
    return (listing_of(library), [str(error) for error in library.broken])


def test_a_start_with_nothing_changed_parses_no_file_and_finds_the_same(mine, monkeypatch):
    first = discover()
    assert "my-shift" in first.playbooks
    cache = playbook_cache.load()
    assert cache.fresh and cache.listing == listing_of(first)
    no_toml_parsing(monkeypatch)
    again = discover()
    assert summary(again) == summary(first)
    assert again.get("my-shift") == first.get("my-shift")  # the same validated scenario


def test_the_cache_is_private_and_in_the_cache_folder(mine, coachtui_home, open_umask):
    discover()
    cache = coachtui_home / "cache" / "playbooks.json"
    assert playbook_cache.location() == cache
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    assert json.loads(cache.read_text("ascii"))["listing"]["playbooks"]


def test_an_edited_file_shows_at_the_next_start_and_only_it_is_parsed(mine, monkeypatch):
    discover()
    edited = (mine / "my-shift.toml").read_text("utf-8").replace("Mine: ", "Edited: ")
    (mine / "my-shift.toml").write_text(edited + "\n", "utf-8")  # another size, too
    assert not playbook_cache.load().fresh
    parsed = parses_counted(monkeypatch)
    library = discover()
    assert library.get("my-shift").title.startswith("Edited: ")
    assert len(parsed) == 1
    assert playbook_cache.load().listing == listing_of(library)


def test_an_edit_keeping_size_and_time_is_seen_by_its_inode(mine):
    # An editor that saves by writing a new file and renaming it over the old one, and a
    # clock too coarse to tell the two saves apart.
    discover()
    path = mine / "my-shift.toml"
    before = path.stat()
    text = path.read_text("utf-8")
    swapped = text.replace("Mine: ", "Wine: ")
    assert len(swapped) == len(text)
    (mine / "new.tmp").write_text(swapped, "utf-8")
    os.utime(mine / "new.tmp", ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(mine / "new.tmp", path)
    assert discover().get("my-shift").title.startswith("Wine: ")


def test_a_file_that_appears_or_vanishes_is_seen(mine):
    discover()
    second = LATE_SHIFT.replace('id = "late-shift"', 'id = "second-shift"')
    (mine / "second-shift.toml").write_text(second, "utf-8")
    assert "second-shift" in discover().playbooks
    (mine / "my-shift.toml").unlink()
    library = discover()
    assert "my-shift" not in library.playbooks and "second-shift" in library.playbooks
    assert playbook_cache.load().listing == listing_of(library)


def test_a_framework_edit_is_seen(mine):
    frameworks = mine / "frameworks"
    frameworks.mkdir()
    carp = (playbooks.bundled_dir() / "frameworks" / "carp.toml").read_text("utf-8")
    (frameworks / "carp.toml").write_text(carp, "utf-8")
    assert discover().frameworks["carp"].overrides_bundled
    (frameworks / "carp.toml").write_text("this is not = = toml", "utf-8")
    library = discover()
    assert [error.file.name for error in library.broken] == ["carp.toml"]
    assert not library.frameworks["carp"].overrides_bundled  # the bundled one stands in


def test_broken_files_are_reported_the_same_from_a_cached_start(mine, monkeypatch):
    (mine / "syntax.toml").write_text('id = "syntax"\ntitle = \n', "utf-8")
    wrong = LATE_SHIFT.replace('id = "late-shift"', 'id = "wrong-channel"').replace(
        'channel = "', 'channel = "x', 1)
    (mine / "wrong-channel.toml").write_text(wrong, "utf-8")
    first = discover()
    assert sorted(error.file.name for error in first.broken) == ["syntax.toml",
                                                                 "wrong-channel.toml"]
    cache = playbook_cache.load()
    assert cache.fresh and len(cache.listing.broken) == 2
    parsed = parses_counted(monkeypatch)
    again = discover()
    assert summary(again) == summary(first)  # located at the same lines, word for word
    assert parsed == ['id = "syntax"']  # a file TOML could not read is read again, alone


def test_the_example_check_runs_at_every_start(mine, monkeypatch):
    # It takes the present moment: a cache must never keep an answer that depends on it.
    discover()
    from coachtui.core.scenario import Finding

    def fails_now(scenario, now):
        return [Finding(("example", "steps_done", 0), "not on the Act step")] \
            if scenario.id == "my-shift" else []

    monkeypatch.setattr(playbooks, "check_example", fails_now)
    library = discover()
    assert "my-shift" not in library.playbooks
    assert [error.file.name for error in library.broken] == ["my-shift.toml"]
    assert playbook_cache.load().listing == listing_of(library)  # the list follows


@pytest.mark.parametrize("content", [
    b"", b"\x00\xff garbage", b"{not json", b"[]", b'{"format": 1}', b"null",
    b"[" * 100_000 + b"]" * 100_000,
])
def test_a_damaged_cache_is_ignored_and_written_again(mine, content):
    expected = summary(discover())
    location = playbook_cache.location()
    location.write_bytes(content)
    assert not playbook_cache.load().fresh
    assert summary(discover()) == expected
    assert playbook_cache.load().fresh


def test_a_cache_cut_short_is_ignored(mine):
    expected = summary(discover())
    location = playbook_cache.location()
    text = location.read_bytes()
    location.write_bytes(text[: len(text) // 2])
    assert not playbook_cache.load().fresh
    assert summary(discover()) == expected


def test_a_cache_of_another_shape_is_ignored(mine, monkeypatch):
    expected = summary(discover())
    location = playbook_cache.location()
    data = json.loads(location.read_text("ascii"))
    data["listing"]["playbooks"][0]["title"] = 42  # not a title
    location.write_text(json.dumps(data), "ascii")
    assert not playbook_cache.load().fresh
    assert summary(discover()) == expected


def test_tables_in_the_cache_are_validated_again(mine, monkeypatch):
    # Whatever the cache says, a playbook the files would not let through never loads.
    discover()
    location = playbook_cache.location()
    data = json.loads(location.read_text("ascii"))
    data["parsed"]["user/my-shift.toml"]["channel"] = "nowhere"
    location.write_text(json.dumps(data), "ascii")
    library = discover()
    assert "my-shift" not in library.playbooks
    assert "channel" in str(library.broken[0])


def test_a_cache_from_another_version_is_ignored(mine, monkeypatch):
    discover()
    assert playbook_cache.load().fresh
    monkeypatch.setattr(playbook_cache, "__version__", "99.0")
    assert not playbook_cache.load().fresh
    monkeypatch.setattr(playbook_cache, "FORMAT", playbook_cache.FORMAT + 1)
    no_parse = playbook_cache.load()
    assert not no_parse.fresh and not no_parse.parsed  # nothing of it is used


def test_a_cache_that_is_a_link_is_not_followed(mine, tmp_path):
    discover()
    location = playbook_cache.location()
    elsewhere = tmp_path / "elsewhere.json"
    good = location.read_bytes()
    elsewhere.write_bytes(good)  # a perfectly good cache, but not there
    location.unlink()
    location.symlink_to(elsewhere)
    assert not playbook_cache.load().fresh
    discover()
    assert not location.is_symlink()  # the link is replaced, what it pointed to untouched
    assert elsewhere.read_bytes() == good and playbook_cache.load().fresh


def test_a_fifo_at_the_cache_is_neither_waited_on_nor_kept(mine):
    playbook_cache.location().parent.mkdir(parents=True)
    os.mkfifo(playbook_cache.location())
    assert not playbook_cache.load().fresh  # returns: never opened to wait for a writer
    expected = summary(discover())
    assert playbook_cache.location().is_file() and playbook_cache.load().fresh
    assert summary(discover()) == expected


def test_a_huge_cache_is_not_read(mine, monkeypatch):
    expected = summary(discover())
    monkeypatch.setattr(playbook_cache, "MAX_BYTES", 1000)
    assert not playbook_cache.load().fresh
    assert summary(discover()) == expected  # too big to keep: not kept, no harm


def test_a_cache_that_cannot_be_written_is_done_without(mine, coachtui_home):
    (coachtui_home / "cache").parent.mkdir(parents=True, exist_ok=True)
    (coachtui_home / "cache").write_text("a file where the cache folder should be")
    library = discover()
    assert "my-shift" in library.playbooks and not library.broken
    assert (coachtui_home / "cache").read_text() == "a file where the cache folder should be"


def test_a_command_reads_the_cache_but_writes_none(mine, monkeypatch):
    # `coachtui playbooks list` and the like leave the cache folder as they found it.
    assert "my-shift" in playbooks.discover().playbooks
    assert not playbook_cache.location().parent.exists()
    first = discover()
    no_toml_parsing(monkeypatch)
    assert summary(playbooks.discover()) == summary(first)


def test_toml_dates_are_parsed_each_time_not_stored(mine):
    # JSON has no dates: such a file's tables are not stored, and it still loads (or not)
    # exactly as from its file.
    dated = LATE_SHIFT.replace('id = "late-shift"', 'id = "dated"') + "\nwhen = 2026-01-01\n"
    (mine / "dated.toml").write_text(dated, "utf-8")
    first = summary(discover())
    assert "user/dated.toml" not in playbook_cache.load().parsed
    assert summary(discover()) == first
