"""`s` on home: the scenario list comes from the playbook cache at once, before the
playbooks are validated; a pick from it starts its walk once they are."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import OptionList

from coachtui.store import playbooks
from tests.app.helpers import screen_name, settle

pytestmark = pytest.mark.keys_before_loading


@pytest.fixture
def held_discover(monkeypatch):
    """discover() waits for the returned event (once cleared): the playbooks still being
    validated."""
    go = threading.Event()
    go.set()
    real = playbooks.discover

    def held(*args, **kwargs):
        go.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(playbooks, "discover", held)
    yield go
    go.set()  # never leave a loading thread waiting


async def until(pilot, condition) -> None:
    for _ in range(100):
        await pilot.pause(0.02)
        if condition():
            return
    raise AssertionError("never happened")


def listed(app) -> list[str]:
    return [str(option.prompt) for option in app.screen.query_one(OptionList).options]


async def test_the_list_shows_from_the_cache_and_a_pick_waits_for_the_playbooks(
        make_app, coachtui_home, held_discover):
    (coachtui_home / "playbooks").mkdir(parents=True)
    (coachtui_home / "playbooks" / "broken.toml").write_text("id = = 1\n", "utf-8")
    library = playbooks.discover(keep_cache=True)  # a start before this one: the cache kept
    held_discover.clear()
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        await until(pilot, lambda: screen_name(app) == "PickerScreen")
        assert not app.ready  # still validating: the list came from the cache
        shown = listed(app)
        first = next(iter(library.playbooks.values())).playbook
        assert shown[0].startswith(f"1 {first.title}  {first.channel}")
        assert len(shown) == len(library.playbooks) + 1
        assert shown[-1].startswith("  broken.toml  · could not be used")
        assert library.broken[0].first_line in shown[-1]
        await pilot.press("2")
        await pilot.pause(0.1)
        assert screen_name(app) == "PickerScreen"  # waits for the playbooks…
        held_discover.set()
        await settle(pilot)
        await until(pilot, lambda: screen_name(app) == "PauseStep")  # …then starts
        assert app.walk.scenario.id == list(library.playbooks)[1]


async def test_without_a_cache_s_waits_for_the_playbooks(make_app, held_discover):
    held_discover.clear()
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        await pilot.pause(0.1)
        assert screen_name(app) == "HomeScreen" and not app.ready
        held_discover.set()
        await settle(pilot)
        await until(pilot, lambda: screen_name(app) == "PickerScreen")
        assert listed(app)[0].startswith("1 ")


async def test_keys_wait_in_the_order_they_were_typed(make_app, coachtui_home, held_discover):
    # Enter (a walk: needs the playbooks) then `s` (the list: known from the cache): the
    # list is not put up first, under the walk that was asked for before it.
    playbooks.discover(keep_cache=True)
    held_discover.clear()
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.action_start_walk()
        app.action_pick_scenario()
        await pilot.pause(0.1)
        assert screen_name(app) == "HomeScreen"
        held_discover.set()
        await settle(pilot)
        await until(pilot, lambda: screen_name(app) == "PickerScreen")
        assert [type(screen).__name__ for screen in app.screen_stack] == ["HomeScreen",
                                                                          "PickerScreen"]
