"""Every screen's footer fits at 80 columns: each key it offers is on screen in full."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from coachtui.store import journal
from tests.app.helpers import settle, walk_to
from tests.app.test_contrast import sample_entry

SIZE = (80, 24)


def cut_keys(app) -> list[str]:
    """The footer's keys whose label is not shown in full on its line."""
    footer = app.screen.query_one(Footer)
    line = "".join(segment.text for segment in
                   app.screen._compositor.render_strips()[footer.region.y])
    return [f"{key.key_display} {key.description}" for key in footer.query(FooterKey)
            if f"{key.key_display} {key.description}" not in line]


async def test_every_screens_footer_fits_at_80_columns(make_app):
    journal.save(sample_entry())
    journal.save(sample_entry().model_copy(update={"id": "second1"}))
    app = make_app(start_playbook=None)
    cut: dict[str, list[str]] = {}
    seen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        async def look(name: str, *keys: str) -> None:
            await pilot.press(*keys)
            await pilot.pause()
            seen.append(type(getattr(app.screen, "current_step", app.screen)).__name__)
            if keys_cut := cut_keys(app):
                cut[name] = keys_cut

        await look("home")
        await look("picker", "s")
        await look("journal", "escape", "j")
        await look("journal after a delete", "delete")
        await look("entry", "enter")
        await look("insights", "escape", "escape", "i")
        await look("quick reflection", "escape", "l")
        await pilot.press("escape")
        for step in ("pause", "greet", "read", "decide", "act", "reflect"):
            await walk_to(pilot, step)
            await look(step, *(["4"] if step == "pause" else []))  # a rating: a draft is kept
        for _ in range(40):  # back step by step (Act goes back one of its steps at a time)
            if type(app.screen).__name__ == "HomeScreen":
                break
            await pilot.press("escape")
            await pilot.pause()
        await look("home with an unfinished walk")
        await look("unfinished walks", "u")
        await pilot.press("ctrl+q")
    assert seen == ["HomeScreen", "PickerScreen", "JournalScreen", "JournalScreen", "EntryScreen",
                    "InsightsScreen", "QuickReflectScreen", "PauseStep", "GreetStep", "ReadStep",
                    "DecideStep", "ActStep", "ReflectStep", "HomeScreen", "DraftsScreen"]
    assert not cut, cut


def footer_keys(app) -> list[FooterKey]:
    return list(app.screen.query_one(Footer).query(FooterKey))


def shown(app) -> list[str]:
    """The footer's keys as a person reads them, a disabled one marked."""
    return [f"{key.key_display} {key.description}" + (" (off)" if key.has_class("-disabled") else "")
            for key in footer_keys(app)]


async def test_the_footer_is_rebuilt_when_its_keys_change_and_only_then(make_app):
    app = make_app(start_playbook=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await walk_to(pilot, "pause")
        assert "s Skip rating" in shown(app) and "s Skip breath" not in shown(app)
        await pilot.press("4")  # rated: the breath starts, and "s" now skips it
        await pilot.pause()
        assert "s Skip breath" in shown(app) and "s Skip rating" not in shown(app)

        await walk_to_read(pilot)
        drawn = footer_keys(app)
        for _ in range(3):  # what every tick of a signal does: the bindings are refreshed
            app.screen.current_step.refresh_bindings()
            await pilot.pause()
        assert footer_keys(app) == drawn  # the same keys: the same widgets, nothing rebuilt
        assert all(key.is_attached for key in drawn)

        await pilot.press("enter")  # on to Decide: its own keys, none of Read's
        await pilot.pause()
        assert app.walk.step == "decide"
        assert not any(label.startswith(("y Went wrong", "n Went fine")) for label in shown(app))
        assert footer_keys(app) != drawn


async def walk_to_read(pilot) -> None:
    """From the home screen, or from an earlier step, to Read."""
    if pilot.app.walk is None:
        await pilot.press("enter")
        await pilot.pause()
    while pilot.app.walk.step != "read":
        await pilot.press("enter")
        await pilot.pause()


async def test_a_step_change_draws_the_footer_once_with_the_new_steps_keys(make_app, monkeypatch):
    from textual.widgets import Footer as TextualFooter

    drawn: list[list[str]] = []
    rebuild = TextualFooter.recompose

    async def counted(footer) -> None:
        await rebuild(footer)
        drawn.append([f"{key.key_display} {key.description}" for key in footer.query(FooterKey)])

    monkeypatch.setattr(TextualFooter, "recompose", counted)
    app = make_app(start_playbook=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await walk_to_read(pilot)
        for _ in range(3):
            await pilot.pause()
        drawn.clear()
        await pilot.press("enter")  # Read -> Decide
        for _ in range(5):
            await pilot.pause()
        assert app.walk.step == "decide"
        assert len(drawn) == 1, drawn  # never the walk's keys alone in between
        assert "⏎ Continue" in drawn[0] and not any("Went" in label for label in drawn[0])
