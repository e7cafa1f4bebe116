"""The quick reflection's "When did it happen?": the same words as `reflect --at`, read in
the person's local time; the entry keeps when it happened and when it was written."""

from __future__ import annotations

import tomllib
from datetime import datetime, timezone

from textual.widgets import Input

from coachtui.store import drafts
from tests.app.helpers import journal_entries, settle, visible_text
from tests.conftest import FIXED_NOW


async def fill(pilot, when: str, what: str) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#when", Input).focus()
    await pilot.press(*when)
    await pilot.press("tab", *what)
    await pilot.pause()


async def test_a_back_dated_quick_reflection_keeps_both_times(make_app, coachtui_home, zone):
    zone("America/New_York")  # the clock: 2026-11-23 09:30 UTC, 04:30 in New York
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(110, 40)) as pilot:
        await fill(pilot, "yesterday 17:30", "Long queue at the desk")
        assert "Sunday 22 November 2026, 17:30" in visible_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    (entry,) = journal_entries(coachtui_home)
    assert entry["what_happened"] == "Long queue at the desk"
    assert entry["created"] == datetime(2026, 11, 22, 22, 30, tzinfo=timezone.utc)  # 17:30 EST
    assert entry["written"] == FIXED_NOW


async def test_without_a_date_it_happened_when_it_is_saved(make_app, coachtui_home):
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(110, 40)) as pilot:
        await fill(pilot, "", "Just now")
        await pilot.press("ctrl+s")
        await pilot.pause()
    (entry,) = journal_entries(coachtui_home)
    assert entry["created"] == FIXED_NOW and "written" not in entry


async def test_a_date_that_is_not_one_is_said_and_nothing_is_lost(make_app, coachtui_home):
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(110, 40)) as pilot:
        await fill(pilot, "blursday", "Kept words")
        said = [line for line in visible_text(app).splitlines() if "blursday" in line]
        assert said == ["'blursday' is not a date; use today, yesterday, 3d, 2w, a weekday "
                        "(friday), last monday or YYYY-MM-DD"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Not saved yet: when it happened: 'blursday' is not a date" in visible_text(app)
        draft_id = app.quick.walk_id
        app.autosave()
    assert journal_entries(coachtui_home) == []
    kept = tomllib.loads(drafts.draft_path(draft_id).read_text("utf-8"))
    assert (kept["when"], kept["what_happened"]) == ("blursday", "Kept words")
