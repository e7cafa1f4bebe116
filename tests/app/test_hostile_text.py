"""Hostile and odd text through every screen: typed, pasted, and as playbook text.

For each entry of the corpus (tests/hostile.py) the app must not crash, must not read it
as markup or run an action from it, must show it literally, and must save it unchanged,
or reject it with a clear message, or flag it as too long without cutting it.
"""

from __future__ import annotations

import tomllib

import pytest
import tomli_w
from textual import events
from textual.widgets import Input, TextArea

from coachtui.core.sanitize import clean_typed
from coachtui.store.playbooks import bundled_dir
from tests.app.helpers import journal_entries, screen_name, settle, walk_to
from tests.hostile import INERT, LONG, STRIPPED

ANSWER_BOXES = ("#what_happened", "#went_well", "#to_change", "#next_time")


def rendered(app) -> str:
    """Exactly the characters on the terminal for the current screen, line by line."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def flat(text: str) -> str:
    """Text with box borders removed and whitespace collapsed, so a wrapped line still matches."""
    return " ".join(text.translate(str.maketrans("", "", "│╭╮╰╯─▏▕")).split())


async def paste(pilot, selector: str, text: str) -> None:
    """Paste `text` into a box the way a terminal does (a bracketed paste event)."""
    box = pilot.app.screen.query_one(selector)
    box.focus()
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))  # as from the terminal: to the focused box
    await pilot.pause()


def watch_for_actions(app) -> list[str]:
    """Record bells and quits: a [@click=…] that ran would show up here."""
    ran: list[str] = []
    app.bell = lambda: ran.append("bell")
    real_exit = app.exit
    app.exit = lambda *a, **k: (ran.append("exit"), real_exit(*a, **k))  # type: ignore[method-assign]
    return ran


# -- typed and pasted -------------------------------------------------------------------

@pytest.mark.parametrize("text", INERT.values(), ids=INERT.keys())
async def test_inert_text_typed_in_every_box_is_shown_and_saved_exactly(make_app, coachtui_home,
                                                                          text):
    app = make_app()
    ran = watch_for_actions(app)
    async with app.run_test(size=(160, 50)) as pilot:
        await walk_to(pilot, "greet")
        await paste(pilot, "#own-opener", text)
        assert text in rendered(app)
        await walk_to_reflect(pilot)
        for box in ANSWER_BOXES:
            await paste(pilot, box, text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
        assert f"Next time I will: {text}" in rendered(app)
        await pilot.press("enter")
        await pilot.pause()
        assert flat(f"next time I will {text}") in flat(rendered(app))  # the home screen
    assert not ran, f"text ran an action: {ran}"
    [entry] = journal_entries(coachtui_home)
    assert entry["opener"] == text.strip()
    assert [entry[field] for field in ("what_happened", "went_well", "to_change", "next_time")] \
        == [text] * 4


async def walk_to_reflect(pilot) -> None:
    while pilot.app.walk.step != "reflect":
        pilot.app.screen.current_step.action_continue()
        await pilot.pause()


async def test_markup_typed_key_by_key_is_saved_as_typed(make_app, coachtui_home):
    typed = "[@click=app.quit]no[/] [bold [$accent]"
    app = make_app()
    ran = watch_for_actions(app)
    async with app.run_test(size=(160, 50)) as pilot:
        await walk_to(pilot, "reflect")
        await pilot.press(*typed)  # What happened? has focus
        app.screen.query_one("#went_well").focus()
        await pilot.pause()
        await pilot.press(*typed)
        assert typed in rendered(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert not ran
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == typed and entry["went_well"] == typed


@pytest.mark.parametrize("text", STRIPPED.values(), ids=STRIPPED.keys())
async def test_pasted_control_characters_are_removed_and_the_person_told(make_app, coachtui_home,
                                                                          text):
    app = make_app()
    ran = watch_for_actions(app)
    async with app.run_test(size=(160, 50)) as pilot:
        await walk_to(pilot, "reflect")
        for box in ANSWER_BOXES:
            await paste(pilot, box, text)
        shown = rendered(app)
        assert "\x1b" not in shown and "\x07" not in shown
        told = [n.message for n in app._notifications]
        assert any(m.startswith("Removed ") and "control character" in m for m in told), told
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    assert not ran
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == clean_typed(text, one_line=False)[0]
    assert entry["next_time"] == clean_typed(text, one_line=True)[0]


async def test_a_pasted_multi_line_answer_keeps_every_line(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await walk_to(pilot, "reflect")
        await paste(pilot, "#what_happened", "one\r\ntwo\rthree\n")
        await paste(pilot, "#next_time", "first line\nsecond line\tand a tab")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == "one\ntwo\nthree\n"
    assert entry["next_time"] == "first line second line and a tab"  # a plain Input drops line 2


async def test_a_10000_character_line_is_kept_whole_flagged_and_not_saved_cut(make_app,
                                                                              coachtui_home):
    line = LONG["10,000-character line"]
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await walk_to(pilot, "reflect")
        await paste(pilot, "#what_happened", line)
        await paste(pilot, "#went_well", line)
        note = str(app.screen.query_one("#what_happened-length").render())
        assert note.startswith("10,000 characters: 6,000 over the 4,000 that fit")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "ReflectStep"
        assert str(app.screen.query_one("#save-problem").render()).startswith(
            "Not saved yet: what happened: String should have at most 4000 characters")
        assert app.screen.query_one("#what_happened", TextArea).text == line
        assert app.screen.query_one("#went_well", Input).value == line
        app.autosave()
    [draft] = (coachtui_home / "drafts").glob("*.toml")
    assert tomllib.loads(draft.read_text("utf-8"))["what_happened"] == line, "kept in the draft"
    assert not journal_entries(coachtui_home)


@pytest.mark.parametrize("box", ["#what_happened", "#next_time", "#tags"])
async def test_a_1_mb_paste_is_refused_in_one_sentence_and_the_answer_kept(make_app, box):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await walk_to(pilot, "reflect")
        await paste(pilot, box, "kept")
        await paste(pilot, box, LONG["1 MB"])
        widget = app.screen.query_one(box)
        assert (widget.text if isinstance(widget, TextArea) else widget.value) == "kept"
        [told] = [n.message for n in app._notifications if "paste" in n.message]
        assert told.startswith("That paste is 1,000,000 characters, far more than the ")
        assert told.endswith("this answer holds, so it was not pasted.")


async def test_answers_near_their_limit_show_a_count(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await walk_to(pilot, "reflect")
        assert not app.screen.query(".length-note")  # nothing to count: no note at all
        await paste(pilot, "#next_time", "n" * 250)
        note = app.screen.query_one("#next_time-length")
        assert str(note.render()) == "250 of 300 characters"
        box = app.screen.query_one("#next_time")
        assert note.region.y == box.region.bottom  # right under its own box
        await paste(pilot, "#next_time", "n" * 60)
        assert str(app.screen.query_one("#next_time-length").render()).startswith(
            "310 characters: 10 over the 300 that fit")
        box.value = "short again"
        await pilot.pause()
        assert not note.display


async def test_a_count_for_a_box_already_taken_down_is_dropped(make_app):
    """A change can arrive after its box went (a step changing under a burst of keys)."""
    from coachtui.ui.widgets.answer import show_length

    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await walk_to(pilot, "reflect")
        box = app.screen.query_one("#next_time")
        await box.remove()
        show_length(box, 290, 300)  # near the limit: a note would be made, were the box there
        await pilot.pause()
        assert not app.screen.query("#next_time-length")


@pytest.mark.parametrize("screen_key, box, limit", [("l", "#tags", 400), ("l", "#what_happened", 4000)])
async def test_a_quick_reflection_counts_a_long_answer_under_its_box(make_app, screen_key, box, limit):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press(screen_key)
        await pilot.pause()
        await paste(pilot, box, "t" * (limit - 10))
        note = app.screen.query_one(f"{box}-length")
        assert str(note.render()) == f"{limit - 10:,} of {limit:,} characters"
        assert note.region.y == app.screen.query_one(box).region.bottom


# -- as playbook text ----------------------------------------------------------------------

TEXT_FIELDS = ("summary", "reflection_prompts", "breath.reset_cue", "greet.cues", "greet.openers",
               "signals.label", "recovery.detail", "paths", "moments.idea")


def hostile_playbook() -> tuple[dict, list[str]]:
    """late-shift with every piece of text a person reads replaced by a distinct inert
    corpus string; returns the playbook and every string it now holds."""
    book = tomllib.loads((bundled_dir() / "late-shift.toml").read_text("utf-8"))
    book.pop("example")
    samples = list(INERT.values())
    used: list[str] = []

    def next_text() -> str:
        text = f"{samples[len(used) % len(samples)]} #{len(used)}"
        used.append(text)
        return text

    book["id"], book["title"] = "hostile", next_text()
    book["summary"] = next_text()
    book["reflection_prompts"] = [next_text() for _ in book["reflection_prompts"]]
    book["breath"]["reset_cue"] = next_text()
    book["greet"]["cues"] = [next_text() for _ in book["greet"]["cues"]]
    book["greet"]["openers"] = [next_text() for _ in book["greet"]["openers"]]
    for signal in book["signals"]:
        signal["label"] = next_text()
    book["recovery"]["detail"] = {step: next_text() for step in book["recovery"]["detail"]}
    for path in ("connect", "deescalate"):
        book["paths"][path] = [next_text() for _ in book["paths"][path]]
    for moment in book["moments"]:
        moment["idea"] = next_text()
    return book, used


async def test_playbook_text_is_shown_literally_on_every_screen(make_app, coachtui_home):
    book, texts = hostile_playbook()
    folder = coachtui_home / "playbooks"
    folder.mkdir(parents=True)
    (folder / "hostile.toml").write_text(tomli_w.dumps(book), "utf-8")
    app = make_app()
    app.config.default_playbook = "hostile"
    ran = watch_for_actions(app)
    seen: list[str] = []

    async def look(*keys: str) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        seen.append(rendered(app))
        await pilot.press("question_mark")  # the help of each screen, too
        await pilot.pause()
        seen.append(rendered(app))
        await pilot.press("escape")
        await pilot.pause()

    async with app.run_test(size=(200, 100)) as pilot:
        await settle(pilot)
        await look()  # home
        await look("s")  # the picker
        await pilot.press("escape")
        await look("enter")  # pause: the rating
        await look("enter")  # pause: the breath, with the scenario's reset cue
        await look("enter")  # greet
        await pilot.press("1")
        await look("enter")  # read
        for number in "12345678":
            await pilot.press(number)
        await look("enter")  # decide: the ticked signals appear as reasons
        await look("c")  # act, on the connect path (the recovery steps come first)
        await look("l")  # the whole list of steps
        await pilot.press("l")
        while app.walk.step == "act":  # each step in turn, with its detail
            seen.append(rendered(app))
            await pilot.press("enter")
            await pilot.pause()
        await look()  # reflect
        assert not ran, f"text ran an action: {ran}"
        await pilot.press("ctrl+q")  # keep it as a draft; the drafts screen shows its title
    again = make_app()
    async with again.run_test(size=(200, 100)) as pilot:
        await settle(pilot)
        seen.append(rendered(again))  # home's line names the newest draft
        await pilot.press("u")  # the list of drafts opens when asked for
        await pilot.pause()
        seen.append(rendered(again))
        await pilot.press("ctrl+s")  # save as is
        await pilot.pause()
    everything = flat("\n".join(seen))
    missing = [text for text in texts if flat(text) not in everything]
    assert not missing, f"not shown literally: {missing}"
    [entry] = journal_entries(coachtui_home)
    assert entry["playbook_title"] == book["title"]
    assert entry["opener"] == book["greet"]["openers"][0]
    assert [s["label"] for s in entry["signals"]] == [s["label"] for s in book["signals"][:8]]
    assert set(book["paths"]["connect"]) <= set(entry["steps_done"] + entry["steps_open"])


REJECTED = {**STRIPPED, "10,000-character line": LONG["10,000-character line"]}


@pytest.mark.parametrize("text", REJECTED.values(), ids=REJECTED.keys())
@pytest.mark.parametrize("field", ["title", "signals.label"])
async def test_unsafe_playbook_text_is_rejected_with_its_place(make_app, coachtui_home, field,
                                                               text):
    book = hostile_playbook()[0]
    if field == "title":
        book["title"] = text
    else:
        book["signals"][3]["label"] = text
    folder = coachtui_home / "playbooks"
    folder.mkdir(parents=True)
    # Lone surrogates cannot be written as UTF-8: that file is "not UTF-8" instead.
    (folder / "hostile.toml").write_bytes(
        tomli_w.dumps(book).encode("utf-8", errors="surrogatepass"))
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert app.library.get("hostile") is None and app.library.get("late-shift") is not None
        shown = flat(rendered(app))
        assert "1 playbook file could not be used" in shown
        where = "title" if field == "title" else "signals[3].label"
        if "surrogate" in text or "\ud800" in text:
            assert "hostile.toml:" in shown and "not UTF-8" in shown
        elif len(text) > 1000:
            assert f"{where}: string should have at most" in shown.lower()
        else:
            assert f"{where}: contains a control or escape character U+" in shown
        assert "\x1b" not in shown
