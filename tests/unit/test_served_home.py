"""A browser's private home under `coachtui serve` is its server's to make and remove: a write
that comes after it was removed (a start still loading, a last draft) never makes it again."""

from __future__ import annotations

import pytest

from coachtui import paths
from datetime import datetime, timezone

from coachtui.core.walk import WalkAnswers
from coachtui.store import drafts


@pytest.fixture
def served_home(tmp_path, monkeypatch):
    server_folder = tmp_path / "coachtui-serve-1-abc"
    home = server_folder / "session-xyz"
    home.mkdir(parents=True)
    monkeypatch.setenv(paths.ENV_HOME, str(home))
    monkeypatch.setenv(paths.ENV_SERVED, "private")
    return server_folder, home


def test_a_removed_private_home_is_not_made_again(served_home):
    server_folder, home = served_home
    assert paths.ensure_private_dir(paths.drafts_dir()) == home / "drafts"  # while it is there
    home.joinpath("drafts").rmdir()
    home.rmdir()
    server_folder.rmdir()  # the server stopped and removed its folder
    with pytest.raises(FileNotFoundError):
        paths.ensure_private_dir(paths.drafts_dir())
    answers = WalkAnswers(playbook_id="late-shift", started=datetime.now(timezone.utc),
                          what_happened="words typed in a browser")
    with pytest.raises(OSError):
        drafts.save(answers)
    assert not server_folder.exists(), "the server's folder was made again"


def test_a_home_of_ones_own_is_made_when_missing(tmp_path, monkeypatch):
    home = tmp_path / "new-home"
    monkeypatch.setenv(paths.ENV_HOME, str(home))
    monkeypatch.delenv(paths.ENV_SERVED, raising=False)
    assert paths.ensure_private_dir(paths.drafts_dir()).is_dir()
    assert (home.stat().st_mode & 0o777) == 0o700


def test_a_file_written_while_a_home_is_removed_does_not_keep_it(tmp_path, monkeypatch):
    """rmtree leaves a folder if a session still ending writes into it meanwhile."""
    from coachtui.web import homes

    home = tmp_path / "coachtui-serve-1-abcdefgh" / "session-xyz"
    (home / "drafts").mkdir(parents=True)
    rmtree, calls = homes.shutil.rmtree, []

    def racing(path, ignore_errors=False):
        calls.append(path)
        rmtree(path, ignore_errors=ignore_errors)
        if len(calls) == 1:  # a last draft lands while the tree goes
            (home / "drafts").mkdir(parents=True)
            (home / "drafts" / "late.toml").write_text("what_happened = 'typed'\n")

    monkeypatch.setattr(homes.shutil, "rmtree", racing)
    homes.remove(home)
    assert not home.exists() and len(calls) == 2
