"""Reflect keeps every answer: Tab moves question by question, digits act only on the
question with focus, a key a box cannot take is refused aloud, and the review's further
questions land in the entry."""

from __future__ import annotations

from tests.app.helpers import journal_entries, screen_name, walk_to


def told(app) -> str:
    return "\n".join(notification.message for notification in app._notifications)


def focused_id(app) -> str:
    widget = app.focused
    return widget.id or type(widget).__name__


async def test_tab_and_shift_tab_move_one_question_at_a_time_in_reading_order(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        assert focused_id(app) == "what_happened"
        forward = []
        for _ in range(7):
            await pilot.press("tab")
            forward.append(focused_id(app))
        # How they left is one question in two columns: one Tab stop, not two.
        assert forward == ["customer_left", "stress-after", "went_well", "to_change",
                           "next_time", "tags", "CollapsibleTitle"]
        backward = []
        for _ in range(6):
            await pilot.press("shift+tab")
            backward.append(focused_id(app))
        assert backward == ["tags", "next_time", "to_change", "went_well", "stress-after",
                            "customer_left"]


async def test_digits_go_only_to_the_focused_question_and_are_saved(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        await pilot.press(*"Queue out the door")
        # How they left: 1 on the left column, 9 and 0 on the right, whichever is highlighted.
        await pilot.press("tab", "1", "9", "0")
        # The next Tab is the scale: its 3 rates, it never ticks "understood".
        await pilot.press("tab", "3")
        await pilot.press("tab", *"Kept my voice low", "ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    [entry] = journal_entries(coachtui_home)
    assert entry["customer_left"] == ["cared for", "frustrated", "angry"]
    assert entry["stress_after"] == 3
    assert entry["went_well"] == "Kept my voice low"


async def test_arrows_and_space_move_inside_the_question(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        # Down twice, across to the hard column (same row), Space; no wrap-around below.
        await pilot.press("tab", "down", "down", "space", "right", "space")
        await pilot.press(*["down"] * 9, "space")
        await pilot.pause()
        assert app.walk.answers.customer_left == ["understood", "ignored", "unfulfilled"]


async def test_the_scale_refuses_a_letter_aloud_and_keeps_its_number(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        await pilot.press("tab", "tab", "4", *"calmer")
        await pilot.pause()
        assert focused_id(app) == "stress-after" and app.walk.answers.stress_after == 4
        assert "▸" in str(app.focused.render()), "the scale shows it has focus"
        assert "The scale takes a number 0–10" in told(app)
        assert "Tab to the next question to write" in told(app)
        assert app.walk.answers.customer_left == [], "no letter or digit went elsewhere"


async def test_a_letter_in_how_they_left_is_refused_aloud(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        await pilot.press("tab", *"ok")
        await pilot.pause()
        assert "This question takes the keys shown beside its words" in told(app)
        assert app.walk.answers.customer_left == []


async def test_the_further_questions_unfold_and_land_in_the_entry(make_app, coachtui_home):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        await pilot.press(*["tab"] * 7)
        assert focused_id(app) == "CollapsibleTitle"
        await pilot.press("enter")  # unfold "More"
        await pilot.press("tab", *"Greet them and fix the order")
        await pilot.press("tab", *"The till froze")
        await pilot.press("tab", "1", "7")  # how you feel: caring, angry
        await pilot.press("tab", "2")  # the moment: going the distance
        await pilot.press("tab", *"Her sister, probably")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "DoneScreen"
    [entry] = journal_entries(coachtui_home)
    assert entry["intended"] == "Greet them and fix the order"
    assert entry["why_different"] == "The till froze"
    assert entry["my_feelings"] == ["caring", "angry"]
    assert entry["moment"] == "going-the-distance"
    assert entry["ripple"] == "Her sister, probably"


async def test_a_brief_reflection_keeps_the_further_questions_folded(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to(pilot, "reflect")
        assert app.screen.query_one("#more").collapsed
        # Folded, the questions are not even built (a third of the step's widgets): none
        # can take a key or a Tab. Unfolded, they are there at once, empty.
        assert not app.screen.query("#intended") and not app.screen.query("#my_feelings")
        app.screen.query_one("#more").collapsed = False
        assert app.screen.query_one("#intended").value == ""
        await pilot.pause()
        assert app.screen.query_one("#intended") in app.screen.focus_chain
        app.screen.current_step.collect()
        assert app.walk.answers.intended == "" and app.walk.answers.my_feelings == []
