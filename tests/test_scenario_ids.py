"""A scenario id is typed in many places; a typo gets the same one line everywhere: the
nearest id, exit status 2. And `coachtui walk` with no id starts the default walk."""

from __future__ import annotations

import argparse
import sys

import pytest

from coachtui.cli import _parsers, build_parser, main, tui_options

TYPO = "lat-shift"


@pytest.mark.parametrize("argv", [
    ["walk", TYPO],
    ["demo", TYPO],
    ["playbooks", "show", TYPO],
    ["playbooks", "handout", TYPO],
    ["playbooks", "new", "mine", "--from", TYPO],
    ["reflect", "Stayed calm", "--scenario", TYPO],
], ids=lambda argv: " ".join(argv[:2]))
def test_a_mistyped_scenario_id_gets_the_nearest_one(capsys, coachtui_home, argv):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"coachtui: no scenario called {TYPO!r}; did you mean 'late-shift'?\n"
    assert not (coachtui_home / "journal").exists(), "nothing was saved"
    assert not (coachtui_home / "playbooks").exists(), "nothing was written"


def test_an_id_like_none_lists_them_all_in_one_line(capsys):
    assert main(["playbooks", "show", "zzzzzz"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coachtui: no scenario called 'zzzzzz'; expected one of: ")
    assert "late-shift" in err and "dolphin" in err and err.count("\n") == 1


def test_argparse_suggests_commands_where_python_can():
    supported = hasattr(argparse.ArgumentParser(), "suggest_on_error")
    if not supported:
        pytest.skip(f"argparse of Python {sys.version_info[:2]} has no suggest_on_error (3.14+)")
    assert all(parser.suggest_on_error for parser in _parsers(build_parser()))


@pytest.mark.skipif(sys.version_info < (3, 14), reason="argparse suggests from Python 3.14")
def test_a_mistyped_command_is_suggested(capsys):
    with pytest.raises(SystemExit) as leaving:
        main(["playbook"])
    assert leaving.value.code == 2
    assert "maybe you meant 'playbooks'?" in capsys.readouterr().err


async def test_walk_with_no_id_starts_the_default_walk(make_app):
    app = make_app(**tui_options(build_parser().parse_args(["walk"])))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.walk is not None, "a walk started, not the home screen"
        assert app.walk.scenario.id == "late-shift"
        assert type(app.screen).__name__ == "WalkScreen"


def test_walk_help_names_its_default():
    walk = next(p for p in _parsers(build_parser()) if p.prog == "coachtui walk")
    assert "default: late-shift" in walk.format_help()
