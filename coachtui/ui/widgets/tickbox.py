"""A single yes/no box drawn like the checklists' boxes: empty when off, ticked when on.

Textual's Checkbox draws its X in both states and tells them apart by colour alone, so
without colour "starred" and "not starred" looked the same.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

# The shapes inside a tick box, shared by every box coachtui draws (the checklists' too):
# without colour (NO_COLOR, a monochrome projector) ticked and unticked differ in shape.
TICKED = Checkbox.BUTTON_INNER
UNTICKED = " "


class TickBox(Checkbox):
    """A Checkbox whose box is empty when it is off."""

    @property
    def _button(self) -> Content:
        # Textual builds the box from BUTTON_INNER; this box's inner shape follows its value.
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        return super()._button
