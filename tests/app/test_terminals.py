"""Small and odd terminals: 40×12, 1×1, a storm of resizes, and no colour at all.

(TERM=dumb and LC_ALL=C need a real terminal: see tests/test_signals.py.)
"""

from __future__ import annotations

import random

from textual.widgets import Button

from tests.app.helpers import journal_entries, screen_name, settle
from tests.app.test_hostile_text import rendered

STEPS_TO_DONE = ("pause", "greet", "read", "decide", "act", "reflect")


async def visit_every_screen(pilot, at_each) -> None:
    """Home, picker, help, each step of a walk, the drafts list and the closing screen,
    calling `at_each()` on each one."""
    app = pilot.app
    await settle(pilot)
    await at_each()
    for keys in (("s",), ("escape", "question_mark")):
        await pilot.press(*keys)
        await pilot.pause()
        await at_each()
    await pilot.press("escape")
    app.action_start_walk()
    await pilot.pause()
    while True:
        await at_each()
        if app.walk.step == "reflect":
            break
        app.screen.current_step.action_continue()
        await pilot.pause()
    app.autosave()
    app.refresh_drafts()
    app.show_drafts()
    await pilot.pause()
    await at_each()
    await pilot.press("enter")  # resume, back at Reflect
    await pilot.pause()
    app.screen.current_step.action_save()
    await pilot.pause()
    assert screen_name(app) == "DoneScreen"
    await at_each()
    await pilot.press("enter")  # home, then the journal's screens and a quick reflection
    await pilot.pause()
    for action, screen in ((app.action_journal, "JournalScreen"),
                           (app.action_insights, "InsightsScreen")):
        action()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await at_each()
        if screen == "JournalScreen":
            await pilot.press("enter")  # the entry just saved
            await pilot.pause()
            await at_each()
            await pilot.press("e")
            await pilot.pause()
            await at_each()
            app.pop_screen()
            app.pop_screen()
        app.pop_screen()
        await pilot.pause()
    app.action_quick_reflect()
    await pilot.pause()
    await at_each()


async def test_every_screen_at_40_by_12_and_at_1_by_1(make_app, coachtui_home):
    app = make_app()
    seen = []

    async def small_then_tiny() -> None:
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        seen.append((screen_name(app), rendered(app)))
        await pilot.resize_terminal(1, 1)
        await pilot.pause()
        assert len(rendered(app).splitlines()) == 1
        await pilot.resize_terminal(40, 12)
        await pilot.pause()

    async with app.run_test(size=(40, 12)) as pilot:
        await visit_every_screen(pilot, small_then_tiny)
    names = [name for name, _ in seen]
    assert {"HomeScreen", "PickerScreen", "HelpScreen", "PauseStep", "GreetStep", "ReadStep",
            "DecideStep", "ActStep", "ReflectStep", "DraftsScreen", "DoneScreen", "JournalScreen",
            "EntryScreen", "EditEntryScreen", "InsightsScreen",
            "QuickReflectScreen"} <= set(names)
    for name, text in seen:
        assert text.strip(), f"{name} showed nothing at 40×12"
    assert len(journal_entries(coachtui_home)) == 1


async def test_at_40_by_12_the_rest_of_a_step_scrolls_into_view(make_app):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        app.action_start_walk()
        await pilot.pause()
        while app.walk.step != "reflect":
            app.screen.current_step.action_continue()
            await pilot.pause()
        save = app.screen.query_one("#save", Button)
        assert "(Ctrl+S)" not in rendered(app), "the button starts below the fold"
        save.focus()  # Tab would get there too; focusing scrolls it into view
        # The scroll is animated: checked before it ended, the screen showed the button half-way
        # (1 run in ~12), so wait for the animation rather than one refresh.
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        assert "(Ctrl+S)" in rendered(app)


async def test_a_storm_of_resizes_mid_walk_loses_nothing(make_app, coachtui_home):
    rng = random.Random(4)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "7")
        for count in range(120):
            width, height = rng.choice([(1, 1), (2, 1), (20, 5), (40, 12), (80, 24),
                                        (200, 60), (rng.randint(1, 250), rng.randint(1, 80))])
            await pilot.resize_terminal(width, height)
            if count % 10 == 0:  # now and then let it draw; mostly, sizes pile up
                await pilot.pause()
                if app.walk.step != "reflect":
                    app.screen.current_step.action_continue()
        await pilot.resize_terminal(100, 32)
        await pilot.pause()
        while app.walk.step != "reflect":
            app.screen.current_step.action_continue()
            await pilot.pause()
        await pilot.press(*"still here", "ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    [entry] = journal_entries(coachtui_home)
    assert entry["stress_before"] == 7 and entry["what_happened"] == "still here"


async def test_without_colour_a_ticked_box_still_looks_ticked(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.no_color
        await pilot.press("enter", "enter", "enter", "enter")  # rating, breath, Greet, Read
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        lines = rendered(app).splitlines()
        ticked = next(line for line in lines if "Waiting calmly" in line)
        unticked = next(line for line in lines if "Meets your eyes" in line)
        assert "X" in ticked.split("1")[0] and "X" not in unticked.split("2")[0]
