"""Keys act in the order they were typed: a save key queued behind words never overtakes them.

Every key of a burst is posted before the app handles any (as when keys arrive in one read
or the app is busy), then Ctrl+S or Enter.
"""

from __future__ import annotations

from textual import events

from coachtui.store import journal
from tests.app.helpers import journal_entries, screen_name, settle, walk_to
from tests.app.test_journal_screen import entries, open_journal  # noqa: F401 - a fixture

WORDS = "the refund came through after all, and she thanked us twice"


def burst(app, text: str, *then: str) -> None:
    """Post every key at once, as a terminal read of a fast typist (or a stalled app) does."""
    for character in text:
        app.post_message(events.Key("space" if character == " " else character, character))
    for key in then:
        app.post_message(events.Key(key, None))


async def wait_until(pilot, condition, rounds: int = 100) -> None:
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened")


async def open_quick_form(pilot) -> None:
    await settle(pilot)
    await wait_until(pilot, lambda: screen_name(pilot.app) == "QuickReflectScreen")
    await pilot.pause()


async def test_ctrl_s_in_a_burst_saves_every_word_of_the_quick_reflection(make_app,
                                                                          coachtui_home):
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(100, 32)) as pilot:
        await open_quick_form(pilot)
        burst(app, WORDS, "ctrl+s")
        await wait_until(pilot, lambda: screen_name(app) == "DoneScreen")
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == WORDS
    assert not list((coachtui_home / "drafts").glob("*.toml"))


async def test_ctrl_s_in_a_burst_saves_every_word_of_the_walks_reflection(make_app,
                                                                          coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await walk_to(pilot, "reflect")
        burst(app, WORDS, "ctrl+s")
        await wait_until(pilot, lambda: screen_name(app) == "DoneScreen")
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == WORDS


async def test_words_typed_after_a_save_are_not_typed_into_the_saved_entry(make_app,
                                                                           coachtui_home):
    """Ctrl+S then more keys in the same burst: the saved entry ends where Ctrl+S was."""
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(100, 32)) as pilot:
        await open_quick_form(pilot)
        burst(app, "first part", "ctrl+s")
        burst(app, " later")
        await wait_until(pilot, lambda: screen_name(app) == "DoneScreen")
        await pilot.pause()
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == "first part"


async def test_ctrl_s_in_a_burst_saves_every_word_of_an_edit(make_app, entries):
    """The entry editor lost a typed edit 4 times in 4 this way."""
    app = make_app(start_screen="journal")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("enter", "t")  # the newest entry, straight to its tags
        await wait_until(pilot, lambda: screen_name(app) == "EditEntryScreen")
        await pilot.pause()
        burst(app, "calm refund", "ctrl+s")
        await wait_until(pilot, lambda: screen_name(app) == "EntryScreen")
    assert journal.load(entries[3]).tags == ["calm", "refund"]


async def test_a_key_arriving_while_the_next_step_is_put_up_acts_on_that_step(make_app):
    # Enter has acted (the walk is on Decide) but Decide's view is not yet mounted and
    # focused when `f` arrives, as a key a moment behind Enter does on a busy machine: it
    # still waits for Decide, instead of going to the view being taken down, or nowhere.
    import asyncio

    app = make_app(start_playbook="dolphin")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        while app.walk.step != "read":
            await pilot.press("enter")
            await pilot.pause()
        await pilot.pause()
        app.post_message(events.Key("enter", None))
        for _ in range(10_000):
            if app.walk.step == "decide":
                break
            await asyncio.sleep(0)
        assert app.walk.step == "decide"
        app.post_message(events.Key("f", "f"))  # before the new view has taken the focus
        await wait_until(pilot, lambda: app.walk.step == "act")
        assert app.walk.answers.decision == "frictionless"
