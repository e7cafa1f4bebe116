"""Journaling from the shell, as jrnl's users expect: dates as people type them, in their
local days; `reflect` without the TUI; `search` and `show`."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from coachtui.cli import main
from coachtui.core.reflection import Reflection
from coachtui.store import journal


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def save(**fields) -> Reflection:
    entry = Reflection(**fields)
    journal.save(entry)
    return entry


def exported_ids(capsys, *argv: str) -> list[str]:
    code, out, _ = run(capsys, "export", "--format", "jsonl", *argv)
    assert code == 0
    return [json.loads(line)["id"] for line in out.splitlines()]


# -- dates: local days by default ---------------------------------------------------------

def test_days_are_local_unless_utc(capsys, zone):
    zone("Pacific/Auckland")  # UTC+13: 23:30 UTC on the 24th is the 25th there
    late = save(created=datetime(2026, 11, 24, 23, 30, tzinfo=timezone.utc))
    assert exported_ids(capsys, "--since", "2026-11-25") == [late.id]
    assert exported_ids(capsys, "--since", "2026-11-25", "--utc") == []
    assert exported_ids(capsys, "--until", "2026-11-24") == []
    assert exported_ids(capsys, "--until", "2026-11-24", "--utc") == [late.id]
    code, out, _ = run(capsys, "stats", "--since", "2026-11-25", "--utc")
    assert (code, out) == (0, "No entries match (since 2026-11-25).\n")


def test_relative_days(capsys, zone):
    zone("Europe/Berlin")
    now = datetime.now(timezone.utc)
    old = save(created=now - timedelta(days=10))
    recent = save(created=now - timedelta(days=1))
    assert exported_ids(capsys, "--since", "2w") == [old.id, recent.id]
    assert exported_ids(capsys, "--since", "3d") == [recent.id]
    assert exported_ids(capsys, "--since", "yesterday") == [recent.id]
    assert exported_ids(capsys, "--until", "1 week ago") == [old.id]
    assert exported_ids(capsys, "--since", "today") == []


# -- reflect: a quick reflection from the shell -------------------------------------------

def only_entry() -> tuple:
    listing = journal.list_entries()
    assert not listing.unreadable and len(listing.entries) == 1
    return listing.entries[0]


def test_reflect_saves_without_the_tui(capsys, coachtui_home):
    code, out, err = run(capsys, "reflect", "Third call about the refund; stayed calm",
                         "--scenario", "late-shift", "--tag", "refund", "--tag", "phone, #Late",
                         "--star", "--stress", "7:3")
    path, entry = only_entry()
    assert (code, err) == (0, "")
    assert out == f"Saved to {path.relative_to(coachtui_home)}\n"
    assert (entry.kind, entry.what_happened, entry.playbook_id, entry.tags, entry.starred,
            entry.stress_before, entry.stress_after, entry.written) == \
        ("quick", "Third call about the refund; stayed calm", "late-shift",
         ["refund", "phone", "late"], True, 7, 3, None)
    assert abs(entry.created - datetime.now(timezone.utc)) < timedelta(minutes=1)


def test_reflect_back_dated_keeps_both_times(capsys, zone):
    zone("America/Los_Angeles")
    code, _, _ = run(capsys, "reflect", "It happened yesterday", "--at", "yesterday 17:30")
    _, entry = only_entry()
    local_now = datetime.now().astimezone()
    happened = entry.created.astimezone()
    assert code == 0
    assert (happened.date(), happened.hour, happened.minute) == \
        (local_now.date() - timedelta(days=1), 17, 30)
    assert abs(entry.written - datetime.now(timezone.utc)) < timedelta(minutes=1)
    code, out, _ = run(capsys, "show", entry.id)
    assert "Written\n" in out and f"{happened:%A %d %B %Y}, 17:30" in out


def test_reflect_at_in_utc(capsys, zone):
    zone("Pacific/Auckland")
    run(capsys, "reflect", "x", "--at", "2026-11-20 08:05", "--utc")
    assert only_entry()[1].created == datetime(2026, 11, 20, 8, 5, tzinfo=timezone.utc)


def test_a_personal_detail_is_a_note_not_a_block(capsys):
    code, out, err = run(capsys, "reflect", "Call her back on +44 20 7946 0958")
    assert code == 0 and out.startswith("Saved to ")
    assert err == ("Note: That looks like a phone number. Your journal stays on this machine, "
                   "but you may not want to keep someone's details in it.\n")
    assert only_entry()[1].what_happened == "Call her back on +44 20 7946 0958"


@pytest.mark.parametrize("argv, says", [
    (["x", "--scenario", "late-shfit"], "no scenario called 'late-shfit'; did you mean "
                                        "'late-shift'?"),
    (["x", "--at", "tomorrow"], "--at: 'tomorrow' is not a date"),
    (["x", "--at", "today 23:59"] if datetime.now().hour < 23 else ["x", "--at", "25:00"],
     "--at: "),
    (["--tag", "rush"], 'give what happened as text, or "-"'),
    (["   "], "there is nothing to save"),
    (["bell \x07 here"], "not saved: what happened: contains a control or escape character"),
    (["x" * 4001], "not saved: what happened: "),
])
def test_reflect_refuses_with_one_sentence(capsys, argv, says):
    code, out, err = run(capsys, "reflect", *argv)
    assert code in (1, 2) and out == ""
    assert err.startswith("coachtui: ") and says in err and err.count("\n") == 1
    assert journal.list_entries().entries == []


def test_reflect_from_stdin_too_long_is_said(capsys, monkeypatch):
    import io

    # 9,000 two-byte characters: the read stops inside one; say the length, not the bytes.
    stdin = io.TextIOWrapper(io.BytesIO("é".encode() * 9000), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, err = run(capsys, "reflect", "-")
    assert (code, out) == (2, "")
    assert err == ("coachtui: standard input holds more than what happened may (4,000 "
                   "characters); nothing was saved\n")
    assert journal.list_entries().entries == []


@pytest.mark.parametrize("stress", ["11:2", "7", "a:b", ":"])
def test_a_bad_stress_is_a_usage_error(capsys, stress):
    with pytest.raises(SystemExit) as exit_:
        main(["reflect", "x", "--stress", stress])
    assert exit_.value.code == 2
    assert "give BEFORE:AFTER, each 0 to 10" in capsys.readouterr().err


def test_reflect_opens_the_form_only_without_text(capsys, monkeypatch):
    import coachtui.cli as cli

    opened = []
    monkeypatch.setattr(cli, "run_tui", lambda **options: opened.append(options) or 0)
    assert main(["reflect"]) == 0
    assert [options["start_screen"] for options in opened] == ["reflect"]
    assert journal.list_entries().entries == []
    assert main(["reflect", "Saved with no screen at all"]) == 0
    assert len(opened) == 1 and only_entry()[1].what_happened == "Saved with no screen at all"


def test_reflect_reads_stdin_in_a_real_process(coachtui_home, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "COACHTUI_HOME": str(coachtui_home),
           "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "coachtui", "reflect", "-", "--tag", "stdin"],
                          input="Long day.\r\nKept it short: café ☕\n".encode(), env=env,
                          capture_output=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.startswith(b"Saved to journal")
    entry = only_entry()[1]
    assert (entry.what_happened, entry.tags) == ("Long day.\nKept it short: café ☕", ["stdin"])
    bad = subprocess.run([sys.executable, "-m", "coachtui", "reflect", "-"],
                         input=b"\xff\xfe not text", env=env, capture_output=True, timeout=60)
    assert bad.returncode == 2
    assert bad.stderr == b"coachtui: standard input is not UTF-8 text; nothing was saved\n"


# -- search and show ----------------------------------------------------------------------

@pytest.fixture
def three(zone):
    zone("Pacific/Auckland")  # UTC+13: the dates printed are the local ones
    return [save(created=datetime(2026, 11, 2, 20, 0, tzinfo=timezone.utc),
                 playbook_title="Late shift", what_happened="Refund again\nsecond line",
                 tags=["refund"]),
            save(created=datetime(2026, 11, 10, 9, 0, tzinfo=timezone.utc),
                 what_happened="A secret refund story", next_time="secret plan",
                 tags=["private"], sensitive=True),
            save(created=datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc),
                 what_happened="Quiet day", tags=["calm"])]


def test_search_prints_one_line_an_entry(capsys, three):
    code, out, err = run(capsys, "search", "REFUND")
    assert (code, err) == (0, "1 marked sensitive not searched (add --include-sensitive).\n")
    assert out == f"{three[0].id}  2026-11-03 09:00  Late shift  Refund again\n"
    code, out, _ = run(capsys, "search", "refund", "--utc", "--include-sensitive")
    assert out.splitlines() == [
        f"{three[0].id}  2026-11-02 20:00  Late shift  Refund again",
        f"{three[1].id}  2026-11-10 09:00  a quick note  A secret refund story"]


def test_search_without_words_lists_sensitive_entries_without_theirs(capsys, three):
    code, out, err = run(capsys, "search", "--since", "2026-11-10")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{three[1].id}  2026-11-10 22:00  a quick note  "
        "(sensitive: add --include-sensitive to read it)",
        f"{three[2].id}  2026-11-20 22:00  a quick note  Quiet day"]
    assert "secret" not in out


def test_search_filters_and_says_when_nothing_matches(capsys, three):
    assert run(capsys, "search", "--tag", "#CALM")[1].startswith(three[2].id)
    assert run(capsys, "search", "--tag", "private")[1] == ""  # a sensitive entry's tag
    assert run(capsys, "search", "--tag", "private", "--include-sensitive")[1].startswith(
        three[1].id)
    assert run(capsys, "search", "--until", "2026-11-03")[1].startswith(three[0].id)
    assert run(capsys, "search", "--until", "2026-11-02")[1] == ""
    assert run(capsys, "search", "--until", "2026-11-02", "--utc")[1].startswith(three[0].id)
    assert run(capsys, "search", "nowhere") == \
        (1, "", "1 marked sensitive not searched (add --include-sensitive).\nNo entries match.\n")


def test_show_prints_the_entry_in_full(capsys, three):
    code, out, err = run(capsys, "show", three[0].id[:6])
    assert (code, err) == (0, "")
    assert out == ("When\nTuesday 03 November 2026, 09:00\n\nScenario\nLate shift\n\n"
                   "Wound up\nnot rated before, not rated after\n\nDecision\nnot decided\n\n"
                   "What happened\nRefund again\nsecond line\n\nTags\n#refund\n")


def test_show_hides_a_sensitive_entrys_words(capsys, three):
    code, out, err = run(capsys, "show", three[1].id)
    assert code == 0 and "secret" not in out and "#private" not in out
    assert "Marked\nsensitive" in out
    assert err == "Marked sensitive: its words are not shown (add --include-sensitive).\n"
    code, out, err = run(capsys, "show", three[1].id, "--include-sensitive")
    assert "A secret refund story" in out and "secret plan" in out and err == ""


def test_show_says_which_id_it_could_not_find(capsys, three, coachtui_home):
    assert run(capsys, "show", "zz") == \
        (1, "", "coachtui: no entry has the id 'zz' (see coachtui search)\n")
    prefix = next(a for a in "0123456789abcdef"
                  if sum(entry.id.startswith(a) for entry in three) != 1)
    code, _, err = run(capsys, "show", prefix)
    assert code == 1 and ("is the start of" in err or "no entry has the id" in err)
    path = journal.saved_entry(three[2].id)
    path.write_text("not = [toml")
    code, out, err = run(capsys, "show", three[2].id)
    assert (code, out) == (1, "") and err.startswith(f"coachtui: {path} could not be read: ")
