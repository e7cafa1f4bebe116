"""`coachtui playbooks handout`: a scenario as Markdown, every word of it shown as written."""

from __future__ import annotations

import json
import re
import stat
from typing import get_args

import pytest
from markdown_it import MarkdownIt  # comes with rich; renders as CommonMark does

from coachtui.commands.handout import PASS_IT_ON, SIGNAL_GROUPS
from coachtui.commands.playbook_text import guidance_lists
from coachtui.core.decision import rules_for, usual_words
from coachtui.core.local_help import EMPTY_DETAIL, EMPTY_TITLE, LOCAL_HELP_HEADING
from coachtui.core.playbook import MOMENT_WORDS, Lean
from coachtui.store.playbooks import bundled_dir, discover
from tests.hostile import INERT
from tests.test_playbooks_cli import LATE_SHIFT, run

BUNDLED = sorted(path.stem for path in bundled_dir().glob("*.toml"))
# Inline Markdown of ours: bold step titles and moment kinds, and the `coachtui walk` line.
INLINE = {"text", "softbreak", "hardbreak", "strong_open", "strong_close", "code_inline"}
BLOCKS = {"heading", "paragraph", "bullet_list", "ordered_list", "list_item"}


def sections(markdown: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The page as a reader sees it: each heading's text, then what follows it as
    ("li", text) for a list item and ("p", text) for a paragraph. Fails on anything else
    (a link, HTML, emphasis, code block, rule, quote), which only playbook text could make."""
    page: list[tuple[str, list[tuple[str, str]]]] = []
    inside: list[str] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        kind = token.type.rsplit("_", 1)[0]
        if token.type.endswith("_open"):
            assert kind in BLOCKS, token.type
            inside.append(f"{kind}:{token.tag}")
        elif token.type.endswith("_close"):
            inside.pop()
        else:
            assert token.type == "inline", token.type
            assert {child.type for child in token.children} <= INLINE, token.children
            text = "".join("\n" if child.type.endswith("break") else child.content
                           for child in token.children)
            if inside[-1].startswith("heading"):
                page.append((f"{inside[-1][-2:]} {text}", []))
            else:
                page[-1][1].append(("li" if "list_item:li" in inside else "p", text))
    return page


def items(texts) -> list[tuple[str, str]]:
    return [("li", text) for text in texts]


def expected(scenario) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every part of the scenario, in its own words, in the handout's order."""
    book = scenario.playbook
    page = [
        (f"h1 {book.title}", [("p", book.summary), ("p", f"Channel: {book.channel}. "
                                                         f"{usual_words(book).capitalize()}.")]),
        ("h2 The situation", [("p", book.seed)]),
        ("h2 Greet", []),
        ("h3 Cues", items(book.greet.cues)),
        ("h3 Openers", items(book.greet.openers)),
        ("h2 Signals to read", []),
    ]
    for lean, heading, note in SIGNAL_GROUPS:
        labels = [signal.label for signal in book.signals if signal.need == lean]
        if labels:
            page.append((f"h3 {heading}", ([("p", note)] if note else []) + items(labels)))
    fast = {step.id for step in scenario.fast_fix} if book.recovery.fast_fix else set()
    steps = "Your steps" if book.kind == "self" else "Put it right"
    page += [("h2 How coachtui decides", items(rules_for(book))),
             (f"h2 {steps}: {scenario.framework.name}",
              items(f"{step.title}{' (fast fix)' if step.id in fast else ''}: {step.detail}"
                    for step in scenario.steps)),
             ("h2 Guidance", [])]
    for heading, lines in guidance_lists(book):
        if lines:
            page.append((f"h3 {heading}", items(lines)))
    if book.local_help is not None:
        page.append((f"h2 {LOCAL_HELP_HEADING}",
                     items(f"{entry.name}: {entry.how_to_reach}"
                           + (f" ({entry.when})" if entry.when else "")
                           for entry in book.local_help)
                     or items([f"{EMPTY_TITLE}: {EMPTY_DETAIL}"])))
    if book.moments:
        page.append(("h2 Moments that matter",
                     items(f"{MOMENT_WORDS[m.kind]}: {m.idea}" for m in book.moments)))
    tail = [("p", f"Try it: coachtui walk {book.id}"),
            ("p", f"Recovery steps: {scenario.framework.name}. {scenario.framework.credit}")]
    if book.reflection_prompts:
        page.append(("h2 Reflect", items(book.reflection_prompts)))
    page.append(("h2 Pass it on", [("p", PASS_IT_ON[book.kind])] + tail))
    return page


@pytest.mark.parametrize("pid", BUNDLED)
def test_every_bundled_scenario_makes_a_whole_handout(capsys, pid):
    code, out, err = run(capsys, "playbooks", "handout", pid)
    assert (code, err) == (0, "")
    scenario = discover().playbooks[pid].scenario
    assert sections(out) == expected(scenario)
    # What the brief names, checked apart from `expected`: each one is a list item.
    book = scenario.playbook
    shown = {text for _, texts in sections(out) for kind, text in texts if kind == "li"}
    paths = book.paths
    assert {*(signal.label for signal in book.signals), *book.greet.cues, *book.greet.openers,
            *paths.connect, *paths.frictionless, *paths.deescalate, *paths.care_lines,
            *paths.safety,
            *book.reflection_prompts} <= shown
    headings = {heading for heading, _ in sections(out)}
    assert {"h2 Moments that matter", "h2 Reflect", "h3 Safety"} <= headings
    assert ("h3 Connect" in headings) is (book.kind == "customer")


def test_every_lean_has_a_group():
    # "vulnerable" is the schema-1 name of "care", and is shown with it
    assert {lean for lean, _, _ in SIGNAL_GROUPS} == set(get_args(Lean)) - {"vulnerable"}


# -- a hostile playbook of the person's own ----------------------------------------------

MARKDOWN = {
    "markdown link": "[x](https://example.com)",
    "script link": "[x](javascript:alert(1))",  # a renderer may or may not refuse this one
    "comment": "<!-- hidden -->",
    "autolink": "<https://example.com>",
    "image": "![x](https://example.com/t.png)",
    "script": "<script>alert(1)</script>",
    "heading": "# not a heading",
    "closing hashes": "not a closer ##",
    "bold": "*not bold*",
    "underscores": "__not__ _em_",
    "code": "`not code`",
    "list": "- not an item",
    "numbered": "1. not a list",
    "rule": "---",
    "setext": "=",
    "quote": "> not a quote",
    "entity": "&amp; &#60; &lt;",
    "table": "| a | b |",
    "backslashes": "\\\\ \\* \\",
    "strike and maths": "~~no~~ $x$",
}
VALUES = {**MARKDOWN, **INERT}
assert len(VALUES) == len(MARKDOWN) + len(INERT), "a name used twice hides a case"


def _hostile(value: str) -> tuple[str, str]:
    """late-shift with every kind of text in it set to `value`, on a framework whose name,
    attribution and step titles are `value` too: (the playbook, the framework)."""
    quoted = json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    text = LATE_SHIFT.replace('id = "late-shift"', 'id = "hostile"', 1)
    text = text.replace('framework = "carp"', 'framework = "hostile"', 1)
    for line in ('title = "', 'summary = "', 'seed = "', 'reset_cue = "', 'control = "',
                 'label = "Meets your eyes"', 'idea = "Put your own'):
        text = re.sub(f"^{re.escape(line)}.*$", lambda _: line.split(" =")[0] + " = " + quoted,
                      text, count=1, flags=re.MULTILINE)
    for item in ("Let a smile come", "Evening. Sorry", "Ask how they are", "Read the order",
                 "Own the wait", "Slow right down", "What helped you reset"):
        text = re.sub(f'^  "{re.escape(item)}.*",$', lambda _: f"  {quoted},", text, count=1,
                      flags=re.MULTILINE)
    steps = "".join(f'\n[[steps]]\nid = "{sid}"\ntitle = {quoted}\ndetail = {quoted}\n'
                    for sid in ("control", "acknowledge", "refocus", "problem-solve"))
    framework = (f'id = "hostile"\nname = {quoted}\nattribution = {quoted}\n'
                 f'summary = {quoted}\n{steps}')
    return text, framework


@pytest.mark.parametrize("name", VALUES)
def test_a_hostile_playbook_is_shown_literally(capsys, coachtui_home, name):
    value = VALUES[name]
    playbook, framework = _hostile(value)
    (coachtui_home / "playbooks" / "frameworks").mkdir(parents=True)
    (coachtui_home / "playbooks" / "hostile.toml").write_text(playbook, "utf-8")
    (coachtui_home / "playbooks" / "frameworks" / "hostile.toml").write_text(framework, "utf-8")
    library = discover()
    assert not library.broken, library.broken[0] if library.broken else ""
    scenario = library.playbooks["hostile"].scenario
    assert scenario.title == value.strip() and scenario.framework.name == value.strip()

    code, out, _ = run(capsys, "playbooks", "handout", "hostile")
    assert code == 0
    page = sections(out)  # no link, HTML, emphasis, code block or rule: it would fail here
    assert page == expected(scenario)
    assert sum(texts.count(("li", value.strip())) for _, texts in page) == 8  # a cue, an opener, a signal, 4 moves, a prompt
    html = MarkdownIt("commonmark").render(out)
    assert "<a " not in html and "<script" not in html and "<img" not in html
    assert html.count("<h1>") == 1 and html.count("<h2>") == 9


# -- --output: a new private file, never a replaced one ---------------------------------

def test_output_writes_a_private_file_and_says_where(capsys, tmp_path, open_umask):
    tmp_path.chmod(0o755)
    target = tmp_path / "handout.md"
    code, out, err = run(capsys, "playbooks", "handout", "dolphin", "--output", str(target))
    assert (code, out) == (0, "")
    assert err == f"Wrote the handout for dolphin to {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755, "the person's folder is left as it was"
    assert target.read_text("utf-8") == run(capsys, "playbooks", "handout", "dolphin")[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.md"]  # no temp file left


@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_output_never_overwrites(capsys, tmp_path, kind):
    target = tmp_path / "notes.md"
    if kind == "file":
        target.write_text("# my own notes\n")
    else:
        target.symlink_to(tmp_path / "elsewhere.md")  # dangling: still not to be replaced
    code, out, err = run(capsys, "playbooks", "handout", "dolphin", "-o", str(target))
    assert (code, out) == (1, "")
    assert err == (f"coachtui: {target} already exists; it was left as it is. "
                   "Choose another name, or remove it first.\n")
    if kind == "file":
        assert target.read_text() == "# my own notes\n"
    else:
        assert target.is_symlink() and not (tmp_path / "elsewhere.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]


def test_output_to_a_missing_folder_says_why(capsys, tmp_path):
    target = tmp_path / "no-such-folder" / "h.md"
    code, out, err = run(capsys, "playbooks", "handout", "dolphin", "-o", str(target))
    assert (code, out) == (1, "")
    assert err == f"coachtui: could not write {target}: no such file or directory\n"
    assert not target.parent.exists()


def test_an_unknown_id_lists_the_known_ones(capsys, tmp_path):
    target = tmp_path / "h.md"
    code, out, err = run(capsys, "playbooks", "handout", "nope", "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"coachtui: no scenario called 'nope'; expected one of: {', '.join(BUNDLED)}\n"
    assert not target.exists()


# Who publicly describes each model someone else made (never more brand names than that).
OWNERS = {"heard": "the Disney Institute", "latte": "Starbucks", "blast": "Yum! Brands",
          "carp": "Robert Bacal",
          "beta": "the American Association for Emergency Psychiatry",
          "pfa": "the World Health Organization, the War Trauma Foundation or World Vision "
                 "International",
          "texas": "the Money Advice Trust or the Royal College of Psychiatrists"}


@pytest.mark.parametrize("fid", sorted(discover().frameworks))
def test_every_framework_is_credited_in_one_form(fid):
    """Origin as publicly described, 'described here in our own words', and who coachtui is
    not affiliated with: the same sentence shape for every framework someone else made."""
    framework = discover().frameworks[fid].framework
    ours = framework.attribution.startswith("coachtui's own") or fid == "spine"
    assert framework.adapted == (not ours)
    if ours:
        assert framework.credit == framework.attribution
        return
    assert ". Described here in our own words" in framework.credit
    owner = OWNERS.get(fid)
    if owner is None:  # LAST: a common model with no documented origin
        assert framework.credit.endswith("Described here in our own words.")
    else:
        assert framework.credit.endswith(
            f"; coachtui is not affiliated with or endorsed by {owner}.")


def test_texas_keeps_its_meaning_and_its_credit():
    """Explain and eXplicit consent are about recording what the customer said, as in the
    original; the Money Advice Trust wrote it with the Royal College of Psychiatrists."""
    texas = discover().frameworks["texas"].framework
    steps = {step.id: step for step in texas.steps}
    assert "Money Advice Trust" in texas.attribution
    assert "Royal College of Psychiatrists" in texas.attribution
    assert "note" in steps["explain"].detail and "record" in steps["consent"].detail
    shopper = discover().playbooks["elderly-shopper"].scenario
    worded = {step.id: step.detail for step in shopper.steps}
    assert "write" in worded["explain"] and "note" in worded["consent"]


def test_only_a_retold_framework_names_who_it_is_not_affiliated_with():
    from coachtui.core.checks import LocatedValueError
    from coachtui.core.framework import Framework

    fields = {"id": "ours", "name": "OURS", "attribution": "Our team", "summary": "Ours.",
              "steps": [{"id": "a", "title": "A", "detail": "a"},
                        {"id": "b", "title": "B", "detail": "b"}]}
    assert Framework(**fields).credit == "Our team"
    with pytest.raises(ValueError, match="adapted = true"):
        Framework(**fields, not_affiliated_with="Someone")
    retold = Framework(**fields, adapted=True, not_affiliated_with="Someone")
    assert retold.credit == ("Our team. Described here in our own words; coachtui is not "
                             "affiliated with or endorsed by Someone.")
    assert issubclass(LocatedValueError, ValueError)


# -- the hard moments: each one's handout carries what its walk is for -------------------

NEW_SCENARIOS = {
    "abuse-boundaries": ("CARP", "One calm warning"),
    "refusal-aggression": ("Verbal de-escalation (Project BETA)", "Set a clear limit"),
    "customer-in-distress": ("Psychological First Aid: look, listen, link", "Link"),
    "system-down": ("LAST", "Honest time updates"),
    "one-star-review": ("HEARD", "Take the detail out of public view"),
    "access-needs": ("Recovery spine", "Own it"),
    "wrong-dish": ("LAST", "Check for allergens; never guess"),
}


@pytest.mark.parametrize("pid", sorted(NEW_SCENARIOS))
def test_each_hard_moment_has_a_handout_with_its_safety_signals_steps_and_story(capsys, pid):
    code, out, err = run(capsys, "playbooks", "handout", pid)
    assert (code, err) == (0, "")
    page = dict(sections(out))
    framework, step = NEW_SCENARIOS[pid]
    steps = page[f"h2 Put it right: {framework}"]
    assert any(text.split(":")[0].removesuffix(" (fast fix)") == step for _, text in steps)
    book = discover().playbooks[pid].playbook
    assert items(s.label for s in book.signals if s.lean == "safety") == [
        entry for entry in page["h3 Safety"] if entry[0] == "li"]
    story = page["h2 Pass it on"][0][1]
    assert "Who will hear this story" in story
    credit = discover().frameworks[book.recovery.framework].framework.credit
    assert ("p", f"Recovery steps: {framework}. {credit}") in page["h2 Pass it on"]


def test_a_safety_card_of_its_own_says_so_in_the_handout(capsys):
    page = dict(sections(run(capsys, "playbooks", "handout", "wrong-dish")[1]))
    assert "h3 Safety (the scenario's own lines, the whole card)" in page
    page = dict(sections(run(capsys, "playbooks", "handout", "abuse-boundaries")[1]))
    assert "h3 Safety (the scenario's own lines; coachtui adds its defaults)" in page


def test_the_distress_handout_asks_for_the_local_list_until_it_is_filled_in(capsys):
    page = dict(sections(run(capsys, "playbooks", "handout", "customer-in-distress")[1]))
    [(kind, text)] = page["h2 Where to send people"]
    assert kind == "li" and "No local list yet" in text and "[[local_help]]" in text
    assert "h2 Where to send people" not in dict(
        sections(run(capsys, "playbooks", "handout", "dolphin")[1]))


def test_an_organisations_local_list_is_printed_as_written(capsys, coachtui_home):
    folder = coachtui_home / "playbooks"
    folder.mkdir(parents=True)
    text = (bundled_dir() / "customer-in-distress.toml").read_text("utf-8")
    text = text.replace("local_help = []\n", "")
    text += ('\n[[local_help]]\nname = "Bereavement *team*"\nhow_to_reach = "[ext](204)"\n'
             'when = "after a death"\n\n[[local_help]]\nname = "Crisis line"\n'
             'how_to_reach = "0800 000 000"\n')
    (folder / "distress.toml").write_text(text, "utf-8")
    code, out, err = run(capsys, "playbooks", "handout", "customer-in-distress")
    assert (code, err) == (0, "")
    assert dict(sections(out))["h2 Where to send people"] == [
        ("li", "Bereavement *team*: [ext](204) (after a death)"),
        ("li", "Crisis line: 0800 000 000")]
