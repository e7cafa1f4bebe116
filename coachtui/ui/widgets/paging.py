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
    """A Select whose drop-down pages safely (its own code finds the overlay by type), and
    is made only after the screen's first paint, or the moment Textual's Select needs it.

    Why later: a drop-down is an OptionList, which Textual styles with its dozen component
    classes as it mounts. The journal's three filters' drop-downs delayed its first paint
    (at 10,000 entries, 779 ms to the list painted against 745 ms made later: medians of 30
    interleaved runs in a pty, the same as with no drop-downs at all), for lists nobody has
    opened yet. Textual's Select reaches for the drop-down when
    it opens, when its value or prompt changes, and when its options are set: each of
    those is given one first (`_overlay`); options set before it exists are put in it as
    it is made."""

    def compose(self):
        yield SelectCurrent(self.prompt)

    def on_mount(self) -> None:
        self.call_after_refresh(self._overlay)

    def _overlay(self) -> SelectOverlay | None:
        """The drop-down, made now if it is not there yet; None on a select being taken
        down (a screen left at once), which Textual no longer mounts anything in."""
        found = self.query_children(SelectOverlay)
        if found:
            return found.first()
        overlay = SafeSelectOverlay(type_to_search=self._type_to_search)
        overlay.compact = self.compact  # (Textual data-binds it; no select here changes it)
        self.mount(overlay)  # in the DOM at once (mounted later), so queries find it
        if not self.query_children(SelectOverlay):
            return None  # refused: this select is going
        super()._setup_options_renderables()
        return overlay

    def _setup_options_renderables(self) -> None:
        if self.query_children(SelectOverlay):
            super()._setup_options_renderables()

    def _watch_value(self, value) -> None:
        # A value is highlighted in the drop-down: it is made first.
        if value != self.NULL and self.is_mounted and self._overlay() is None:
            self._value = value  # a select being taken down: nothing to show
            return
        super()._watch_value(value)

    def _watch_expanded(self, expanded: bool) -> None:
        if expanded and self._overlay() is None:
            return
        super()._watch_expanded(expanded)

    def _watch_prompt(self, prompt: str) -> None:
        if self.is_mounted and self._overlay() is None:
            return
        super()._watch_prompt(prompt)

    def action_show_overlay(self) -> None:
        if self._overlay() is not None:
            super().action_show_overlay()
