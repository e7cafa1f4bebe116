"""Read: every signal has a key, lists stop at their ends, long labels wrap; the "did
something go wrong?" question only when the engine needs it. Decide: its numbers equal
its list."""

from __future__ import annotations

import re

import pytest

from coachtui.store.playbooks import bundled_dir
from coachtui.ui.widgets.checklist import Checklist
from tests.app.helpers import screen_name, visible_text
from tests.app.test_hostile_text import flat, rendered
from tests.builders import bundled

BUNDLED = sorted(path.stem for path in bundled_dir().glob("*.toml"))
ABOUT_A_CUSTOMER = [pid for pid in BUNDLED if bundled(pid).playbook.kind == "customer"]


async def to_read(pilot, app) -> Checklist:
    await pilot.pause()
    while app.walk.step != "read":
        await pilot.press("enter")
        await pilot.pause()
    return app.screen.query_one("#signals", Checklist)


async def test_every_signal_has_a_key_past_nine(make_app):
    app = make_app(start_playbook="angry-caller")
    async with app.run_test(size=(100, 32)) as pilot:
        await to_read(pilot, app)
        signals = app.walk.playbook.signals
        assert len(signals) > 11
        await pilot.press("0", "a")
        await pilot.pause()
        assert app.walk.answers.signals == [signals[9].id, signals[10].id]
        screen = rendered(app)
        assert re.search(r"\b0 +" + re.escape(signals[9].label[:20]), screen)
        assert re.search(r"\ba +" + re.escape(signals[10].label[:20]), screen)


async def test_the_signal_keys_are_no_other_key_of_the_read_step(make_app):
    app = make_app(start_playbook="angry-caller")
    async with app.run_test(size=(100, 32)) as pilot:
        checklist = await to_read(pilot, app)
        keys = {checklist.key_for(i) for i in range(checklist.option_count)}
        assert "" not in keys, "every signal has a key"
        assert not keys & set(app.active_bindings), keys & set(app.active_bindings)


async def test_down_at_the_last_signal_stays_there(make_app):
    app = make_app(start_playbook="angry-caller")
    async with app.run_test(size=(100, 32)) as pilot:
        checklist = await to_read(pilot, app)
        last = checklist.option_count - 1
        await pilot.press(*["down"] * (last + 3))
        await pilot.pause()
        assert checklist.highlighted == last, "Down past the end wrapped to the top"
        await pilot.press(*["up"] * (last + 3))
        await pilot.pause()
        assert checklist.highlighted == 0, "Up past the top wrapped to the end"


async def test_a_long_signal_is_wholly_visible_at_100_columns(make_app):
    app = make_app(start_playbook="angry-caller")
    async with app.run_test(size=(100, 32)) as pilot:
        await to_read(pilot, app)
        screen = rendered(app)
        assert "…" not in screen
        for signal in app.walk.playbook.signals:
            assert flat(signal.label) in flat(screen), signal.label


async def test_read_asks_whether_something_went_wrong_only_when_it_counts(make_app):
    app = make_app(start_playbook="angry-caller")
    async with app.run_test(size=(100, 32)) as pilot:
        await to_read(pilot, app)
        question = "Did something go wrong for them?"
        assert question in visible_text(app) and "now: not answered" in visible_text(app)
        await pilot.press("8")  # "this is the third time I've called": it says so itself
        await pilot.pause()
        assert "yes: you ticked" in visible_text(app) and "now:" not in visible_text(app)
        await pilot.press("n")  # not asked, so not taken
        await pilot.pause()
        assert app.walk.answers.went_wrong is None
        await pilot.press("8", "n")  # unticked: asked again, and answered
        await pilot.pause()
        assert app.walk.answers.went_wrong is False and "now: no" in visible_text(app)
        await pilot.press("b")  # a safety signal: nothing will be put right, no question
        await pilot.pause()
        assert question not in visible_text(app)
        await pilot.press("b", "enter")
        await pilot.pause()
        assert screen_name(app) == "DecideStep"
        assert "Nothing went wrong for them, so nothing to put right." in visible_text(app)


def signal_sets(book) -> list[list[str]]:
    """Several sets for one playbook: none, every one that votes, the first few, every
    other one (never a safety signal, which has no Decide screen)."""
    usable = [s.id for s in book.signals if s.lean != "safety"]
    voting = [s.id for s in book.signals if s.lean in ("connect", "frictionless")]
    return [[], voting, usable[:3], usable[::2], usable[1::2]]


@pytest.mark.parametrize("playbook_id", ABOUT_A_CUSTOMER)
async def test_the_numbers_on_decide_equal_the_signals_it_lists(make_app, playbook_id):
    app = make_app(start_playbook=playbook_id)
    async with app.run_test(size=(100, 60)) as pilot:
        await to_read(pilot, app)
        walk = app.walk
        by_label = {s.label: s for s in walk.playbook.signals}
        for ticked in signal_sets(walk.playbook):
            checklist = app.screen.query_one("#signals", Checklist)
            ids = [s.id for s in walk.playbook.signals]
            await pilot.press(*[checklist.key_for(ids.index(s)) for s in ticked], "enter")
            await pilot.pause()
            assert walk.answers.signals == ticked
            assert screen_name(app) == "DecideStep"
            shown = flat(visible_text(app))
            listed = re.findall(r"• (.+?) · (connect|stay frictionless), weight (\d)", shown)
            voted = {s for s in ticked if walk.playbook.signal(s).lean in ("connect",
                                                                          "frictionless")}
            assert {by_label[label].id for label, _, _ in listed} == voted, "each one listed"
            found = re.search(r"Weighed (\d+) toward connecting, (\d+) toward keeping it quick",
                              shown)
            if not listed:
                assert not found and "No signals point either way" in shown
            else:
                assert int(found[1]) == sum(int(w) for _, side, w in listed if side == "connect")
                assert int(found[2]) == sum(int(w) for _, side, w in listed if side != "connect")
            await pilot.press("escape")  # back to Read: untick them for the next set
            await pilot.pause()
            checklist = app.screen.query_one("#signals", Checklist)
            await pilot.press(*[checklist.key_for(ids.index(s)) for s in ticked])
            await pilot.pause()

