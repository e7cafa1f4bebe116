"""Properties of the playbook loader, over generated playbooks and generated garbage.

- Any valid Playbook, written as TOML and read back, is the same Playbook.
- Any bytes, and any TOML document, give a valid Playbook or a PlaybookError whose every
  problem is located (a line, or a field path) and prints as inert text.
"""

from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path
from typing import get_args

import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from coachtui.core.framework import MOVE_ID
from coachtui.core.playbook import CUSTOMER_LEFT, Channel, Playbook
from coachtui.core.sanitize import FORBIDDEN, FORBIDDEN_ONE_LINE
from coachtui.store.playbook_errors import PlaybookError
from coachtui.store.playbooks import bundled_dir, parse

NAME = Path("gen.toml")
SETTINGS = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# Text a playbook may hold: anything but control, escape and bidi-override characters
# (and lone surrogates, which UTF-8 cannot carry).
_CHARS = st.characters(blacklist_categories=("Cs",)).filter(
    lambda c: not FORBIDDEN_ONE_LINE.match(c))
_PASSAGE_CHARS = _CHARS | st.sampled_from("\n\t")


def _text(chars, most: int):
    return st.text(chars, min_size=1, max_size=min(most, 40)).map(str.strip).filter(bool)


LINE = _text(_CHARS, 200)
PASSAGE = _text(_PASSAGE_CHARS, 600)
SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
STEP_ID = SLUG.filter(lambda s: not MOVE_ID.match(s))


def _maybe(key: str, strategy) -> st.SearchStrategy[dict]:
    return st.one_of(st.just({}), strategy.map(lambda value: {key: value}))


@st.composite
def playbooks(draw) -> dict:
    signals = draw(st.lists(
        st.fixed_dictionaries({"id": SLUG, "label": LINE,
                               "lean": st.sampled_from(["connect", "frictionless", "deescalate",
                                                        "vulnerable", "safety"])}),
        min_size=1, max_size=6, unique_by=lambda s: s["id"]))
    steps = draw(st.lists(
        st.fixed_dictionaries({"id": STEP_ID, "title": LINE, "detail": PASSAGE},
                              optional={"after": SLUG}),
        max_size=3, unique_by=lambda s: s["id"]))
    data = {
        "schema_version": 1,
        "id": draw(SLUG),
        "title": draw(LINE),
        "channel": draw(st.sampled_from(get_args(Channel))),
        "summary": draw(LINE),
        "seed": draw(PASSAGE),
        "usual_lean": draw(st.sampled_from(["connect", "frictionless"])),
        "breath": {"pattern": draw(st.sampled_from(["cyclic-sigh", "steady", "box", "4-7-8"])),
                   "reset_cue": draw(PASSAGE)} | draw(_maybe("cycles", st.integers(1, 12))),
        "greet": {"cues": draw(st.lists(LINE, min_size=1, max_size=3)),
                  "openers": draw(st.lists(LINE, min_size=1, max_size=3))},
        "signals": signals,
        "recovery": {"framework": draw(SLUG),
                     "detail": draw(st.dictionaries(SLUG, PASSAGE, max_size=4)),
                     "add": steps},
        "paths": {name: draw(st.lists(PASSAGE, min_size=minimum, max_size=3))
                  for name, minimum in (("connect", 1), ("frictionless", 1),
                                        ("deescalate", 0), ("vulnerable", 0))},
        "moments": draw(st.lists(st.fixed_dictionaries({
            "kind": st.sampled_from(["surprise", "going-the-distance", "miracle", "selfless"]),
            "idea": PASSAGE}), max_size=3)),
        "reflection_prompts": draw(st.lists(LINE, max_size=2)),
    } | draw(_maybe("local_help", st.lists(st.fixed_dictionaries(
        {"name": LINE, "how_to_reach": LINE}, optional={"when": LINE}), max_size=3)))
    if draw(st.booleans()):  # a safety card of the scenario's own
        data["paths"] |= {"safety": [draw(PASSAGE)], "safety_defaults": False}
    if draw(st.booleans()):
        data["example"] = {
            "stress_before": draw(st.integers(0, 10)),
            "signals": draw(st.lists(st.sampled_from([s["id"] for s in signals]),
                                     unique=True, max_size=16)),
            "decision": draw(st.sampled_from(["connect", "frictionless"])),
            "steps_done": draw(st.lists(SLUG, max_size=5)),
            "customer_left": draw(st.lists(st.sampled_from(CUSTOMER_LEFT), unique=True)),
            "stress_after": draw(st.integers(0, 10)),
            "what_happened": draw(PASSAGE),
            "went_well": draw(PASSAGE),
            "to_change": draw(PASSAGE),
            "next_time": draw(LINE),
            "tags": draw(st.lists(SLUG, max_size=6)),
        } | draw(_maybe("opener", LINE))
    return data


def toml_of(book: Playbook) -> bytes:
    return tomli_w.dumps(book.model_dump(mode="json", exclude_none=True)).encode("utf-8")


@settings(max_examples=100, **SETTINGS)
@given(data=playbooks())
def test_any_valid_playbook_round_trips_through_toml(data):
    try:
        book = Playbook.model_validate(data)
    except ValidationError:
        assume(False)  # e.g. an `after` naming a step id twice; the model rightly refuses
        return
    assert parse(NAME, toml_of(book)) == book
    # and through the loader once more: writing is stable
    assert toml_of(parse(NAME, toml_of(book))) == toml_of(book)


# -- garbage in: a Playbook or a located error, printed inertly ----------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def assert_located(error: PlaybookError, document: dict | None = None) -> None:
    assert error.problems
    for problem in error.problems:
        rendered = problem.render(NAME)
        assert not FORBIDDEN.search(rendered), rendered
        assert "\n" not in rendered
        if problem.field is None:
            continue
        top = problem.field.split(".")[0].split("[")[0]
        if document is not None and top in document and _BARE_KEY.fullmatch(top):
            assert problem.line is not None, rendered


@settings(max_examples=300, **SETTINGS)
@given(raw=st.binary(max_size=3000))
def test_any_bytes_give_a_playbook_or_a_located_error(raw):
    try:
        assert isinstance(parse(NAME, raw), Playbook)
    except PlaybookError as error:
        assert_located(error)


_SCALARS = (st.integers(min_value=-(2**70), max_value=2**70) | st.booleans()
            | st.floats(allow_nan=False) | st.text(max_size=30) | st.datetimes())
_KEYS = st.text(max_size=12) | st.sampled_from(
    ["id", "title", "signals", "lean", "recovery", "framework", "example", "breath", "cycles"])
TOML_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=25)
TOML_DOCUMENTS = st.dictionaries(_KEYS, TOML_VALUES, max_size=8)


@settings(max_examples=200, **SETTINGS)
@given(document=TOML_DOCUMENTS)
def test_any_toml_document_gives_a_playbook_or_a_located_error(document):
    raw = tomli_w.dumps(document).encode("utf-8", "surrogatepass")
    try:
        parse(NAME, raw)
    except PlaybookError as error:
        assert_located(error, document)


BUNDLED = [tomllib.loads(p.read_text("utf-8")) for p in sorted(bundled_dir().glob("*.toml"))]


def _paths(value, prefix=()):
    """Every key path in a document, for picking one to damage."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield prefix + (key,)
            yield from _paths(inner, prefix + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield prefix + (index,)
            yield from _paths(inner, prefix + (index,))


@settings(max_examples=300, **SETTINGS)
@given(base=st.sampled_from(BUNDLED), data=st.data())
def test_a_damaged_real_playbook_gives_a_playbook_or_a_located_error(base, data):
    document = copy.deepcopy(base)
    path = data.draw(st.sampled_from(list(_paths(document))))
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    if isinstance(parent, dict) and data.draw(st.booleans()):
        parent[data.draw(_KEYS)] = parent.pop(path[-1])  # a renamed key
    else:
        parent[path[-1]] = data.draw(TOML_VALUES)  # a replaced value
    try:
        parse(NAME, tomli_w.dumps(document).encode("utf-8", "surrogatepass"))
    except PlaybookError as error:
        assert_located(error, document)
