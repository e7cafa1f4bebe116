"""The home screen's "next time I will" never shows the words of an entry marked sensitive:
at start, after saving one, or after marking one sensitive later."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import Checkbox, Input

from coachtui.core.reflection import Reflection
from coachtui.store import journal
from tests.app.helpers import screen_name, settle, visible_text

SECRET = "Quetzal-secret-words"


def save(day: int, **fields):
    return journal.save(Reflection(created=datetime(2026, 11, day, 9, tzinfo=timezone.utc),
                                   **fields))


async def test_home_skips_a_newer_sensitive_entry_at_start(make_app, coachtui_home):
    save(1, next_time="Breathe first")
    save(2, next_time=SECRET, sensitive=True)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "Breathe first" in visible_text(app) and SECRET not in visible_text(app)


async def test_saving_a_sensitive_quick_reflection_keeps_it_off_home(make_app, coachtui_home):
    save(1, next_time="Breathe first")
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#next_time", Input).value = SECRET
        app.screen.query_one("#sensitive", Checkbox).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        assert "Breathe first" in visible_text(app) and SECRET not in visible_text(app)
    assert journal.load(sorted((coachtui_home / "journal").glob("*/*.toml"))[-1]).sensitive


async def test_marking_the_newest_entry_sensitive_takes_its_words_off_home(make_app,
                                                                           coachtui_home):
    save(1, next_time="Breathe first")
    newest = save(2, next_time=SECRET)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert SECRET in visible_text(app)
        app.action_journal()
        await pilot.pause()
        assert app.change_entry(newest, lambda entry: {"sensitive": True})
        app.pop_screen()
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        assert "Breathe first" in visible_text(app) and SECRET not in visible_text(app)
