"""The temporary homes of `coachtui serve`: what a start removes of what killed servers left, and
what it must leave alone (plain pytest; the real kill -9 is in tests/test_serve_room.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from coachtui.web import homes


@pytest.fixture
def temp(tmp_path, monkeypatch):
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(homes.tempfile, "tempdir", str(folder))
    return folder


def gone_pid() -> int:
    """The id of a process that has ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_a_dead_servers_folder_is_removed_and_a_live_ones_kept(temp):
    dead = temp / f"coachtui-serve-{gone_pid()}-abc_1234"
    (dead / "session-x1" / "drafts").mkdir(parents=True)
    (dead / "session-x1" / "drafts" / "walk.toml").write_text("my customer said …")
    alive = homes.make_server_folder()  # this process's own
    assert alive.parent == temp and alive.stat().st_mode & 0o777 == 0o700
    assert homes.remove_leftovers() == 1
    assert not dead.exists() and alive.exists()


def test_only_our_own_folders_are_touched(temp, tmp_path):
    pid = gone_pid()
    outside = tmp_path / "outside"
    (outside / "keep.txt").parent.mkdir()
    (outside / "keep.txt").write_text("not ours")
    (temp / f"coachtui-serve-{pid}-linkxxxx").symlink_to(outside)  # a link, not a folder
    (temp / f"coachtui-serve-{pid}-filexxxx").write_text("a file")
    (temp / f"coachtui-serve-{pid}-toolongname").mkdir()  # not a name we make
    (temp / f"my-coachtui-serve-{pid}-abcdefgh").mkdir()
    (temp / "coachtui-serve-abcdefgh").mkdir()  # an older version's: no server id to check
    theirs = temp / f"coachtui-serve-{pid}-theirs12"
    theirs.mkdir()
    if os.getuid() == 0:
        os.chown(theirs, 65534, 65534)  # another user's
    before = sorted(path.name for path in temp.iterdir())
    removed = homes.remove_leftovers()
    after = sorted(path.name for path in temp.iterdir())
    assert (outside / "keep.txt").read_text() == "not ours"
    if os.getuid() == 0:
        assert removed == 0 and after == before
    else:  # without root, the folder is ours after all
        assert removed == 1 and theirs.name not in after


def test_a_session_removes_only_a_home_a_server_made(temp, tmp_path):
    server = homes.make_server_folder()
    home = homes.make_session_home(server)
    assert home.stat().st_mode & 0o777 == 0o700
    assert homes.is_session_home(home)
    assert not homes.is_session_home(server)
    assert not homes.is_session_home(tmp_path / "coachtui-home")
    assert not homes.is_session_home(tmp_path / server.name / home.name)  # elsewhere
