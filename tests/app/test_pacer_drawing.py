"""The pacer's drawing, as plain functions: the shape's size, its colours, its words."""

from __future__ import annotations

import pytest

from coachtui.core.breathing import DIRECTION, plan_for
from coachtui.ui.widgets.pacer import (PHASE_COLOURS, draw_shape, large, pixel_levels, radius,
                                       shape_rows)


def area(size: float, rows: int = 9) -> int:
    return sum(level == 2 for row in pixel_levels(size, rows) for level in row)


def test_the_shape_grows_with_the_breath_and_never_vanishes():
    sizes = [i / 10 for i in range(11)]
    areas = [area(size) for size in sizes]
    assert all(a < b for a, b in zip(areas, areas[1:]))
    assert areas[0] > 0  # empty lungs still show a small shape
    assert radius(1, 9) == 9 and radius(0, 9) == pytest.approx(9 * 0.25)
    assert radius(2, 9) == radius(1, 9) and radius(-1, 9) == radius(0, 9)


def test_an_eased_breath_moves_the_shape_gently_at_the_turns():
    plan = plan_for("steady")  # in 4 s
    start = area(plan.at(0.4).size) - area(plan.at(0).size)
    middle = area(plan.at(2.2).size) - area(plan.at(1.8).size)
    assert 0 <= start < middle


@pytest.mark.parametrize("size", [0, 0.33, 0.5, 0.8, 1])
def test_the_shape_is_round_and_drawn_in_half_blocks_only(size):
    levels = pixel_levels(size, 9)
    assert len(levels) == 18 and all(len(row) == 18 for row in levels)
    assert levels == levels[::-1], "symmetric top to bottom"
    assert all(row == row[::-1] for row in levels), "symmetric left to right"
    assert [list(col) for col in zip(*levels)] == levels, "as wide as it is high"
    drawn = str(draw_shape(size, 9, "$text-primary"))
    lines = drawn.split("\n")
    assert len(lines) == 9 and len({len(line) for line in lines}) == 1
    assert set(drawn) <= set(" ▀▄█\n")


def test_the_soft_edge_is_a_paler_shade_of_the_same_colour():
    content = draw_shape(0.5, 9, "$text-success")
    styles = {str(span.style) for span in content.spans}
    assert styles <= {"$text-success", "$text-success 40%", "$text-success 40% on $text-success",
                      "$text-success on $text-success 40%"}
    assert {"$text-success", "$text-success 40%"} <= styles


def test_in_hold_and_out_each_have_their_own_theme_colour():
    assert set(PHASE_COLOURS) == set(DIRECTION.values())
    assert len(set(PHASE_COLOURS.values())) == 3
    assert all(colour.startswith("$") for colour in PHASE_COLOURS.values())


@pytest.mark.parametrize(("height", "rows"), [(12, 3), (24, 9), (32, 15), (45, 15), (1, 3)])
def test_the_shape_fits_the_terminal(height, rows):
    assert shape_rows(height) == rows


def test_the_phase_word_is_large():
    assert large("Breathe in") == "B R E A T H E   I N"
