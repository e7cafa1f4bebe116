"""What start-up loads is kept out of the garbage collector's full walks (coachtui/heap.py),
in the real command only. Checked in a fresh interpreter: freezing in the test process would
keep every later test's objects for good."""

from __future__ import annotations

import json
import subprocess
import sys

# Starts the app headless, freezing (or not) as the real command does, waits until loading
# has ended, then says which of what loading made a full collection would still walk:
# `gc.get_objects()` lists every tracked object but the frozen ones.
PROBE = """
import asyncio, gc, json, sys
from coachtui import heap
from coachtui.ui.app import make_app

async def main():
    app = make_app()
    if sys.argv[1] == "real":
        heap.freeze_start()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(2000):
            if app.ready and "coachtui.ui.screens.walk" in sys.modules:
                break
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()  # loading's thread ends with the freeze
        from coachtui.ui.screens.walk import WalkScreen
        walked = {id(thing) for thing in gc.get_objects()}
        print(json.dumps({"ready": app.ready,
                          "walk_screen": id(WalkScreen) in walked,
                          "library": id(app.library) in walked}))

asyncio.run(main())
"""


def _probe(tmp_path, how: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, how], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                               "COACHTUI_HOME": str(tmp_path / "home")})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_real_command_freezes_what_loading_made(tmp_path):
    found = _probe(tmp_path, "real")
    assert found == {"ready": True, "walk_screen": False, "library": False}


def test_an_app_whose_process_did_not_freeze_keeps_pythons_defaults(tmp_path):
    # As in the tests: nothing is frozen, so each app's objects can still be collected
    # (and the check above can fail).
    found = _probe(tmp_path, "tests")
    assert found == {"ready": True, "walk_screen": True, "library": True}
