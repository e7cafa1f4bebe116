"""`coachtui completion SHELL`: scripts made from the parser that really complete, in bash
itself (COMP_WORDS and the completion function, as the Tab key calls it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coachtui.cli import build_parser, main

FORMATS = ["md", "csv", "jsonl"]


def script(capsys, shell: str) -> str:
    assert main(["completion", shell]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.fixture
def on_path(tmp_path) -> dict:
    """An environment whose `coachtui` is this checkout's, for the scenario ids at Tab time."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "coachtui"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m coachtui "$@"\n')
    launcher.chmod(0o700)
    root = Path(__file__).resolve().parents[1]
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": str(root)}


def complete_in_bash(code: str, line: str, env: dict | None = None) -> list[str]:
    """What bash offers at the end of `line`, as Tab would: the function on COMP_WORDS."""
    words = line.split(" ")
    driver = (f"{code}\nCOMP_WORDS=({' '.join(repr(w) for w in words)})\n"
              f"COMP_CWORD={len(words) - 1}\n_coachtui\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", driver], capture_output=True,
                          text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    return [word for word in done.stdout.splitlines() if word]


def test_bash_completes_a_command(capsys):
    assert complete_in_bash(script(capsys, "bash"), "coachtui pla") == ["playbooks"]


def test_bash_completes_the_export_formats(capsys):
    code = script(capsys, "bash")
    assert complete_in_bash(code, "coachtui export --format ") == FORMATS
    assert complete_in_bash(code, "coachtui export --since 2w --format j") == ["jsonl"]


def test_bash_completes_a_sub_command_and_its_options(capsys):
    code = script(capsys, "bash")
    assert complete_in_bash(code, "coachtui playbooks va") == ["validate"]
    assert complete_in_bash(code, "coachtui playbooks schema --fr") == ["--framework"]
    assert complete_in_bash(code, "coachtui completion f") == ["fish"]


def test_bash_completes_scenario_ids_from_the_playbooks(capsys, on_path):
    code = script(capsys, "bash")
    assert complete_in_bash(code, "coachtui walk late", on_path) == ["late-shift"]
    assert complete_in_bash(code, "coachtui reflect --scenario dol", on_path) == ["dolphin"]


def test_every_command_of_the_parser_is_in_every_script(capsys):
    commands = build_parser()._subparsers._group_actions[0].choices
    for shell in ("bash", "zsh", "fish"):
        text = script(capsys, shell)
        option = "-l " if shell == "fish" else "--"
        for name in [*commands, "validate", "handout", f"{option}format",
                     f"{option}include-sensitive"]:
            assert name in text, (shell, name)
        assert "md csv jsonl" in text


def test_fish_script_has_a_line_for_each_format_and_command(capsys):
    text = script(capsys, "fish")
    assert "complete -c coachtui -f -n '__coachtui_at ' -a playbooks" in text
    assert "-n '__coachtui_at export' -l format -x -a 'md csv jsonl'" in text


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_scripts_parse_in_their_own_shell(capsys, tmp_path, shell):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed here")
    path = tmp_path / f"coachtui.{shell}"
    path.write_text(script(capsys, shell))
    done = subprocess.run([shell, "-n", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_bash_script_parses(capsys, tmp_path):
    path = tmp_path / "coachtui.bash"
    path.write_text(script(capsys, "bash"))
    done = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_an_unknown_shell_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as leaving:
        main(["completion", "tcsh"])
    assert leaving.value.code == 2
    assert "invalid choice: 'tcsh'" in capsys.readouterr().err


def _needs(shell: str):
    return pytest.mark.skipif(shutil.which(shell) is None, reason=f"{shell} is not installed here")


@_needs("fish")
def test_fish_completes_commands_formats_and_ids(capsys, tmp_path, on_path):
    path = tmp_path / "coachtui.fish"
    path.write_text(script(capsys, "fish"))

    def complete(line: str) -> list[str]:
        done = subprocess.run(["fish", "--no-config", "-c", f"source {path}; complete -C '{line}'"],
                              capture_output=True, text=True, timeout=60, env=on_path)
        assert done.returncode == 0, done.stderr
        return [row.split("\t")[0] for row in done.stdout.splitlines()]

    assert complete("coachtui pla") == ["playbooks"]
    assert complete("coachtui export --format ") == sorted(FORMATS)
    assert complete("coachtui playbooks show dol") == ["dolphin"]


@_needs("zsh")
def test_zsh_runs_the_same_function_through_bashcompinit(capsys, tmp_path):
    """zsh's own matching filters by what was typed (its compgen leaves it to compadd), so
    here the candidates for each place are checked, not the filtering."""
    path = tmp_path / "coachtui.zsh"
    path.write_text(script(capsys, "zsh"))

    def candidates(*words: str) -> list[str]:
        show = 'print -rl -- "${COMPREPLY[@]}"'
        code = (f"source {path} && setopt ksharrays && COMP_WORDS=({' '.join(map(repr, words))})"
                f" && COMP_CWORD={len(words) - 1} && _coachtui && {show}")
        done = subprocess.run(["zsh", "-f", "-c", code], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert candidates("coachtui", "export", "--format", "") == FORMATS
    after_playbooks = candidates("coachtui", "playbooks", "")
    assert "validate" in after_playbooks and "walk" not in after_playbooks
