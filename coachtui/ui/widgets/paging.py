"""Lists that cannot crash when they have no room. Both found by the fuzz test.

- Textual's OptionList pages using its laid-out lines, and lays them out only when it has
  a visible area. With none (a 1×1 terminal, or a key pressed as the list mounts), Page
  Down raises KeyError; this moves one item instead.
- Measured at a width that leaves exactly zero cells for its text, an option's wrapping
  divides by that width (ValueError in Rich); this measures at one cell at least.
"""

from __future__ import annotations

from textual.widgets import OptionList


class SafePaging:
    def get_content_height(self, container, viewport, width: int) -> int:
        padding = self.get_component_styles("option-list--option").padding.width  # type: ignore[attr-defined]
        return super().get_content_height(container, viewport, max(width, padding + 1))  # type: ignore[misc]

    def _move_page(self, direction) -> None:
        if (self.highlighted or 0) not in self._index_to_line:  # type: ignore[attr-defined]
            if direction > 0:
                self.action_cursor_down()  # type: ignore[attr-defined]
            else:
                self.action_cursor_up()  # type: ignore[attr-defined]
            return
        super()._move_page(direction)  # type: ignore[misc]


class Menu(SafePaging, OptionList):
    """An OptionList with safe paging, for the scenario and draft lists."""
