"""The Act step, one step at a time: Enter done, s skip, ← back, Escape back a step, l the
whole list; what was done and skipped lands in the journal as before."""

from __future__ import annotations

from tests.app.helpers import journal_entries, list_text, screen_name, visible_text, walk_to
from tests.app.test_hostile_text import flat, rendered


async def to_act(pilot) -> list:
    """Late shift, two connect signals and something gone wrong: the recovery steps, then
    the ways to connect. The Act items, in order."""
    await walk_to(pilot, "read")
    await pilot.press("1", "3", "y", "enter")
    await pilot.pause()
    await pilot.press("enter")  # take the suggestion: connect
    await pilot.pause()
    assert screen_name(pilot.app) == "ActStep"
    return pilot.app.walk.act_items()


def showing(app, item) -> bool:
    return flat(item.title) in flat(visible_text(app))


async def test_act_shows_one_step_at_a_time_and_records_done_and_skipped(
        make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        items = await to_act(pilot)
        first, second, third = items[:3]
        count = len(items)
        assert showing(app, first) and not showing(app, second)
        assert f"Step 1 of {count}" in visible_text(app)
        assert flat(first.detail) in flat(visible_text(app))  # the step's detail, in full
        await pilot.press("enter")  # done, next
        await pilot.pause()
        assert showing(app, second) and not showing(app, first)
        assert f"Step 2 of {count}" in visible_text(app)
        await pilot.press("s")  # skip it
        await pilot.pause()
        assert showing(app, third)
        await pilot.press("left")  # the previous step, marked skipped
        await pilot.pause()
        assert showing(app, second) and "skipped" in visible_text(app)
        await pilot.press("backspace")
        await pilot.pause()
        assert showing(app, first) and "✓ done" in visible_text(app)
        await pilot.press("left")  # nothing before the first: it stays
        await pilot.pause()
        assert screen_name(app) == "ActStep" and showing(app, first)

        await pilot.press("l")  # the whole list, each step with its mark
        await pilot.pause()
        listed = list_text(app)
        assert all(flat(item.title) in flat(listed) for item in items)
        assert f"✓  1  {first.title}" in listed and f"–  2  {second.title}" in listed
        assert f"·  3  {third.title}" in listed
        await pilot.press("escape")  # back to the step, not out of Act
        await pilot.pause()
        assert screen_name(app) == "ActStep" and showing(app, first)
        await pilot.press("l", "down", "down", "enter")  # Enter in the list goes to a step
        await pilot.pause()
        assert showing(app, third) and not app.screen.query_one("#act-list").display

        await pilot.press("escape", "escape")  # Escape: back a step, then to Decide
        await pilot.pause()
        assert showing(app, first)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "DecideStep"
        await pilot.press("enter")  # back on Act: it goes on after the last marked step
        await pilot.pause()
        assert screen_name(app) == "ActStep" and showing(app, third)
        for _ in items[2:]:  # every step left done, then the moments page
            await pilot.press("enter")
            await pilot.pause()
        assert screen_name(app) == "ActStep"
        assert "A moment that matters" in visible_text(app)
        await pilot.press("enter")  # after the last page, on to Reflect
        await pilot.pause()
        assert screen_name(app) == "ReflectStep"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [entry] = journal_entries(coachtui_home)
    assert entry["steps_done"] == [item.title for item in items if item is not second]
    assert entry["steps_skipped"] == [second.title]
    assert not entry.get("steps_open")


async def test_right_leaves_a_step_open_and_r_goes_on_to_reflect(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        items = await to_act(pilot)
        await pilot.press("right", "enter", "r")
        await pilot.pause()
        assert screen_name(app) == "ReflectStep"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [entry] = journal_entries(coachtui_home)
    assert entry["steps_done"] == [items[1].title]
    assert entry["steps_open"] == [item.title for item in items if item is not items[1]]


async def test_a_long_step_wraps_and_is_wholly_on_screen(make_app):
    app = make_app(start_playbook="angry-caller")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        while app.walk.step != "read":
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("7", "enter", "c")  # upset: calming first, on connect
        await pilot.pause()
        longest = max(app.walk.act_items(), key=lambda item: len(item.title))
        assert len(longest.title) > 100
        for _ in range(len(app.walk.act_items())):
            if showing(app, longest):
                break
            await pilot.press("enter")
            await pilot.pause()
        screen = rendered(app)
        assert flat(longest.title) in flat(screen) and "…" not in screen
