"""Work done in threads (the journal check, the insights report, start-up loading) reaches
its screen as a message: a screen left before the work is done, even one half taken down,
drops it, and the app carries on."""

from __future__ import annotations

import asyncio
import threading
from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Static
from textual.widgets._select import SelectOverlay

from coachtui.core.reflection import Reflection
from coachtui.store import journal, journal_index
from tests.app.helpers import screen_name, settle

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def many_entries(coachtui_home):
    """Enough entries that a first check of the files takes a moment."""
    for n in range(300):
        journal.save(Reflection(created=T0 + timedelta(minutes=n), playbook_id="late-shift",
                                playbook_title="Late shift", what_happened=f"Moment {n}",
                                tags=[f"tag{n % 7}"]))


def held_until(monkeypatch, owner, name: str) -> threading.Event:
    """Make `owner.name` (called in a worker thread) wait until the returned event is set."""
    release = threading.Event()
    real = getattr(owner, name)

    def held(*args, **kwargs):
        assert release.wait(30), "the test never let the worker go on"
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, held)
    return release


async def until(pilot, condition, tries: int = 400) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("never happened")


def ends_while_taken_down(monkeypatch, widget_class, release: threading.Event, group: str,
                          this_one=lambda widget: True) -> None:
    """Let the held worker of `group` end exactly while its screen is being removed: once a
    `widget_class` (`this_one`) has left it, the screen itself not yet."""
    leave = widget_class._message_loop_exit

    async def gone_then_worker_ends(self) -> None:
        await leave(self)
        if this_one(self):
            release.set()
            for _ in range(300):  # hold the screen's teardown until the worker has ended
                if not any(worker.group == group for worker in self.app.workers):
                    break
                await asyncio.sleep(0.01)

    monkeypatch.setattr(widget_class, "_message_loop_exit", gone_then_worker_ends)


async def test_the_journal_check_ending_while_the_screen_is_taken_down(
        make_app, many_entries, monkeypatch):
    """Its filters' overlays are gone, the screen not yet: a call back into it failed there
    with NoMatches('SelectOverlay')."""
    release = held_until(monkeypatch, journal_index.JournalIndex, "plan")
    ends_while_taken_down(monkeypatch, SelectOverlay, release, "journal-index")
    app = make_app(start_screen="journal")
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: any(w.group == "journal-index" for w in app.workers))
        await pilot.press("escape")
        await until(pilot, release.is_set)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert screen_name(app) == "HomeScreen" and app.ready
        await pilot.press("enter")  # the app still works: a walk starts
        await pilot.pause()
        assert screen_name(app) == "PauseStep"


async def test_the_insights_report_ready_while_the_screen_is_taken_down(
        make_app, many_entries, monkeypatch):
    """Its report widget is gone, the screen not yet: the thread looked the widget up."""
    release = held_until(monkeypatch, journal_index, "open_index")
    ends_while_taken_down(monkeypatch, Static, release, "insights",
                          this_one=lambda widget: widget.id == "report")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.action_insights()
        await pilot.pause()
        await pilot.press("escape")
        await until(pilot, release.is_set)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        app.action_insights()  # and it still works
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Journal: 300 entries" in str(app.screen.query_one("#report").render())


@pytest.mark.parametrize("start_screen", ["journal", "insights"])
async def test_escape_at_once_again_and_again(make_app, many_entries, coachtui_home,
                                               start_screen):
    """As a person does it: open, Escape at once, with the first check still to do."""
    for _ in range(10):
        journal_index.index_path().unlink(missing_ok=True)  # the first, slow check each time
        app = make_app(start_screen="journal" if start_screen == "journal" else None)
        async with app.run_test(size=(120, 36)) as pilot:
            if start_screen == "insights":
                app.action_insights()
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await settle(pilot)
            assert screen_name(app) == "HomeScreen" and app.ready
