"""config.toml as a person edits it: typos named, one bad setting costing only itself, the
app's own writes keeping the comments and order, and the [keys] table remapping keys."""

from __future__ import annotations

import tomllib

from tests.app.helpers import screen_name, settle

HAND_WRITTEN = """\
# My settings: calm colours at work.
bell = true            # a cue at each breath
thme = "nord"
reduced_motion = "yes"
theme = "coachtui-light"
"""


def told(app) -> list[str]:
    return [n.message for n in app._notifications]


def write_config(home, text: str):
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_each_problem_is_said_once_and_the_good_settings_are_kept(make_app,
                                                                         coachtui_home):
    path = write_config(coachtui_home, HAND_WRITTEN)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        messages = told(app)
        typo = [m for m in messages if "'thme'" in m]
        wrong = [m for m in messages if "reduced_motion should be" in m]
        assert typo == [f"{path}: unknown setting 'thme'; did you mean 'theme'? (it is ignored)"]
        assert wrong == [f"{path}: reduced_motion should be true or false, not \"yes\"; "
                         "using false"]
        assert app.theme == "coachtui-light" and app.config.bell is True
        assert app.reduced_motion is False

        app.theme = "rose-pine"  # what choosing a theme with Ctrl+P does
        await pilot.pause()
        app.action_toggle_bell()
        await pilot.pause()
    written = path.read_text(encoding="utf-8")
    assert written == HAND_WRITTEN.replace('"coachtui-light"', '"rose-pine"').replace(
        "bell = true", "bell = false"), "only the changed settings changed"
    assert tomllib.loads(written)["theme"] == "rose-pine"


async def test_an_unknown_theme_is_said_and_the_default_used(make_app, coachtui_home):
    path = write_config(coachtui_home, 'theme = "rose-pin"  # typo\n')
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert [m for m in told(app) if "theme" in m] == [
            f"{path}: there is no theme called 'rose-pin'; did you mean 'rose-pine'? "
            "(using textual-dark)"]
        assert app.theme == "textual-dark"
    assert path.read_text(encoding="utf-8") == 'theme = "rose-pin"  # typo\n', "left to fix"


async def test_an_unreadable_config_is_never_replaced_by_a_setting(make_app, coachtui_home):
    path = write_config(coachtui_home, 'theme = "nord"\nbroken = [\n')
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.action_toggle_bell()
        await pilot.pause()
        assert any("could not be saved" in m and "left as it is" in m for m in told(app))
    assert path.read_text(encoding="utf-8") == 'theme = "nord"\nbroken = [\n'


async def test_keys_remap_a_binding_by_its_id(make_app, coachtui_home):
    """`[keys] journal = "ctrl+j"`: Ctrl+J opens the journal from home, and j no longer does."""
    write_config(coachtui_home, '[keys]\njournal = "ctrl+j"\n')
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert told(app) == []
        await pilot.press("j")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen", "the old key does nothing now"
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert screen_name(app) == "JournalScreen"


async def test_bad_keys_are_named_and_the_good_ones_apply(make_app, coachtui_home):
    path = write_config(coachtui_home, '[keys]\njournl = "ctrl+j"\nquick = "ctrl+rr"\n'
                                       'insights = "f5,alt+i"\nquit = 3\n'
                                       'scenarios = "ctrl+k"\n')
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert told(app) == [
            f"{path}: keys.quit should be keys in quotes (like \"ctrl+j\"), not 3; it is "
            "ignored",
            f"{path}: keys.journl: no key has that id; did you mean 'journal'? (left as it was)",
            f"{path}: keys.quick: 'ctrl+rr' is not a key; a key is a letter or symbol, or a "
            "name like f5, escape, enter, space, tab, pageup or delete, with ctrl+, shift+ or "
            "alt+ before it if you like (left as it was)"]
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert screen_name(app) == "PickerScreen"


async def test_help_names_each_key_by_its_id_with_the_remapped_key(make_app, coachtui_home):
    from tests.app.helpers import visible_text

    write_config(coachtui_home, '[keys]\njournal = "f3"\n')
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = visible_text(app)
        journal_line = next(line for line in shown.splitlines() if "Journal" in line)
        assert journal_line.split() == ["f3", "Journal", "·", "journal"]
        assert "· quick" in shown and '[keys] then a line like  journal = "ctrl+j"' in shown


def test_the_readme_lists_every_binding_id_and_no_other():
    """The README's table of ids is how a person finds what to put under [keys]: an id
    missing there cannot be remapped by anyone who reads it, and a stale one fails at start."""
    import re
    from pathlib import Path

    from coachtui.ui.app import CoachApp  # noqa: F401 - the app's own bindings loaded first
    from coachtui.ui.keymap import binding_ids

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| id | key | what |"):readme.index("### Your own editor")]
    listed = {cell for row in table.splitlines()[2:] if row.startswith("|")
              for cell in re.findall(r"`([a-z0-9-]+)`", row.split("|")[1])}
    assert listed == set(binding_ids())


async def test_an_unknown_default_scenario_is_said_and_the_one_used_named(make_app,
                                                                         coachtui_home):
    """A typo in default_playbook used to be replaced by the first scenario in silence."""
    path = write_config(coachtui_home, 'default_playbook = "late-shfit"\n')
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert [m for m in told(app) if "default_playbook" in m] == [
            f"{path}: default_playbook 'late-shfit' is not a scenario that loaded; "
            f"did you mean 'late-shift'? (using {app.default_playbook.playbook.id})"]
        used = app.default_playbook.playbook
        assert used.title in str(app.screen.query_one("#start-line").render())
    assert path.read_text(encoding="utf-8") == 'default_playbook = "late-shfit"\n', "left to fix"


async def test_a_known_default_scenario_is_not_remarked_on(make_app, coachtui_home):
    write_config(coachtui_home, 'default_playbook = "angry-caller"\n')
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert not [m for m in told(app) if "default_playbook" in m]
        assert app.default_playbook.playbook.id == "angry-caller"
