"""The folders split: data from the old single root is moved to the new folders at first
start, or read where it is, and never lost."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from coachtui import paths
from coachtui.store import old_home

ENTRY = "journal/2026/20261122T201500Z-abcd1234.toml"
DRAFT = "drafts/0123456789abcdef.toml"


def old_layout(root: Path, config: bytes = b'# mine\ntheme = "nord"\n') -> dict[str, bytes]:
    """A root as coachtui used to keep it: an entry, a draft, the config, the index."""
    files = {ENTRY: b'what_happened = "old words"\n', DRAFT: b'kind = "quick"\n',
             "config.toml": config, "cache/journal-index.sqlite3": b"index"}
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return files


def new_places(tmp_path: Path) -> dict[str, Path]:
    data, config, cache = tmp_path / "data", tmp_path / "config", tmp_path / "cache"
    return {"journal": data / "journal", "drafts": data / "drafts",
            "playbooks": data / "playbooks", "trash": data / "trash",
            "config": config / "config.toml", "cache": cache}


def every_file(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes()
            for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def platform_folders(tmp_path, monkeypatch):
    """No COACHTUI_HOME: the platform's folders are three folders under tmp_path, and the
    old single root a fourth; the move is looked for afresh."""
    monkeypatch.delenv("COACHTUI_HOME")
    kinds = {"data": tmp_path / "data", "config": tmp_path / "config",
             "cache": tmp_path / "cache"}
    monkeypatch.setattr(paths, "_platform", lambda kind: kinds[kind])
    monkeypatch.setattr(paths, "old_root", lambda: tmp_path / "old")
    monkeypatch.setattr(paths, "_in_place", {})
    monkeypatch.setattr(old_home, "_settled", None)
    monkeypatch.setattr(old_home, "_told", False)
    return tmp_path


def test_everything_is_moved_to_its_new_folder(tmp_path):
    files = old_layout(tmp_path / "old")
    places = new_places(tmp_path)
    settled = old_home.move_old_root(tmp_path / "old", places)
    assert (places["journal"].parent / ENTRY).read_bytes() == files[ENTRY]
    assert (places["drafts"].parent / DRAFT).read_bytes() == files[DRAFT]
    assert places["config"].read_bytes() == files["config.toml"]
    assert (places["cache"] / "journal-index.sqlite3").read_bytes() == b"index"
    assert every_file(tmp_path / "old") == {}, "moved, not copied"
    note = settled.note()
    assert "moved config.toml to" in note and "your journal" in note and "\n" not in note


def test_a_conflict_loses_nothing(tmp_path):
    """Both places hold a config and an entry of the same name: each keeps its own, and what
    only the old root had is moved."""
    old = tmp_path / "old"
    old_layout(old, config=b"theme = 'old'\n")
    (old / "journal/2026/20261101T080000Z-ffff0000.toml").write_bytes(b"only old")
    places = new_places(tmp_path)
    places["config"].parent.mkdir(parents=True)
    places["config"].write_bytes(b"theme = 'new'\n")
    (places["journal"] / "2026").mkdir(parents=True)
    (places["journal"].parent / ENTRY).write_bytes(b"new copy")
    settled = old_home.move_old_root(old, places)
    assert places["config"].read_bytes() == b"theme = 'new'\n"
    assert (old / "config.toml").read_bytes() == b"theme = 'old'\n"
    assert (places["journal"].parent / ENTRY).read_bytes() == b"new copy"
    assert (old / ENTRY).read_bytes() == b'what_happened = "old words"\n'
    assert (places["journal"] / "2026/20261101T080000Z-ffff0000.toml").read_bytes() == \
        b"only old"
    assert set(settled.left) == {old / "config.toml", old / ENTRY}
    assert "nothing was overwritten" in settled.note()


def test_what_cannot_be_moved_is_read_where_it_is(platform_folders, monkeypatch):
    """Another disk (EXDEV) or no permission: the old place keeps being used."""
    files = old_layout(platform_folders / "old")

    def refuse(*args, **kwargs):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "rename", refuse)
    monkeypatch.setattr(os, "link", refuse)
    note = old_home.take_note()
    assert "stays at" in note and "is used there" in note
    assert paths.config_file() == platform_folders / "old" / "config.toml"
    assert paths.journal_dir() == platform_folders / "old" / "journal"
    assert every_file(platform_folders / "old") == files


async def test_the_app_finds_the_old_data_in_the_new_folders_and_says_so_once(
        platform_folders, make_app):
    from coachtui.core.reflection import Reflection
    from coachtui.store import journal
    from tests.conftest import FIXED_NOW

    old = platform_folders / "old"
    old_layout(old)
    journal_folder = old / "journal" / "2026"
    for stale in journal_folder.iterdir():
        stale.unlink()
    # A real entry, written the way coachtui wrote it into the old root.
    saved = journal.save(Reflection(created=FIXED_NOW, what_happened="old words"),
                         root=old / "journal")

    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        told = [n.message for n in app._notifications]
        assert sum("coachtui now uses your system's folders" in m for m in told) == 1
        assert app.config.theme == "nord", "the moved config is the one read"
    data = platform_folders / "data"
    assert [e.what_happened for _, e in journal.list_entries().entries] == ["old words"]
    assert (data / "journal" / saved.relative_to(old / "journal")).exists()
    assert (data / DRAFT).exists() and (platform_folders / "config" / "config.toml").exists()
    assert not old.joinpath("journal").exists()

    again = make_app()
    async with again.run_test() as pilot:
        await pilot.pause()
        assert not any("system's folders" in n.message for n in again._notifications)


def test_locate_moves_the_config_out_of_the_data_folder_and_says_so_once(tmp_path):
    """On Linux the old root is the data folder itself: the entries stay, the config and the
    index move to their own folders; `locate` lists every folder, the cache included."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    xdg = {kind: tmp_path / kind for kind in ("data", "config", "cache")}
    files = old_layout(xdg["data"] / "coachtui")
    env = {key: value for key, value in os.environ.items() if key != "COACHTUI_HOME"}
    env.update(HOME=str(tmp_path), PYTHONPATH=str(root), XDG_DATA_HOME=str(xdg["data"]),
               XDG_CONFIG_HOME=str(xdg["config"]), XDG_CACHE_HOME=str(xdg["cache"]))

    def locate() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "coachtui", "locate"], env=env,
                              capture_output=True, text=True, timeout=60)

    first, second = locate(), locate()
    assert first.returncode == 0 and second.returncode == 0
    assert first.stderr.count("moved config.toml to") == 1 and first.stderr.count("\n") == 1
    assert second.stderr == ""
    config = xdg["config"] / "coachtui" / "config.toml"
    assert config.read_bytes() == files["config.toml"]
    assert (xdg["data"] / "coachtui" / ENTRY).read_bytes() == files[ENTRY]
    assert (xdg["cache"] / "coachtui" / "journal-index.sqlite3").read_bytes() == b"index"
    assert f"config     {config}" in second.stdout
    assert f"cache      {xdg['cache'] / 'coachtui'}" in second.stdout
    assert f"journal    {xdg['data'] / 'coachtui' / 'journal'}" in second.stdout
