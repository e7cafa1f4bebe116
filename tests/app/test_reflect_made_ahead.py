"""Reflect is made ahead, hidden, while the person reads Act (screens/walk.py MADE_AHEAD):
going on only puts it up. Made ahead, it must be exactly the Reflect a person would get
otherwise: unseen and without the keys until then, focused in its first box, with the
answers kept so far, taking every key typed in a burst, and saved to the journal."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import TextArea

from coachtui.ui.screens import walk as walk_screen
from coachtui.ui.steps.act import ActStep
from coachtui.ui.steps.reflect import ReflectStep
from tests.app.helpers import journal_entries, walk_to


async def made_ahead(pilot) -> ReflectStep:
    """Wait (a bounded number of frames) until the hidden Reflect is mounted; return it."""
    for _ in range(200):
        views = [view for view in pilot.app.screen.query(ReflectStep) if view.is_mounted]
        if views:
            return views[0]
        await pilot.pause(0.01)
    raise AssertionError("no Reflect was made ahead while Act was read")


async def until_reflect(pilot) -> ReflectStep:
    for _ in range(200):
        step = pilot.app.screen.current_step
        if isinstance(step, ReflectStep) and pilot.app.screen.ready_for_keys:
            return step
        await pilot.pause(0.01)
    raise AssertionError("Reflect was not put up")


def box_text(app) -> str:
    return app.screen.query_one("#what_happened", TextArea).text


async def test_made_ahead_unseen_then_put_up_focused_and_saved(make_app, monkeypatch,
                                                              coachtui_home):
    monkeypatch.setattr(walk_screen, "AHEAD_AFTER_SECONDS", 0.05)
    app = make_app(start_playbook=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "act")
        hidden = await made_ahead(pilot)
        await pilot.pause()
        # Act is still the step on screen, with the focus and every key.
        screen = app.screen
        assert isinstance(screen.current_step, ActStep)
        assert screen.focused is not None and hidden not in screen.focused.ancestors_with_self
        shown = screen._compositor.visible_widgets
        assert not any(widget is hidden or hidden in widget.ancestors for widget in shown)
        await pilot.press("ctrl+s")  # its Ctrl+S is not Act's: nothing is saved from Act
        await pilot.pause()
        assert journal_entries(coachtui_home) == []
        assert isinstance(screen.current_step, ActStep)
        frames: list[tuple[bool, bool]] = []  # each frame: (Act on it, Reflect on it)
        refresh = Screen._compositor_refresh

        def recorded(screen) -> None:
            refresh(screen)
            on = screen._compositor.visible_widgets
            frames.append((any(isinstance(w, ActStep) for w in on), hidden in on))

        monkeypatch.setattr(Screen, "_compositor_refresh", recorded)
        await pilot.press("r")
        step = await until_reflect(pilot)
        assert step is hidden  # the view made ahead, not a new one
        assert screen.focused.id == "what_happened"
        assert step.scroll_offset.y == 0
        # No frame with both steps, and none with neither once the key acted.
        assert (False, True) in frames, frames
        assert (True, True) not in frames and (False, False) not in frames, frames
        await pilot.press(*"kept calm", "ctrl+s")
        await pilot.pause()
        [entry] = journal_entries(coachtui_home)
        assert entry["what_happened"] == "kept calm"


async def test_a_burst_after_r_lands_in_the_view_made_ahead(make_app, monkeypatch):
    monkeypatch.setattr(walk_screen, "AHEAD_AFTER_SECONDS", 0.05)
    app = make_app(start_playbook=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "act")
        hidden = await made_ahead(pilot)
        await pilot.press("r", *"she smiled")  # one burst: the words wait for the box
        await until_reflect(pilot)
        await pilot.pause()
        assert app.screen.current_step is hidden
        assert box_text(app) == "she smiled"


async def test_it_carries_the_answers_written_before_going_back_to_act(make_app, monkeypatch):
    monkeypatch.setattr(walk_screen, "AHEAD_AFTER_SECONDS", 0.05)
    app = make_app(start_playbook=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "act")
        await made_ahead(pilot)
        await pilot.press("r")
        await until_reflect(pilot)
        await pilot.press(*"first words", "escape")  # back to Act: the answers stay
        await pilot.pause()
        assert isinstance(app.screen.current_step, ActStep)
        again = await made_ahead(pilot)
        await pilot.press("r")
        assert await until_reflect(pilot) is again
        assert box_text(app) == "first words"


async def test_going_back_from_act_drops_it_and_a_later_act_makes_another(make_app,
                                                                          monkeypatch):
    monkeypatch.setattr(walk_screen, "AHEAD_AFTER_SECONDS", 0.05)
    app = make_app(start_playbook=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "act")
        first = await made_ahead(pilot)
        await pilot.press("escape")  # on Act's first step: back to Decide
        for _ in range(3):
            await pilot.pause()
        assert app.walk.step == "decide"
        assert not first.is_attached
        assert not app.screen.query(ReflectStep)
        await pilot.press("enter")  # Act again
        second = await made_ahead(pilot)
        assert second is not first
        await pilot.press("r")
        assert await until_reflect(pilot) is second


async def test_r_pressed_before_it_is_made_puts_up_a_reflect_as_before(make_app,
                                                                       monkeypatch):
    monkeypatch.setattr(walk_screen, "AHEAD_AFTER_SECONDS", 30)  # never in time
    app = make_app(start_playbook=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "act")
        await pilot.press("r", *"quick")
        step = await until_reflect(pilot)
        await pilot.pause()
        assert not step.ahead and step.display
        assert box_text(app) == "quick"
        assert len(app.screen.query(ReflectStep)) == 1
