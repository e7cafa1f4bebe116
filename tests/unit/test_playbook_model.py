"""The Playbook model is strict: typos, escapes and oversize text are errors, not silences."""

from __future__ import annotations

import copy
import tomllib

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from coachtui.core.playbook import Playbook
from coachtui.core.sanitize import strip_controls
from coachtui.store.playbooks import bundled_dir

BUNDLED = {path.stem: tomllib.loads(path.read_text("utf-8"))
           for path in sorted(bundled_dir().glob("*.toml"))}


def data(playbook_id: str = "late-shift") -> dict:
    return copy.deepcopy(BUNDLED[playbook_id])


def errors_of(payload: dict) -> list[dict]:
    with pytest.raises(ValidationError) as caught:
        Playbook.model_validate(payload)
    return caught.value.errors(include_url=False)


def test_bundled_playbooks_are_valid():
    assert set(BUNDLED) >= {"late-shift", "dolphin", "grumpy-regular"}
    for playbook_id, payload in BUNDLED.items():
        assert Playbook.model_validate(payload).id == playbook_id


# -- strictness -----------------------------------------------------------------------

@pytest.mark.parametrize("where", ["top", "breath", "greet", "signal", "recovery", "example"])
def test_extra_keys_are_rejected(where):
    payload = data()
    target = {"top": payload, "breath": payload["breath"], "greet": payload["greet"],
              "signal": payload["signals"][0], "recovery": payload["recovery"],
              "example": payload["example"]}[where]
    target["surprise_key"] = "x"
    errs = errors_of(payload)
    assert [e["type"] for e in errs] == ["extra_forbidden"]
    assert errs[0]["loc"][-1] == "surprise_key"


@pytest.mark.parametrize("bad", [
    "\x1b]0;x\x07",          # OSC: retitle the terminal
    "Title \x1b[2J",         # CSI: clear the screen
    "Title\x9b31m",          # C1 CSI
    "Title\x07",             # bell
    "Title\x7f",             # DEL
    "Line one\nLine two",    # a newline in a one-line label
    "Tab\there",             # a tab in a one-line label
    "abc\u202edef",          # bidi override
    "abc\u2066def",          # bidi isolate
])
def test_control_characters_in_title_are_rejected(bad):
    payload = data()
    payload["title"] = bad
    errs = errors_of(payload)
    assert errs[0]["loc"] == ("title",)
    assert "control or escape character" in errs[0]["msg"]
    assert "U+" in errs[0]["msg"]


def test_control_character_in_nested_line_is_rejected():
    payload = data()
    payload["signals"][2]["label"] = "Hi\x1b[31m"
    assert errors_of(payload)[0]["loc"] == ("signals", 2, "label")


def test_passage_allows_newlines_but_not_escapes():
    payload = data()
    payload["seed"] = "First line.\nSecond line.\tTabbed."
    assert Playbook.model_validate(payload).seed.startswith("First line.\n")
    payload["seed"] = "First line.\x1b[0m"
    assert errors_of(payload)[0]["loc"] == ("seed",)


def test_strip_controls_removes_what_validation_rejects():
    assert strip_controls("a\x1b]0;x\x07b\x9bc\nd") == "a]0;xbc\nd"
    assert strip_controls("a\nb\tc", keep_newlines=False) == "abc"


@pytest.mark.parametrize(("field", "cap"), [("title", 200), ("summary", 200), ("seed", 600)])
def test_text_over_the_length_cap_is_rejected(field, cap):
    payload = data()
    payload[field] = "x" * cap
    assert len(getattr(Playbook.model_validate(payload), field)) == cap
    payload[field] = "x" * (cap + 1)
    errs = errors_of(payload)
    assert errs[0]["loc"] == (field,)
    assert errs[0]["type"] == "string_too_long"


def test_blank_title_is_rejected_and_whitespace_is_stripped():
    payload = data()
    payload["title"] = "   "
    assert errors_of(payload)[0]["type"] == "string_too_short"
    payload["title"] = "  Padded  "
    assert Playbook.model_validate(payload).title == "Padded"


@pytest.mark.parametrize("bad_id", ["a/b", "..", "Has Space", "UPPER", "-leading", "",
                                    "a" * 49, "../etc", "a.b", "x\ny", "ab_c"])
def test_bad_slug_ids_are_rejected(bad_id):
    payload = data()
    payload["id"] = bad_id
    assert errors_of(payload)[0]["loc"] == ("id",)


@pytest.mark.parametrize("good_id", ["a", "late-shift", "4-7-8", "a" * 48])
def test_good_slug_ids_are_accepted(good_id):
    payload = data()
    payload["id"] = good_id
    assert Playbook.model_validate(payload).id == good_id


def test_slug_surrounding_whitespace_is_stripped():
    payload = data()
    payload["id"] = "  late-shift\n"
    assert Playbook.model_validate(payload).id == "late-shift"


def test_bad_signal_slug_is_rejected():
    payload = data()
    payload["signals"][1]["id"] = "a/b"
    assert errors_of(payload)[0]["loc"] == ("signals", 1, "id")


def test_duplicate_signal_ids_are_rejected():
    payload = data()
    payload["signals"][3]["id"] = payload["signals"][0]["id"]
    errs = errors_of(payload)
    assert len(errs) == 1
    assert "'waits-patiently' is already the id of signals[0]; ids must be unique" in errs[0]["msg"]
    assert errs[0]["ctx"]["error"].loc == ("signals", 3, "id")  # so the loader can point at it


def test_example_signal_must_exist_with_a_suggestion():
    payload = data()
    payload["example"]["signals"] = ["eye-contact", "card-ot"]
    errs = errors_of(payload)
    assert "no signal 'card-ot' in this playbook; did you mean 'card-out'?" in errs[0]["msg"]
    assert errs[0]["ctx"]["error"].loc == ("example", "signals", 1)


def test_example_customer_left_words_are_the_journal_words():
    payload = data()
    payload["example"]["customer_left"] = ["calmer", "clam"]
    errs = errors_of(payload)
    assert errs[0]["loc"] == ("example", "customer_left", 1)


def test_example_is_optional():
    payload = data()
    del payload["example"]
    assert Playbook.model_validate(payload).example is None


@pytest.mark.parametrize(("added", "message"), [
    ({"id": "connect-2", "title": "T", "detail": "D"}, "looks like a path move's id"),
    ({"id": "control", "title": "T", "detail": "D", "after": "x"}, None),
])
def test_added_step_ids(added, message):
    payload = data()
    payload["recovery"]["add"] = [added]
    if message is None:
        assert Playbook.model_validate(payload).recovery.add[0].after == "x"
    else:
        assert message in errors_of(payload)[0]["msg"]


def test_added_steps_must_not_repeat_an_id():
    payload = data()
    step = {"id": "extra", "title": "T", "detail": "D"}
    payload["recovery"]["add"] = [step, step]
    errs = errors_of(payload)
    assert "'extra' is already the id of step 1" in errs[0]["msg"]
    assert errs[0]["ctx"]["error"].loc == ("add", 1, "id")


def test_unknown_breath_pattern_is_rejected():
    payload = data()
    payload["breath"]["pattern"] = "wim-hof"
    errs = errors_of(payload)
    assert errs[0]["loc"] == ("breath", "pattern")
    assert "unknown breath pattern 'wim-hof'" in errs[0]["msg"]
    assert "cyclic-sigh" in errs[0]["msg"]


@pytest.mark.parametrize("cycles", [0, 13, -1])
def test_breath_cycles_are_bounded(cycles):
    payload = data()
    payload["breath"]["cycles"] = cycles
    assert errors_of(payload)[0]["loc"] == ("breath", "cycles")


@pytest.mark.parametrize(("path", "value"), [
    (("usual_lean",), "deescalate"),   # only a path may be the usual lean
    (("channel",), "fax"),
    (("schema_version",), 3),
    (("signals", 0, "lean"), "sideways"),
])
def test_literals_are_enforced(path, value):
    payload = data()
    target = payload
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    assert errors_of(payload)[0]["loc"] == path


def test_list_sizes_are_enforced():
    payload = data()
    payload["greet"]["cues"] = []
    assert errors_of(payload)[0]["loc"] == ("greet", "cues")
    payload = data()
    payload["reflection_prompts"] = ["One?"] * 5
    assert errors_of(payload)[0]["loc"] == ("reflection_prompts",)
    payload = data()
    payload["signals"] = []
    assert errors_of(payload)[0]["loc"] == ("signals",)


def test_playbook_is_frozen_and_signal_lookup():
    book = Playbook.model_validate(data())
    with pytest.raises(ValidationError):
        book.title = "changed"
    assert book.signal("card-out").lean == "frictionless"
    with pytest.raises(KeyError):
        book.signal("nope")


# -- properties -----------------------------------------------------------------------

def _dump_and_reload(book: Playbook) -> Playbook:
    text = tomli_w.dumps(book.model_dump(mode="python", exclude_none=True))
    return Playbook.model_validate(tomllib.loads(text))


@settings(max_examples=150, deadline=None, database=None)
@given(playbook_id=st.sampled_from(sorted(BUNDLED)),
       title=st.text(min_size=1, max_size=60),
       label=st.text(min_size=1, max_size=60))
def test_round_trip_through_toml(playbook_id, title, label):
    payload = data(playbook_id)
    payload["title"] = title
    payload["signals"][0]["label"] = label
    try:
        book = Playbook.model_validate(payload)
    except ValidationError:
        return  # text the model rightly refuses; covered by the next property
    assert _dump_and_reload(book) == book


@pytest.mark.parametrize("playbook_id", sorted(BUNDLED))
def test_bundled_round_trip_through_toml(playbook_id):
    book = Playbook.model_validate(data(playbook_id))
    assert _dump_and_reload(book) == book


@settings(max_examples=300, deadline=None, database=None)
@given(title=st.text(max_size=300) | st.text(alphabet=st.characters(max_codepoint=0xA0)))
def test_any_title_gives_a_playbook_or_a_validation_error(title):
    payload = data()
    payload["title"] = title
    try:
        book = Playbook.model_validate(payload)
    except ValidationError:
        return
    # whatever got through is safe to show on one line
    assert book.title == book.title.strip()
    assert 1 <= len(book.title) <= 200
    assert strip_controls(book.title, keep_newlines=False) == book.title


# -- where to send people, and a safety card of the scenario's own --------------------------

def test_local_help_is_left_out_by_default_and_may_be_an_empty_list_to_fill_in():
    assert Playbook.model_validate(data()).local_help is None
    distress = Playbook.model_validate(data("customer-in-distress"))
    assert distress.local_help == []  # shipped empty: each organisation fills in its own
    payload = data()
    payload["local_help"] = [{"name": "Crisis line", "how_to_reach": "0800 000 000",
                              "when": "when someone talks of ending their life"},
                             {"name": "Advice desk", "how_to_reach": "Ground floor"}]
    places = Playbook.model_validate(payload).local_help
    assert [(p.name, p.how_to_reach, p.when) for p in places] == [
        ("Crisis line", "0800 000 000", "when someone talks of ending their life"),
        ("Advice desk", "Ground floor", None)]


@pytest.mark.parametrize(("entry", "loc"), [
    ({"name": "Crisis line"}, ("local_help", 0, "how_to_reach")),
    ({"name": "", "how_to_reach": "x"}, ("local_help", 0, "name")),
    ({"name": "A", "how_to_reach": "x", "phone": "1"}, ("local_help", 0, "phone")),
    ({"name": "A\x1b[2J", "how_to_reach": "x"}, ("local_help", 0, "name")),
])
def test_a_local_help_entry_is_checked_like_any_other_text(entry, loc):
    payload = data()
    payload["local_help"] = [entry]
    assert errors_of(payload)[0]["loc"] == loc


def test_a_local_help_list_has_a_cap():
    payload = data()
    payload["local_help"] = [{"name": f"Place {n}", "how_to_reach": "x"} for n in range(13)]
    assert errors_of(payload)[0]["loc"] == ("local_help",)


def test_turning_off_the_safety_defaults_needs_lines_of_the_scenarios_own():
    payload = data()
    payload["paths"]["safety_defaults"] = False
    assert Playbook.model_validate(payload).paths.safety_defaults is False
    payload["paths"]["safety"] = []
    errs = errors_of(payload)
    assert errs[0]["loc"] == ("paths",)
    assert errs[0]["ctx"]["error"].loc == ("safety",)
    assert "the safety card needs lines here" in errs[0]["msg"]


@pytest.mark.parametrize("channel", ["review", "email", "table"])
def test_written_and_table_channels_are_channels(channel):
    payload = data()
    payload["channel"] = channel
    assert Playbook.model_validate(payload).channel == channel


def test_a_step_id_may_not_look_like_a_place_to_send_people():
    payload = data()
    payload["recovery"]["add"] = [{"id": "help-1", "title": "T", "detail": "D"}]
    assert "looks like a path move's id" in errors_of(payload)[0]["msg"]
