"""Lists that cannot crash when they have no room. Both found by the fuzz test.

- Textual's OptionList pages using its laid-out lines, and lays them out only when it has
  a visible area. With none (a 1×1 terminal, or a key pressed as the list mounts), Page
  Down raises KeyError; this moves one item instead.
- Measured at a width that leaves exactly zero cells for its text, an option's wrapping
  divides by that width (ValueError in Rich); this measures at one cell at least.

A Select's drop-down is such a list too (Page Down pressed as a filter's overlay mounted:
KeyError, found by the fuzz), so `SafeSelect` gives it the same paging.
"""

from __future__ import annotations

from textual.widgets import OptionList, Select
from textual.widgets._select import SelectCurrent, SelectOverlay


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


class SafeSelectOverlay(SafePaging, SelectOverlay):
    """Textual's Select drop-down, with safe paging."""


class SafeSelect(Select):
    """A Select whose drop-down pages safely (its own code finds the overlay by type)."""

    def compose(self):
        yield SelectCurrent(self.prompt)
        yield SafeSelectOverlay(type_to_search=self._type_to_search).data_bind(
            compact=Select.compact)
