"""The Pause step: the rating's own moment, the Now and deeper resets, the pacer's still
countdown, the bell cues, and `coachtui breathe`. Clocks are the app's own (a fake
monotonic clock the test moves), never the wall clock."""

from __future__ import annotations

import shutil

import pytest

from coachtui.core.breathing import BreathChoice
from coachtui.ui.widgets.pacer import large
from tests.app.helpers import journal_entries, screen_name, settle, visible_text


class Clock:
    """The breath's monotonic clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def until(pilot, condition, tries: int = 100) -> None:
    """Let the app's timers run until `condition()` holds (the pacer reads the clock every
    tenth of a second); fail if it never does."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


async def breathe_until(pilot, clock: Clock, seconds: float) -> None:
    """Move the breath's clock and wait until the pacer on screen has seen it."""
    clock.now = seconds
    pacer = pilot.app.screen.query_one("BreathPacer")
    await until(pilot, lambda: pacer.elapsed == pytest.approx(seconds) or not pacer.is_attached)


def footer_keys(app) -> dict[str, str]:
    """The keys the footer offers now: key -> description."""
    return {key: active.binding.description for key, active in app.screen.active_bindings.items()
            if active.enabled and active.binding.show}


async def test_the_now_reset_reaches_greet_within_twelve_seconds_of_the_apps_clock(make_app):
    clock = Clock()
    app = make_app(monotonic=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "7")  # a walk from home, the rating: the breath starts
        await pilot.pause()
        pacer = app.screen.query_one("BreathPacer")
        assert pacer.plan.total_seconds <= 12
        assert app.walk.playbook.breath.reset_cue in visible_text(app)
        await breathe_until(pilot, clock, 9.9)
        assert screen_name(app) == "PauseStep"  # still breathing out
        await breathe_until(pilot, clock, 12.0)
        await until(pilot, lambda: screen_name(app) == "GreetStep")
        assert app.walk.answers.stress_before == 7
        assert app.walk.answers.breath_completed is True


async def test_the_rating_is_kept_when_the_breath_is_skipped(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "7", "s")  # rate 7, skip the breath
        await pilot.pause()
        assert screen_name(app) == "GreetStep"
        while app.walk.step != "reflect":
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    [entry] = journal_entries(coachtui_home)
    assert entry["stress_before"] == 7
    assert entry["breath_completed"] is False


async def test_skip_never_leaves_the_rating_behind_unasked(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert footer_keys(app).get("s") == "Skip rating"
        await pilot.press("s")  # skips the rating only: the breath is next, still on Pause
        await pilot.pause()
        assert screen_name(app) == "PauseStep" and app.screen.query("BreathPacer")
        assert footer_keys(app).get("s") == "Skip breath"
        await pilot.press("escape")  # back to the rating, which can still be given
        await pilot.pause()
        assert "How wound up are you right now?" in visible_text(app)
        await pilot.press("4", "s")
        await pilot.pause()
        assert screen_name(app) == "GreetStep"
        assert app.walk.answers.stress_before == 4


async def test_a_number_typed_during_the_breath_still_rates_and_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "5", "7")  # a burst: 5 starts the breath, 7 corrects it
        await pilot.pause()
        assert app.screen.query("BreathPacer")
        assert app.walk.answers.stress_before == 7
        assert "Wound up: 7" in visible_text(app)
        await pilot.press("d", "3")  # the deeper breath keeps it too
        await pilot.pause()
        assert app.walk.answers.stress_before == 3 and "Wound up: 3" in visible_text(app)


async def test_skip_breath_is_offered_only_while_there_is_a_breath_to_skip(make_app):
    clock = Clock()
    app = make_app(monotonic=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("b")  # from home: a walk with the deeper reset
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert footer_keys(app).get("s") == "Skip breath"
        total = app.screen.query_one("BreathPacer").plan.total_seconds
        await breathe_until(pilot, clock, total + 1)
        await until(pilot, lambda: app.walk.answers.breath_completed)
        await pilot.pause()
        assert "s" not in footer_keys(app)
        assert screen_name(app) == "PauseStep"  # the deeper reset waits for Enter
        await pilot.press("s")
        await pilot.pause()
        assert screen_name(app) == "PauseStep"  # and s does nothing now
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "GreetStep"


async def test_d_on_pause_switches_to_the_scenarios_own_pattern(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "6")
        await pilot.pause()
        assert app.screen.query_one("BreathPacer").plan.pattern.id == "one-breath"
        await pilot.press("d")
        await pilot.pause()
        plan = app.screen.query_one("BreathPacer").plan
        assert (plan.pattern.id, plan.cycles) == ("cyclic-sigh", 3)
        assert "d" not in footer_keys(app) and footer_keys(app)["plus"] == "Length"
        assert app.walk.answers.stress_before == 6
        while app.walk.step != "reflect":
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    [entry] = journal_entries(coachtui_home)
    assert entry["breath_pattern"] == "cyclic-sigh"


async def test_a_walk_about_yourself_takes_the_deeper_reset(make_app):
    clock = Clock()
    app = make_app(monotonic=clock, start_playbook="after-the-storm")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # no rating: on to the breath
        await pilot.pause()
        plan = app.screen.query_one("BreathPacer").plan
        assert (plan.pattern.id, plan.cycles) == ("steady", 9)
        await breathe_until(pilot, clock, 30)
        assert screen_name(app) == "PauseStep"


async def test_the_deeper_length_set_with_plus_is_remembered_on_the_next_start(
        make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        pacer = app.screen.query_one("BreathPacer")
        assert pacer.plan.cycles == 3  # the late shift's own: a cyclic sigh, 3 × 13 s
        await pilot.press("plus", "plus", "minus")
        await pilot.pause()
        assert pacer.plan.cycles == 4
        assert f"{4 * 13} s left" in str(pacer.render())
    assert "deeper_reset_seconds = 52" in (coachtui_home / "config.toml").read_text("utf-8")

    shutil.rmtree(coachtui_home / "drafts")  # a fresh start, not an unfinished walk offered
    again = make_app()
    async with again.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("b", "enter")
        await pilot.pause()
        assert again.screen.query_one("BreathPacer").plan.cycles == 4
    # A scenario with another pattern gets about as long: 52 s of steady 4/6 is 5 breaths.
    storm = make_app(start_playbook="after-the-storm")
    async with storm.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert storm.screen.query_one("BreathPacer").plan.cycles == 5


async def test_the_citation_and_the_safety_line_are_in_help_not_on_the_breath(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "d", "enter")
        await pilot.pause()
        shown = visible_text(app) + str(app.screen.query_one("BreathPacer").render())
        assert "Balban" not in shown and "dizzy" not in shown
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        help_text = visible_text(app)
        assert "Balban et al., 2023" in help_text
        assert "Stop if you feel dizzy. Not medical advice." in help_text
        assert "twice to breathe out" in help_text


@pytest.mark.parametrize("how", ["flag", "config", "textual"])
async def test_reduced_motion_in_every_form_gives_a_still_countdown(make_app, coachtui_home,
                                                                   monkeypatch, how):
    import textual.constants

    options = {}
    if how == "flag":  # coachtui --reduced-motion
        options["reduced_motion"] = True
    elif how == "config":
        coachtui_home.mkdir(parents=True, exist_ok=True)
        (coachtui_home / "config.toml").write_text("reduced_motion = true\n", "utf-8")
    else:  # TEXTUAL_ANIMATIONS=none, which Textual reads into its constants at import
        monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")
    clock = Clock()
    app = make_app(monotonic=clock, **options)
    if how != "textual":
        app.animation_level = "full"  # only coachtui's own setting is at work
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "5")
        await pilot.pause()
        await breathe_until(pilot, clock, 2.2)
        shown = str(app.screen.query_one("BreathPacer").render())
        assert "Breathe in   2" in shown and "8 s left" in shown
        assert not set(shown) & set("█▀▄░"), "no moving shape"


async def test_the_bell_rings_once_in_twice_out_and_three_times_at_the_end(make_app,
                                                                           coachtui_home):
    coachtui_home.mkdir(parents=True, exist_ok=True)
    (coachtui_home / "config.toml").write_text("bell = true\n", "utf-8")
    clock = Clock()
    app = make_app(monotonic=clock)
    rings: list[float] = []
    app.bell = lambda: rings.append(clock.now)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "d", "enter")  # a cyclic sigh: in 4, top-up 1, out 8
        await pilot.pause()
        assert rings == []  # not as the breath starts
        await breathe_until(pilot, clock, 4.5)  # the top-up: still breathing in
        await until(pilot, lambda: len(rings) == 1)
        await breathe_until(pilot, clock, 6)  # breathing out
        await until(pilot, lambda: len(rings) == 3)
        await breathe_until(pilot, clock, 13.5)  # the next breath in
        await until(pilot, lambda: len(rings) == 4)
        await breathe_until(pilot, clock, 40)  # the end
        await until(pilot, lambda: len(rings) == 7)
        await pilot.pause(0.5)
        assert len(rings) == 7


async def test_coachtui_breathe_is_the_deeper_breath_alone(make_app, coachtui_home):
    app = make_app(breathe=BreathChoice("box", seconds=40))
    app.animation_level = "full"  # the moving shape (the still one is tested above)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "BreatheScreen"
        pacer = app.screen.query_one("BreathPacer")
        assert (pacer.plan.pattern.id, pacer.plan.cycles) == ("box", 2)  # 40 s: 2 × 16 s
        shown = visible_text(app) + str(pacer.render())
        assert large("Breathe in") in shown
        assert "pregnant" in shown  # box holds the breath: said before it starts
        await pilot.press("plus")
        await pilot.pause()
        assert pacer.plan.cycles == 3
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0
    assert "deeper_reset_seconds = 48" in (coachtui_home / "config.toml").read_text("utf-8")
    assert not (coachtui_home / "journal").exists(), "a breath on its own saves no entry"
    again = make_app(breathe=BreathChoice("steady"))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.screen.query_one("BreathPacer").plan.cycles == 5  # about 48 s
    counted = make_app(breathe=BreathChoice("4-7-8", cycles=9))
    async with counted.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert counted.screen.query_one("BreathPacer").plan.cycles == 4  # its limit
