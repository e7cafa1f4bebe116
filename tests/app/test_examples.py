"""Every bundled playbook's scripted example, walked through the real app by keyboard.

The saved journal entry must be exactly what the example says: the walk the demo plays
is a walk a person can take.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widget import Widget

from coachtui.core.example import example_walk
from coachtui.core.reflection import CUSTOMER_LEFT
from coachtui.store.playbooks import bundled_dir
from tests.app.helpers import journal_entries, screen_name, settle
from tests.builders import bundled
from tests.conftest import FIXED_NOW

BUNDLED = sorted(path.stem for path in bundled_dir().glob("*.toml"))


async def focus(pilot, widget: Widget) -> None:
    """Move focus to `widget`. (Tab order is tested with the walk itself; here each Tab
    would cost a re-layout of a long form, so the replay focuses directly.)"""
    if pilot.app.focused is not widget:
        widget.focus()
        await pilot.pause()
    assert pilot.app.focused is widget


async def tick_words(pilot, question, words: tuple[str, ...], values: list[str]) -> None:
    """Tick each value in a question of words by the key shown beside it."""
    from coachtui.ui.widgets.choices import choice_keys

    await focus(pilot, question)
    keys = choice_keys(len(words))
    await pilot.press(*[keys[words.index(value)] for value in values])


async def tick(pilot, values: list[str]) -> None:
    """Tick each value in whichever checklist on the step holds it: by its number key when
    it has one (1-9), else on its list with Home/End, arrows and Space."""
    from coachtui.ui.widgets.checklist import Checklist

    for value in values:
        checklist, index = next(
            (c, i) for c in pilot.app.screen.query(Checklist)
            for i in range(c.option_count) if c.get_option_at_index(i).value == value)
        number = checklist.start + index
        if number <= 9 and isinstance(pilot.app.focused, Checklist):
            await pilot.press(str(number))
            continue
        await focus(pilot, checklist)
        from_end = checklist.option_count - 1 - index
        if index <= from_end:
            await pilot.press("home", *["down"] * index, "space")
        else:
            await pilot.press("end", *["up"] * from_end, "space")


async def act(pilot, done: set[str]) -> None:
    """Act, one step at a time: Enter marks a step done (and, on the moments page, goes
    on), → leaves it open; after the last page, either goes on to Reflect."""
    for _ in range(40):
        if screen_name(pilot.app) != "ActStep":
            return
        item = pilot.app.screen.current_step.current_item
        await pilot.press("enter" if item is None or item.id in done else "right")
        await pilot.pause()
    raise AssertionError("the Act step never went on to Reflect")


async def paste(pilot, widget: Widget, text: str) -> None:
    """Paste into a text box, as a terminal does with bracketed paste (typing every key of
    a few hundred characters would make this test slow without testing more)."""
    await focus(pilot, widget)
    pilot.app.post_message(events.Paste(text))  # as the terminal driver delivers it
    await pilot.pause()


@pytest.mark.parametrize("playbook_id", BUNDLED)
async def test_example_walk_completes_through_the_app(make_app, coachtui_home, playbook_id):
    scenario = bundled(playbook_id)
    example = scenario.playbook.example
    assert example is not None, f"{playbook_id} has no example"
    expected = example_walk(scenario, example, FIXED_NOW).to_reflection(FIXED_NOW)

    app = make_app(start_playbook=playbook_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        # Pause: rate, then go on.
        await pilot.press(str(example.stress_before) if example.stress_before < 10 else "right")
        await pilot.press("enter")
        await pilot.pause()
        # Greet: mark the opener, or type it.
        openers = list(scenario.playbook.greet.openers)
        if expected.opener in openers:
            await tick(pilot, [str(openers.index(expected.opener))])
        else:
            await paste(pilot, app.screen.query_one("#own-opener"), expected.opener)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "ReadStep"
        await tick(pilot, list(example.signals))
        if example.went_wrong is not None:
            await pilot.press("y" if example.went_wrong else "n")
        await pilot.press("enter")
        await pilot.pause()
        if scenario.playbook.kind == "customer":
            assert screen_name(app) == "DecideStep"
            await pilot.press("c" if example.decision == "connect" else "f")
            await pilot.pause()
        assert screen_name(app) == "ActStep"
        await act(pilot, set(example.steps_done))
        assert screen_name(app) == "ReflectStep"
        step = app.screen.current_step
        await paste(pilot, step.query_one("#what_happened"), example.what_happened)
        if scenario.playbook.kind == "customer":
            await tick_words(pilot, step.query_one("#customer_left"), CUSTOMER_LEFT,
                             list(example.customer_left))
        await focus(pilot, step.query_one("#stress-after"))
        await pilot.press(str(example.stress_after) if example.stress_after < 10 else "right")
        for field in ("went_well", "to_change", "next_time"):
            await paste(pilot, step.query_one(f"#{field}"), getattr(example, field))
        await paste(pilot, step.query_one("#tags"), " ".join(example.tags))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen", screen
        assert app.walk is None or app.walk.answers.step == "reflect"

    [entry] = journal_entries(coachtui_home)
    for field in ("playbook_id", "stress_before", "stress_after", "opener", "recommended",
                  "decision", "followed_recommendation", "steps_done", "steps_open",
                  "customer_left", "what_happened", "went_well", "to_change", "next_time",
                  "tags", "safety", "something_went_wrong"):
        assert entry.get(field) == getattr(expected, field), field
    assert [s["id"] for s in entry["signals"]] == [s.id for s in expected.signals]
