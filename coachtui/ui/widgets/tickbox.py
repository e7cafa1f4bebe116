"""A checkbox drawn like the checklists' boxes: empty when off, ticked when on.

Textual's Checkbox shows an X either way, only in another colour; without colour (NO_COLOR,
a monochrome projector) "off" then looks ticked.
"""

from __future__ import annotations

from textual.widgets import Checkbox
from textual.widgets._toggle_button import ToggleButton


class TickBox(Checkbox):
    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - the name Textual's ToggleButton reads
        return ToggleButton.BUTTON_INNER if self.value else " "
