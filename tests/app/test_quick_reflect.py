"""A quick reflection: logged after the fact, kept as a draft while written, saved as "quick"."""

from __future__ import annotations

import tomllib

from textual.widgets import Checkbox, Input, Select, TextArea

from coachtui.ui.screens.quick import PERSONAL_CHECK_DELAY
from tests.app.helpers import journal_entries, list_text, screen_name, settle, visible_text
from tests.app.test_hostile_text import flat, rendered

CHECKED = PERSONAL_CHECK_DELAY + 0.2  # the details hint looks a moment after typing stops


async def open_quick(pilot) -> None:
    await settle(pilot)
    await pilot.pause()


async def test_a_quick_reflection_with_every_answer_is_saved(make_app, coachtui_home):
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(110, 40)) as pilot:
        await open_quick(pilot)
        assert screen_name(app) == "QuickReflectScreen"
        screen = app.screen
        await pilot.press(*"Refund at [closing] time")
        screen.query_one("#scenario", Select).value = "late-shift"
        screen.query_one("#channel", Select).value = "phone"
        screen.query_one("#decision", Select).value = "frictionless"
        await pilot.pause()
        signals = screen.query_one("#signals")
        assert signals.display and signals.option_count == 10
        signals.focus()
        await pilot.press("5")  # "Card or phone already out"
        screen.query_one("#stress-before").focus()
        await pilot.press("8")
        screen.query_one("#stress-after").focus()
        await pilot.press("4")
        screen.query_one("#customer_left").focus()
        await pilot.press("4")  # served promptly
        screen.query_one("#next_time", Input).value = "Offer the receipt first"
        screen.query_one("#tags", Input).value = "refund #Evening"
        screen.query_one("#starred", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
        assert "Next time I will: Offer the receipt first" in flat(rendered(app))
    [entry] = journal_entries(coachtui_home)
    assert entry["kind"] == "quick" and entry["playbook_id"] == "late-shift"
    assert entry["channel"] == "phone" and entry["decision"] == "frictionless"
    assert [s["label"] for s in entry["signals"]] == ["Card or phone already out"]
    assert (entry["stress_before"], entry["stress_after"]) == (8, 4)
    assert entry["customer_left"] == ["served promptly"]
    assert entry["what_happened"] == "Refund at [closing] time"
    assert entry["tags"] == ["refund", "evening"] and entry["starred"] is True
    assert not list((coachtui_home / "drafts").glob("*.toml"))


async def test_an_email_or_phone_number_gets_a_gentle_warning_not_a_block(make_app,
                                                                          coachtui_home):
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(110, 40)) as pilot:
        await open_quick(pilot)
        await pilot.press(*"Call back on 07700 900123")
        await pilot.pause(CHECKED)
        assert "That looks like a phone number" in visible_text(app)
        app.screen.query_one("#what_happened", TextArea).text = "Wrote to sam@example.org"
        await pilot.pause(CHECKED)
        assert "That looks like an email address" in visible_text(app)
        app.screen.query_one("#what_happened", TextArea).text = "Met on 2026-11-23"
        await pilot.pause(CHECKED)
        assert "That looks like" not in visible_text(app)
        app.screen.query_one("#what_happened", TextArea).text = "Wrote to sam@example.org"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    assert journal_entries(coachtui_home)[0]["what_happened"] == "Wrote to sam@example.org"


async def test_a_quick_reflection_left_or_quit_is_offered_back_and_can_be_finished(
        make_app, coachtui_home):
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(110, 40)) as pilot:
        await open_quick(pilot)
        await pilot.press(*"Half written")
        await pilot.press("ctrl+q")  # before the delayed autosave: quitting keeps it
        await pilot.pause()
    [draft] = (coachtui_home / "drafts").glob("*.toml")
    assert tomllib.loads(draft.read_text("utf-8"))["what_happened"] == "Half written"

    again = make_app()
    async with again.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        assert screen_name(again) == "HomeScreen"
        assert "“Half written”" in visible_text(again)  # the preview on home's one line
        await pilot.press("u")
        await pilot.pause()
        assert "Quick reflection" in list_text(again) and "Half written" in list_text(again)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(again) == "QuickReflectScreen"
        assert again.screen.query_one("#what_happened", TextArea).text == "Half written"
        await pilot.press("end", *", now finished", "ctrl+s")
        await pilot.pause()
        assert screen_name(again) == "DoneScreen"
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == "Half written, now finished" and entry["kind"] == "quick"
    assert not list((coachtui_home / "drafts").glob("*.toml"))


async def test_escape_with_nothing_written_leaves_no_draft(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert screen_name(app) == "QuickReflectScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
    assert not list((coachtui_home / "drafts").glob("*.toml")) if \
        (coachtui_home / "drafts").exists() else True


async def test_a_quick_draft_can_be_saved_as_is(make_app, coachtui_home):
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(110, 40)) as pilot:
        await open_quick(pilot)
        await pilot.press(*"Kept as it was", "escape")
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u", "ctrl+s")  # the list, then save as is
        await pilot.pause()
        assert screen_name(again) == "HomeScreen"
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == "Kept as it was" and entry["kind"] == "quick"


async def test_8_and_9_are_saved_whichever_column_is_highlighted(make_app, coachtui_home):
    """A saved entry had customer_left = [] although 8 was pressed: each column took only
    its own numbers, and the other column's were dropped."""
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(110, 40)) as pilot:
        await open_quick(pilot)
        await pilot.press("tab", "tab", "tab")  # past the two scales: how the customer left
        await pilot.press("8", "9")
        await pilot.press("right", "8")  # the hard column highlighted: 8 is still "fine"
        await pilot.press("8", "ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    [entry] = journal_entries(coachtui_home)
    assert entry["customer_left"] == ["fine, nothing special", "frustrated"]


async def test_tick_boxes_are_empty_when_off(make_app):
    """Without colour, a box that showed an X either way could not be read."""
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(110, 40)) as pilot:
        await open_quick(pilot)
        starred = app.screen.query_one("#starred", Checkbox)
        assert "▐ ▌" in str(starred.render())
        starred.value = True
        assert "▐X▌" in str(starred.render())


async def test_quitting_an_empty_quick_reflection_leaves_no_draft(make_app, coachtui_home):
    """Identical empty drafts piled up, one for each quick reflection quit unwritten."""
    for _ in range(2):
        app = make_app(start_screen="reflect")
        async with app.run_test(size=(110, 40)) as pilot:
            await open_quick(pilot)
            await pilot.press("ctrl+q")
            await pilot.pause()
    assert not list((coachtui_home / "drafts").glob("*.toml"))
