"""`coachtui stats` and `coachtui export`: every format read back, hostile text kept literal,
filters, files never overwritten, unreadable entries reported and left alone."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachtui.cli import main
from coachtui.commands.markdown import md_escape
from coachtui.core.reflection import Reflection, SeenSignal
from coachtui.store import journal
from tests.hostile import INERT

markdown_it = pytest.importorskip("markdown_it")  # comes with rich; renders as CommonMark does

MARKDOWN_HOSTILE = {
    "link": "[x](javascript:alert(1))",
    "html": "<script>alert(1)</script>",
    "heading": "# not a heading",
    "list": "- not a list",
    "ordered list": "1. not a list either",
    "emphasis": "*not* _emphasised_ **at all** ~~struck~~",
    "code": "`not code`",
    "entity": "&amp; &lt;b&gt;",
    "image": "![alt](http://example.com/x.png)",
    "autolink": "<http://example.com>",
    "table": "| a | b |",
    "quote": "> not quoted",
    "trailing backslash": "ends with \\",
    "maths": "$x^2$ costs $5",
}
HOSTILE = {**INERT, **MARKDOWN_HOSTILE}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=timezone.utc)


def save(**fields) -> Reflection:
    entry = Reflection(**fields)
    journal.save(entry)
    return entry


def signal(label: str, lean: str = "connect") -> SeenSignal:
    return SeenSignal(id=label.lower().replace(" ", "-"), label=label, lean=lean)


@pytest.fixture
def entries() -> list[Reflection]:
    """Three entries, oldest first: a full walk, a quick note, an overridden walk with an
    unknown key a newer coachtui might have written."""
    return [
        save(created=at(1, 5), playbook_id="late-shift", playbook_title="Late shift",
             channel="counter", stress_before=8, stress_after=3, breath_pattern="box",
             breath_completed=True, opener="Evening! What can I get you?",
             signals=[signal("Meets your eyes"), signal("Upset", "deescalate")],
             recommended="connect", recommendation_reason="more connect signals",
             decision="connect", followed_recommendation=True,
             steps_done=["Control", "Acknowledge"], steps_open=["Problem-solve"],
             customer_left=["calmer", "respected"],
             what_happened="He was angry about the wait.\nThen he laughed.",
             went_well="I breathed first.", to_change="Offer water sooner.",
             next_time="Say their name.", tags=["late", "counter"], starred=True),
        save(created=at(1, 20, 23, 59), kind="quick", stress_before=5, stress_after=5,
             what_happened="A quiet one.", tags=["Quiet"]),
        save(created=at(2, 3), playbook_id="dolphin", playbook_title="The dolphin",
             channel="any", stress_before=4, stress_after=2,
             signals=[signal("Card already out", "frictionless")],
             recommended="frictionless", decision="connect", followed_recommendation=False,
             steps_open=["Say goodbye"], customer_left=["frustrated"],
             what_happened="Quick, then a chat.", tags=["late"], sensitive=True,
             mood="tired"),
    ]


def ids(out: str) -> list[str]:
    return [json.loads(line)["id"] for line in out.splitlines()]


# -- jsonl ------------------------------------------------------------------------------

def test_jsonl_has_every_field_oldest_first(capsys, entries):
    code, out, err = run(capsys, "export", "--format", "jsonl", "--include-sensitive")
    assert (code, err) == (0, "")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == [entry.model_dump(mode="json") for entry in entries]
    assert rows[2]["mood"] == "tired"  # a key this version does not know is kept
    assert rows[0]["created"] == "2026-01-05T09:00:00Z"
    assert [Reflection.model_validate(row) for row in rows] == entries


def test_jsonl_keeps_unicode_readable(capsys):
    save(created=at(1, 1), what_happened=INERT["emoji and right-to-left"])
    _, out, _ = run(capsys, "export", "--format", "jsonl")
    assert INERT["emoji and right-to-left"] in out  # ensure_ascii=False: not \u escapes


# -- csv --------------------------------------------------------------------------------

def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_entry_with_a_fixed_header(capsys, entries):
    code, out, err = run(capsys, "export", "--format", "csv", "--include-sensitive")
    assert (code, err) == (0, "")
    assert not out.startswith("\ufeff"), "no byte-order mark on standard output"
    assert out.splitlines()[0] == ",".join(Reflection.model_fields)
    rows = csv_rows(out)
    assert len(rows) == 3
    first, quick, overridden = rows
    assert first["created"] == "2026-01-05T09:00:00Z"
    assert first["signals"] == "Meets your eyes; Upset"
    assert first["steps_done"] == "Control; Acknowledge"
    assert first["customer_left"] == "calmer; respected"
    assert first["what_happened"] == "He was angry about the wait.\nThen he laughed."
    assert (first["breath_completed"], first["starred"], first["sensitive"]) == \
        ("true", "true", "false")
    assert (first["stress_before"], first["stress_after"]) == ("8", "3")
    assert (quick["kind"], quick["decision"], quick["followed_recommendation"]) == \
        ("quick", "", "")
    assert quick["tags"] == "quiet"
    assert (overridden["decision"], overridden["recommended"],
            overridden["followed_recommendation"]) == ("connect", "frictionless", "false")
    assert "mood" not in overridden  # the header is fixed; jsonl keeps unknown keys
    for row, entry in zip(rows, entries, strict=True):
        for name in ("id", "playbook_title", "opener", "what_happened", "went_well",
                     "to_change", "next_time"):
            assert row[name] == getattr(entry, name)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_csv_neutralises_formulas(capsys, start):
    formula = f"{start}HYPERLINK(\"http://evil.example\",\"click\")"
    one_line = formula if start != "\t" else "=" + formula[1:]  # no tabs in one-line answers
    save(created=at(1, 1), what_happened=formula, next_time=one_line, playbook_title=one_line,
         steps_open=[formula, "fine"], tags=[f"{start}x"])
    _, out, _ = run(capsys, "export", "--format", "csv")
    [row] = csv_rows(out)
    for name in ("what_happened", "next_time", "playbook_title", "steps_open"):
        assert row[name].startswith("'"), name
    assert row["next_time"] == "'" + one_line
    assert row["what_happened"] == "'" + formula
    assert row["steps_open"] == "'" + formula + "; fine"
    assert row["went_well"] == ""


def test_csv_with_output_has_a_byte_order_mark_for_spreadsheets(capsys, entries, tmp_path):
    target = tmp_path / "journal.csv"
    code, _, _ = run(capsys, "export", "--format", "csv", "--output", str(target))
    assert code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert [row["id"] for row in csv_rows(data.decode("utf-8-sig"))] == [e.id for e in entries]


# -- markdown ---------------------------------------------------------------------------

def rendered_text(markdown: str) -> str:
    """What a reader sees: the HTML a CommonMark renderer makes, tags dropped, <br> as a newline."""
    page = markdown_it.MarkdownIt("commonmark").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", page.replace("<br />\n", "\n")))


def test_markdown_is_a_handout_of_every_entry(capsys, entries):
    code, out, err = run(capsys, "export", "--format", "md", "--include-sensitive")
    assert (code, err) == (0, "")
    assert out.startswith("# coachtui journal\n")
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == ["## 2026-01-05 09:00 UTC: Late shift",
                        "## 2026-01-20 23:59 UTC: Quick note",
                        "## 2026-02-03 09:00 UTC: The dolphin"]
    first = out[out.index(headings[0]):out.index(headings[1])]
    assert "- **Decision:** connect (as suggested)" in first
    assert "- **Stress:** 8 → 3 (0–10)" in first
    assert "- **Signals:** Meets your eyes; Upset" in first
    assert "- **Steps done:** Control; Acknowledge" in first
    assert "- **Customer left:** calmer; respected" in first
    assert "**What happened**\n\nHe was angry about the wait.\\\nThen he laughed." in first
    assert "- **Opener:** Evening\\! What can I get you?" in first
    assert "**Next time I will**\n\nSay their name." in first
    last = out[out.index(headings[2]):]
    assert "- **Decision:** connect (the suggestion was frictionless)" in last
    assert "- **Marked:** sensitive" in last
    # and read as a reader would, the person's words are all there, line breaks kept
    text = rendered_text(out)
    assert "He was angry about the wait.\nThen he laughed." in text
    for entry in entries:
        assert entry.what_happened in text


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_markdown_shows_typed_text_literally(capsys, name):
    value = HOSTILE[name]
    save(created=at(1, 1), playbook_title=value, what_happened=f"{value}\n{value}",
         next_time=value, tags=["x"])
    _, out, _ = run(capsys, "export", "--format", "md")
    page = markdown_it.MarkdownIt("commonmark").render(out)
    assert page.count("<h1>") == 1 and page.count("<h2>") == 1  # only ours
    assert "<a " not in page and "<script" not in page and "<img" not in page
    assert "<em>" not in page and "<code>" not in page and "<blockquote>" not in page
    assert page.count("<li>") == 1  # only our tags line
    text = rendered_text(out)
    assert f"UTC: {value}\n" in text
    assert f"What happened\n{value}\n{value}\n" in text
    assert f"Next time I will\n{value}\n" in text


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
               | st.sampled_from("\\`*_{}[]<>()#+-.!|~&$=:;'\"/ 0123456789"), max_size=40))
def test_any_line_escaped_for_markdown_reads_back_as_typed(line):
    # Unicode spaces are left out of the ends: CommonMark strips those as it likes.
    line = line.strip()
    page = markdown_it.MarkdownIt("commonmark").render(md_escape(line))
    shown = html.unescape(re.sub(r"<[^>]+>", "", page)).strip("\n")
    assert shown == line
    assert page == "" or page.startswith("<p>")


def test_markdown_keeps_paragraphs_and_drops_indentation(capsys):
    save(created=at(1, 1), what_happened="One.\n\n    Not code.\n1. Not a list.\n---\nEnd")
    _, out, _ = run(capsys, "export", "--format", "md")
    page = markdown_it.MarkdownIt("commonmark").render(out)
    assert "<pre>" not in page and "<hr" not in page and "<ol>" not in page
    assert "One.\nNot code.\n1. Not a list.\n---\nEnd" in rendered_text(out).replace("\n\n", "\n")


def test_hostile_text_is_exported_exactly_in_csv_and_jsonl(capsys):
    for n, value in enumerate(HOSTILE.values(), 1):
        save(created=at(1, n), what_happened=value, next_time=value, tags=[f"t{n}"])
    _, out, _ = run(capsys, "export", "--format", "jsonl")
    assert [json.loads(line)["what_happened"] for line in out.splitlines()] == \
        list(HOSTILE.values())
    _, out, _ = run(capsys, "export", "--format", "csv")
    assert [row["next_time"] for row in csv_rows(out)] == \
        ["'" + v if v[0] in "=+-@" else v for v in HOSTILE.values()]


def test_escape_characters_from_a_hand_edited_file_never_reach_the_terminal(capsys):
    # lists such as steps_open are not checked for controls when read: spell them out
    save(created=at(1, 1), stress_before=5, stress_after=3,
         steps_open=["a\x1b]0;pwned\x07b"], customer_left=["c\x9bd"], oddity="e\u202ef")
    for argv in (["stats"], ["export", "--format", "md"], ["export", "--format", "csv"],
                 ["export", "--format", "jsonl"]):
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert not re.search("[\x1b\x07\x9b\u202e]", out), argv
    _, out, _ = run(capsys, "export", "--format", "jsonl")
    row = json.loads(out)
    assert (row["steps_open"], row["customer_left"], row["oddity"]) == \
        (["a\x1b]0;pwned\x07b"], ["c\x9bd"], "e\u202ef")  # still exact once parsed


# -- filters ----------------------------------------------------------------------------

@pytest.mark.parametrize("argv, expected", [
    ([], [0, 1, 2]),
    (["--since", "2026-01-20"], [1, 2]),          # a day counts from its start
    (["--until", "2026-01-20"], [0, 1]),          # ... to its last minute (23:59)
    (["--since", "2026-01-06", "--until", "2026-02-02"], [1]),
    (["--tag", "LATE"], [0, 2]),                  # any case
    (["--tag", "#quiet"], [1]),                   # as typed in the app, with a #
    (["--tag", "late", "--since", "2026-02-01"], [2]),
    (["--tag", "nope"], []),
])
def test_filters(capsys, entries, argv, expected):
    code, out, _ = run(capsys, "export", "--format", "jsonl", *argv)
    assert code == 0
    assert ids(out) == [entries[i].id for i in expected]


@pytest.mark.parametrize("command", [["stats"], ["export", "--format", "md"]])
@pytest.mark.parametrize("bad", ["2026-13-01", "someday", "20260101", "2026-02-30"])
def test_a_bad_date_is_a_usage_error(capsys, command, bad):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--since", bad])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --since: '{bad}' is not a " in err


def test_since_after_until_says_so(capsys):
    code, out, err = run(capsys, "stats", "--since", "2026-02-01", "--until", "2026-01-01")
    assert (code, out) == (2, "")
    assert err == "coachtui: --since 2026-02-01 is after --until 2026-01-01; nothing can match\n"


def test_help_says_how_days_are_counted(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "yesterday, 3d, 2w" in out and "--utc" in out and "local time zone" in out
    assert "oldest first" in out


# -- output files -----------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["md", "csv", "jsonl"])
def test_output_is_a_new_private_file(capsys, entries, tmp_path, fmt):
    folder = tmp_path / "exports"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    target = folder / f"journal.{fmt}"
    code, out, err = run(capsys, "export", "--format", fmt, "--output", str(target),
                         "--include-sensitive")
    assert (code, out) == (0, "")
    assert err == f"Wrote 3 entries to {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755, "the person's folder is left as it was"
    assert sorted(p.name for p in folder.iterdir()) == [target.name], "no temp file left"
    _, stdout, _ = run(capsys, "export", "--format", fmt, "--include-sensitive")
    bom = b"\xef\xbb\xbf" if fmt == "csv" else b""
    assert target.read_bytes() == bom + stdout.encode("utf-8"), "the same bytes as on stdout"


def test_output_never_overwrites(capsys, entries, tmp_path):
    target = tmp_path / "notes.md"
    target.write_bytes(b"my own notes\n")
    os.chmod(target, 0o644)
    code, out, err = run(capsys, "export", "--format", "md", "--output", str(target))
    assert (code, out) == (1, "")
    assert err == f"coachtui: {target} already exists; choose another name or remove it first\n"
    assert target.read_bytes() == b"my own notes\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coachtui-home", "notes.md"]


def test_output_never_follows_a_dangling_symlink(capsys, entries, tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    code, _, err = run(capsys, "export", "--format", "md", "--output", str(link))
    assert code == 1 and "already exists" in err
    assert not (tmp_path / "elsewhere.md").exists()


def test_output_into_a_missing_folder_says_why(capsys, entries, tmp_path):
    target = tmp_path / "no-such-folder" / "x.md"
    code, out, err = run(capsys, "export", "--format", "md", "--output", str(target))
    assert (code, out) == (1, "")
    assert err == f"coachtui: could not write {target}: no such file or directory\n"
    assert not target.parent.exists()


def test_an_empty_export_is_still_well_formed(capsys):
    assert run(capsys, "export", "--format", "jsonl") == (0, "", "")
    code, out, _ = run(capsys, "export", "--format", "csv")
    assert code == 0 and csv_rows(out) == [] and out.startswith("schema_version,")
    code, out, _ = run(capsys, "export", "--format", "md")
    assert code == 0 and out.startswith("# coachtui journal") and "No entries." in out


# -- unreadable files -------------------------------------------------------------------

@pytest.fixture
def broken(coachtui_home, entries) -> dict[Path, bytes]:
    """Two files in the journal that cannot be read, and their exact bytes."""
    folder = coachtui_home / "journal" / "2026"
    files = {folder / "20260110T000000Z-aaaa.toml": b"not = [valid toml\n",
             folder / "20260111T000000Z-bbbb.toml": b'created = "not a date"\n'}
    for path, data in files.items():
        path.write_bytes(data)
    return files


def test_export_skips_unreadable_files_reports_them_and_leaves_them_alone(
        capsys, entries, broken):
    code, out, err = run(capsys, "export", "--format", "jsonl", "--include-sensitive")
    assert code == 0
    assert ids(out) == [entry.id for entry in entries]
    lines = err.splitlines()
    assert lines[0] == "2 files could not be read:"
    assert sorted(line.split(": ")[0] for line in lines[1:]) == sorted(map(str, broken))
    assert all(len(line.split(": ", 1)[1]) > 3 for line in lines[1:]), "each says why"
    for path, data in broken.items():
        assert path.read_bytes() == data


def test_stats_ends_with_the_unreadable_files(capsys, entries, broken):
    code, out, err = run(capsys, "stats")
    assert (code, err) == (0, "")
    tail = out.splitlines()[-3:]
    assert tail[0] == "2 files could not be read:"
    assert sorted(line.split(": ")[0] for line in tail[1:]) == sorted(map(str, broken))
    for path, data in broken.items():
        assert path.read_bytes() == data


def test_one_unreadable_file_is_one_file(capsys, coachtui_home):
    folder = coachtui_home / "journal" / "2026"
    folder.mkdir(parents=True)
    (folder / "20260110T000000Z-aaaa.toml").write_bytes(b"\xff\xfe")
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert out.splitlines() == [
        "No entries yet. Finish a walk (or save a quick note) and they will show here.", "",
        "1 file could not be read:", f"{folder / '20260110T000000Z-aaaa.toml'}: not UTF-8 text"]


# -- stats ------------------------------------------------------------------------------

def test_stats_on_an_empty_journal(capsys, coachtui_home):
    code, out, err = run(capsys, "stats")
    assert (code, err) == (0, "")
    assert out == "No entries yet. Finish a walk (or save a quick note) and they will show here.\n"
    assert not (coachtui_home / "journal").exists(), "stats only reads"


def test_stats_when_nothing_matches(capsys, entries):
    code, out, _ = run(capsys, "stats", "--tag", "nope", "--since", "2026-01-01")
    assert (code, out) == (0, "No entries match (since 2026-01-01, tag 'nope').\n")


def test_stats_numbers_for_a_known_journal(capsys, entries):
    save(created=at(2, 10), playbook_title="Late shift", stress_before=6, stress_after=6,
         signals=[signal("Upset", "deescalate")], recommended="frictionless",
         decision="frictionless", followed_recommendation=True,
         steps_open=["Problem-solve", "Say goodbye"], customer_left=["done, no fuss"],
         next_time="Drink water.")
    code, out, err = run(capsys, "stats")
    assert (code, err) == (0, "")
    # stress: 8->3, 5->5, 4->2, 6->6; drops 5, 0, 2, 0 -> median 1.0
    assert out == """\
Journal: 4 entries, 2026-01-05 to 2026-02-10 (UTC)

Stress before -> after (0-10, oldest first)
  before  ▇▅▄▅
  after   ▃▅▂▅
  median drop 1.0 points, from 4 entries with both (before minus after: higher is calmer)

Decisions (either path can be the right one)
  connect                   2  67%
  frictionless              1  33%
  no decision               1
  went with the suggestion  2  67%
  chose the other path      1  33%

How each went: patterns to notice, not a score
                       entries  median drop  left fine or better
  connect                    2          3.5             50% of 2
  frictionless               1          0.0            100% of 1
  with the suggestion        2          2.5            100% of 2
  the other path             1          2.0              0% of 1

Most common signals
      2  Upset
      1  Card already out
      1  Meets your eyes

Scenarios
      2  Late shift
      1  The dolphin

Steps you often leave open (worth a look, not a failure)
      2  Problem-solve
      2  Say goodbye

Next time I will (your latest)
  Drink water.
"""


def test_stats_filters_like_export(capsys, entries):
    _, out, _ = run(capsys, "stats", "--tag", "late")
    assert out.startswith("Journal: 2 entries, 2026-01-05 to 2026-02-03 (UTC); tag 'late'\n")


@pytest.mark.parametrize("cell", [
    "  =1+1", "\n=1+1", " \n @SUM(A1)", "\u3000-2", "\u00a0+3",  # after blanks, a line break
    "\uff1dHYPERLINK(\"http://evil.example\")", "\uff0b1", "\uff0d1", "\uff20SUM(A1)",  # full width
    "\u200b=1+1", " \ufe66 1",  # after a zero-width space; a small form of =
])
def test_csv_neutralises_formulas_after_blanks_and_in_full_width(capsys, cell):
    save(created=at(1, 1), what_happened=cell, tags=["fine"])
    _, out, _ = run(capsys, "export", "--format", "csv")
    [row] = csv_rows(out)
    assert row["what_happened"] == "'" + cell
    assert row["tags"] == "fine"


@pytest.mark.parametrize("cell", ["a = b", "1-2", "x@example.org", "Quiet day", "\u00a0fine"])
def test_csv_leaves_ordinary_text_as_it_is(capsys, cell):
    save(created=at(1, 1), what_happened=cell)
    _, out, _ = run(capsys, "export", "--format", "csv")
    [row] = csv_rows(out)
    assert row["what_happened"] == cell


def test_markdown_says_when_a_safety_signal_stopped_the_coaching(capsys):
    save(created=at(3, 4), playbook_id="angry-caller", playbook_title="The angry caller",
         safety=True, signals=[signal("Threatens harm", "safety")],
         what_happened="I ended the call and told my manager.")
    _, out, _ = run(capsys, "export", "--format", "md")
    assert "- **Safety:** a safety signal stopped the coaching" in out
    assert "**Decision:**" not in out
