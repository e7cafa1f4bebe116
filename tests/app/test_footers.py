"""Every screen's footer fits at 80 columns, is drawn again only when its keys change, and
answers a click on a key as the key itself."""

from __future__ import annotations

from coachtui.store import journal
from coachtui.ui.widgets.keys_footer import KeysFooter
from tests.app.helpers import settle, walk_to
from tests.app.test_contrast import sample_entry

SIZE = (80, 24)


def footer_line(app) -> str:
    """The footer's line as it is on screen."""
    footer = app.screen.query_one(KeysFooter)
    return "".join(segment.text for segment in
                   app.screen._compositor.render_strips()[footer.region.y])


def cut_keys(app) -> list[str]:
    """The footer's keys whose label is not shown in full on its line."""
    line = footer_line(app)
    return [label for label in labels(app) + ["^p palette"] if label not in line]


def labels(app) -> list[str]:
    return [f"{display} {description}"
            for _key, display, description, _enabled in app.screen.query_one(KeysFooter).keys_shown()]


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


def shown(app) -> list[str]:
    """The footer's keys as a person reads them, a disabled one marked."""
    return [f"{display} {description}" + ("" if enabled else " (off)")
            for _key, display, description, enabled in app.screen.query_one(KeysFooter).keys_shown()]


def count_draws(monkeypatch) -> list[list[str]]:
    """Each time a footer draws its line anew: the labels drawn."""
    drawn: list[list[str]] = []
    draw = KeysFooter._draw

    def counted(footer, keys, palette, width):
        drawn.append([f"{display} {description}" for _key, display, description, _on in keys])
        return draw(footer, keys, palette, width)

    monkeypatch.setattr(KeysFooter, "_draw", counted)
    return drawn


async def test_the_footer_is_drawn_again_when_its_keys_change_and_only_then(make_app, monkeypatch):
    drawn = count_draws(monkeypatch)
    app = make_app(start_playbook=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await walk_to(pilot, "pause")
        assert "s Skip rating" in shown(app) and "s Skip breath" not in shown(app)
        await pilot.press("4")  # rated: the breath starts, and "s" now skips it
        await pilot.pause()
        assert "s Skip breath" in shown(app) and "s Skip rating" not in shown(app)

        await walk_to_read(pilot)
        await pilot.pause()
        line = footer_line(app)
        assert "y Went wrong" in line
        drawn.clear()
        for _ in range(3):  # what every tick of a signal does: the bindings are refreshed
            app.screen.current_step.refresh_bindings()
            await pilot.pause()
        assert drawn == []  # the same keys: the line on screen is already right
        assert footer_line(app) == line

        await pilot.press("enter")  # on to Decide: its own keys, none of Read's
        await pilot.pause()
        assert app.walk.step == "decide"
        assert not any(label.startswith(("y Went wrong", "n Went fine")) for label in shown(app))
        assert "Went wrong" not in footer_line(app) and len(drawn) == 1


async def walk_to_read(pilot) -> None:
    """From the home screen, or from an earlier step, to Read."""
    if pilot.app.walk is None:
        await pilot.press("enter")
        await pilot.pause()
    while pilot.app.walk.step != "read":
        await pilot.press("enter")
        await pilot.pause()


async def test_a_step_change_draws_the_footer_once_with_the_new_steps_keys(make_app, monkeypatch):
    drawn = count_draws(monkeypatch)
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


async def test_a_click_on_a_footer_key_does_what_the_key_does(make_app):
    app = make_app(start_playbook=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = footer_line(app)
        assert "? Help" in line
        await pilot.hover(KeysFooter, offset=(line.index("? Help") + 3, 0))
        await pilot.pause()
        backgrounds = {segment.text.strip(): segment.style.bgcolor
                       for segment in app.screen.query_one(KeysFooter).render_line(0)}
        assert backgrounds["Help"] != backgrounds["Quit"]  # the key under the mouse stands out
        await pilot.click(KeysFooter, offset=(line.index("? Help") + 3, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        line = footer_line(app)
        await pilot.click(KeysFooter, offset=(line.index("^p palette") + 4, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"


async def test_a_footer_key_that_does_nothing_now_is_dimmed_and_its_click_only_rings(make_app):
    journal.save(sample_entry().model_copy(update={"starred": False}))
    app = make_app(start_playbook=None, start_screen="journal")
    rings: list[bool] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.bell = lambda: rings.append(True)
        await pilot.press("slash", "tab")  # in a filter: star and delete are off
        await pilot.pause()
        assert "* Star (off)" in shown(app)
        footer = app.screen.query_one(KeysFooter)
        line = footer_line(app)
        star = line.index("* Star")
        strip = footer.render_line(0)
        dimmed = [segment.style.dim for segment in strip if segment.text.strip() == "Star"]
        assert dimmed == [True]
        await pilot.click(KeysFooter, offset=(star + 1, 0))
        await pilot.pause()
        assert rings == [True]
        assert not journal.latest().starred
