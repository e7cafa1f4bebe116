"""Every text and every tick box is readable in every theme coachtui offers (WCAG 2: 4.5:1 for
text, 3:1 for a tick box's outline and its tick), and the high-contrast theme is everyone's."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachtui.core.reflection import Reflection
from coachtui.store import config as config_store
from coachtui.store import journal
from coachtui.ui.themes import HIGH_CONTRAST, OFFERED
from tests.app.contrast import faint_runs
from tests.app.helpers import settle, walk_to
from tests.conftest import FIXED_NOW

SIZE = (100, 32)


def sample_entry() -> Reflection:
    return Reflection(created=FIXED_NOW, what_happened="A long queue and a short temper.",
                      stress_before=8, stress_after=4, next_time="Breathe before the till",
                      tags=["queue"], starred=True)


async def tour(pilot) -> dict[str, list]:
    """The faint runs of each main screen, in the app's current theme."""
    from coachtui.ui.screens.done import DoneScreen

    app = pilot.app
    seen: dict[str, list] = {}

    async def look(name: str, *keys: str) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        seen[name] = faint_runs(app)

    await look("home")
    await look("help", "question_mark")
    await look("picker", "escape", "s")
    await look("journal", "escape", "j")
    await pilot.press("escape")
    app.push_screen(DoneScreen(sample_entry(), Path("x.toml"), "journal/2026/x.toml"))
    await look("done")
    await pilot.press("enter")
    await walk_to(pilot, "read")
    await look("read, a box ticked and others not", "1")
    await look("decide", "enter")
    return seen


async def faint_in(make_app, theme: str) -> dict[str, list]:
    journal.save(sample_entry())
    app = make_app(start_playbook=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = theme
        await pilot.pause()
        faint = {name: runs for name, runs in (await tour(pilot)).items() if runs}
        await pilot.press("ctrl+q")  # keeps the walk as a draft and closes
        return faint


@pytest.mark.parametrize("theme", OFFERED)
async def test_every_text_and_box_is_readable(make_app, theme):
    faint = await faint_in(make_app, theme)
    assert not faint, "\n".join(f"{theme}, {screen}: {run}"
                                for screen, runs in faint.items() for run in runs[:8])


async def test_only_the_readable_themes_are_offered(make_app):
    async with make_app().run_test(size=SIZE) as pilot:
        assert sorted(pilot.app.available_themes) == sorted(OFFERED)


async def test_a_theme_no_longer_offered_falls_back_to_the_default(make_app):
    config_store.save(config_store.Config(theme="solarized-light"))
    async with make_app().run_test(size=SIZE) as pilot:
        assert pilot.app.theme == "textual-dark"


async def test_the_high_contrast_theme_from_the_palette_applies_and_is_kept(make_app):
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"High-contrast theme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.theme == HIGH_CONTRAST
        assert pilot.app.screen.styles.background.hex == "#000000"
    assert config_store.load()[0].theme == HIGH_CONTRAST
