"""A footer that is rebuilt only when the keys it shows change.

Textual's Footer throws its keys away and composes them again every time the screen's bindings
are refreshed: at each change of focus, each step of the walk, each tick of the breath. In the walk
that was about a tenth of every step change, and most of those rebuilds drew the same keys again.
This one notes what it drew and skips the rebuild when nothing it shows would differ, and a
screen that swaps a view can hold it while the keys are in between (the old view's focus gone, the
new one's not yet given), so a step change rebuilds it once, not twice.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's Footer, rebuilt only when what it would show has changed."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: tuple | None = None  # what the last rebuild showed; None: nothing yet
        self._held = False

    def hold(self) -> None:
        """Keep the keys on screen as they are until `release()`: the screen is between views."""
        self._held = True

    def release(self) -> None:
        """Show the keys as they are now (the new view is mounted and focused)."""
        self._held = False
        self.screen.refresh_bindings()  # Footer's own path to a rebuild, on its own pump

    def keys_shown(self) -> tuple:
        """Everything of the screen's bindings that the footer draws, in order: change any of
        it and the footer must be rebuilt."""
        app = self.app
        shown = [(self._bindings_ready, self.show_command_palette, app.ENABLE_COMMAND_PALETTE)]
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            group = (binding.group.description, binding.group.compact) if binding.group else None
            shown.append((binding.key, app.get_key_display(binding), binding.description,
                          binding.action, binding.show, enabled, tooltip, binding.tooltip, group))
        return tuple(shown)

    async def recompose(self) -> None:
        if not self.is_attached or self._held:
            return
        shown = self.keys_shown()
        if shown == self._drawn:
            return  # the same keys, enabled the same way: the footer on screen is already right
        self._drawn = shown
        await super().recompose()
