"""`coachtui playbooks list/show/new/validate/schema/frameworks`, and the exact words of every error."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from pathlib import Path

import jsonschema
import pytest

from coachtui.cli import main
from coachtui.core.decision import RULES_IN_WORDS
from coachtui.store.playbooks import bundled_dir

LATE_SHIFT = (bundled_dir() / "late-shift.toml").read_text("utf-8")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(needle))


def variant(old: str, new: str) -> str:
    assert old in LATE_SHIFT, old
    return LATE_SHIFT.replace(old, new, 1)


# -- validate: one exact line per problem ---------------------------------------------

def bad_files(folder: Path) -> dict[str, str]:
    """Write one broken file per kind of bad input; return the line `validate` must print."""
    expected: dict[str, str] = {}

    def write(name: str, content: str | bytes, line: str) -> None:
        path = folder / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        expected[name] = line.replace("FILE", str(path))

    write("syntax.toml", 'id = "x"\ntitle = "unclosed\n',
          "FILE:2:18: not valid TOML: illegal character '\\n'")
    write("not-utf8.toml", b'id = "x"\ntitle = "caf\xe9"\n',
          "FILE:2: is not UTF-8 text (binary, or another encoding?)")
    write("bom.toml", b"\xef\xbb\xbf" + LATE_SHIFT.encode(),
          "FILE:1:1: starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    write("empty.toml", "  \n\n", "FILE: is empty; a playbook needs at least an id and a title")
    write("binary.toml", bytes(range(256)) * 4,
          "FILE:2: is not UTF-8 text (binary, or another encoding?)")  # byte 10 is a newline
    write("huge.toml", "#" * (256 * 1024 + 1),
          "FILE: is 262,145 bytes; a playbook may be at most 262,144 bytes")
    write("duplicate-key.toml", 'id = "a"\nid = "b"\n',
          "FILE:2:9: not valid TOML: cannot overwrite a value")
    write("nested.toml", "x = " + "[" * 3000 + "]" * 3000 + "\n",
          "FILE: not valid TOML: arrays or tables are nested too deeply to read")
    write("nested-tables.toml", "x = " + "{a = " * 2000 + "1" + "}" * 2000 + "\n",
          "FILE: not valid TOML: arrays or tables are nested too deeply to read")
    write("huge-int.toml", variant("cycles = 3", "cycles = 99999999999999999999999999"),
          f"FILE:{line_of(LATE_SHIFT, 'cycles')}: breath.cycles: "
          "input should be less than or equal to 12")
    write("long-int.toml", "cycles = " + "9" * 5000 + "\n",
          "FILE:1: a number is too long (over 4,300 digits)")
    text = variant('label = "Meets your eyes"', 'label = "Meets your eyes"\nweigth = 2')
    write("deep-unknown.toml", text,
          f"FILE:{line_of(text, 'weigth')}: signals[1].weigth: unknown key; "
          "did you mean 'weight'?")
    write("typo.toml", variant("cues = [", "cue = ["),
          f"FILE:{line_of(LATE_SHIFT, 'cues')}: greet.cue: unknown key; did you mean 'cues'?")
    write("wrong-type.toml", variant("cycles = 3", 'cycles = "three"'),
          f"FILE:{line_of(LATE_SHIFT, 'cycles')}: breath.cycles: input should be a valid "
          "integer, unable to parse string as an integer")
    write("empty-text.toml", variant('title = "Late shift, running on empty"', 'title = "  "'),
          "FILE:3: title: string should have at least 1 character")
    write("escape.toml", variant('title = "Late shift, running on empty"',
                                 'title = "Late \\u001b]0;pwned\\u0007"'),
          "FILE:3: title: contains a control or escape character U+001B (control character); "
          "remove it")
    write("slash-id.toml", variant('id = "late-shift"', 'id = "../late/shift"'),
          "FILE:2: id: '../late/shift' is not a simple id: use lowercase letters, digits and "
          "hyphens, up to 48, starting with a letter or digit (like 'late-shift')")
    write("space-id.toml", variant('id = "late-shift"', 'id = "late shift"'),
          "FILE:2: id: 'late shift' is not a simple id: use lowercase letters, digits and "
          "hyphens, up to 48, starting with a letter or digit (like 'late-shift')")
    text = variant('signals = ["annoyed-at-wait"', 'signals = ["anoyed-at-wait"')
    write("example-signal.toml", text,
          f"FILE:{line_of(text, 'signals = [')}: example.signals[0]: no signal "
          "'anoyed-at-wait' in this playbook; did you mean 'annoyed-at-wait'?")
    text = variant('id = "kind-word"', 'id = "eye-contact"')
    write("same-signal.toml", text,
          f"FILE:{line_of(LATE_SHIFT, 'id = ' + chr(34) + 'kind-word')}: signals[2].id: "
          "'eye-contact' is already the id of signals[1]; ids must be unique")
    write("framework.toml", variant('framework = "carp"', 'framework = "crap"'),
          f"FILE:{line_of(LATE_SHIFT, 'framework')}: recovery.framework: unknown framework "
          "'crap'; did you mean 'carp'?")
    write("step-detail.toml", variant('control = "', 'contorl = "'),
          f"FILE:{line_of(LATE_SHIFT, 'control = ')}: recovery.detail.contorl: no step "
          "'contorl' in CARP; did you mean 'control'?")
    write("example-step.toml", variant('"problem-solve", "connect-1"',
                                       '"problem-solved", "connect-1"'),
          f"FILE:{line_of(LATE_SHIFT, 'steps_done')}: example.steps_done[3]: 'problem-solved' "
          "is not on the Act step of this example's path (connect); did you mean "
          "'problem-solve'?")
    return expected


def test_validate_prints_one_exact_line_per_problem(capsys, tmp_path):
    expected = bad_files(tmp_path)
    code, out, err = run(capsys, "playbooks", "validate", *(str(tmp_path / n) for n in expected))
    assert code == 1
    assert out.splitlines() == "\n".join(expected.values()).splitlines()
    assert err == f"{len(expected)} of {len(expected)} files have problems\n"
    assert "Traceback" not in out + err


@pytest.mark.parametrize("kind", ["folder", "fifo", "device"])
def test_validate_names_things_that_are_not_files(capsys, tmp_path, kind):
    path = tmp_path / f"{kind}.toml"
    if kind == "folder":
        path.mkdir()
        message = "is a folder, not a file"
    elif kind == "fifo":
        os.mkfifo(path)
        message = "is not a regular file (a pipe, socket or device?)"
    else:
        path.symlink_to("/dev/null")
        message = "is not a regular file (a pipe, socket or device?)"
    code, out, _ = run(capsys, "playbooks", "validate", str(path))
    assert (code, out) == (1, f"{path}: {message}\n")


def test_validate_missing_file(capsys, tmp_path):
    path = tmp_path / "gone.toml"
    code, out, _ = run(capsys, "playbooks", "validate", str(path))
    assert (code, out) == (1, f"{path}: cannot be read: No such file or directory\n")


def test_validate_good_files_exit_0(capsys):
    files = sorted(str(p) for p in bundled_dir().glob("*.toml"))
    code, out, err = run(capsys, "playbooks", "validate", *files)
    assert code == 0, out
    assert out.splitlines() == [f"{f}: ok" for f in files]
    assert err == ""


def test_validate_a_folder_checks_its_playbooks_and_frameworks(capsys):
    code, out, _ = run(capsys, "playbooks", "validate", str(bundled_dir()))
    assert code == 0
    assert f"{bundled_dir() / 'frameworks' / 'heard.toml'}: ok" in out.splitlines()
    files = [*bundled_dir().glob("*.toml"), *(bundled_dir() / "frameworks").glob("*.toml")]
    assert len(files) >= 19 + 10  # nineteen scenarios, ten frameworks
    assert sorted(out.splitlines()) == sorted(f"{path}: ok" for path in files)


def test_validate_without_paths_checks_the_users_folder(capsys, coachtui_home):
    code, out, _ = run(capsys, "playbooks", "validate")
    assert code == 0
    assert "No playbooks of your own" in out
    folder = coachtui_home / "playbooks"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('id = "x"\n')
    code, out, _ = run(capsys, "playbooks", "validate")
    assert code == 1
    # usual_lean is asked for only once the rest is whole (a walk about yourself has none)
    missing = ["title", "channel", "summary", "seed", "breath", "greet", "signals",
               "recovery", "paths"]
    assert out.splitlines() == [f"{folder / 'broken.toml'}: {key}: required, but missing"
                                for key in missing]


# -- frameworks: defined once, extended in one file -----------------------------------

def framework_text(fid: str, extra: str = "") -> str:
    return (f'id = "{fid}"\nname = "ACK"\nattribution = "Our team"\nsummary = "Ours."\n{extra}'
            '\n[[steps]]\nid = "ask"\ntitle = "Ask"\ndetail = "Ask what they need."\n')


def test_an_organisation_adds_its_own_acronym_in_one_file(capsys, coachtui_home):
    folder = coachtui_home / "playbooks" / "frameworks"
    folder.mkdir(parents=True)
    (folder / "ours.toml").write_text(
        framework_text("ours", 'extends = "heard"').replace(
            'detail = "Ask what they need."', 'detail = "Ask what they need."\nafter = "hear"'))
    mine = variant('framework = "carp"', 'framework = "ours"')
    mine = mine.replace('id = "late-shift"', 'id = "mine"', 1)
    mine = mine[: mine.index("[recovery.detail]")] + mine[mine.index("[paths]"):]
    mine = mine.replace('"control", "acknowledge", "problem-solve"', '"hear", "ask", "diagnose"')
    (coachtui_home / "playbooks" / "mine.toml").write_text(mine)

    code, out, _ = run(capsys, "playbooks", "frameworks")
    assert code == 0
    [row] = [line for line in out.splitlines() if line.startswith("ours ")]
    assert "heard + ask" in row and "yours:" in row
    code, out, _ = run(capsys, "playbooks", "show", "mine")
    assert code == 0
    steps = [line.strip() for line in out.splitlines() if line.strip()[:2] in {"1.", "2.", "3."}]
    assert steps[0].startswith("1. Hear:") and steps[1].startswith("2. Ask:")


def test_broken_framework_references_are_located(capsys, tmp_path):
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "loop-a.toml").write_text(framework_text("loop-a", 'extends = "loop-b"'))
    (folder / "loop-b.toml").write_text(framework_text("loop-b", 'extends = "loop-a"'))
    (folder / "typo.toml").write_text(framework_text("typo", 'extends = "heardd"'))
    (folder / "after.toml").write_text(framework_text("after", 'extends = "last"').replace(
        'detail = "Ask what they need."', 'detail = "Ask."\nafter = "lisen"'))
    code, out, _ = run(capsys, "playbooks", "validate", str(tmp_path))
    assert code == 1
    assert out.splitlines() == [
        f"{folder / 'after.toml'}:10: steps[0].after: no step 'lisen' in LAST; "
        "did you mean 'listen'?",
        f"{folder / 'loop-a.toml'}:5: extends: extends form a loop: loop-a → loop-b → loop-a",
        f"{folder / 'loop-b.toml'}:5: extends: extends form a loop: loop-b → loop-a → loop-b",
        f"{folder / 'typo.toml'}:5: extends: unknown framework 'heardd'; did you mean 'heard'?",
    ]


# -- list / show ------------------------------------------------------------------------

def test_list_shows_every_scenario_and_which_are_yours(capsys, coachtui_home):
    folder = coachtui_home / "playbooks"
    folder.mkdir(parents=True)
    (folder / "my-late.toml").write_text(variant("Late shift, running on empty", "My late shift"))
    (folder / "broken.toml").write_text("id = \n")
    code, out, _ = run(capsys, "playbooks", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "CHANNEL", "SOURCE"]
    bundled = sorted(path.stem for path in bundled_dir().glob("*.toml"))
    rows = {line.split()[0]: line for line in lines[1:len(bundled) + 1]}
    assert sorted(rows) == bundled  # every bundled scenario once; the broken file after them
    assert "The dolphin" in rows["dolphin"] and rows["dolphin"].endswith("bundled")
    assert rows["late-shift"].endswith(f"yours: {folder / 'my-late.toml'} (replaces the bundled one)")
    assert "My late shift" in rows["late-shift"]
    assert "1 file could not be used" in out
    assert f"{folder / 'broken.toml'}:1:6: not valid TOML:" in out


def test_show_prints_the_whole_scenario(capsys):
    code, out, _ = run(capsys, "playbooks", "show", "angry-caller")
    assert code == 0
    book = tomllib.loads((bundled_dir() / "angry-caller.toml").read_text("utf-8"))
    flat = " ".join(out.split())
    for text in ([book["title"], book["summary"], book["breath"]["reset_cue"]]
                 + book["greet"]["openers"] + [s["label"] for s in book["signals"]]
                 + book["paths"]["connect"] + book["reflection_prompts"]
                 + list(book["recovery"]["detail"].values())):
        assert " ".join(text.split()) in flat, text
    assert "5 Act: CARP" in flat
    for rule in RULES_IN_WORDS:
        assert " ".join(rule.split()) in flat
    assert "From bundled" in out


def test_show_unknown_lists_the_known_ones(capsys):
    code, out, err = run(capsys, "playbooks", "show", "nope")
    assert code == 2 and out == ""
    assert err.startswith("coachtui: no scenario called 'nope'; expected one of: abuse-boundaries, "
                          "access-needs, after-the-storm, ")


# -- new ----------------------------------------------------------------------------------

def test_new_writes_a_valid_commented_starter_and_says_where(capsys, coachtui_home):
    code, out, _ = run(capsys, "playbooks", "new", "late-delivery")
    path = coachtui_home / "playbooks" / "late-delivery.toml"
    assert code == 0
    assert out.splitlines()[0] == f"Wrote {path}"
    text = path.read_text("utf-8")
    assert text.count("\n#") >= 10, "the starter explains itself"
    assert 'id = "late-delivery"' in text and 'title = "Late delivery"' in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert run(capsys, "playbooks", "validate", str(path))[0] == 0
    code, out, _ = run(capsys, "playbooks", "list")
    assert "late-delivery" in out and "Late delivery" in out


def test_new_never_overwrites(capsys, coachtui_home):
    assert run(capsys, "playbooks", "new", "mine")[0] == 0
    path = coachtui_home / "playbooks" / "mine.toml"
    path.write_text("# my careful edits\n")
    code, _, err = run(capsys, "playbooks", "new", "mine")
    assert code == 1
    assert f"{path} already exists; it was left as it is." in err
    assert path.read_text() == "# my careful edits\n"


def test_new_to_a_folder_or_file_and_from_an_existing_scenario(capsys, tmp_path):
    tmp_path.chmod(0o755)
    assert run(capsys, "playbooks", "new", "one", "--to", str(tmp_path))[0] == 0
    assert (tmp_path / "one.toml").exists()
    assert tmp_path.stat().st_mode & 0o777 == 0o755, "the person's folder is left as it was"
    target = tmp_path / "elsewhere.toml"
    code, out, _ = run(capsys, "playbooks", "new", "two", "--from", "dolphin", "--to", str(target))
    assert code == 0
    text = target.read_text("utf-8")
    assert 'id = "two"' in text and "The dolphin" in text
    assert run(capsys, "playbooks", "validate", str(target))[0] == 0


@pytest.mark.parametrize("bad", ["Bad Id", "../up", "a/b", "x_y", "", "x\n"])
def test_new_refuses_an_id_that_is_not_a_slug(capsys, coachtui_home, bad):
    code, _, err = run(capsys, "playbooks", "new", bad)
    assert code == 1
    assert "is not a usable id" in err
    assert not (coachtui_home / "playbooks").exists()


# -- schema -------------------------------------------------------------------------------

def test_schema_accepts_every_bundled_playbook_and_rejects_a_typo(capsys):
    code, out, _ = run(capsys, "playbooks", "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "coachtui playbook"
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in bundled_dir().glob("*.toml"):
        data = tomllib.loads(path.read_text("utf-8"))
        assert not list(validator.iter_errors(data)), path.name
    data["greet"]["cue"] = data["greet"].pop("cues")
    assert list(validator.iter_errors(data))


def test_framework_schema(capsys):
    code, out, _ = run(capsys, "playbooks", "schema", "--framework")
    validator = jsonschema.Draft202012Validator(json.loads(out))
    for path in (bundled_dir() / "frameworks").glob("*.toml"):
        assert not list(validator.iter_errors(tomllib.loads(path.read_text("utf-8"))))


def test_validate_names_the_fields_of_a_schema_one_playbook_whose_meaning_changed(
        capsys, tmp_path):
    import tomli_w

    from tests.builders import tiny_data

    path = tmp_path / "old.toml"
    data = tiny_data() | {"example": {
        "stress_before": 5, "signals": ["v1"], "decision": "connect",
        "steps_done": ["vulnerable-1", "own-it"], "stress_after": 3, "what_happened": "x",
        "went_well": "x", "to_change": "x", "next_time": "x"}}
    data["recovery"]["framework"] = "carp"
    data["example"]["steps_done"] = ["vulnerable-1", "control"]
    path.write_text(tomli_w.dumps(data), "utf-8")
    code, out, _ = run(capsys, "playbooks", "validate", str(path))
    assert code == 0  # it still loads and walks, its example too
    lines = out.splitlines()
    assert lines[0] == f"{path}: ok, but these fields now mean something different:"
    fields = [line.split(": ")[1] for line in lines[1:]]
    assert fields == ["signals[5].lean", "signals[4].lean", "paths.vulnerable",
                      "recovery.framework"]
    assert "no longer chooses connect; write 'care'" in lines[1]
    # the bundled playbooks use the new fields: nothing to say about them
    code, out, _ = run(capsys, "playbooks", "validate", str(bundled_dir()))
    assert code == 0 and "mean something different" not in out


def test_the_readme_states_the_rules_the_engine_follows():
    readme = " ".join((Path(__file__).parent.parent / "README.md").read_text("utf-8").split())
    for rule in RULES_IN_WORDS:
        assert f"- {rule}" in readme


def test_show_prints_where_to_send_people_and_a_card_of_the_scenarios_own(capsys):
    code, out, _ = run(capsys, "playbooks", "show", "customer-in-distress")
    assert code == 0
    flat = " ".join(out.split())  # wrapped to the terminal's width
    assert ("Where to send people (with care, and on the safety card): • Point them to help "
            "your workplace knows of: No local list yet") in flat
    assert "Safety (the scenario's own lines, the whole card):" in flat
    code, out, _ = run(capsys, "playbooks", "show", "dolphin")
    assert "Where to send people" not in out


# -- every problem of a file in one run ---------------------------------------------------

CHOICE = 'lean = "conect"'

def test_validate_names_every_problem_of_a_file_in_one_run_in_line_order(capsys, tmp_path):
    """A typo in a key once hid the framework and example checks: one run per problem."""
    text = (LATE_SHIFT.replace("\ncues = [", "\ncue = [", 1)                      # schema: a key
            .replace('framework = "carp"', 'framework = "crap"', 1)             # between files
            .replace('signals = ["annoyed-at-wait"', 'signals = ["anoyed-at-wait"', 1))  # example
    text = text.replace('\nlean = "connect"', "\n" + CHOICE, 1)  # schema: a choice
    path = tmp_path / "mine.toml"
    path.write_text(text, "utf-8")
    code, out, err = run(capsys, "playbooks", "validate", str(path))
    assert code == 1 and err == "1 of 1 file has problems\n"
    lines = out.splitlines()
    assert lines == [
        f"{path}:{line_of(text, 'cue = [')}: greet.cue: unknown key; did you mean 'cues'?",
        f"{path}:{line_of(text, CHOICE)}: signals[0].lean: input should be "
        "'connect', 'frictionless', 'deescalate', 'care', 'vulnerable', 'communication', "
        "'went-wrong', 'feeling' or 'safety'; did you mean 'connect'?",
        f"{path}:{line_of(text, 'framework =')}: recovery.framework: unknown framework 'crap'; "
        "did you mean 'carp'?",
        f"{path}:{line_of(text, 'signals = [')}: example.signals[0]: no signal 'anoyed-at-wait' "
        "in this playbook; did you mean 'annoyed-at-wait'?",
    ]


def test_a_model_check_names_every_problem_it_finds(capsys, tmp_path):
    text = LATE_SHIFT.replace('signals = ["annoyed-at-wait", "eye-contact"',
                              'signals = ["anoyed-at-wait", "eye-contac"', 1)
    assert text != LATE_SHIFT
    path = tmp_path / "mine.toml"
    path.write_text(text, "utf-8")
    code, out, _ = run(capsys, "playbooks", "validate", str(path))
    line = line_of(text, "signals = [")
    assert code == 1
    assert out.splitlines() == [
        f"{path}:{line}: example.signals[0]: no signal 'anoyed-at-wait' in this playbook; "
        "did you mean 'annoyed-at-wait'?",
        f"{path}:{line}: example.signals[1]: no signal 'eye-contac' in this playbook; "
        "did you mean 'eye-contact'?",
    ]


def test_a_toml_file_that_is_not_a_playbook_gets_one_line(capsys, tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\nversion = "1"\n', "utf-8")
    code, out, _ = run(capsys, "playbooks", "validate", str(path))
    assert code == 1
    assert out == (f"{path}: does not look like a playbook: it has none of its keys "
                   "(id, title, channel, summary, …)\n")
