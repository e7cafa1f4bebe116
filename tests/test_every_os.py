"""coachtui on Windows and macOS, proven on Linux: the pieces a platform lacks (SIGHUP and
its kin, sigwait, os.fchmod, O_NOFOLLOW, errno.EDQUOT, fcntl, os.link's follow_symlinks)
are taken away, and every module still imports and the journal still saves, lists and
trashes, privately."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coachtui.store import portable

ROOT = Path(__file__).resolve().parents[1]

WITHOUT_POSIX = textwrap.dedent("""
    import errno, os, signal, sys
    for name in ("SIGHUP", "SIGTSTP", "SIGQUIT", "SIGUSR1", "SIGWINCH", "pthread_sigmask",
                 "sigwait"):
        if hasattr(signal, name):
            delattr(signal, name)
    for name in ("fchmod", "O_NOFOLLOW", "O_NONBLOCK"):
        delattr(os, name)
    del errno.EDQUOT
    os.supports_follow_symlinks = set()
    sys.modules["fcntl"] = None  # `import fcntl` now fails, as on Windows

    import importlib, pkgutil, coachtui
    for module in pkgutil.walk_packages(coachtui.__path__, "coachtui."):
        if module.name != "coachtui.__main__":  # that one runs the command line
            importlib.import_module(module.name)

    from coachtui.ui import shutdown
    assert shutdown.QUIT_SIGNALS == {signal.SIGTERM, signal.SIGINT}, shutdown.QUIT_SIGNALS
    with shutdown._signals_to_a_thread(print, shutdown.quit_signals()):  # no sigwait: the draft on each answer stands
        pass

    from coachtui.cli import main
    assert main(["reflect", "Stayed calm at the counter", "--tag", "rush"]) == 0
    assert main(["search", "calm"]) == 0
    from coachtui.store import journal, leftovers
    [(path, entry)] = journal.list_entries().entries
    trashed = journal.delete(path)
    journal.restore(trashed, path)
    leftovers.recover()
    print(oct(os.stat(path).st_mode & 0o777), path.name)
""")


def test_everything_works_without_the_posix_only_pieces(tmp_path):
    env = {**os.environ, "COACHTUI_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", WITHOUT_POSIX], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    mode, name = done.stdout.splitlines()[-1].split()
    assert mode == "0o600"
    assert not set(name) & set('<>:"/\\|?*'), "a name NTFS can hold"


def test_private_without_fchmod_uses_the_name(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "fchmod")
    path = tmp_path / "entry.toml"
    path.write_text("x")
    os.chmod(path, 0o644)
    with open(path, "rb") as handle:
        portable.make_private(handle.fileno(), path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_link_where_follow_symlinks_is_not_supported(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "supports_follow_symlinks", set())
    source, target = tmp_path / "a", tmp_path / "b"
    source.write_text("kept")
    portable.link(source, target)
    assert target.read_text() == "kept"
    with pytest.raises(FileExistsError):
        portable.link(source, target)  # never over a file


def test_on_windows_a_process_is_never_signalled_to_ask_if_it_exists(monkeypatch):
    """os.kill(pid, 0) on Windows sends CTRL_C_EVENT to the console group."""
    def no_kill(*_args):
        raise AssertionError("os.kill must not be called on Windows")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "kill", no_kill)
    asked = []
    monkeypatch.setattr(portable, "_windows_process_exists", lambda pid: asked.append(pid) or True)
    assert portable.process_exists(4242) is True
    assert asked == [4242]


def test_process_exists_on_posix():
    assert portable.process_exists(os.getpid()) is True
    assert portable.process_exists(2 ** 22 + 12345) is False  # above Linux's pid_max
