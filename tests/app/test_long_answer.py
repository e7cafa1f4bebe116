"""A long answer types as fast as a short one: the checks made as you type are linear and
look only at the box typed in, a moment after typing stops."""

from __future__ import annotations

import time

from textual.widgets import TextArea

from coachtui.ui.screens.quick import PERSONAL_CHECK_DELAY
from tests.app.helpers import settle, visible_text

# A long run without an "@" (a pasted link or code, a held key): the old email pattern
# tried it from each of its letters.
LONG = "x" * 10_000
TYPED = " call me on 07700 900123 thanks"  # 31 characters, ending in a phone number


async def seconds_to_type(pilot, start: str) -> float:
    area = pilot.app.screen.query_one("#what_happened", TextArea)
    area.text = start
    area.move_cursor(area.document.end)
    await pilot.pause(PERSONAL_CHECK_DELAY + 0.2)
    began = time.perf_counter()
    await pilot.press(*TYPED)
    took = time.perf_counter() - began
    assert area.text == start + TYPED, "a typed character did not land"
    await pilot.pause(PERSONAL_CHECK_DELAY + 0.2)
    assert "That looks like a phone number" in visible_text(pilot.app)
    return took


async def test_typing_after_a_10000_character_answer_is_as_fast_as_after_none(make_app):
    app = make_app(start_screen="reflect")
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        short = await seconds_to_type(pilot, "")
        long = await seconds_to_type(pilot, LONG)
    # Generous (a busy machine), yet far below what a check over the whole text at each
    # key costs: 10,000 characters took over half a second a key.
    assert long < 3 * short + 1.0, \
        f"{long:.2f}s after {len(LONG):,} characters, {short:.2f}s after none"
