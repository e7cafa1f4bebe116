"""The themes coachtui offers: those whose every text and tick box is readable.

Textual ships many themes; in some of them our text is too faint to read (an orange key on a
white background is 1.5:1). tests/app/test_contrast.py renders the screens in every theme
offered here and checks each character against its background (WCAG: 4.5:1 for text, 3:1
for a tick box), so a theme is listed here only once it passes there.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = "coachtui-high-contrast"

# White on black, yellow keys: for a projector at the back of a room, or for anyone's eyes.
HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST, primary="#FFD700", secondary="#FFFFFF", accent="#FFD700",
    foreground="#FFFFFF", background="#000000", surface="#000000", panel="#1A1A1A",
    success="#7CFC00", warning="#FFD700", error="#FF6B6B", dark=True)

LIGHT = "coachtui-light"

# Textual's light theme with darker accents: its orange keys (1.5:1 on the light grey) and
# green ticks were too pale to read.
LIGHT_THEME = Theme(
    name=LIGHT, primary="#004578", secondary="#0158A0", accent="#8A4100",
    warning="#8A4100", error="#A3213F", success="#1D6B36", surface="#EBEBEB",
    panel="#DADADA", background="#F2F2F2", foreground="#1A1A1A", dark=False,
    variables={"footer-key-foreground": "#8A4100"})

# The ANSI themes are not here: they take the terminal's own colours, which cannot be checked.
OFFERED = (
    "textual-dark",
    LIGHT,
    HIGH_CONTRAST,
    "rose-pine",
)


def offer_themes(app) -> None:
    """Register coachtui's two themes and withdraw every theme not offered, so the
    palette's theme list (and a theme named in config.toml) can only be a readable one."""
    app.register_theme(HIGH_CONTRAST_THEME)
    app.register_theme(LIGHT_THEME)
    for name in list(app.available_themes):
        if name not in OFFERED:
            app.unregister_theme(name)

