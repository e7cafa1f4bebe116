"""Where to send people for help: a list an organisation fills in for its own area.

A scenario that points people to help (a customer in distress) carries the list in its
playbook, as `[[local_help]]` entries. coachtui cannot know the right places for every town,
so a bundled list starts empty and says so, in the walk and on the handout, until someone
who looks after coachtui at the workplace fills it in.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from coachtui.core.text import Line

LOCAL_HELP_HEADING = "Where to send people"
# Shown, in the walk and on the handout, while the list is empty.
EMPTY_TITLE = "Point them to help your workplace knows of"
EMPTY_DETAIL = ("No local list yet: ask your manager where to send people. Whoever looks "
                "after coachtui where you work can fill one in ([[local_help]] in this "
                "scenario's playbook file).")


class LocalHelp(BaseModel):
    """One place to send people: its name, how to reach it, and for whom or when."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    name: Line = Field(description="What the place or service is called.")
    how_to_reach: Line = Field(description="A phone number, an address, a desk, a web page.")
    when: Line | None = Field(None, description="Optional: for whom or when to send people "
                                                "there, e.g. 'after a bereavement'.")


def help_entries(entries: list[LocalHelp]) -> list[tuple[str, str]]:
    """The list as (title, detail) lines, or the one line saying it is still empty."""
    if not entries:
        return [(EMPTY_TITLE, EMPTY_DETAIL)]
    return [(entry.name, entry.how_to_reach + (f" ({entry.when})" if entry.when else ""))
            for entry in entries]


def help_lines(entries: list[LocalHelp]) -> list[str]:
    """The list as one line each, "name: how to reach (when)", for plain text."""
    return [f"{title}: {detail}" for title, detail in help_entries(entries)]
