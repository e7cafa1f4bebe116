"""The journal record: what one walk (or one after-the-fact note) taught the person.

Unknown keys are kept, not dropped (extra="allow"), so a file written by a newer
coachtui survives being opened and re-saved by this one.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from coachtui.core.ids import ID_PATTERN, new_id
from coachtui.core.playbook import CUSTOMER_LEFT, Lean, Path
from coachtui.core.text import FreeText, ShortFreeText

# CUSTOMER_LEFT is defined with the playbook (an example uses it too); screens take it from here.
__all__ = ["CUSTOMER_LEFT", "GOOD_MOMENTS", "Id", "NOT_HARD", "OWN_WORDS", "Reflection", "SeenSignal",
           "new_id",
           "parse_tags"]

SCHEMA_VERSION = 1

MAX_TAGS = 20
# The fields that hold the person's own words: out of sight for an entry marked sensitive,
# everywhere but the entry itself (the list, home, insights, stats, exports).
OWN_WORDS = ("opener", "what_happened", "went_well", "to_change", "next_time", "tags")
GOOD_MOMENTS = 7  # the first seven words of CUSTOMER_LEFT are the good ones
NOT_HARD = GOOD_MOMENTS + 1  # ...and the next is the neutral one: not a bad outcome


def _as_utc(moment: datetime) -> datetime:
    # A hand-edited file may hold a local time without a zone: read it as UTC, so entries
    # can always be compared and sorted.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:  # 0001-01-01T00:00+01:00 is a moment before year 1 in UTC
        raise ValueError("is outside the calendar once turned into UTC") from None


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]
# A walk's or entry's id: it names files, so it can never be a path (see core.ids).
Id = Annotated[str, Field(pattern=ID_PATTERN)]


class SeenSignal(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    label: str
    lean: Lean


class Reflection(BaseModel):
    """One journal entry."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)

    schema_version: int = SCHEMA_VERSION
    id: Id = Field(default_factory=new_id)
    created: UtcDatetime  # when it happened: what the journal sorts and filters by
    written: UtcDatetime | None = None  # when it was written, if later (a back-dated entry)
    kind: Literal["walk", "quick"] = "walk"
    playbook_id: str = ""
    playbook_title: ShortFreeText = ""
    channel: str = ""
    stress_before: int | None = Field(None, ge=0, le=10)
    stress_after: int | None = Field(None, ge=0, le=10)
    breath_pattern: str = ""
    breath_completed: bool = False
    opener: ShortFreeText = ""
    signals: list[SeenSignal] = Field(default_factory=list)
    safety: bool = False  # a safety signal stopped the coaching: no path, no steps
    something_went_wrong: bool | None = None  # recovery steps were part of the walk
    recommended: Path | None = None
    recommendation_reason: ShortFreeText = ""
    decision: Path | None = None
    followed_recommendation: bool | None = None
    steps_done: list[str] = Field(default_factory=list)
    steps_open: list[str] = Field(default_factory=list)
    steps_skipped: list[str] = Field(default_factory=list)
    customer_left: list[str] = Field(default_factory=list)
    what_happened: FreeText = ""
    went_well: FreeText = ""
    to_change: FreeText = ""
    next_time: ShortFreeText = ""
    tags: list[str] = Field(default_factory=list)
    starred: bool = False
    sensitive: bool = False

    @field_validator("tags")
    @classmethod
    def _clean_tags(cls, tags: list[str]) -> list[str]:
        cleaned: list[str] = []
        for tag in tags:
            tag = tag.strip().lstrip("#").lower()
            if tag and tag not in cleaned:
                if len(tag) > 40:
                    raise ValueError(f"tag {tag[:20]!r}… is longer than 40 characters")
                cleaned.append(tag)
        if len(cleaned) > MAX_TAGS:
            raise ValueError(f"{len(cleaned)} tags; keep at most {MAX_TAGS}")
        return cleaned

    def without_own_words(self) -> Reflection:
        """This entry without the person's words; unknown keys (from a newer coachtui, or
        added by hand) go too, as they may hold words."""
        return Reflection.model_validate(
            self.model_dump(include=set(Reflection.model_fields) - set(OWN_WORDS)))


def parse_tags(text: str) -> list[str]:
    """Tags as typed: separated by commas or spaces, an optional leading #."""
    return [part for part in text.replace(",", " ").split() if part.strip("#")]
