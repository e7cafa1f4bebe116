"""Page Up/Down that cannot crash a list that has no room yet.

Textual's OptionList pages using its laid-out lines, and lays them out only when it has
a visible area. With none (a 1×1 terminal, or a key pressed as the list mounts), Page Down
raises KeyError and the app stops. Found by the fuzz test; this moves one item instead.
"""

from __future__ import annotations

from textual.widgets import OptionList


class SafePaging:
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
