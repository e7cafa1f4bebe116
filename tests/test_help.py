"""Every command's --help shows how it is used, and the top-level help says where files go."""

from __future__ import annotations

import pytest

from coachtui.cli import _parsers, build_parser, main

EVERY = [parser for parser in _parsers(build_parser())]


def help_of(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit) as leaving:
        main([*argv, "--help"])
    assert leaving.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("parser", EVERY[1:], ids=lambda parser: parser.prog)
def test_every_sub_command_shows_an_example(capsys, parser):
    text = help_of(capsys, parser.prog.split()[1:])
    lines = text.splitlines()
    heading = next(i for i, line in enumerate(lines) if line in ("Example:", "Examples:"))
    example = lines[heading + 1]
    assert parser.prog in example, example
    # Kept as written: one example a line, not run together into a paragraph.
    assert all(len(line) <= 100 for line in lines[heading:])


def test_the_top_level_help_names_coachtui_home(capsys):
    text = help_of(capsys, [])
    assert "$COACHTUI_HOME" in text and "coachtui locate" in text
    assert "Examples:" in text


def test_export_format_says_what_each_format_is(capsys):
    text = " ".join(help_of(capsys, ["export"]).split())
    assert "--format {md,csv,jsonl} md: a readable handout; csv: a row per entry" in text


def test_descriptions_still_wrap_to_the_terminal(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert all(len(line) <= 80 for line in help_of(capsys, ["export"]).splitlines()[:12])
