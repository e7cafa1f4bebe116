"""Two of the hard moments as a person meets them in the app: an allergic reaction at the
quickest table stops the coaching with a card of its own, and a customer in distress gets
care with somewhere to send them."""

from __future__ import annotations

from tests.app.helpers import list_text, screen_name, visible_text
from tests.app.test_engine_flow import go_on, tick_by_id, to_read
from tests.builders import bundled


async def test_a_reaction_at_a_frictionless_table_shows_the_medical_card_only(make_app):
    app = make_app(start_playbook="wrong-dish")
    async with app.run_test(size=(100, 40)) as pilot:
        await to_read(pilot, app)
        await tick_by_id(pilot, app, "just-swap", "own-conversation", "reaction")
        await go_on(pilot)
        assert screen_name(app) == "DecideStep"
        shown = " ".join(visible_text(app).split())
        assert "Safety first: stop coaching" in shown
        assert "Stay frictionless" not in shown and "Putting it right" not in shown
        for line in bundled("wrong-dish").playbook.paths.safety:
            assert " ".join(line.split()) in shown
        # the counter defaults are about someone who threatens you, not a guest in danger
        assert "counter, between you" not in shown and "block their way out" not in shown


async def test_distress_without_risk_shows_care_and_where_to_send_people(make_app):
    app = make_app(start_playbook="customer-in-distress")
    async with app.run_test(size=(100, 40)) as pilot:
        await to_read(pilot, app)
        await tick_by_id(pilot, app, "bereaved")
        await go_on(pilot)
        assert screen_name(app) == "DecideStep"
        assert "Safety first" not in visible_text(app)
        await go_on(pilot)
        assert screen_name(app) == "ActStep"
        assert "Care and time" in visible_text(app)
        await pilot.press("l")  # Act shows one step at a time: the whole list holds the rest
        await pilot.pause()
        assert "Where to send people" in visible_text(app) + list_text(app)
        assert "Point them to help your workplace knows of" in list_text(app)
