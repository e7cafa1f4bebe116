"""The whole walk, driven by keyboard as a person would, and what lands on disk."""

from __future__ import annotations

import pytest

from pathlib import Path

from coachtui.ui.widgets.pacer import large
from tests.app.helpers import journal_entries, screen_name, settle, visible_text, walk_to


async def test_home_screen_offers_the_default_walk(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        assert "Late shift, running on empty" in visible_text(app)


async def test_two_keys_from_home_to_the_first_breath(make_app):
    # Enter, then the rating's own moment: one key rates (or Enter goes on without one).
    for second_key in ("6", "enter"):
        app = make_app()
        app.animation_level = "full"  # the moving pacer, whatever TEXTUAL_ANIMATIONS says
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            assert screen_name(app) == "PauseStep"
            assert "How wound up are you right now?" in visible_text(app)
            assert not app.screen.query("BreathPacer")
            await pilot.press(second_key)
            await pilot.pause()
            pacer = app.screen.query_one("BreathPacer")
            assert large("Breathe in") in str(pacer.render())


async def test_one_number_key_on_home_starts_a_rated_walk_at_the_breath(make_app,
                                                                       coachtui_home):
    """On a shift break: one key from launch to the first breath, and the rating kept."""
    app = make_app()
    app.animation_level = "full"
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        assert screen_name(app) == "PauseStep"
        pacer = app.screen.query_one("BreathPacer")
        assert large("Breathe in") in str(pacer.render())
        assert "Wound up: 6" in visible_text(app)
        assert app.walk.answers.stress_before == 6
        await pilot.press("escape")  # back to the rating moment: it shows the 6 given
        await pilot.pause()
        assert app.screen.query_one("RatingScale").value == 6


async def test_whole_walk_by_keyboard_saves_every_answer(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")        # home -> pause
        await pilot.press("7")            # wound up: 7
        await pilot.press("enter")        # -> greet
        await pilot.press("2")            # the second opener
        await pilot.press("enter")        # -> read
        await pilot.press("1", "3")       # two connect-leaning signals
        await pilot.press("y")            # something went wrong for them
        await pilot.press("enter")        # -> decide
        await pilot.pause()
        assert "Connect" in visible_text(app)
        await pilot.press("enter")        # take the suggestion -> act
        await pilot.press("enter", "enter")  # Control, Acknowledge: done, one at a time
        await pilot.press("r")            # -> reflect, the rest left open
        await pilot.pause()
        assert screen_name(app) == "ReflectStep"
        await pilot.press(*"Till froze; I breathed first.")
        await pilot.press("tab", "1", "6", "9")  # customer left: cared for, calmer, frustrated
        await pilot.press("tab", "3")  # one question, one Tab stop; wound up now: 3
        await pilot.press("tab", *"Paused before greeting", "enter")
        await pilot.press(*"Rushed the goodbye", "enter")
        await pilot.press(*"Greet before the till", "enter")
        await pilot.press(*"late-shift #till", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
        shown = visible_text(app)
        assert "7 before  →  3 now" in shown
        assert "journal/2026/20261123T093000Z-" in shown

    [entry] = journal_entries(coachtui_home)
    scenario = app.library.get("late-shift")
    book = scenario.playbook
    assert entry["playbook_id"] == "late-shift"
    assert entry["stress_before"] == 7 and entry["stress_after"] == 3
    assert entry["opener"] == book.greet.openers[1]
    assert [s["id"] for s in entry["signals"]] == [book.signals[0].id, book.signals[2].id]
    assert entry["recommended"] == entry["decision"] == "connect"
    assert entry["followed_recommendation"] is True
    assert entry["steps_done"] == [step.title for step in scenario.steps[:2]]
    assert entry["steps_open"][0] == scenario.steps[2].title and not entry.get("steps_skipped")
    assert entry["customer_left"] == ["cared for", "calmer", "frustrated"]
    assert entry["what_happened"] == "Till froze; I breathed first."
    assert entry["went_well"] == "Paused before greeting"
    assert entry["to_change"] == "Rushed the goodbye"
    assert entry["next_time"] == "Greet before the till"
    assert entry["tags"] == ["late-shift", "till"]
    assert entry["schema_version"] == 1
    # Saved, so no draft is left behind.
    assert not list((coachtui_home / "drafts").glob("*.toml"))


async def test_overriding_the_recommendation_is_recorded(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "read")
        await pilot.press("1", "3")     # both lean connect
        await pilot.press("enter")
        await pilot.pause()
        assert app.walk.decision.register.path == "connect"
        await pilot.press("f")          # the person chooses frictionless anyway
        await pilot.pause()
        assert screen_name(app) == "ActStep"
        assert "your call over the suggestion" in visible_text(app)
        assert "No added effort" in visible_text(app)
        await pilot.press("r")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [entry] = journal_entries(coachtui_home)
    assert entry["recommended"] == "connect"
    assert entry["decision"] == "frictionless"
    assert entry["followed_recommendation"] is False


async def test_escape_goes_back_a_step_and_keeps_answers(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "read")
        await pilot.press("2", "5")
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "DecideStep"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "ReadStep"
        ticked = app.screen.query_one("Checklist").selected
        assert len(ticked) == 2
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert screen_name(app) == "PauseStep"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"


async def test_frictionless_scenario_with_no_signals_follows_its_usual_lean(make_app, coachtui_home):
    app = make_app(start_playbook="dolphin")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        while app.walk.step != "decide":
            await pilot.press("enter")
            await pilot.pause()
        assert "No signals point either way" in visible_text(app)
        assert app.walk.decision.register.path == "frictionless"


async def test_picking_a_scenario_by_number(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert screen_name(app) == "PickerScreen"
        ids = list(app.library.playbooks)
        await pilot.press(str(ids.index("dolphin") + 1))
        await pilot.pause()
        assert screen_name(app) == "PauseStep"
        assert app.walk.playbook.id == "dolphin"


async def test_help_shows_the_screen_and_its_keys(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "decide")
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        text = visible_text(app)
        assert "You decide" in text and "Connect" in text
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "DecideStep"


async def test_theme_choice_persists_in_config(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        app.theme = "rose-pine"
        await pilot.pause()
    assert 'theme = "rose-pine"' in (coachtui_home / "config.toml").read_text("utf-8")
    again = make_app()
    async with again.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert again.theme == "rose-pine"


async def test_command_palette_has_coachtui_commands(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Start a walk", "Pick a scenario", "Toggle reduced motion"} <= set(titles)
        assert any("theme" in title.lower() for title in titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Start a walk")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "PauseStep"


@pytest.mark.keys_before_loading
async def test_enter_pressed_while_playbooks_still_load_starts_the_walk(make_app, monkeypatch):
    import time as clock

    from coachtui.store import playbooks

    real_discover = playbooks.discover

    def slow_discover(*args, **kwargs):
        clock.sleep(0.3)  # a slow disk: the home screen is up before the playbooks
        return real_discover(*args, **kwargs)

    monkeypatch.setattr(playbooks, "discover", slow_discover)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        assert not app.ready
        await pilot.press("enter")
        await settle(pilot)
        assert screen_name(app) == "PauseStep"


async def test_reduced_motion_shows_a_still_countdown_and_is_remembered(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.animation_level = "full"  # coachtui's own setting alone must still the pacer
        app.action_toggle_reduced_motion()
        app.action_toggle_bell()
        await pilot.press("b", "enter")  # the deeper reset, the rating skipped
        await pilot.pause()
        pacer = app.screen.query_one("BreathPacer")
        shown = str(pacer.render())
        assert "Breathe in" in shown and "Breath 1 of 3" in shown
        assert not set(shown) & set("█▀▄░")
    saved = (coachtui_home / "config.toml").read_text("utf-8")
    assert "reduced_motion = true" in saved and "bell = true" in saved
    again = make_app()
    assert again.reduced_motion is True and again.config.bell is True


async def test_the_pacer_moves_with_the_clock_and_ends_the_breath(make_app):
    now = [0.0]
    app = make_app(monotonic=lambda: now[0])
    app.animation_level = "full"
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "d", "enter")  # the deeper reset: the scenario's sigh
        await pilot.pause()
        pacer = app.screen.query_one("BreathPacer")
        now[0] = 4.5  # past the 4 s inhale: the top-up breath
        await pilot.pause(0.25)
        assert large("A little more in") in str(pacer.render())
        now[0] = 6.0  # into the long exhale
        await pilot.pause(0.25)
        assert large("Breathe out") in str(pacer.render())
        now[0] = 13 * 3 + 1  # all three cycles done
        await pilot.pause(0.25)
        assert "Well done" in str(pacer.render())
        assert app.walk.answers.breath_completed is True
        assert screen_name(app) == "PauseStep"  # a deeper reset waits for Enter


async def test_home_shows_the_last_next_time_i_will(make_app, coachtui_home):
    from coachtui.core.reflection import Reflection
    from coachtui.store import journal
    from tests.conftest import FIXED_NOW

    journal.save(Reflection(created=FIXED_NOW, next_time="Older [b]note"))
    journal.save(Reflection(created=FIXED_NOW.replace(hour=10), next_time="Greet before the till"))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        shown = visible_text(app)
        assert "next time I will Greet before the till" in shown
        assert "Older" not in shown
        # A walk saved now replaces it when the person comes back home.
        await walk_to(pilot, "reflect")
        # One Tab a question: how they left, the scale, went well, to change, next time.
        await pilot.press("tab", "tab", "tab", "tab", "tab", *"Slow the goodbye [/]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "next time I will Slow the goodbye [/]" in visible_text(app)


async def test_a_new_walk_from_anywhere_sits_on_home(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
        app.action_pick_scenario()  # as from the command palette
        await pilot.pause()
        assert screen_name(app) == "PickerScreen"
        await pilot.press("1")
        await pilot.pause()
        assert screen_name(app) == "PauseStep"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        assert [type(s).__name__ for s in app.screen_stack][-1:] == ["HomeScreen"]
        assert len(app.screen_stack) == 1  # home is the first screen


async def test_a_pattern_with_holds_shows_the_fuller_safety_line(make_app, coachtui_home):
    """Breath holds are not for everyone: the Pause step says who should breathe normally."""
    bundled = Path(__file__).parents[2] / "playbooks" / "late-shift.toml"
    text = bundled.read_text(encoding="utf-8").replace('pattern = "cyclic-sigh"',
                                                        'pattern = "box"', 1)
    mine = coachtui_home / "playbooks"
    mine.mkdir(mode=0o700, parents=True, exist_ok=True)
    (mine / "late-shift.toml").write_text(text, encoding="utf-8")
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "PauseStep"
        assert "pregnant" not in visible_text(app)  # the Now reset holds no breath
        await pilot.press("d")
        await pilot.pause()
        shown = visible_text(app)  # said before the breath starts, not only in help
        assert "Box 4-4-4-4" in shown
        assert "pregnant" in shown and "breathe normally" in shown
