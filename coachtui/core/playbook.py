"""A playbook: one scenario's content, validated strictly so a typo is an error, not a silence."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coachtui.core.breathing import PATTERNS
from coachtui.core.text import Line, Passage, Slug

SCHEMA_VERSION = 1

Channel = Literal["counter", "phone", "chat", "email", "travel", "retail", "any"]
Path = Literal["connect", "frictionless"]
# How a signal bends the walk: toward a path, or toward guidance that comes first.
Lean = Literal["connect", "frictionless", "deescalate", "vulnerable", "safety"]
MomentKind = Literal["surprise", "going-the-distance", "miracle", "selfless"]

LEAN_WORDS: dict[str, str] = {
    "connect": "leans connect",
    "frictionless": "leans frictionless",
    "deescalate": "de-escalate first",
    "vulnerable": "may be vulnerable",
    "safety": "safety: stop coaching",
}
MOMENT_WORDS: dict[str, str] = {
    "surprise": "Surprise",
    "going-the-distance": "Going the distance",
    "miracle": "Miracle",
    "selfless": "Selfless",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Breath(_Strict):
    pattern: str = Field("cyclic-sigh", description="One of: " + ", ".join(PATTERNS))
    cycles: int | None = Field(None, ge=1, le=12, description="Defaults to the pattern's own.")
    reset_cue: Passage = Field(description="A short physical reset said before the breath.")

    @field_validator("pattern")
    @classmethod
    def _known_pattern(cls, value: str) -> str:
        if value not in PATTERNS:
            raise ValueError(f"unknown breath pattern {value!r}; expected one of: {', '.join(PATTERNS)}")
        return value


class Greet(_Strict):
    cues: list[Line] = Field(min_length=1, max_length=6)
    openers: list[Line] = Field(min_length=1, max_length=6)


class Signal(_Strict):
    id: Slug
    label: Line
    lean: Lean


class Step(_Strict):
    title: Line
    detail: Passage


class Recovery(_Strict):
    framework: Line = Field(description="The framework's name, e.g. CARP.")
    attribution: Line
    steps: list[Step] = Field(min_length=2, max_length=8)


class Paths(_Strict):
    connect: list[Passage] = Field(min_length=1, max_length=8)
    frictionless: list[Passage] = Field(min_length=1, max_length=8)
    deescalate: list[Passage] = Field(default_factory=list, max_length=8)
    vulnerable: list[Passage] = Field(default_factory=list, max_length=8)


class Moment(_Strict):
    kind: MomentKind
    idea: Passage


class Playbook(_Strict):
    """One scenario, as loaded from a TOML file."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: Slug
    title: Line
    channel: Channel
    summary: Line
    seed: Passage = Field(description="The situation this scenario grew from.")
    usual_lean: Path = Field(description="The path recommended when the signals don't decide.")
    breath: Breath
    greet: Greet
    signals: list[Signal] = Field(min_length=1, max_length=16)
    recovery: Recovery
    paths: Paths
    moments: list[Moment] = Field(default_factory=list, max_length=8)
    reflection_prompts: list[Line] = Field(default_factory=list, max_length=4)

    @model_validator(mode="after")
    def _unique_signal_ids(self) -> Playbook:
        seen: set[str] = set()
        for signal in self.signals:
            if signal.id in seen:
                raise ValueError(f"two signals share the id {signal.id!r}; ids must be unique")
            seen.add(signal.id)
        return self

    def signal(self, signal_id: str) -> Signal:
        for signal in self.signals:
            if signal.id == signal_id:
                return signal
        raise KeyError(signal_id)
