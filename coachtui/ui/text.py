"""Turning untrusted text and stored times into something safe to show.

Everything a playbook or a person wrote is shown through `plain()`: it becomes
Content (never parsed as markup) with control and escape characters removed.
Every stored time is shown through `local()`.
"""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from coachtui.core.sanitize import strip_controls


def plain(text: str, style: str = "") -> Content:
    content = Content(strip_controls(text))
    return content.stylize(style) if style else content


def local(moment: datetime) -> datetime:
    """A stored (UTC) time in the local time zone, to show. A valid entry may be dated at the
    edge of the calendar (year 1, year 9999), where the local zone's offset leaves it: then
    it stays in UTC rather than crash the screen (astimezone raises OverflowError)."""
    try:
        return moment.astimezone()
    except (OverflowError, ValueError, OSError):
        return moment
