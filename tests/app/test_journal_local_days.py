"""The journal screen's date filters count the person's local days, as the CLI does."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import Input

from coachtui.core.reflection import Reflection
from coachtui.store import journal
from tests.app.test_journal_screen import open_journal, shown


async def test_the_date_filters_count_the_persons_local_days(make_app, coachtui_home, zone):
    """At 04:30 UTC on the 23rd it is still the 22nd in New York: an entry written there at
    23:30 is yesterday's, not today's, as `coachtui search --since today` counts it."""
    zone("America/New_York")  # UTC-5 in November; the app's clock: 2026-11-23 09:30 UTC
    late = journal.save(Reflection(created=datetime(2026, 11, 23, 4, 30, tzinfo=timezone.utc),
                                   what_happened="Late on the 22nd"))
    journal.save(Reflection(created=datetime(2026, 11, 23, 5, 30, tzinfo=timezone.utc),
                            what_happened="Early on the 23rd"))
    assert late.exists()
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        since, until = (app.screen.query_one(f"#{name}", Input) for name in ("since", "until"))
        for typed_since, typed_until, expected in (("today", "", "Early on the 23rd"),
                                                   ("2026-11-23", "", "Early on the 23rd"),
                                                   ("", "yesterday", "Late on the 22nd"),
                                                   ("yesterday", "2026-11-22",
                                                    "Late on the 22nd")):
            since.value, until.value = typed_since, typed_until
            await pilot.pause()
            text = shown(app)
            assert "1 of 2 entries" in text, (typed_since, typed_until, text)
            assert expected in text
