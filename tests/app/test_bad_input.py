"""Bad input and faults: broken playbooks, hostile text, a journal that cannot be written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w
from textual.widgets import TextArea

from coachtui.store.playbooks import bundled_dir
from tests.app.helpers import journal_entries, list_text, screen_name, visible_text, walk_to

HOSTILE = [
    "[@click=app.quit]Quit now[/]",
    "[bold",
    "[/]",
    "[$accent @click=app.bell]x[/]",
    "Café 😀 مرحبا بك",
]


def user_playbooks(home: Path) -> Path:
    folder = home / "playbooks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def bundled(playbook_id: str) -> dict:
    return tomllib.loads((bundled_dir() / f"{playbook_id}.toml").read_text("utf-8"))


async def test_broken_user_playbooks_are_reported_and_the_app_still_starts(make_app, coachtui_home):
    folder = user_playbooks(coachtui_home)
    (folder / "syntax.toml").write_text('id = "x"\ntitle = "unclosed\n')
    typo = bundled("dolphin") | {"id": "typo"}
    typo["greet"] = {"cue": typo["greet"]["cues"], "openers": typo["greet"]["openers"]}
    (folder / "typo.toml").write_text(tomli_w.dumps(typo))
    wrong = bundled("dolphin") | {"id": "wrong"}
    wrong["signals"][0]["lean"] = "sideways"
    (folder / "wrong.toml").write_text(tomli_w.dumps(wrong))

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        shown = visible_text(app)
        assert "3 playbook files could not be used" in shown
        assert "syntax.toml:2:" in shown and "not valid TOML" in shown
        assert "greet.cue: unknown key; did you mean 'cues'?" in shown
        assert "wrong.toml:" in shown and "signals[0].lean" in shown
        # The others still work: one key starts the default walk.
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "PauseStep"


async def test_the_picker_lists_a_broken_playbook_with_its_problem(make_app, coachtui_home):
    (user_playbooks(coachtui_home) / "mine.toml").write_text('id = "mine"\ntitel = "Mine"\n')
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        options = app.screen.query_one("OptionList")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        broken = [p for p in prompts if "mine.toml" in p]
        assert broken and "titel: unknown key; did you mean 'title'?" in broken[0]


async def test_control_characters_in_a_playbook_are_rejected_with_their_place(make_app, coachtui_home):
    book = bundled("dolphin") | {"id": "escape", "title": "Hi\x1b]0;pwned\x07"}
    (user_playbooks(coachtui_home) / "escape.toml").write_text(tomli_w.dumps(book))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.library.get("escape") is None
        assert "escape.toml:" in visible_text(app)
        assert "control or escape character" in visible_text(app)


async def test_markup_in_playbook_text_is_shown_literally_and_runs_nothing(make_app, coachtui_home):
    book = bundled("late-shift") | {"id": "hostile", "title": HOSTILE[0], "summary": HOSTILE[1]}
    book["greet"]["openers"] = HOSTILE[:3]
    for signal, text in zip(book["signals"], HOSTILE, strict=False):
        signal["label"] = text
    # A framework of the person's own, with a hostile step title.
    framework = tomllib.loads((bundled_dir() / "frameworks" / "carp.toml").read_text("utf-8"))
    framework |= {"id": "hostile-fw", "name": HOSTILE[2]}
    framework["steps"][0]["title"] = HOSTILE[3]
    (user_playbooks(coachtui_home) / "frameworks").mkdir()
    (user_playbooks(coachtui_home) / "frameworks" / "hostile-fw.toml").write_text(
        tomli_w.dumps(framework))
    book["recovery"]["framework"] = "hostile-fw"
    book["paths"]["connect"][0] = HOSTILE[4]
    (user_playbooks(coachtui_home) / "hostile.toml").write_text(tomli_w.dumps(book))
    bells = []

    app = make_app(start_playbook="hostile")
    app.bell = lambda: bells.append(1)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert HOSTILE[0] in visible_text(app)
        await pilot.press("enter", "enter", "1")  # past the rating and the breath; greet:
        # pick the markup-looking opener
        await pilot.pause()
        assert all(text in list_text(app) for text in HOSTILE[:3])
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1", "2", "3", "4", "5", "y", "enter")  # read: hostile labels; went wrong
        await pilot.pause()
        assert HOSTILE[0] in visible_text(app)  # the title, and the signal shown as a reason
        assert HOSTILE[1] in visible_text(app)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("l")  # act: the whole list, every step's title as written
        await pilot.pause()
        assert HOSTILE[3] in list_text(app) and HOSTILE[4] in list_text(app)
        await pilot.press("l", "r")  # back to the step, then on to Reflect
        await pilot.pause()
        await pilot.press(*"[@click=app.quit]typed[/]")
        app.screen.query_one("#save").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#save")  # the mouse works too
        await pilot.pause()
        assert app.is_running, "a [@click] in text must never run an action"
        assert screen_name(app) == "DoneScreen"
    assert not bells
    [entry] = journal_entries(coachtui_home)
    assert entry["playbook_title"] == HOSTILE[0]
    assert entry["opener"] == HOSTILE[0]
    assert entry["what_happened"] == "[@click=app.quit]typed[/]"
    assert HOSTILE[3] in entry["steps_open"] + entry["steps_done"]


async def test_pasted_escape_sequences_are_stripped_before_saving(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        area = app.screen.query_one("#what_happened", TextArea)
        area.text = "before\x1b]52;c;ZXZpbA==\x07 after\u202e\nline two 😀"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == "before]52;c;ZXZpbA== after\nline two 😀"


async def test_an_unwritable_journal_keeps_the_reflection_and_says_so(make_app, coachtui_home):
    coachtui_home.mkdir(parents=True, exist_ok=True)
    blocker = coachtui_home / "journal"
    blocker.write_text("not a folder")  # the journal folder cannot be created
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        await pilot.press(*"Keep this text")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "ReflectStep"
        problem = str(app.screen.query_one("#save-problem").render())
        assert problem == ("Could not write to the journal because a file stands where a folder "
                           "should be; your answers are kept on screen and as a draft, so press "
                           "Ctrl+S to try again.")
        assert app.screen.query_one("#what_happened", TextArea).text == "Keep this text"
        [draft] = list((coachtui_home / "drafts").glob("*.toml"))
        assert tomllib.loads(draft.read_text("utf-8"))["what_happened"] == "Keep this text"

        blocker.unlink()  # the person frees the way and tries again
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == "Keep this text"
    assert not list((coachtui_home / "drafts").glob("*.toml"))


async def test_a_small_terminal_still_walks_without_crashing(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("enter", "5")
        while app.walk.step != "reflect":
            await pilot.press("enter")
            await pilot.pause()
        await pilot.resize_terminal(1, 1)
        await pilot.pause()
        await pilot.resize_terminal(40, 12)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    assert len(journal_entries(coachtui_home)) == 1


async def test_an_overlong_answer_is_flagged_kept_whole_and_not_saved_cut(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        area = app.screen.query_one("#what_happened", TextArea)
        area.text = "x" * 4100
        await pilot.pause()
        assert str(app.screen.query_one("#what_happened-length").render()) == (
            "4,100 characters: 100 over the 4,000 that fit; please shorten it (nothing has been cut)")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "ReflectStep"
        assert "Not saved yet" in str(app.screen.query_one("#save-problem").render())
        assert len(area.text) == 4100
        area.text = "x" * 4000
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    [entry] = journal_entries(coachtui_home)
    assert entry["what_happened"] == "x" * 4000


async def test_a_user_playbook_replacing_a_bundled_one_says_so(make_app, coachtui_home):
    mine = bundled("dolphin") | {"title": "Our dolphin"}
    (user_playbooks(coachtui_home) / "dolphin.toml").write_text(tomli_w.dumps(mine))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        shown = list_text(app)
        assert "Our dolphin" in shown and "yours, replacing the bundled one" in shown
        assert "The dolphin" not in shown


async def test_an_overlong_tag_is_explained_and_nothing_is_lost(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        await pilot.press(*"Kept text")
        app.screen.query_one("#tags").value = "ok " + "x" * 45
        await pilot.press("ctrl+s")
        await pilot.pause()
        problem = str(app.screen.query_one("#save-problem").render())
        assert problem.startswith("Not saved yet: tags: tag 'xxxxxxxxxxxxxxxxxxxx'… is longer than 40")
        assert app.screen.query_one("#what_happened", TextArea).text == "Kept text"
    assert not journal_entries(coachtui_home)
