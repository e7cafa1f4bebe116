"""WCAG contrast of what a screen shows: every character against the background it sits on.

The screen is rendered by Textual's compositor (the same strips a terminal receives), so
theme variables, inline styles such as "$text-accent" or "dim", and Textual's own widget
CSS are all resolved as the person sees them.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.widgets._toggle_button import ToggleButton

TEXT = 4.5  # WCAG 1.4.3, normal text
BOX = 3.0  # WCAG 1.4.11, the parts of a control that say what state it is in

BOX_SIDES = {ToggleButton.BUTTON_LEFT, ToggleButton.BUTTON_RIGHT}


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance of an sRGB colour."""
    def channel(value: int) -> float:
        value_01 = value / 255
        return value_01 / 12.92 if value_01 <= 0.03928 else ((value_01 + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def ratio(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    """WCAG contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_decoration(character: str) -> bool:
    """Borders, scroll bars and half-block edges: not text (box sides are checked apart)."""
    return 0x2500 <= ord(character) <= 0x259F and character not in BOX_SIDES


@dataclass(frozen=True)
class Faint:
    """A run of characters below its minimum contrast."""

    line: int
    text: str
    contrast: float
    needed: float

    def __str__(self) -> str:
        return f"line {self.line}: {self.text!r} is {self.contrast:.2f}:1, needs {self.needed}:1"


def faint_runs(app) -> list[Faint]:
    """Every run of visible characters on the current screen that is too faint."""
    found: list[Faint] = []
    for line, strip in enumerate(app.screen._compositor.render_strips()):
        segments = list(strip)
        for index, segment in enumerate(segments):
            style, text = segment.style, segment.text
            if style is None or not text.strip() or all(map(is_decoration, text.strip())):
                continue
            # A tick box is a side, its tick, a side: 3:1 is enough for those (WCAG's
            # non-text contrast); the sides' colour is the box's fill.
            in_box = text in BOX_SIDES or (
                index > 0 and segments[index - 1].text == ToggleButton.BUTTON_LEFT)
            needed = BOX if in_box else TEXT
            foreground = tuple(style.color.get_truecolor()) if style.color else None
            background = tuple(style.bgcolor.get_truecolor()) if style.bgcolor else None
            if foreground is None or background is None:
                found.append(Faint(line, text, 0.0, needed))  # the terminal's colour: unknown
                continue
            if style.dim:  # terminals draw dim text about halfway to the background
                foreground = tuple((f + b) // 2 for f, b in zip(foreground, background))
            if style.reverse:
                foreground, background = background, foreground
            contrast = ratio(foreground, background)
            if contrast < needed:
                found.append(Faint(line, text, contrast, needed))
    return found
