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
__all__ = ["CUSTOMER_LEFT", "GOOD_MOMENTS", "Id", "MOMENT_TYPES", "MY_FEELINGS", "MY_GOOD_FEELINGS",
           "NOT_HARD", "OWN_WORDS", "REVIEW_FIELDS", "Reflection", "ReviewAnswers", "SeenSignal",
           "new_id", "parse_tags"]

SCHEMA_VERSION = 1

MAX_TAGS = 20
# The fields that hold the person's own words: out of sight for an entry marked sensitive,
# everywhere but the entry itself (the list, home, insights, stats, exports).
OWN_WORDS = ("opener", "what_happened", "went_well", "to_change", "next_time", "tags",
             "intended", "why_different", "ripple")
GOOD_MOMENTS = 7  # the first seven words of CUSTOMER_LEFT are the good ones
NOT_HARD = GOOD_MOMENTS + 1  # ...and the next is the neutral one: not a bad outcome
# How *you* feel after it: the words that mark a good moment and a hard one (seed 003),
# said of yourself. Naming a feeling calms it, so these are worth one key each.
MY_FEELINGS: tuple[str, ...] = ("caring", "respected", "understood", "patient", "calm",
                                "frustrated", "angry", "dominated", "ignored", "unfulfilled")
MY_GOOD_FEELINGS = 5  # the first five are the good ones
# The kind of moment, when one happened: the four that bring people back (seed 002), or a
# clean exchange with no friction (seed 004: for some customers, that is the right service).
MOMENT_TYPES: dict[str, str] = {
    "surprise": "a surprise: something they did not ask for",
    "going-the-distance": "going the distance: staying with it until it was fixed",
    "miracle": "a rule bent for them (a “miracle”)",
    "selfless": "selfless: help for someone who needed it",
    "frictionless": "frictionless: clean and quick, nothing in the way",
}


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
    # The after-action review's other questions, the feelings and the moment: all optional,
    # so entries written before they were asked still load as they are.
    intended: FreeText = ""  # what you meant to happen
    why_different: FreeText = ""  # why it went differently
    my_feelings: list[str] = Field(default_factory=list)  # MY_FEELINGS, as ticked
    moment: str = ""  # a key of MOMENT_TYPES, or "" (none); a string, so a hand edit still loads
    ripple: FreeText = ""  # who might hear about this moment, or retell it
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


class ReviewAnswers(BaseModel):
    """The reflection's questions beyond the brief ones, as a walk or quick reflection in
    progress holds them: plain strings without limits (the entry applies those)."""

    intended: str = ""
    why_different: str = ""
    my_feelings: list[str] = Field(default_factory=list)
    moment: str = ""
    ripple: str = ""

    def review(self) -> dict:
        """These answers, as the journal entry takes them."""
        return {name: list(value) if isinstance(value, list) else value
                for name in REVIEW_FIELDS for value in (getattr(self, name),)}


REVIEW_FIELDS: tuple[str, ...] = tuple(ReviewAnswers.model_fields)


def parse_tags(text: str) -> list[str]:
    """Tags as typed: separated by commas or spaces, an optional leading #."""
    return [part for part in text.replace(",", " ").split() if part.strip("#")]
