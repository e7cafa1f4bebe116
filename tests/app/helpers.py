"""Small helpers for driving the app in Pilot tests."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Static


def screen_name(app) -> str:
    """The screen's class name; inside a walk, the step view's (e.g. "ReadStep")."""
    step = getattr(app.screen, "current_step", None)
    return type(step).__name__ if step is not None else type(app.screen).__name__


def visible_text(app) -> str:
    """All the text the shown Static widgets of the current screen hold, joined."""
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static)
                     if widget.display)


def journal_entries(home: Path) -> list[dict]:
    return [tomllib.loads(path.read_text("utf-8"))
            for path in sorted((home / "journal").glob("*/*.toml"))]


async def walk_to(pilot, step: str) -> None:
    """From the home screen, start the default walk and go on until `step` is shown. (The
    press waits for home's loading first: tests/app/conftest.py.)"""
    await pilot.press("enter")
    await pilot.pause()
    assert pilot.app.walk is not None, "Enter on home started no walk"
    while pilot.app.walk.step != step:
        await pilot.press("enter")
        await pilot.pause()


def list_text(app) -> str:
    """The text of every item of every list on the current screen."""
    from textual.widgets import OptionList

    return "\n".join(str(widget.get_option_at_index(i).prompt)
                     for widget in app.screen.query(OptionList)
                     for i in range(widget.option_count))


async def settle(pilot) -> None:
    """Wait until the app has loaded its playbooks and drafts (done in a thread started
    after the first paint, so it may not have started yet: waited for a few rounds)."""
    for _ in range(20):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if getattr(pilot.app, "ready", True):
            return
