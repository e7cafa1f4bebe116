"""A step change is painted once, whole: no frame of the step being left after the key acted,
none of the new one before it is up and focused; and never the app left unpainted when a
view does not come."""

from __future__ import annotations

from textual.screen import Screen

from coachtui.ui.screens import walk as walk_screen
from coachtui.ui.steps.base import StepView
from tests.app.helpers import walk_to


def record_frames(monkeypatch) -> list[tuple[str, bool]]:
    """Each frame the screen composes: (the step view on it, whether that view holds the
    focus), or ("", False) for a frame with no step view at all."""
    frames: list[tuple[str, bool]] = []
    refresh = Screen._compositor_refresh

    def recorded(screen) -> None:
        refresh(screen)
        hosts = screen.query("#step-host")
        if not hosts:
            return
        views = list(hosts.first().children)
        view = views[0] if views else None
        if view is None:
            frames.append(("", False))
            return
        focused = screen.focused
        frames.append((type(view).__name__,
                       focused is not None and (focused is view or view in focused.ancestors)))

    monkeypatch.setattr(Screen, "_compositor_refresh", recorded)
    return frames


async def test_each_step_is_painted_only_once_it_is_up_and_focused(make_app, monkeypatch):
    frames = record_frames(monkeypatch)
    app = make_app(start_playbook=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "greet")
        for step in ("read", "decide", "act"):
            left = type(app.screen.current_step).__name__
            frames.clear()
            await pilot.press("enter")
            for _ in range(3):
                await pilot.pause()
            assert app.walk.step == step
            new = type(app.screen.current_step).__name__
            # Only whole steps are painted: the one left while it still had the keys, then the
            # new one mounted and focused. Never the step left after it lost the focus (it
            # was two frames a change, each a third of the change's time), nor an empty host.
            assert (new, True) in frames, frames
            assert all(name in (left, new) and focused for name, focused in frames), frames
        assert app._batch_count == 0


async def test_painting_resumes_when_a_view_never_says_it_is_shown(make_app, monkeypatch):
    monkeypatch.setattr(walk_screen, "HOLD_PAINT_SECONDS", 0.2)
    monkeypatch.setattr(StepView, "on_mount", lambda self: None)  # never focused, never Shown
    frames = record_frames(monkeypatch)
    app = make_app(start_playbook=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")  # a walk (its first step takes no key now: nothing focused)
        await pilot.pause()
        frames.clear()
        app.next_step()  # to Greet
        await pilot.pause(0.4)  # past the hold's limit
        await pilot.pause()
        assert app.walk.step == "greet"
        assert app._batch_count == 0
        assert ("GreetStep", False) in frames  # painted, unfocused as it is


async def test_leaving_the_walk_mid_change_leaves_the_app_painting(make_app):
    app = make_app(start_playbook=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "greet")
        app.screen.show_step()  # a change begun...
        app.pop_screen()  # ...and the walk's screen gone before its view said it was up
        await pilot.pause()
        await pilot.pause()
        assert app._batch_count == 0


async def test_a_step_opens_at_its_top_with_the_keys_in_its_first_box(make_app):
    app = make_app(start_playbook=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        await pilot.pause()
        step = app.screen.current_step
        assert step.scroll_offset.y == 0  # the heading and the prompts first
        assert app.screen.focused.id == "what_happened"


async def test_in_a_tiny_terminal_the_focused_box_is_scrolled_into_view(make_app):
    app = make_app(start_playbook=None)
    async with app.run_test(size=(80, 9)) as pilot:
        await walk_to(pilot, "reflect")
        for _ in range(3):
            await pilot.pause()
        focused = app.screen.focused
        assert focused.id == "what_happened"
        assert app.screen.can_view_partial(focused)


async def test_the_pacer_started_by_a_rating_is_brought_into_view(make_app):
    # At 80x9 the pacer mounted by the rating was focused while it had no place yet, so
    # Textual's scroll-into-view measured nothing and the breath stayed below the screen.
    from coachtui.ui.widgets.pacer import BreathPacer

    app = make_app(start_playbook=None)
    async with app.run_test(size=(80, 9)) as pilot:
        await pilot.press("enter", "7")  # a walk from home; the rating starts the breath
        for _ in range(4):
            await pilot.pause()
        pacer = app.screen.query_one(BreathPacer)
        assert app.screen.focused is pacer
        assert app.screen.can_view_partial(pacer)
        assert app.screen.current_step.scroll_offset.y > 0


async def test_acts_whole_list_shown_by_l_is_brought_into_view(make_app):
    # The same at 80x9 for Act's list: shown and focused before its layout, it was left
    # out of view.
    app = make_app(start_playbook=None)
    async with app.run_test(size=(80, 9)) as pilot:
        await walk_to(pilot, "act")
        await pilot.press("l")
        for _ in range(4):
            await pilot.pause()
        menu = app.screen.query_one("#act-list")
        assert app.screen.focused is menu
        assert app.screen.can_view_entire(menu)
