"""Snapshots of every screen at 100x32, animations off, frozen clocks.

Update after an intended visual change with: pytest tests/app/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import secrets

import pytest

SIZE = (100, 32)


@pytest.fixture(autouse=True)
def fixed_ids(monkeypatch):
    # Entry ids are random; freeze them so the closing screen's path is the same every run.
    monkeypatch.setattr(secrets, "token_hex", lambda n=4: "0a1b2c3d")


async def _walk_to(pilot, step: str) -> None:
    await pilot.press("enter")
    while pilot.app.walk.step != step:
        await pilot.press("enter")
    await pilot.pause()


async def pacer_sees(pilot, seconds: float) -> None:
    """Wait until the pacer has read the moved clock (it looks every tenth of a second)."""
    pacer = pilot.app.screen.query_one("BreathPacer")
    for _ in range(100):
        if pacer.elapsed == seconds:
            break
        await pilot.pause(0.05)
    await pilot.pause()


def test_home(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_pause_rating(snap_compare, make_app):
    async def run_before(pilot):
        await pilot.press("enter", "right")  # the rating's own moment, nudged to 5
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_pause_mid_inhale_at_80_by_24(snap_compare, make_app):
    now = [0.0]

    async def run_before(pilot):
        await pilot.press("enter", "6")  # rated: the Now breath starts at 0 s
        await pilot.pause()
        now[0] = 2.0  # halfway through breathing in
        await pacer_sees(pilot, 2.0)

    app = make_app(monotonic=lambda: now[0])
    app.animation_level = "full"  # the moving shape, whatever TEXTUAL_ANIMATIONS says
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_pause_reduced_motion(snap_compare, make_app):
    now = [0.0]

    async def run_before(pilot):
        await pilot.press("enter", "d", "enter")  # the deeper reset, no rating
        await pilot.pause()
        now[0] = 9.0  # breathing out
        await pacer_sees(pilot, 9.0)

    app = make_app(monotonic=lambda: now[0], reduced_motion=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_greet(snap_compare, make_app):
    async def run_before(pilot):
        await _walk_to(pilot, "greet")
        await pilot.press("1")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_read(snap_compare, make_app):
    async def run_before(pilot):
        await _walk_to(pilot, "read")
        await pilot.press("1", "5", "8")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_decide(snap_compare, make_app):
    async def run_before(pilot):
        await _walk_to(pilot, "read")
        await pilot.press("1", "3", "8", "enter")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_act_connect(snap_compare, make_app):
    async def run_before(pilot):
        await _walk_to(pilot, "act")
        await pilot.press("1")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_act_frictionless(snap_compare, make_app):
    async def run_before(pilot):
        await _walk_to(pilot, "decide")
        await pilot.press("f")
        await pilot.pause()

    assert snap_compare(make_app(start_playbook=None), terminal_size=SIZE, run_before=run_before)


def test_reflect(snap_compare, make_app):
    async def run_before(pilot):
        await _walk_to(pilot, "reflect")
        await pilot.press(*"A [bold] day [@click=app.quit]x[/]")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_done(snap_compare, make_app):
    async def run_before(pilot):
        await pilot.press("enter", "8")
        await _walk_to(pilot, "reflect")
        # One Tab a question: how they left, then the scale; went well, to change, next time.
        await pilot.press("tab", "tab", "4", "tab", "tab", "tab", *"Breathe before the till")
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_picker_with_a_broken_playbook(snap_compare, make_app, coachtui_home):
    user = coachtui_home / "playbooks"
    user.mkdir(parents=True)
    (user / "mine.toml").write_text('id = "mine"\ntitle = "Mine"\n[greet]\ncue = ["x"]\n')

    async def run_before(pilot):
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, make_app):
    async def run_before(pilot):
        await _walk_to(pilot, "read")
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


SIZES = {"80x24": (80, 24), "100x32": (100, 32), "160x45": (160, 45)}


async def _show_done(pilot) -> None:
    from pathlib import Path

    from coachtui.ui.screens.done import DoneScreen
    from tests.app.test_contrast import sample_entry

    pilot.app.push_screen(DoneScreen(sample_entry(), Path("x.toml"),
                                     "journal/2026/20261123T093000Z-0a1b2c3d.toml"))


SCREENS = {"home": (), "picker": ("s",), "help": ("question_mark",), "journal": ("j",),
           "done": _show_done}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_at_size(snap_compare, make_app, screen, size):
    """Home, the picker, help, the journal and the closing screen at the smallest size they
    are made for, the usual one and a wide one (where lines keep a readable length)."""
    from coachtui.store import journal
    from tests.app.helpers import settle
    from tests.app.test_contrast import sample_entry

    journal.save(sample_entry())

    async def run_before(pilot):
        await settle(pilot)
        keys = SCREENS[screen]
        if callable(keys):
            await keys(pilot)
        else:
            await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=run_before)
