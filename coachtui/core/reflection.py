"""The journal record: what one walk (or one after-the-fact note) taught the person.

Unknown keys are kept, not dropped (extra="allow"), so a file written by a newer
coachtui survives being opened and re-saved by this one.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from coachtui.core.playbook import CUSTOMER_LEFT, Lean, Path
from coachtui.core.text import FreeText, ShortFreeText

# CUSTOMER_LEFT is defined with the playbook (an example uses it too); screens take it from here.
__all__ = ["CUSTOMER_LEFT", "GOOD_MOMENTS", "Reflection", "SeenSignal", "new_id", "parse_tags"]

SCHEMA_VERSION = 1

MAX_TAGS = 20
GOOD_MOMENTS = 7  # the first seven words of CUSTOMER_LEFT are the good ones


def _as_utc(moment: datetime) -> datetime:
    # A hand-edited file may hold a local time without a zone: read it as UTC, so entries
    # can always be compared and sorted.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]


def new_id() -> str:
    """A short random id: unique enough for one person's journal, never taken from their text."""
    return secrets.token_hex(4)


class SeenSignal(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    label: str
    lean: Lean


class Reflection(BaseModel):
    """One journal entry."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id, pattern=r"^[a-z0-9-]{1,40}$")
    created: UtcDatetime
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


def parse_tags(text: str) -> list[str]:
    """Tags as typed: separated by commas or spaces, an optional leading #."""
    return [part for part in text.replace(",", " ").split() if part.strip("#")]
