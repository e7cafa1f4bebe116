"""Drive one screen of coachtui under Pilot, for tests/test_hostile_folders.py.

Run as `python -m tests.hostile_screens home|journal` in a process of its own: a hang can
then be killed from outside, and permissions dropped (tests run as root, who reads every
file). Prints one JSON object: the text shown on each screen visited and every notification.
Exit status 0 when the screen was driven to its end, 3 when the Pilot session timed out.
"""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import datetime, timezone

from tests.app.helpers import screen_name
from tests.app.test_hostile_text import flat, rendered

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)
SESSION_SECONDS = 20  # the whole session; a hostile file must not make any screen wait


async def _until(pilot, ready, tries: int = 300) -> None:
    """Let the app's threads and messages run until `ready()` (or give up quietly)."""
    for _ in range(tries):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if ready():
            return


async def home(pilot, seen: list[str]) -> None:
    """Home comes up and loads; an offered list of drafts is read; Enter starts a walk."""
    app = pilot.app
    await _until(pilot, lambda: app.ready)
    seen.append(flat(rendered(app)))
    if screen_name(app) != "HomeScreen":  # drafts offered back at start
        await pilot.press("escape")
        await pilot.pause()
    if app.unreadable_drafts:
        await pilot.press("u")  # the list that names each draft that could not be read
        await _until(pilot, lambda: screen_name(app) == "DraftsScreen", tries=20)
        seen.append(flat(rendered(app)))
        await pilot.press("escape")
        await pilot.pause()
    await pilot.press("enter")
    await _until(pilot, lambda: screen_name(app) == "PauseStep", tries=50)
    seen.append(f"walk started: {screen_name(app)}")


async def journal(pilot, seen: list[str]) -> None:
    """The journal lists what it could read and names what it could not; the newest and
    the oldest entries open."""
    app = pilot.app
    await _until(pilot, lambda: getattr(app.screen, "up_to_date", False))
    seen.append(flat(rendered(app)))
    for key in ("home", "end"):
        await pilot.press(key, "enter")
        await _until(pilot, lambda: screen_name(app) == "EntryScreen", tries=20)
        seen.append(f"{screen_name(app)}: {flat(rendered(app))}")
        await pilot.press("escape")
        await _until(pilot, lambda: screen_name(app) == "JournalScreen", tries=20)


async def main(which: str) -> int:
    from coachtui.ui.app import make_app

    app = make_app(clock=lambda: NOW, monotonic=lambda: 2.5,
                   start_screen="journal" if which == "journal" else None)
    seen: list[str] = []
    drive = {"home": home, "journal": journal}[which]

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await drive(pilot, seen)
            seen.append("told: " + " | ".join(n.message for n in app._notifications))
            await pilot.press("ctrl+q")

    try:
        await asyncio.wait_for(session(), SESSION_SECONDS)
    except asyncio.TimeoutError:
        print(json.dumps({"seen": seen, "timed_out": True}))
        return 3
    print(json.dumps({"seen": seen, "timed_out": False}))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1])))
