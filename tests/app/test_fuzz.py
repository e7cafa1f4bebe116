"""Seeded fuzz: thousands of random keys and pastes anywhere in the app never crash it.

Each seed replays exactly, so a failure can be reproduced by its seed. Keys are sent as
the terminal would send them, without waiting for the app to settle after each one (a
person mashing keys doesn't either); every so often the test lets the app catch up.
Ctrl+Q is left out (it quits, as it should) and so is the command palette (Textual's own,
whose "Save screenshot" would write files where the tests run).
"""

from __future__ import annotations

import os
import random
import string

import pytest
from textual import events

from coachtui.core.reflection import Reflection
from coachtui.core.walk import WalkAnswers
from coachtui.store import toml_io
from tests.app.helpers import screen_name, settle
from tests.hostile import INERT, STRIPPED

EVENTS_PER_SEED = 800
# FUZZ_FROM=N runs seeds N to N+3 instead, to look further by hand.
FIRST_SEED = int(os.environ.get("FUZZ_FROM", "0"))
SEEDS = range(FIRST_SEED, FIRST_SEED + 4)  # 3,200 events in all
KEYS = [*string.ascii_lowercase, *string.digits, "space", "enter", "escape", "tab", "shift+tab",
        "up", "down", "left", "right", "home", "end", "pageup", "pagedown", "backspace",
        "delete", "ctrl+s", "question_mark", "left_square_bracket", "right_square_bracket",
        "at", "equals_sign", "slash", "ctrl+a", "ctrl+e", "ctrl+k", "ctrl+u", "ctrl+w",
        "ctrl+d", "ctrl+z", "escape escape"]
# "escape escape": a person leaving a screen whose letters all type (the journal's search
# takes every letter) presses Escape twice; a lone random Escape rarely gets out.
PASTES = [*INERT.values(), *STRIPPED.values(), "line one\nline two", "x" * 5000, ""]


def random_paste(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(PASTES)
    return "".join(chr(rng.choice([rng.randint(32, 126), rng.randint(0, 0x2FFFF)]))
                   for _ in range(rng.randint(1, 60)))


def key_event(key: str) -> events.Key:
    character = {"space": " ", "enter": "\r", "tab": "\t", "left_square_bracket": "[",
                 "right_square_bracket": "]", "at": "@", "equals_sign": "=", "slash": "/",
                 "question_mark": "?"}.get(key, key if len(key) == 1 else None)
    return events.Key(key, character)


@pytest.mark.parametrize("seed", SEEDS)
async def test_random_keys_and_pastes_never_crash_or_corrupt(make_app, coachtui_home, seed):
    rng = random.Random(seed)
    app = make_app()
    visited: set[str] = set()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for count in range(EVENTS_PER_SEED):
            if rng.random() < 0.08:
                app.post_message(events.Paste(random_paste(rng)))
            else:
                for key in rng.choice(KEYS).split():
                    app.post_message(key_event(key))
            if count % 25 == 0:
                await pilot.pause()
                assert app.is_running, f"seed {seed}: the app stopped after {count} events"
                visited.add(screen_name(app))
        await pilot.pause()
        assert app.is_running
    print(f"seed {seed} visited {sorted(visited)}")
    # A fuzz that never left home would prove little: it must have got around.
    assert len(visited) >= 4, visited
    # Whatever was saved along the way is whole and readable.
    for path in (coachtui_home / "journal").glob("*/*.toml"):
        Reflection.model_validate(toml_io.read(path))
    for path in (coachtui_home / "drafts").glob("*.toml"):
        WalkAnswers.model_validate(toml_io.read(path))
    assert not list(coachtui_home.rglob("*.tmp")), "a half-written file was left behind"
