"""Loading playbooks from disk, and the one-line errors a person can act on."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachtui.core.playbook import Playbook
from coachtui.store import playbooks
from coachtui.store.playbook_errors import PlaybookError, Problem
from coachtui.store.playbooks import MAX_BYTES, bundled_dir, discover, load_file, parse

NAME = Path("x.toml")
LATE_SHIFT = (bundled_dir() / "late-shift.toml").read_text("utf-8")
# The ten scenarios of DOMAIN.md, "After the storm", and the hard moments added since.
BUNDLED_IDS = {"late-shift", "grumpy-regular", "cold-passenger", "elderly-shopper", "waitlisted",
               "dolphin", "angry-caller", "self-service-failed", "return-outside-policy",
               "someone-elses-mistake", "after-the-storm", "no-shared-language",
               "abuse-boundaries", "refusal-aggression", "customer-in-distress", "system-down",
               "one-star-review", "access-needs", "wrong-dish"}
BUNDLED_FRAMEWORKS = {"heard", "last", "latte", "blast", "carp", "texas", "beta", "pfa", "spine",
                      "self-recovery"}


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("COACHTUI_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def parse_error(source: str | bytes) -> PlaybookError:
    raw = source.encode("utf-8") if isinstance(source, str) else source
    with pytest.raises(PlaybookError) as caught:
        parse(NAME, raw)
    return caught.value


def line_of(source: str, needle: str, after: str | None = None) -> int:
    """1-based number of the first line starting with `needle` (after the line starting with `after`)."""
    lines = source.splitlines()
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(lines) if line.startswith(after)) + 1
    return next(i for i in range(start, len(lines)) if lines[i].startswith(needle)) + 1


def is_one_line(error: PlaybookError) -> bool:
    return "\n" not in str(error) and len(error.problems) == 1


# -- parse: good ----------------------------------------------------------------------

def test_parse_bundled_source():
    book = parse(NAME, LATE_SHIFT.encode())
    assert isinstance(book, Playbook)
    assert book.id == "late-shift"


# -- parse: TOML errors -----------------------------------------------------------------

def test_bad_toml_names_file_line_and_column():
    source = 'id = "x"\ntitle = "unterminated\n'
    error = parse_error(source)
    text = str(error)
    assert text.startswith("x.toml:2:")
    line, column = text.split(":")[1:3]
    assert (int(line), int(column)) == (error.problems[0].line, error.problems[0].column)
    assert "not valid TOML" in text
    assert is_one_line(error)


def test_bad_toml_in_the_middle_of_a_real_file():
    lines = LATE_SHIFT.splitlines()
    lines[20] = "this is not toml"
    error = parse_error("\n".join(lines))
    assert str(error).startswith("x.toml:21:")
    assert str(error).split(":")[2].isdigit()
    assert error.first_line.startswith("x.toml:21:")


def test_duplicate_key_is_a_toml_error():
    error = parse_error('id = "a"\nid = "b"\n')
    assert str(error).startswith("x.toml:2:")


# -- parse: validation errors -----------------------------------------------------------

def misspelt_cues() -> str:
    source = LATE_SHIFT.replace("\ncues = [", "\ncue = [", 1)
    assert source != LATE_SHIFT
    return source


def test_unknown_key_suggests_the_right_one():
    error = parse_error(misspelt_cues())
    messages = [p.render(NAME) for p in error.problems]
    unknown = [m for m in messages if "greet.cue:" in m]
    assert len(unknown) == 1
    assert unknown[0].endswith("greet.cue: unknown key; did you mean 'cues'?")
    # the typo's own line says it all: no second line for the key it should have been
    assert not any("greet.cues: required, but missing" in m for m in messages)


def test_unknown_key_names_its_line():
    source = misspelt_cues()
    line = line_of(source, "cue =")
    error = parse_error(source)
    assert f"x.toml:{line}: greet.cue: unknown key; did you mean 'cues'?" in str(error)


def test_unknown_key_without_a_close_match_lists_the_known_ones():
    source = LATE_SHIFT.replace("[breath]\n", "[breath]\nzzz = 1\n", 1)
    error = parse_error(source)
    assert "breath.zzz: unknown key; expected one of: cycles, pattern, reset_cue" in str(error)


def test_error_in_first_table_names_its_line():
    source = LATE_SHIFT.replace('pattern = "cyclic-sigh"', 'pattern = "wim-hof"', 1)
    line = line_of(source, "pattern =", after="[breath]")
    error = parse_error(source)
    assert str(error).startswith(f"x.toml:{line}: breath.pattern: unknown breath pattern 'wim-hof'")
    assert is_one_line(error)


def test_error_in_top_level_key_names_its_line():
    source = LATE_SHIFT.replace('channel = "counter"', 'channel = "countr"', 1)
    line = line_of(source, "channel =")
    error = parse_error(source)
    assert str(error).startswith(f"x.toml:{line}: channel: input should be")
    assert str(error).endswith("did you mean 'counter'?")


def wrong_first_lean() -> str:
    source = LATE_SHIFT.replace("\nlean = \"connect\"", "\nlean = 5", 1)
    assert source != LATE_SHIFT
    return source


def test_wrong_type_names_the_field_path():
    error = parse_error(wrong_first_lean())
    assert is_one_line(error)
    assert error.problems[0].field == "signals[0].lean"
    assert "signals[0].lean: input should be" in str(error)


def test_literal_typo_suggests_the_value():
    source = LATE_SHIFT.replace('lean = "frictionless"', 'lean = "frictionles"', 1)
    error = parse_error(source)
    assert error.problems[0].field == "signals[4].lean"
    assert str(error).endswith("did you mean 'frictionless'?")


def test_wrong_type_names_its_line():
    source = wrong_first_lean()
    line = line_of(source, "lean = 5")
    assert str(parse_error(source)).startswith(f"x.toml:{line}: signals[0].lean:")


def signals_first_source(bad_index: int) -> str:
    """A valid playbook written with [[signals]] as the first table, one lean made wrong."""
    data = tomllib.loads(LATE_SHIFT)
    top = {k: v for k, v in data.items() if not isinstance(v, (dict, list))
           or k == "reflection_prompts"}
    rest = {k: v for k, v in data.items() if k not in top and k != "signals"}
    data["signals"][bad_index]["lean"] = "sideways"
    source = tomli_w.dumps({**top, "signals": data["signals"], **rest})
    assert source.index("[[signals]]") < source.index("[breath]")
    return source


@pytest.mark.parametrize("index", [0, 1])
def test_array_of_tables_index_names_the_right_line(index):
    source = signals_first_source(index)
    line = line_of(source, 'lean = "sideways"')
    error = parse_error(source)
    assert error.problems[0].field == f"signals[{index}].lean"
    assert error.problems[0].line == line


def test_missing_required_key():
    source = "\n".join(line for line in LATE_SHIFT.splitlines()
                       if not line.startswith("summary ="))
    error = parse_error(source)
    assert is_one_line(error)
    assert str(error) == "x.toml: summary: required, but missing"


def test_every_problem_is_reported_one_per_line():
    source = (LATE_SHIFT.replace('channel = "counter"', 'channel = "fax"', 1)
              .replace('usual_lean = "connect"', 'usual_lean = "sideways"', 1))
    error = parse_error(source)
    assert len(error.problems) == 2
    assert len(str(error).splitlines()) == 2
    assert {p.field for p in error.problems} == {"channel", "usual_lean"}
    assert error.first_line.startswith("x.toml:")


def test_control_character_error_is_one_line_and_does_not_echo_the_escape():
    source = LATE_SHIFT.replace('title = "Late shift, running on empty"',
                                'title = "Late\\u001b]0;pwned\\u0007"', 1)
    error = parse_error(source)
    assert is_one_line(error)
    assert "title: contains a control or escape character U+001B" in str(error)
    assert "\x1b" not in str(error)
    assert "\x07" not in str(error)


# -- parse: not text, empty ---------------------------------------------------------------

def test_bom_is_rejected():
    error = parse_error(b"\xef\xbb\xbf" + LATE_SHIFT.encode())
    assert is_one_line(error)
    assert str(error).startswith("x.toml:1:1: starts with a byte-order mark")


def test_not_utf8_names_the_line():
    error = parse_error(b'id = "x"\n\ntitle = "caf\xe9"\n')
    assert is_one_line(error)
    assert str(error) == "x.toml:3: is not UTF-8 text (binary, or another encoding?)"


def test_binary_is_not_utf8():
    error = parse_error(bytes(range(256)))
    assert is_one_line(error)
    assert "is not UTF-8 text" in str(error)


@pytest.mark.parametrize("raw", [b"", b"   \n\t\n", b"\n\n"])
def test_empty_file(raw):
    error = parse_error(raw)
    assert is_one_line(error)
    assert str(error).startswith("x.toml: is empty")


@pytest.mark.parametrize("text", ["# just a comment\n", "[tool.black]\nline-length = 99\n"])
def test_a_file_with_none_of_a_playbooks_keys_gets_one_line(text):
    error = parse_error(text)
    assert is_one_line(error)
    assert str(error).startswith("x.toml: does not look like a playbook: it has none of its keys")


def test_deep_nesting_is_an_error_not_a_crash():
    error = parse_error("x = " + "[" * 5000 + "]" * 5000 + "\n")
    assert is_one_line(error)


# -- load_file ------------------------------------------------------------------------

def test_load_file_reads_a_file(home):
    path = home / "p" / "mine.toml"
    path.parent.mkdir(parents=True)
    path.write_text(LATE_SHIFT, "utf-8")
    assert load_file(path).id == "late-shift"


def test_load_file_directory(home):
    path = home / "x.toml"
    path.mkdir(parents=True)
    with pytest.raises(PlaybookError) as caught:
        load_file(path)
    assert is_one_line(caught.value)
    assert str(caught.value) == f"{path}: is a folder, not a file"
    assert caught.value.first_line == "x.toml: is a folder, not a file"


def test_load_file_missing(home):
    path = home / "gone.toml"
    with pytest.raises(PlaybookError) as caught:
        load_file(path)
    assert is_one_line(caught.value)
    assert "cannot be read" in str(caught.value)


def test_load_file_oversized(home):
    path = home / "big.toml"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: fast, and never read
    with pytest.raises(PlaybookError) as caught:
        load_file(path)
    assert is_one_line(caught.value)
    assert str(caught.value) == f"{path}: is 262,145 bytes; a playbook may be at most 262,144 bytes"


def test_load_file_at_the_size_limit_is_accepted(home):
    path = home / "padded.toml"
    path.parent.mkdir(parents=True)
    body = LATE_SHIFT.encode()
    padding = MAX_BYTES - len(body) - 1
    path.write_bytes(body + b"#" + b"x" * padding)
    assert path.stat().st_size == MAX_BYTES
    assert load_file(path).id == "late-shift"


# -- discover ---------------------------------------------------------------------------

def write_user(home: Path, name: str, text: str) -> Path:
    folder = home / "playbooks"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def test_discover_bundled_only(home):
    library = discover()
    assert set(library.playbooks) == BUNDLED_IDS
    assert set(library.frameworks) == BUNDLED_FRAMEWORKS
    assert library.broken == []
    assert all(lp.origin == "bundled" and not lp.overrides_bundled
               for lp in library.playbooks.values())
    assert library.default("late-shift").id == "late-shift"


def test_discover_user_dir_with_broken_and_valid(home):
    mine = LATE_SHIFT.replace('id = "late-shift"', 'id = "mine"', 1)
    good = write_user(home, "mine.toml", mine)
    broken = write_user(home, "broken.toml", 'id = "broken"\ntitle = \n')
    write_user(home, "notes.txt", "not a playbook")
    library = discover()
    assert set(library.playbooks) == BUNDLED_IDS | {"mine"}
    loaded = library.playbooks["mine"]
    assert (loaded.origin, loaded.path, loaded.overrides_bundled) == ("user", good, False)
    assert library.get("mine").id == "mine"
    assert len(library.broken) == 1
    assert library.broken[0].file == broken
    assert library.broken[0].first_line.startswith("broken.toml:2:")


def test_discover_explicit_user_dir(home, tmp_path):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "mine.toml").write_text(
        LATE_SHIFT.replace('id = "late-shift"', 'id = "mine"', 1), "utf-8")
    assert set(discover(folder).playbooks) == BUNDLED_IDS | {"mine"}


def test_user_playbook_overrides_bundled(home):
    text = LATE_SHIFT.replace('title = "Late shift, running on empty"', 'title = "My late shift"')
    path = write_user(home, "whatever-name.toml", text)
    library = discover()
    assert set(library.playbooks) == BUNDLED_IDS
    loaded = library.playbooks["late-shift"]
    assert loaded.origin == "user"
    assert loaded.overrides_bundled is True
    assert loaded.path == path
    assert library.get("late-shift").title == "My late shift"
    assert library.default("late-shift").title == "My late shift"
    assert library.playbooks["dolphin"].overrides_bundled is False


def test_two_user_files_with_one_new_id_do_not_override_bundled(home):
    mine = LATE_SHIFT.replace('id = "late-shift"', 'id = "mine"', 1)
    write_user(home, "a.toml", mine)
    write_user(home, "b.toml", mine)
    assert discover().playbooks["mine"].overrides_bundled is False


def test_library_default_falls_back_when_late_shift_missing():
    library = playbooks.Library()
    assert library.default("late-shift") is None
    assert library.get("late-shift") is None


def test_problem_render():
    assert Problem("msg", 3, 4, "a.b").render("f.toml") == "f.toml:3:4: a.b: msg"
    assert Problem("msg", 3).render("f.toml") == "f.toml:3: msg"
    assert Problem("msg").render("f.toml") == "f.toml: msg"


# -- properties -------------------------------------------------------------------------

@settings(max_examples=300, deadline=None, database=None)
@given(raw=st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_playbook_or_a_playbook_error(raw):
    try:
        result = parse(NAME, raw)
    except PlaybookError as error:
        assert error.problems
        assert str(error).startswith("x.toml")
    else:
        assert isinstance(result, Playbook)


TOMLISH = st.text(alphabet=st.sampled_from(list('[]{}=".,\n #\'abcdeilnst0123456789-_')),
                  max_size=400)


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=TOMLISH)
def test_toml_like_text_gives_a_playbook_or_a_playbook_error(text):
    try:
        parse(NAME, text.encode())
    except PlaybookError as error:
        assert error.problems


@settings(max_examples=200, deadline=None, database=None)
@given(cut=st.integers(min_value=0, max_value=len(LATE_SHIFT)),
       junk=st.text(max_size=20))
def test_damaged_real_file_gives_a_playbook_or_a_playbook_error(cut, junk):
    source = LATE_SHIFT[:cut] + junk + LATE_SHIFT[cut:]
    try:
        parse(NAME, source.encode("utf-8", "surrogatepass"))
    except PlaybookError as error:
        assert error.problems


def test_a_broken_override_leaves_the_bundled_scenario_in_place(home):
    path = write_user(home, "late-shift.toml",
                      LATE_SHIFT.replace('framework = "carp"', 'framework = "crap"'))
    library = discover()
    loaded = library.playbooks["late-shift"]
    assert (loaded.origin, loaded.overrides_bundled) == ("bundled", False)
    [error] = library.broken
    assert error.file == path
    assert "unknown framework 'crap'; did you mean 'carp'?" in error.first_line


def test_a_broken_framework_override_leaves_the_bundled_framework_in_place(home):
    folder = home / "playbooks" / "frameworks"
    folder.mkdir(parents=True)
    carp = (bundled_dir() / "frameworks" / "carp.toml").read_text("utf-8")
    (folder / "carp.toml").write_text(carp.replace('summary =', 'extends = "nope"\nsummary ='))
    library = discover()
    assert library.frameworks["carp"].origin == "bundled"
    assert set(library.playbooks) == BUNDLED_IDS, "scenarios using CARP still work"
    [error] = library.broken
    assert error.first_line.startswith("carp.toml:")
    assert "extends: unknown framework 'nope'" in error.first_line


def test_a_framework_override_is_used_by_bundled_scenarios(home):
    folder = home / "playbooks" / "frameworks"
    folder.mkdir(parents=True)
    last = (bundled_dir() / "frameworks" / "last.toml").read_text("utf-8")
    (folder / "last.toml").write_text(last.replace('title = "Thank"', 'title = "Thank them"'))
    library = discover()
    assert library.frameworks["last"].overrides_bundled is True
    assert [s.title for s in library.get("dolphin").steps][-1] == "Thank them"
