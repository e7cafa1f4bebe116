"""The footer of keys: one line of text, drawn again only when the keys it shows change.

Textual's Footer is a row of widgets, one per key, thrown away and composed again each time
the screen's bindings change: at every step of the walk (each step has keys of its own), and
with each mounted key styled and laid out, that was a tenth to a quarter of a step change and
part of every screen's first paint. Here the keys are spans of one line: a change of keys is
a repaint of that line, and nothing is mounted. It looks and answers as Textual's does: the
key in bold, its description after it, a key that does nothing now dimmed, the command
palette's key on the right, and a click on a key pressing it.

A screen that swaps a view can hold the footer while the keys are in between (the old view's
focus gone, the new one's not yet given), so a step change draws it once, with the new keys.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

KEY = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION = "$footer-description-foreground on $footer-description-background"
RULE = "$foreground 20%"  # the thin line before the palette's key, as Textual's Footer draws it


class KeysFooter(Widget):
    """The keys of the screen's bindings that are shown, on one line at the bottom."""

    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """
    ALLOW_SELECT = False

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self._held = False
        self._ready = False  # the screen has said what its bindings are at least once
        self._drawn: tuple | None = None  # the keys of the last line drawn, and the width
        self._line = Content("")
        self._spans: list[tuple[int, int, str, bool]] = []  # (from, to, key, enabled) cells
        self._hovered: str | None = None  # the key under the mouse, drawn highlighted

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen) -> None:
        self._ready = True
        if not self._held:
            self.refresh()  # one repaint a frame, however many changes came meanwhile

    def hold(self) -> None:
        """Keep the keys on screen as they are until `release()`: the screen is between views."""
        self._held = True

    def release(self) -> None:
        """Show the keys as they are now (the new view is mounted and focused)."""
        self._held = False
        self.refresh()

    def keys_shown(self, active: dict | None = None) -> list[tuple[str, str, str, bool]]:
        """(key, how it is shown, description, enabled) of each key on the line, in order:
        the first binding of each action that is shown, as Textual's Footer picks them.
        `active`: the screen's active bindings, when the caller has them already (Textual
        builds that mapping anew at each read)."""
        if not self._ready:
            return []
        app = self.app
        actions: set[str] = set()
        shown = []
        if active is None:
            active = self.screen.active_bindings
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                shown.append((binding.key, app.get_key_display(binding), binding.description,
                              enabled))
        return shown

    def _palette_key(self, active: dict) -> tuple[str, str, str, bool] | None:
        if not (self._ready and self.app.ENABLE_COMMAND_PALETTE):
            return None
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is None:
            return None
        _node, binding, enabled, _tooltip = palette
        return binding.key, self.app.get_key_display(binding), binding.description, enabled

    def render(self) -> Content:
        if self._held and self._drawn is not None:
            return self._line  # repainted between views: the keys as they were
        active = self.screen.active_bindings if self._ready else {}
        keys, palette = self.keys_shown(active), self._palette_key(active)
        drawn = (tuple(keys), palette, self.size.width, self._hovered)
        if drawn != self._drawn:
            self._drawn = drawn
            self._line = self._draw(keys, palette, self.size.width)
        return self._line

    def _draw(self, keys, palette, width: int) -> Content:
        """The line, noting where each key lies on it (for the mouse)."""
        parts: list[Content] = []
        self._spans = spans = []
        at = 0
        for key, display, description, enabled in keys:
            part = self._key(key, f" {display} ", f"{description} ", enabled)
            spans.append((at, at + part.cell_length, key, enabled))
            at += part.cell_length
            parts.append(part)
        if palette is not None:
            key, display, description, enabled = palette
            part = self._key(key, display, f" {description}", enabled)
            gap = width - at - 1 - part.cell_length - 1
            if gap >= 0:  # the palette's key only where it covers no other
                start = at + gap + 1
                spans.append((start, start + part.cell_length, key, enabled))
                parts += [Content(" " * gap), Content.styled("▏", RULE), part, Content(" ")]
        return Content.assemble(*parts)

    def _key(self, key: str, display: str, description: str, enabled: bool) -> Content:
        dim = "" if enabled else " dim"
        hover = " on $block-hover-background" if key == self._hovered else ""
        return Content.assemble((display, KEY + dim + hover),
                                (description, DESCRIPTION + dim + hover))

    def _key_at(self, x: int) -> tuple[str, bool] | None:
        for start, end, key, enabled in self._spans:
            if start <= x < end:
                return key, enabled
        return None

    def on_click(self, event: events.Click) -> None:
        """A click on a key does what the key does (a bell for one that does nothing now)."""
        found = self._key_at(event.x)
        if found is None:
            return
        key, enabled = found
        if enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        found = self._key_at(event.x)
        self._hover(found[0] if found else None)

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, key: str | None) -> None:
        if key != self._hovered:
            self._hovered = key
            self.refresh()
