"""The coaching engine as a person meets it: a safety signal stops the coaching, a fix is
offered on both paths when something went wrong, the Decide step lists every signal it
counted, and a walk about yourself talks about you."""

from __future__ import annotations

import re

from tests.app.helpers import journal_entries, list_text, screen_name, visible_text
from tests.builders import bundled


async def go_on(pilot) -> None:
    await pilot.press("enter")
    await pilot.pause()


async def to_read(pilot, app) -> None:
    await pilot.pause()
    while app.walk.step != "read":
        await go_on(pilot)


async def tick_by_id(pilot, app, *signal_ids: str) -> None:
    """Tick signals on Read by their number key, or past 9 from the end of the list."""
    ids = [s.id for s in app.walk.playbook.signals]
    for signal_id in signal_ids:
        index = ids.index(signal_id)
        if index < 9:
            await pilot.press(str(index + 1))
        else:
            await pilot.press("end", *["up"] * (len(ids) - 1 - index), "space")


async def test_a_safety_signal_stops_the_coaching_and_goes_to_a_short_reflection(
        make_app, coachtui_home):
    app = make_app(start_playbook="angry-caller")
    async with app.run_test(size=(100, 40)) as pilot:
        await to_read(pilot, app)
        await tick_by_id(pilot, app, "warms-to-name", "raised-voice", "threat")
        await go_on(pilot)
        assert screen_name(app) == "DecideStep"
        shown = visible_text(app)
        assert "Safety first: stop coaching" in shown
        assert "Threatens harm to you or anyone else" in shown
        for line in bundled("angry-caller").playbook.paths.safety:
            assert line in shown
        assert "Call a colleague, a manager or security now." in shown
        assert "Suggested" not in shown and "Connect" not in shown
        assert "Because you saw" not in shown and "Putting it right" not in shown
        assert " 4 Safety " in shown and "Act" not in shown  # the crumbs: no Act step
        await pilot.press("c")  # no path to choose after a safety stop
        await pilot.pause()
        assert screen_name(app) == "DecideStep" and app.walk.answers.decision is None
        await go_on(pilot)
        assert screen_name(app) == "ReflectStep"
        shown = visible_text(app)
        assert "What happened, and how are you?" in shown
        assert "How did the customer leave?" not in shown and "What went well?" not in shown
        await pilot.press(*"He threatened me; I called security.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    [entry] = journal_entries(coachtui_home)
    assert entry["safety"] is True
    assert entry["what_happened"] == "He threatened me; I called security."
    assert "decision" not in entry and "recommended" not in entry
    assert entry["steps_done"] == entry["steps_open"] == []


async def test_the_dolphin_with_something_gone_wrong_gets_the_fast_fix(make_app):
    app = make_app(start_playbook="dolphin")
    async with app.run_test(size=(100, 40)) as pilot:
        await to_read(pilot, app)
        await tick_by_id(pilot, app, "card-out", "headphones")
        await pilot.press("y")  # something went wrong for them
        await pilot.pause()
        assert "now: yes" in visible_text(app)
        await go_on(pilot)
        shown = visible_text(app)
        assert "Stay frictionless" in shown
        assert "Something went wrong for them (you said so): fix it fast" in shown
        await go_on(pilot)
        assert screen_name(app) == "ActStep"
        assert "Step 1 of" in visible_text(app) and "Fix it fast (LAST)" in visible_text(app)
        await pilot.press("l")  # the whole list
        await pilot.pause()
        items = list_text(app)
        assert "Fix it fast (LAST)" in items and "No added effort" in items
        assert "Solve" in items and "Thank" in items
        assert "Listen" not in items and "Apologize" not in items  # not the fast fix


async def test_nothing_gone_wrong_no_recovery_list_on_connect(make_app):
    app = make_app(start_playbook="grumpy-regular")
    async with app.run_test(size=(100, 40)) as pilot:
        await to_read(pilot, app)
        await tick_by_id(pilot, app, "regular", "warms-to-name")
        await go_on(pilot)
        assert "Nothing went wrong for them, so nothing to put right." in visible_text(app)
        await go_on(pilot)
        await pilot.press("l")  # the whole list
        await pilot.pause()
        shown = visible_text(app) + list_text(app)
        assert "Put it right" not in shown and "Connect" in shown


async def test_the_counts_on_decide_equal_the_signals_it_lists(make_app):
    app = make_app(start_playbook="angry-caller")
    async with app.run_test(size=(100, 40)) as pilot:
        await to_read(pilot, app)
        # calming and care are not votes; the customer's own words weigh 3
        await tick_by_id(pilot, app, "raised-voice", "distress", "warms-to-name", "just-fix-it")
        await go_on(pilot)
        shown = visible_text(app)
        assert "They seem upset: calm things first" in shown
        assert "They may need more care or time" in shown
        found = re.search(r"Weighed (\d+) toward connecting, (\d+) toward keeping it quick",
                          shown)
        listed = re.findall(r"· (connect|stay frictionless), weight (\d)", shown)
        assert found and listed
        assert int(found[1]) == sum(int(w) for side, w in listed if side == "connect")
        assert int(found[2]) == sum(int(w) for side, w in listed if side != "connect")
        assert (found[1], found[2]) == ("1", "3")
        assert "Shouting or a raised voice" not in shown.split("Because you saw")[1]


WORDS_ABOUT_SOMEONE_ELSE = re.compile(r"\b(customer|customers|they|them|their|theirs)\b", re.I)


def playbook_words(scenario) -> list[str]:
    """Every sentence the playbook and its framework wrote (they may speak of the customer
    who caused the hard moment; the app's own words must not)."""
    texts: list[str] = []

    def gather(value) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                gather(item)
        elif isinstance(value, list | tuple):
            for item in value:
                gather(item)

    gather(scenario.playbook.model_dump())
    gather([step.model_dump() for step in scenario.steps])
    return sorted(texts, key=len, reverse=True)


async def test_after_the_storm_speaks_to_and_about_you_on_every_screen(make_app):
    scenario = bundled("after-the-storm")
    own = playbook_words(scenario)
    app = make_app(start_playbook="after-the-storm")
    seen_steps = []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        while True:
            seen_steps.append(app.walk.step)
            if app.walk.step == "read":
                await tick_by_id(pilot, app, "still-angry", "hurt-shaken")
                await pilot.pause()
            shown = visible_text(app) + "\n" + list_text(app)
            for text in own:
                shown = shown.replace(text, "")
            assert not WORDS_ABOUT_SOMEONE_ELSE.findall(shown), (app.walk.step, shown)
            if app.walk.step == "reflect":
                break
            await go_on(pilot)
        # The Pause step's two moments, the rating and the breath, are both read.
        assert list(dict.fromkeys(seen_steps)) == ["pause", "greet", "read", "act", "reflect"]


async def test_after_the_storm_shows_its_own_steps_and_skips_the_reframe_with_one_key(
        make_app, coachtui_home):
    app = make_app(start_playbook="after-the-storm")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        while app.walk.step != "act":
            await go_on(pilot)
        assert "Your steps" in visible_text(app)
        while "Reframe once" not in visible_text(app):  # the steps before it, done
            await go_on(pilot)
        assert "Skip this if you were treated badly. (s skips it)" in visible_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert "Reframe once" not in visible_text(app)  # on to the next step
        await pilot.press("r")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [entry] = journal_entries(coachtui_home)
    assert entry["steps_skipped"] == ["Reframe once"]
    assert "Reframe once" not in entry["steps_open"] + entry["steps_done"]


def test_a_safety_entry_says_so_in_the_journal():
    from coachtui.core.reflection import Reflection
    from coachtui.core.entry_text import entry_lines
    from tests.conftest import FIXED_NOW

    lines = dict(entry_lines(Reflection(created=FIXED_NOW, safety=True, what_happened="x")))
    assert lines["Decision"] == "safety first: the coaching stopped"
