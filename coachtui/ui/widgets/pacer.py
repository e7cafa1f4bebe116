"""The breath pacer: one shape that grows as you breathe in and shrinks as you breathe out,
eased at each turn, coloured by the phase, under the phase in large words.

In reduced-motion mode only the words and a countdown change. The shape is drawn with
half blocks (two square pixels a cell), so it grows smoothly at 80x24 and in a browser, and
its soft edge is a paler shade of the same colour, never markup: every piece is plain text.
"""

from __future__ import annotations

import math
from typing import Callable

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coachtui.core.breathing import BreathMoment, BreathPlan, Direction

TICK_SECONDS = 0.1
# Theme variables, so every theme gives in, hold and out each its own colour.
PHASE_COLOURS: dict[Direction, str] = {
    "in": "$text-primary",
    "hold": "$text-accent",
    "out": "$text-success",
}
SOFT = "40%"  # the shade of the shape's edge: the phase's colour, paler
SMALLEST = 0.25  # the shape with empty lungs, as a share of its widest: never gone
MIN_ROWS, MAX_ROWS = 3, 15  # the shape's height in cells, by the terminal's height
AROUND_THE_SHAPE = 15  # terminal rows the rest of the walk screen needs around it


# The terminal bell is all a terminal has, so the bell cues count (see BELLS).
BELL_HELP = ("With the breath bell on (Ctrl+P, Toggle breath bell) the terminal bell rings "
             "once to breathe in or hold, twice to breathe out, and three times at the end.")


def still_pacer(app) -> bool:
    """A still countdown instead of the moving shape: coachtui's reduced motion
    (--reduced-motion or its setting), or Textual's own TEXTUAL_ANIMATIONS=none."""
    return bool(app.reduced_motion) or app.animation_level == "none"


def shape_rows(terminal_height: int) -> int:
    """How many cell rows the shape may take on a terminal this tall."""
    return max(MIN_ROWS, min(MAX_ROWS, terminal_height - AROUND_THE_SHAPE))


def radius(size: float, rows: int) -> float:
    """The shape's radius in pixels (half a cell high, one cell wide) for a size 0..1."""
    return rows * (SMALLEST + (1 - SMALLEST) * min(1.0, max(0.0, size)))


def pixel_levels(size: float, rows: int) -> list[list[int]]:
    """The disc as pixels, 2 x rows high and 2 x rows wide: 2 inside, 1 on its soft edge,
    0 outside. Pixels are measured from their centres, so the disc is symmetric."""
    r = radius(size, rows)
    centre = rows  # the grid is 2 x rows on each side
    levels = []
    for y in range(2 * rows):
        row = []
        for x in range(2 * rows):
            cover = r - math.hypot(x + 0.5 - centre, y + 0.5 - centre) + 0.5
            row.append(2 if cover >= 0.6 else 1 if cover >= 0.15 else 0)
        levels.append(row)
    return levels


def draw_shape(size: float, rows: int, colour: str) -> Content:
    """The disc in half blocks: each cell shows its top pixel with ▀ and its bottom one with
    ▄ (█ both), the soft edge in the paler shade. Every line is the same width, so the
    lines stay aligned when centred."""
    shade = {1: f"{colour} {SOFT}", 2: colour}
    levels = pixel_levels(size, rows)
    parts: list = []
    for top_row, bottom_row in zip(levels[0::2], levels[1::2]):
        for top, bottom in zip(top_row, bottom_row):
            if top == bottom:
                parts.append(("█", shade[top]) if top else " ")
            elif not bottom:
                parts.append(("▀", shade[top]))
            elif not top:
                parts.append(("▄", shade[bottom]))
            else:
                parts.append(("▀", f"{shade[top]} on {shade[bottom]}"))
        parts.append("\n")
    return Content.assemble(*parts[:-1])


def large(words: str) -> str:
    """The phase word, large as a terminal allows: capitals, spaced out."""
    return " ".join(words.upper())


class BreathPacer(Widget, can_focus=True):
    """Runs a BreathPlan against a monotonic clock; posts PhaseChanged at each phase and
    Finished when the last breath ends. When `adjustable`, + and − add or take a breath."""

    DEFAULT_CSS = """
    BreathPacer { height: auto; width: 1fr; text-align: center; }
    """
    BINDINGS = [
        # One footer entry for the pair, so the footer fits 80 columns.
        Binding("plus", "longer", "Length", key_display="+/−", id="breath-longer"),
        Binding("minus", "shorter", "Shorter", key_display="−", show=False,
                id="breath-shorter"),
    ]

    class Finished(Message):
        """The last breath of the plan has ended."""

        def __init__(self, pacer: BreathPacer) -> None:
            super().__init__()
            self.pacer = pacer

        @property
        def control(self) -> BreathPacer:
            return self.pacer

    class PhaseChanged(Message):
        def __init__(self, moment: BreathMoment) -> None:
            super().__init__()
            self.moment = moment

    class LengthChanged(Message):
        """The person made the breath longer or shorter (the app remembers it)."""

        def __init__(self, plan: BreathPlan) -> None:
            super().__init__()
            self.plan = plan

    elapsed: reactive[float] = reactive(0.0, repaint=False)

    def __init__(self, plan: BreathPlan, clock: Callable[[], float], *,
                 reduced_motion: bool = False, adjustable: bool = False,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan = plan
        self.clock = clock
        self.reduced_motion = reduced_motion
        self.adjustable = adjustable
        self._started = clock()
        self._last_phase: tuple[int, int] | None = None
        self._shown: tuple | None = None
        self.finished = False

    def on_mount(self) -> None:
        self._timer = self.set_interval(TICK_SECONDS, self._tick)

    def _tick(self) -> None:
        self.elapsed = self.clock() - self._started

    @property
    def moment(self) -> BreathMoment:
        return self.plan.at(self.elapsed)

    def watch_elapsed(self) -> None:
        moment = self.moment
        if moment.done:
            self._finish()
        else:
            phase_key = (moment.cycle, moment.phase_index)
            if phase_key != self._last_phase:
                self._last_phase = phase_key
                self.post_message(self.PhaseChanged(moment))
        # Repainted only when what it shows changes (not ten times a second for nothing).
        shown = self._frame(moment)
        if shown != self._shown:
            self._shown = shown
            self.refresh(layout=False)

    def _finish(self) -> None:
        if not self.finished:
            self.finished = True
            self._timer.stop()
            self.post_message(self.Finished(self))
            self.refresh_bindings()

    def _frame(self, moment: BreathMoment) -> tuple:
        """What the render shows, to the precision it shows it."""
        seconds = (math.ceil(moment.phase_remaining), math.ceil(moment.remaining_total))
        if moment.done or self.reduced_motion:
            return (moment.done, moment.phase_index, moment.cycle, *seconds)
        return (moment.phase_index, moment.cycle, *seconds, round(moment.size * 200))

    # -- longer and shorter -------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("longer", "shorter"):
            return self.adjustable and not self.finished
        return True

    def action_longer(self) -> None:
        self._change_length(self.plan.longer())

    def action_shorter(self) -> None:
        self._change_length(self.plan.shorter())

    def _change_length(self, plan: BreathPlan) -> None:
        if plan == self.plan:
            return
        self.plan = plan
        self.post_message(self.LengthChanged(plan))
        self._tick()  # ends it now if the shorter breath is already over
        self.refresh(layout=False)

    # -- drawing ------------------------------------------------------------------------
    def get_content_height(self, container, viewport, width: int) -> int:
        if self.reduced_motion:
            return 3
        return shape_rows(viewport.height) + 4

    def render(self) -> Content:
        moment = self.moment
        if moment.done:
            return Content.assemble(("Well done.", "bold"), "\n\nYou can go on when you're ready.")
        countdown = str(math.ceil(moment.phase_remaining))
        left = (f"Breath {moment.cycle} of {moment.cycles}  ·  "
                f"{math.ceil(moment.remaining_total)} s left")
        if self.reduced_motion:
            # Still: nothing moves but the numbers.
            return Content.assemble((moment.words, "bold"), f"   {countdown}", "\n\n",
                                    (left, "dim"))
        rows = shape_rows(self.app.size.height)
        # The words in the text colour (legible in every theme); the shape carries the phase's.
        return Content.assemble((large(moment.words), "bold"), "\n\n",
                                draw_shape(moment.size, rows, PHASE_COLOURS[moment.direction]),
                                "\n\n",
                                (countdown, "bold"), ("  ·  " + left, "dim"))
