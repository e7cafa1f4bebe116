"""Demo mode: the scripted example plays through the real screens, and nothing is saved."""

from __future__ import annotations

import pytest

from coachtui.core.demo import demo_beats
from coachtui.ui.demo import DemoOptions, DemoScreen
from tests.app.helpers import screen_name, settle
from tests.app.test_hostile_text import flat, rendered
from tests.builders import bundled
from tests.conftest import FIXED_NOW


def written(home) -> list[str]:
    return [str(p.relative_to(home)) for p in home.rglob("*") if p.is_file()] \
        if home.exists() else []


@pytest.mark.parametrize("playbook_id", ["late-shift", "dolphin"])
async def test_a_whole_demo_shows_every_beat_and_writes_nothing(make_app, coachtui_home,
                                                                 monkeypatch, playbook_id):
    app = make_app(demo=DemoOptions(playbook_id, pace=0.1))
    beats = [beat for beat in demo_beats(bundled(playbook_id), FIXED_NOW) if not beat.ask]
    captions = []
    real_banner = DemoScreen.show_banner

    def record(screen) -> None:  # what the room sees at each beat
        real_banner(screen)
        captions.append(str(screen.query_one("#demo-caption").render()))

    monkeypatch.setattr(DemoScreen, "show_banner", record)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for _ in range(400):
            if app.demo.finished:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        assert app.demo.finished and screen_name(app) == "ReflectStep"
        assert "DEMO · nothing is saved" in flat(rendered(app))
        assert app.walk.answers.model_dump(exclude={"walk_id"}) == \
            beats[-1].answers.model_dump(exclude={"walk_id"}), "it ends on the example's walk"
        await pilot.press("escape")
        await pilot.pause()
    assert sorted(set(app.demo.shown)) == list(range(len(beats))), "every beat was shown"
    assert [beat.caption for beat in beats] == list(dict.fromkeys(captions))
    assert app.return_code == 0
    assert not [f for f in written(coachtui_home) if not f.startswith("config")], \
        "a demo never writes a journal entry or a draft"


async def test_space_pauses_and_the_arrows_step(make_app):
    app = make_app(demo=DemoOptions("late-shift", pace=30))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert app.demo.index == 0
        await pilot.press("right", "right", "right")
        assert app.demo.index == 3 and screen_name(app) == "GreetStep"
        await pilot.press("left")
        assert app.demo.index == 2 and screen_name(app) == "PauseStep"
        await pilot.press("space")
        assert app.demo.paused and "paused" in rendered(app)
        app.demo.tick()  # the clock fires while paused: nothing moves
        assert app.demo.index == 2
        await pilot.press("space")
        app.demo.tick()
        await pilot.pause()
        assert app.demo.index == 3
        await pilot.press("1", "enter", "c", "ctrl+s")  # the walk's own keys do nothing here
        await pilot.pause()
        assert app.demo.index == 3 and app.walk.answers == app.demo.beat.answers


@pytest.mark.parametrize("reveal", ["enter", "space"])
async def test_ask_hides_the_suggestion_until_the_room_has_answered(make_app, reveal):
    app = make_app(demo=DemoOptions("late-shift", pace=0.05, ask=True))
    suggested = "Connect"  # late-shift's example: its suggestion, and its path's name
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for _ in range(200):
            # The beat moves at once; its view replaces the last one a moment later.
            if app.demo.beat.ask and screen_name(app) == "AskView":
                break
            shown = flat(rendered(app))
            assert "Suggested" not in shown, "the suggestion was shown before the question"
            await pilot.pause(0.05)
        assert app.demo.beat.ask and screen_name(app) == "AskView"
        asked = app.demo.index
        await pilot.pause(0.5)  # the clock does not move past the question
        assert app.demo.index == asked
        shown = flat(rendered(app))
        assert "What would you do? Talk it over, then press Enter or Space." in shown
        labels = {s.id: s.label for s in app.walk.playbook.signals}
        assert all(flat(labels[s]) in shown for s in app.walk.answers.signals)
        assert "Suggested" not in shown and "Weighed" not in shown
        assert f"the suggestion is {suggested.lower()}" not in shown
        app.demo.timer.pause()  # so the next beat does not follow before we look
        await pilot.press(reveal)
        await pilot.pause()
        assert app.demo.index == asked + 1 and screen_name(app) == "DecideStep"
        shown = flat(rendered(app))
        assert "Suggested" in shown and suggested in shown


async def to_the_suggestion(pilot) -> None:
    """Step the presenter demo to the Decide beat: the suggestion and its reasons."""
    await settle(pilot)
    for _ in range(9):
        await pilot.press("right")
    await pilot.pause()


def presenter_demo(make_app):
    return make_app(demo=DemoOptions("late-shift", pace=60, presenter=True))


def test_presenter_at_80_by_24(snap_compare, make_app):
    assert snap_compare(presenter_demo(make_app), terminal_size=(80, 24),
                        run_before=to_the_suggestion)


def test_presenter_at_160_by_45(snap_compare, make_app):
    assert snap_compare(presenter_demo(make_app), terminal_size=(160, 45),
                        run_before=to_the_suggestion)
