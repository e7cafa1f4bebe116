"""The command line: version, help, locate, and a clear exit without a terminal."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from coachtui import __version__
from coachtui.cli import main
from coachtui.core.breathing import BreathChoice, plan_for


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coachtui", *args], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, **kwargs)


def test_version():
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"coachtui {__version__}"


def test_help_lists_commands():
    done = run("--help")
    assert done.returncode == 0
    assert "locate" in done.stdout and "walk" in done.stdout


def test_locate_prints_the_home_from_the_environment(coachtui_home):
    done = run("locate")
    assert done.returncode == 0
    assert f"journal    {coachtui_home / 'journal'}" in done.stdout
    assert not coachtui_home.exists(), "locate only tells; it creates nothing"


@pytest.mark.parametrize("args", [(), ("walk",), ("walk", "dolphin"), ("breathe", "60")])
def test_without_a_terminal_the_tui_exits_with_code_2(args):
    done = run(*args)
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr
    assert done.stdout == "", "no screen drawn into a pipe"


@pytest.mark.parametrize("terminal_side", ["stdin", "stdout"])
def test_half_a_terminal_is_not_enough(terminal_side):
    """`coachtui walk > file` would fill the file with screens; `< /dev/null` would leave no
    way to answer: both are told so instead."""
    main_fd, child_fd = os.openpty()
    streams = {"stdin": subprocess.DEVNULL, "stdout": subprocess.PIPE, terminal_side: child_fd}
    try:
        done = subprocess.run([sys.executable, "-m", "coachtui", "walk", "dolphin"],
                              stdin=streams["stdin"], stdout=streams["stdout"],
                              stderr=subprocess.PIPE, text=True, timeout=30)
    finally:
        os.close(child_fd)
        os.close(main_fd)
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr


@pytest.mark.parametrize("args, shows", [
    (("playbooks", "validate"), "{home}/playbooks"),  # where your own would be: none yet
    (("playbooks", "list"), "dolphin"),
    (("locate",), "{home}/drafts"),
])
def test_plain_text_commands_need_no_terminal(coachtui_home, args, shows):
    """Scripts, cron and CI run these with no terminal at all: plain text, exit 0."""
    done = run(*args)  # stdin from /dev/null, stdout and stderr pipes
    assert done.returncode == 0, done.stderr
    assert shows.format(home=coachtui_home) in done.stdout
    assert "\x1b" not in done.stdout, "no terminal codes in a pipe"
    assert done.stderr == ""


def test_walk_with_an_unknown_scenario_lists_the_known_ones():
    done = run("walk", "no-such-thing")
    assert done.returncode == 2
    assert "no scenario called 'no-such-thing'; expected one of: " in done.stderr
    assert "late-shift" in done.stderr and "dolphin" in done.stderr
    assert done.stderr.count("\n") == 1


def test_demo_of_an_unknown_scenario_lists_the_known_ones(capsys):
    assert main(["demo", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coachtui: no scenario called 'nope'; expected one of: ")
    assert "dolphin" in err


def test_demo_of_a_scenario_without_an_example_offers_those_with_one(capsys, coachtui_home):
    import tomllib

    import tomli_w

    from coachtui.store.playbooks import bundled_dir

    book = tomllib.loads((bundled_dir() / "dolphin.toml").read_text("utf-8"))
    book.pop("example")
    book["id"] = "no-example"
    folder = coachtui_home / "playbooks"
    folder.mkdir(parents=True)
    (folder / "no-example.toml").write_text(tomli_w.dumps(book), "utf-8")
    assert main(["demo", "no-example"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("coachtui: 'no-example' has no scripted example to play. "
                          "These have one: ")
    assert "late-shift" in err and "no-example," not in err


@pytest.mark.parametrize("pace", ["0", "-1", "61", "soon"])
def test_demo_pace_must_be_a_sensible_number_of_seconds(capsys, pace):
    with pytest.raises(SystemExit) as stopped:
        main(["demo", "--pace", pace])
    assert stopped.value.code == 2


def test_breathe_takes_seconds_or_breaths_and_a_pattern():
    from coachtui.cli import build_parser
    from coachtui.commands import breathe

    def choice(*args):
        return breathe.choice(build_parser().parse_args(["breathe", *args]))

    assert choice() == BreathChoice("cyclic-sigh")
    assert choice("60").plan() == plan_for("cyclic-sigh", 5)
    assert choice("--cycles", "6", "--pattern", "steady").plan() == plan_for("steady", 6)


@pytest.mark.parametrize("args", [["0"], ["901"], ["soon"], ["nan"], ["--cycles", "0"],
                                  ["--cycles", "13"], ["60", "--cycles", "3"],
                                  ["--pattern", "wim-hof"]])
def test_breathe_refuses_a_length_it_cannot_breathe(capsys, args):
    with pytest.raises(SystemExit) as stopped:
        main(["breathe", *args])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "coachtui breathe: error:" in err


def test_coachtui_and_coachtui_journal_start_as_parsed_without_building_the_parser(monkeypatch):
    """The two starts a person types most skip the parser (and the imports of every
    sub-command it needs), and open the app exactly as the parser would have said."""
    import coachtui.cli as cli

    plain = [[], ["journal"]]
    parsed = [cli.tui_options(cli.build_parser().parse_args(words)) for words in plain]
    opened = []
    monkeypatch.setattr(cli, "run_tui", lambda **options: opened.append(options) or 0)
    monkeypatch.setattr(cli, "build_parser", lambda: pytest.fail("the parser was built"))
    assert [main(words) for words in plain] == [0, 0]
    assert opened == parsed


def test_a_plain_start_in_a_fresh_process_imports_no_other_command():
    """`python -m coachtui` with no terminal (it says so and stops): by then no command
    module but the front door's was imported."""
    code = ("import sys, runpy\n"
            "sys.argv = ['coachtui']\n"
            "try:\n    runpy.run_module('coachtui', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('coachtui.commands')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
