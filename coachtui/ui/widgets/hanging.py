"""A title line with text under it whose every line, wrapped ones too, starts indented.

A list item such as `1 The angry caller  phone` over its summary: written as one piece of
text with "\\n  ", the summary's second line would wrap back to column 0, under the number.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Spacing
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, RenderOptions, Visual


class HangingText(Visual):
    """`title` on its own line(s), then `text` indented by `indent` cells on every line."""

    def __init__(self, title: Content, text: Content, indent: int = 2) -> None:
        self.title = title
        self.plain_text = f"{title.plain}\n{' ' * indent}{text.plain}"
        self.text = Padding(text, Spacing(0, 0, 0, indent))

    def __str__(self) -> str:
        """The words, as a test or a screen reader would read them."""
        return self.plain_text

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(self.title.get_optimal_width(rules, container_width),
                   self.text.get_optimal_width(rules, container_width))

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.title.get_height(rules, width) + self.text.get_height(rules, width)

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        return [*self.title.render_strips(width, None, style, options),
                *self.text.render_strips(width, None, style, options)]
