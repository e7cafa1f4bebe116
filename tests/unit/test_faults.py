"""Fault injection for every write path of the store.

Each fault is an OSError raised at one step of a write (creating the temp file, writing
it, fsync'ing it, putting it in place, moving a draft to the trash). Each target is one
store call made when a previous file already exists. For every pair that applies:

* the OSError reaches the caller, and `why_not_written` gives its plain phrase;
* every file that existed before is byte for byte intact, and nothing new is left
  behind: no half-written entry, no `.*.tmp` temp file;
* everything under the coachtui home is still private (files 0600, folders 0700), and
  no file descriptor is left open;
* once the fault is gone, the same call works and leaves exactly one new file.

Faults are injected by monkeypatching the function where the store looks it up, and
only for calls that concern the target (a failing file fsync never fails the
best-effort directory fsync, which has its own cases below).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coachtui.core.reflection import Reflection
from coachtui.core.walk import WalkAnswers
from coachtui.store import config, drafts, journal
from coachtui.store.atomic import why_not_written

T0 = datetime(2024, 5, 1, 21, 30, 5, tzinfo=timezone.utc)
WALK = "aaaa1111"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    root = tmp_path.resolve() / "home"  # resolved: compared with paths from /proc
    monkeypatch.setenv("COACHTUI_HOME", str(root))
    return root


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def answers(minutes: int, step: str = "read") -> WalkAnswers:
    return WalkAnswers(walk_id=WALK, playbook_id="late-shift",
                       started=T0 + timedelta(minutes=minutes), step=step,
                       signals=["card-out"], stress_before=6)


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file under the home, by path relative to it, with its bytes."""
    if not home.exists():
        return {}
    return {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*") if p.is_file()}


def temp_files(home: Path) -> list[str]:
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.name.endswith(".tmp"))


def assert_private(home: Path) -> None:
    for path in (home, *home.rglob("*")):
        expected = 0o700 if path.is_dir() else 0o600
        assert mode(path) == expected, f"{path.relative_to(home.parent)}: {oct(mode(path))}"


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def fd_path(fd: int) -> Path | None:
    try:
        return Path(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        return None


# -- faults --------------------------------------------------------------------------------
#
# An injector gets the monkeypatch, the fault's error and the target's folder (where the
# new file appears), and fails only the calls that concern that folder.

Injector = Callable[[pytest.MonkeyPatch, OSError, Path], None]


class FailingWrites:
    """A file handle whose write puts half the data on disk, then raises."""

    def __init__(self, handle, error: OSError):
        self._handle, self._error = handle, error

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise self._error

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._handle.close()

    def __getattr__(self, name):
        return getattr(self._handle, name)


def at_write(mp, error, folder):
    real = os.fdopen

    def fdopen(fd, *args, **kwargs):
        handle = real(fd, *args, **kwargs)
        where = fd_path(fd)
        return FailingWrites(handle, error) if where and where.parent == folder else handle

    mp.setattr(os, "fdopen", fdopen)


def at_file_fsync(mp, error, folder):
    real = os.fsync

    def fsync(fd):
        where = fd_path(fd)
        if stat.S_ISREG(os.fstat(fd).st_mode) and where and where.parent == folder:
            raise error
        return real(fd)

    mp.setattr(os, "fsync", fsync)


def at_replace(mp, error, folder):
    real = os.replace

    def replace(src, dst, **kwargs):
        if Path(dst).parent == folder:
            raise error
        return real(src, dst, **kwargs)

    mp.setattr(os, "replace", replace)


def at_mkstemp(mp, error, folder):
    real = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir) == folder:
            raise error
        return real(*args, dir=dir, **kwargs)

    mp.setattr(tempfile, "mkstemp", mkstemp)


def at_link(mp, error, folder):
    """A link that would create a new name in the folder fails; a taken name still
    raises the real FileExistsError, so the trash's search for a free name runs."""
    real = os.link

    def link(src, dst, **kwargs):
        if Path(dst).parent == folder and not os.path.lexists(dst):
            raise error
        return real(src, dst, **kwargs)

    mp.setattr(os, "link", link)


def at_unlink_after_link(mp, error, folder):
    """Removing a record (the draft leaving for the trash) fails after its link was made."""
    real = os.unlink

    def unlink(path, **kwargs):
        path = Path(path)
        if path.suffix == ".toml" and path.stat().st_nlink > 1:
            raise error
        return real(path, **kwargs)

    mp.setattr(os, "unlink", unlink)


@dataclass(frozen=True)
class Fault:
    name: str
    step: str  # which step of a write it breaks; a target lists the steps it takes
    code: int
    phrase: str  # what why_not_written must say
    inject: Injector

    def error(self, folder: Path) -> OSError:
        # OSError(errno, ...) gives the matching subclass: EACCES is a PermissionError.
        return OSError(self.code, os.strerror(self.code), str(folder))


FAULTS = [
    Fault("disk-full-at-write", "write", errno.ENOSPC, "the disk is full", at_write),
    Fault("quota-at-write", "write", errno.EDQUOT, "your disk quota is used up", at_write),
    Fault("disk-full-at-fsync", "fsync", errno.ENOSPC, "the disk is full", at_file_fsync),
    Fault("io-error-at-fsync", "fsync", errno.EIO,
          "the disk reported an input/output error", at_file_fsync),
    Fault("io-error-at-replace", "replace", errno.EIO,
          "the disk reported an input/output error", at_replace),
    Fault("denied-at-mkstemp", "mkstemp", errno.EACCES, "permission was denied", at_mkstemp),
    Fault("not-permitted-at-mkstemp", "mkstemp", errno.EPERM, "permission was denied",
          at_mkstemp),
    Fault("read-only-at-link", "link", errno.EROFS, "the disk is read-only", at_link),
    Fault("disk-full-at-link", "link", errno.ENOSPC, "the disk is full", at_link),
    Fault("io-error-at-unlink-after-link", "unlink", errno.EIO,
          "the disk reported an input/output error", at_unlink_after_link),
]


# -- targets -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    name: str
    folder: str  # where the new file appears, relative to the home
    steps: frozenset[str]
    setup: Callable[[], None]  # the files that exist before the call
    call: Callable[[], Path]
    check_done: Callable[[Path, dict, dict, Path], None]  # home, before, after, result


NEW_ENTRY = Reflection(id="new00001", created=T0 + timedelta(minutes=1), went_well="new")


def setup_journal():
    journal.save(Reflection(id="old00001", created=T0, went_well="existing"))


def journal_done(home, before, after, result):
    [new] = set(after) - set(before)
    assert home / new == result
    assert result.parent == home / "journal" / "2024"
    assert journal.load(result) == NEW_ENTRY
    assert {k: after[k] for k in before} == before


def setup_draft():
    drafts.save(answers(0, step="read"))


def draft_done(home, before, after, result):
    assert set(after) == set(before)  # replaced in place: no second draft
    assert result == home / "drafts" / f"{WALK}.toml"
    assert drafts.list_drafts().drafts[0].answers == answers(0, step="act")


def setup_config():
    config.save(config.Config(theme="nord"))


def config_done(home, before, after, result):
    assert set(after) == set(before)
    loaded, problems = config.load()
    assert problems == [] and loaded.theme == "textual-light" and loaded.bell is True


def save_config() -> Path:
    config.save(config.Config(theme="textual-light", bell=True))
    return home_path() / "config.toml"


def home_path() -> Path:
    return Path(os.environ["COACHTUI_HOME"])


def setup_discard():
    # A same-named file is already in the trash (an earlier walk with the same id).
    drafts.discard(drafts.save(answers(0)).stem)
    drafts.save(answers(9, step="act"))


def discard_done(home, before, after, result):
    draft = f"drafts/{WALK}.toml"
    assert set(before) - set(after) == {draft}  # the draft left its folder
    [new] = set(after) - set(before)  # and arrived in the trash, once
    assert home / new == result and result.parent == home / "trash" / "drafts"
    assert after[new] == before[draft]
    assert {k: after[k] for k in before if k != draft} == {
        k: v for k, v in before.items() if k != draft}


WRITE_STEPS = {"mkstemp", "write", "fsync"}

TARGETS = [
    Target("journal-save", "journal/2024", frozenset(WRITE_STEPS | {"link"}),
           setup_journal, lambda: journal.save(NEW_ENTRY), journal_done),
    Target("draft-save", "drafts", frozenset(WRITE_STEPS | {"replace"}),
           setup_draft, lambda: drafts.save(answers(0, step="act")), draft_done),
    Target("config-save", ".", frozenset(WRITE_STEPS | {"replace"}),
           setup_config, save_config, config_done),
    Target("draft-discard", "trash/drafts", frozenset({"link", "unlink"}),
           setup_discard, lambda: drafts.discard(WALK), discard_done),
]

CASES = [pytest.param(fault, target, id=f"{target.name}:{fault.name}")
         for target in TARGETS for fault in FAULTS if fault.step in target.steps]


def fail_then_retry(home: Path, fault: Fault, target: Target) -> None:
    target.setup()
    folder = home / target.folder
    before, fds = snapshot(home), open_fds()

    with pytest.MonkeyPatch.context() as mp:
        fault.inject(mp, fault.error(folder), folder)
        with pytest.raises(OSError) as caught:
            target.call()
    assert open_fds() == fds  # the temp file's descriptor was closed

    error = caught.value
    assert error.errno == fault.code
    assert why_not_written(error) == fault.phrase
    after = snapshot(home)
    if fault.step == "unlink":
        # Half moved: the draft may be in the trash and still in drafts, never neither.
        draft = f"drafts/{WALK}.toml"
        new = set(after) - set(before)
        assert after.get(draft) == before[draft] or any(after[n] == before[draft] for n in new)
        assert all(after[n] == before[draft] for n in new)
        assert {k: after[k] for k in before if k in after} == {
            k: v for k, v in before.items() if k in after}
    else:
        assert after == before  # old bytes intact, nothing new (no entry, no half file)
    assert temp_files(home) == []
    assert_private(home)

    # The fault is gone: the same call now works and leaves exactly one new file.
    before_retry = snapshot(home)
    result = target.call()
    target.check_done(home, before_retry, snapshot(home), result)
    assert temp_files(home) == []
    assert_private(home)


@pytest.mark.parametrize(("fault", "target"), CASES)
def test_a_failed_write_keeps_the_old_files_and_a_retry_works(home, fault, target):
    fail_then_retry(home, fault, target)


@pytest.mark.parametrize(("fault", "target"), CASES)
def test_a_write_after_a_failed_one_is_private_even_with_open_umask(
        home, open_umask, fault, target):
    fail_then_retry(home, fault, target)


JOURNAL_FAULTS = [pytest.param(f, id=f.name) for f in FAULTS if f.step in TARGETS[0].steps]


@pytest.mark.parametrize("fault", JOURNAL_FAULTS)
def test_an_entry_in_a_new_year_after_a_failed_one_makes_a_private_folder(
        home, open_umask, fault):
    setup_journal()
    entry = NEW_ENTRY.model_copy(update={"created": T0 + timedelta(days=365)})
    folder = home / "journal" / "2025"
    assert not folder.exists()
    with pytest.MonkeyPatch.context() as mp:
        fault.inject(mp, fault.error(folder), folder)
        with pytest.raises(OSError):
            journal.save(entry)
    assert not folder.exists() or list(folder.iterdir()) == []
    path = journal.save(entry)
    assert path.parent == folder and journal.load(path) == entry
    assert sorted(p.name for p in folder.iterdir()) == [path.name]
    assert mode(folder) == 0o700 and mode(path) == 0o600
    assert_private(home)


# -- the directory fsync is best effort ------------------------------------------------------

def dir_fsync_fails(code):
    def inject(mp):
        real = os.fsync

        def fsync(fd):
            if stat.S_ISDIR(os.fstat(fd).st_mode):
                raise OSError(code, os.strerror(code))
            return real(fd)

        mp.setattr(os, "fsync", fsync)

    return inject


def dir_open_fails(code):
    def inject(mp):
        real = os.open

        def open_(path, flags, *args, **kwargs):
            if os.path.isdir(path):
                raise OSError(code, os.strerror(code), str(path))
            return real(path, flags, *args, **kwargs)

        mp.setattr(os, "open", open_)

    return inject


BEST_EFFORT = {
    "dir-fsync-io-error": dir_fsync_fails(errno.EIO),
    "dir-fsync-not-supported": dir_fsync_fails(errno.EINVAL),
    "dir-open-denied": dir_open_fails(errno.EACCES),
}


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
@pytest.mark.parametrize("inject", BEST_EFFORT.values(), ids=BEST_EFFORT.keys())
def test_a_failing_directory_fsync_does_not_fail_the_write(home, inject, target):
    target.setup()
    before = snapshot(home)
    with pytest.MonkeyPatch.context() as mp:
        inject(mp)
        result = target.call()
    target.check_done(home, before, snapshot(home), result)
    assert temp_files(home) == []
    assert_private(home)


# -- why_not_written -------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "phrase"), [
    (errno.ENOSPC, "the disk is full"),
    (errno.EACCES, "permission was denied"),
    (errno.EPERM, "permission was denied"),
    (errno.EIO, "the disk reported an input/output error"),
    (errno.EROFS, "the disk is read-only"),
    (errno.EDQUOT, "your disk quota is used up"),
], ids=lambda v: errno.errorcode[v] if isinstance(v, int) else None)
def test_why_not_written_known_reasons(code, phrase):
    assert why_not_written(OSError(code, os.strerror(code), "/somewhere")) == phrase


@pytest.mark.parametrize("code", [errno.EBUSY, errno.ENOLCK, errno.EMLINK],
                         ids=lambda c: errno.errorcode[c])
def test_why_not_written_falls_back_to_the_lower_cased_strerror(code):
    strerror = os.strerror(code)
    phrase = why_not_written(OSError(code, strerror))
    assert phrase == strerror[0].lower() + strerror[1:]
    assert phrase[0].islower() and "\n" not in phrase


def test_why_not_written_without_errno():
    assert why_not_written(OSError("something odd")) == "something odd"
    assert why_not_written(OSError()) == "OSError"


# -- after the point of no return ------------------------------------------------------------

def test_an_entry_linked_in_place_is_saved_even_if_its_temp_name_cannot_be_removed(
        home, monkeypatch):
    """Once the entry has its name it is saved: reporting a failure then would invite a
    retry that saves it twice."""
    real = os.unlink

    def unlink(path, **kwargs):
        if str(path).endswith(".tmp"):
            raise OSError(errno.EIO, "Input/output error")
        return real(path, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    saved = journal.save(NEW_ENTRY)
    assert journal.load(saved) == NEW_ENTRY
    listing = journal.list_entries()
    assert len(listing.entries) == 1 and not listing.unreadable


def test_a_failure_before_writing_leaks_no_file_descriptor(home, monkeypatch):
    def fchmod(fd, mode):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "fchmod", fchmod)
    before = open_fds()
    for _ in range(5):
        with pytest.raises(OSError):
            drafts.save(answers(0))
    assert open_fds() == before
    assert not temp_files(home)
