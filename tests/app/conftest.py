"""App tests type as a person does: after the home screen has loaded the playbooks.

The playbooks and drafts load in a thread started after home's first paint (ui/loading.py);
a key typed before they are in is held and replayed once they are. A test that pressed
Enter and looked one frame later raced that thread, and lost on a busy machine: with the
load slowed by 0.4 s, 75 of the app tests failed that way (run them with
COACHTUI_TEST_SLOW_LOAD=0.4 to see whether any still race it). So `pilot.press` on the home
screen first waits until loading has ended, and so does `pilot.pause`. Tests of keys typed before that (held and
replayed) are marked `keys_before_loading`.
"""

from __future__ import annotations

import asyncio
import os
import time

import pytest
from textual.pilot import Pilot

from coachtui.ui import loading

LOAD_WAIT_ROUNDS = 500  # of 10 ms: a load that never ends leaves the test to say so


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "keys_before_loading: the test types on home before the playbooks load")


async def until_loaded(pilot: Pilot) -> None:
    from coachtui.ui.screens.home import HomeScreen

    app = pilot.app
    for _ in range(LOAD_WAIT_ROUNDS):
        if getattr(app, "ready", True) or not isinstance(app.screen, HomeScreen):
            return
        await asyncio.sleep(0.01)
        await app.workers.wait_for_complete()


@pytest.fixture(autouse=True)
def keys_after_loading(request, monkeypatch):
    if request.node.get_closest_marker("keys_before_loading") is None:
        press, pause = Pilot.press, Pilot.pause

        async def press_when_loaded(self, *keys: str) -> None:
            await until_loaded(self)
            await press(self, *keys)

        async def pause_until_loaded(self, delay: float | None = None) -> None:
            # A pause lets the app settle; on home, that includes its loading (a walk asked
            # for at the start, `start_playbook`, begins when it ends).
            await until_loaded(self)
            await pause(self, delay)

        monkeypatch.setattr(Pilot, "press", press_when_loaded)
        monkeypatch.setattr(Pilot, "pause", pause_until_loaded)
    delay = float(os.environ.get("COACHTUI_TEST_SLOW_LOAD", "0") or 0)
    if delay:
        load = loading.LoadsAfterPaint._load

        def slow_load(self) -> None:
            time.sleep(delay)
            load(self)

        monkeypatch.setattr(loading.LoadsAfterPaint, "_load", slow_load)
