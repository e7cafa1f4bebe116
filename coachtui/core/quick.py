"""A quick reflection: logging an interaction after the fact, without the live walk.

`QuickAnswers` is what a quick reflection in progress holds (and what its draft saves):
plain strings without limits, like the walk's answers, so an over-long answer can still be
kept as a draft; the limits apply when it becomes a journal entry.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Literal, get_args

from pydantic import Field

from coachtui.core.dates import parse_moment
from coachtui.core.playbook import Channel, Path, Playbook
from coachtui.core.reflection import Id, Reflection, ReviewAnswers, SeenSignal, UtcDatetime, new_id

# A playbook's channels ("any" means none in particular), and "other" for the rest.
CHANNELS = (*(channel for channel in get_args(Channel) if channel != "any"), "other")

# Deliberately loose: a nudge to think before keeping someone's details, never a block.
# Checked while the person types, so each pattern is linear in the text: an address is
# tried only from the start of a run of its characters, whose run is taken whole (`++`,
# no backtracking), and a phone number is at most 26 characters long (E.164 allows 15
# digits). A looser `[\w.+-]+@` tried from every letter of a long word: quadratic, and a
# 4,000-character answer took seconds a keystroke.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++\.[\w.-]")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d ()./-]{6,24}\d(?!\w)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}")


class QuickAnswers(ReviewAnswers):
    kind: Literal["quick"] = "quick"  # tells a quick draft from a walk's
    walk_id: Id = Field(default_factory=new_id)  # the draft's (and the entry's) id
    started: UtcDatetime
    playbook_id: str = ""
    channel: str = ""
    signals: list[str] = Field(default_factory=list)
    decision: Path | None = None
    customer_left: list[str] = Field(default_factory=list)
    stress_before: int | None = Field(None, ge=0, le=10)
    stress_after: int | None = Field(None, ge=0, le=10)
    # When it happened, as typed ("yesterday 17:30", "3d"; '' is when it is saved), read in
    # the person's local time when saved: kept as words so a draft keeps even a typo.
    when: str = ""
    what_happened: str = ""
    went_well: str = ""
    to_change: str = ""
    next_time: str = ""
    tags: list[str] = Field(default_factory=list)
    starred: bool = False
    sensitive: bool = False

    @property
    def is_blank(self) -> bool:
        return self == QuickAnswers(walk_id=self.walk_id, started=self.started)

    def happened_at(self, now: datetime) -> datetime:
        """When it happened: `when` read in the local time zone, or `now` without one;
        NotADate (one sentence) if the words are not a time that has been."""
        if not self.when.strip():
            return now
        return parse_moment(self.when, now, utc=False).astimezone(timezone.utc)

    def to_reflection(self, playbook: Playbook | None, now: datetime) -> Reflection:
        """The journal entry (validated: an over-long answer raises ValidationError, a
        `when` that is not a time NotADate). A back-dated entry keeps when it was written."""
        happened = self.happened_at(now)
        signals = [SeenSignal(id=s.id, label=s.label, lean=s.lean)
                   for s in (playbook.signals if playbook else ()) if s.id in self.signals]
        return Reflection(
            id=self.walk_id, created=happened, kind="quick",
            written=now if happened != now else None,
            playbook_id=playbook.id if playbook else "",
            playbook_title=playbook.title if playbook else "",
            channel=self.channel or (playbook.channel if playbook else ""),
            stress_before=self.stress_before, stress_after=self.stress_after,
            signals=signals, decision=self.decision, customer_left=list(self.customer_left),
            what_happened=self.what_happened, went_well=self.went_well,
            to_change=self.to_change, next_time=self.next_time, tags=list(self.tags),
            starred=self.starred, sensitive=self.sensitive, **self.review())


def personal_note(kind: str) -> str:
    """What to say about an answer that `looks_personal` finds `kind` in: a nudge."""
    return (f"That looks like {kind}. Your journal stays on this machine, "
            "but you may not want to keep someone's details in it.")


def looks_personal(text: str) -> str:
    """'an email address' or 'a phone number' if the text seems to hold one, else ''."""
    if _EMAIL.search(text):
        return "an email address"
    for found in _PHONE.finditer(text):
        digits = sum(char.isdigit() for char in found.group())
        if digits >= 8 and not _DATE.fullmatch(found.group()):
            return "a phone number"
    return ""
