"""The drop-downs of the journal's filters and the quick reflection's choices, made only
after the first paint (widgets/paging.py SafeSelect), work whenever they are reached: keys
typed as the screen opens, a choice set before the drop-down exists, a value given at the
start."""

from __future__ import annotations

from textual.widgets import Select
from textual.widgets._select import SelectOverlay

from tests.app.test_journal_screen import T0, entries, open_journal, shown, utc  # noqa: F401


async def test_a_filter_opened_by_keys_as_the_journal_opens_chooses(make_app, entries):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        # No pause: the keys come in the same burst as the screen, before its first paint
        # (and so before any drop-down is made).
        app.screen.query_one("#decision", Select).focus()
        await pilot.press("enter", "down", "enter")
        await open_journal(pilot)
        assert app.screen.query_one("#decision", Select).value == "connect"
        assert "2 of 4 entries" in shown(app)


async def test_a_filter_set_in_code_before_its_drop_down_opens_with_its_choice(make_app,
                                                                                entries):
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        decision = app.screen.query_one("#decision", Select)
        decision.value = "frictionless"
        await open_journal(pilot)
        assert "1 of 4 entries" in shown(app)
        decision.focus()
        await pilot.press("enter")  # open: the chosen one is the highlighted one
        await pilot.pause()
        overlay = decision.query_one(SelectOverlay)
        assert overlay.display and overlay.highlighted == 2  # (0 is "any decision")
        await pilot.press("up", "enter")
        await pilot.pause()
        assert decision.value == "connect" and "2 of 4 entries" in shown(app)


async def test_every_filter_has_its_drop_down_once_the_journal_is_up(make_app, entries):
    # Made after the first paint, so a first click on a filter finds it (scenarios and
    # tags set from the index are in it).
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        for name in ("scenario", "decision", "tag"):
            select = app.screen.query_one(f"#{name}", Select)
            overlay = select.query_one(SelectOverlay)
            assert overlay.is_mounted
            assert overlay.option_count == len(select._options)
        tags = app.screen.query_one("#tag", Select).query_one(SelectOverlay)
        assert [str(tags.get_option_at_index(i).prompt) for i in range(tags.option_count)
                ][1:] == ["refund", "rush"]


async def test_a_filter_taken_down_as_its_drop_down_comes_does_not_crash():
    # Escape at once on the journal: the drop-down's turn came (after the first paint)
    # while its select was being removed, which Textual no longer mounts anything in.
    from textual.app import App

    from coachtui.ui.widgets.paging import SafeSelect

    class Host(App):
        def compose(self):
            yield SafeSelect([("one", 1), ("two", 2)], prompt="any", id="pick")

    app = Host()
    async with app.run_test() as pilot:
        select = app.query_one("#pick", SafeSelect)
        for child in select.query_children(SelectOverlay):
            await child.remove()  # as before its drop-down was made
        select.remove()  # being taken down, not yet gone
        assert select._overlay() is None
        select.value = 2
        select.expanded = True
        select.action_show_overlay()
        await pilot.pause()
    assert app.return_code in (None, 0)  # no crash ended it
