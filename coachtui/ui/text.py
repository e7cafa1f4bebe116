"""Turning untrusted text and stored times into something safe to show.

Everything a playbook or a person wrote is shown through `plain()`: it becomes
Content (never parsed as markup) with control and escape characters removed.
Every stored time is shown through `local()`.
"""

from __future__ import annotations

from textual.content import Content

from coachtui.core.dates import local
from coachtui.core.sanitize import strip_controls

__all__ = ["local", "plain"]  # local: screens take it from here (it lives in core.dates)


def plain(text: str, style: str = "") -> Content:
    content = Content(strip_controls(text))
    return content.stylize(style) if style else content
