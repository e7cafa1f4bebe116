"""A footer that is rebuilt only when the keys it shows change.

Textual's Footer throws its keys away and composes them again every time the screen's bindings
are refreshed: at each change of focus, each step of the walk, each tick of the breath. In the walk
that was about a tenth of every step change, and most of those rebuilds drew the same keys again.
This one notes what it drew and skips the rebuild when nothing it shows would differ.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's Footer, rebuilt only when what it would show has changed."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: tuple | None = None  # what the last rebuild showed; None: nothing yet

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
        if not self.is_attached:
            return
        shown = self.keys_shown()
        if shown == self._drawn:
            return  # the same keys, enabled the same way: the footer on screen is already right
        self._drawn = shown
        await super().recompose()
