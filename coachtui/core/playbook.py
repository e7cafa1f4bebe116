"""A playbook: one scenario's content, validated strictly so a typo is an error, not a silence.

This is the file as a person writes it. Its recovery steps come from a shared framework
(see framework.py), joined to it by `scenario.build` once every framework is loaded.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coachtui.core.breathing import PATTERNS
from coachtui.core.checks import LocatedValueError, did_you_mean, nearest, raise_all
from coachtui.core.framework import Step, check_steps
from coachtui.core.local_help import LocalHelp
from coachtui.core.text import Line, Passage, Slug

# 2: the three-part engine (weights, care, went-wrong, safety lines, kinds). A file that
# says 1, or nothing, was written for the first engine: it still loads and walks, and
# `playbooks validate` names the fields whose meaning changed (core/changes.py).
SCHEMA_VERSION = 2

# "review": a public, written review and the reply to it; "table": served at a table.
Channel = Literal["counter", "phone", "chat", "email", "review", "table", "travel", "retail",
                  "any"]
Path = Literal["connect", "frictionless"]
# How a signal bends the walk: toward a path, toward guidance that comes first, or (went-wrong)
# toward putting something right. "vulnerable" is the schema-1 name of "care": a need, not a label.
# "feeling" is what a walk about yourself asks: how you are, which counts toward no path.
Lean = Literal["connect", "frictionless", "deescalate", "care", "vulnerable", "communication",
               "went-wrong", "feeling", "safety"]
# Whom a walk is about: a customer in front of you (the default), or yourself after a hard moment.
WalkKind = Literal["customer", "self"]
MomentKind = Literal["surprise", "going-the-distance", "miracle", "selfless"]
# How the customer left: seven good moments, one neutral answer, then the hard ones. The
# neutral one is there because a limit rightly held can leave someone simply fine.
CustomerLeft = Literal["cared for", "respected", "understood", "served promptly", "trusting",
                       "calmer", "done, no fuss",
                       "fine, nothing special",
                       "frustrated", "angry", "ignored", "dominated", "unfulfilled"]
CUSTOMER_LEFT: tuple[str, ...] = get_args(CustomerLeft)

LEAN_WORDS: dict[str, str] = {
    "connect": "leans connect",
    "frictionless": "leans frictionless",
    "deescalate": "calm it first",
    "care": "needs care or time",
    "vulnerable": "needs care or time",
    "communication": "needs plain words",
    "went-wrong": "something went wrong",
    "feeling": "how you are",
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
    weight: int = Field(1, ge=1, le=3, description=(
        "How much a connect or frictionless signal counts: 1 a glance, 3 the customer's own "
        "words about how they want to be served."))
    went_wrong: bool = Field(False, description=(
        "Also means something went wrong for them (e.g. 'third time I've called'), so the "
        "recovery steps follow, whatever the lean."))

    @property
    def need(self) -> str:
        """The lean with its schema-1 name read as today's ("vulnerable" is "care")."""
        return "care" if self.lean == "vulnerable" else self.lean


class Recovery(_Strict):
    """Which shared framework puts things right here, said in this scenario's own words."""

    framework: Slug = Field(description="The id of a framework, e.g. 'heard' or 'carp'.")
    detail: dict[Slug, Passage] = Field(
        default_factory=dict,
        description="Optional: a step's advice in this scenario's words, by step id.")
    add: list[Step] = Field(
        default_factory=list, max_length=6,
        description="Optional: steps this scenario adds, each placed after a named step.")
    fast_fix: list[Slug] = Field(
        default_factory=list, max_length=12,
        description="Optional: the step ids that make the fast fix, shown on the frictionless "
                    "path when something went wrong (default: every step).")
    skippable: dict[Slug, Line] = Field(
        default_factory=dict,
        description="Optional: steps a person may skip with one key, by step id, with when "
                    "to skip them (e.g. reframe = 'Skip this if you were treated badly.').")

    @model_validator(mode="after")
    def _checks(self) -> Recovery:
        check_steps(self.add, ("add",), allow_after=True)
        return self


class Paths(_Strict):
    connect: list[Passage] = Field(default_factory=list, max_length=8,
                                   description="Required for a walk about a customer.")
    frictionless: list[Passage] = Field(default_factory=list, max_length=8,
                                        description="Required for a walk about a customer.")
    deescalate: list[Passage] = Field(default_factory=list, max_length=8)
    care: list[Passage] = Field(default_factory=list, max_length=8,
                                description="Care and time, added to either path.")
    vulnerable: list[Passage] = Field(default_factory=list, max_length=8,
                                      description="Schema-1 name of 'care'; write 'care'.")
    communication: list[Passage] = Field(
        default_factory=list, max_length=8,
        description="Making yourself understood (default: coachtui's own lines).")
    safety: list[Passage] = Field(
        default_factory=list, max_length=6,
        description="This scenario's own safety lines, shown before coachtui's defaults.")
    safety_defaults: bool = Field(True, description=(
        "False when coachtui's default safety lines (distance, the way out, security) do not "
        "fit this scenario's safety signals, such as a medical emergency or someone at risk "
        "of harming themselves; the scenario's own safety lines are then the whole card."))

    @model_validator(mode="after")
    def _own_safety_lines(self) -> Paths:
        if not self.safety_defaults and not self.safety:
            raise LocatedValueError(("safety",), "without coachtui's defaults "
                                    "(safety_defaults = false) the safety card needs lines here")
        return self

    @property
    def care_lines(self) -> list[str]:
        return list(self.care or self.vulnerable)


class Moment(_Strict):
    kind: MomentKind
    idea: Passage


class Example(_Strict):
    """A scripted walk through the scenario: what demo mode plays and the tests replay."""

    stress_before: int = Field(ge=0, le=10)
    opener: Line | None = Field(None, description="Default: the first opener.")
    signals: list[Slug] = Field(default_factory=list, max_length=16,
                                description="Signal ids ticked on the Read step.")
    went_wrong: bool | None = Field(None, description="The answer to 'did something go wrong "
                                                      "for them?' on Read (default: unanswered).")
    decision: Path | None = Field(None, description="Required for a walk about a customer.")
    steps_done: list[Slug] = Field(
        default_factory=list, max_length=30,
        description="Act items ticked: recovery step ids, or moves such as 'connect-2'.")
    customer_left: list[CustomerLeft] = Field(default_factory=list, max_length=12)
    stress_after: int = Field(ge=0, le=10)
    what_happened: Passage
    went_well: Passage
    to_change: Passage
    next_time: Line
    tags: list[Slug] = Field(default_factory=list, max_length=6)


class Playbook(_Strict):
    """One scenario, as loaded from a TOML file."""

    schema_version: Literal[1, 2] = Field(1, description=(
        "2 for the three-part engine; 1 (the default) for a playbook written before it."))
    id: Slug
    kind: WalkKind = Field("customer", description=(
        "'customer' (the default): coaching for a moment with a customer. 'self': a walk about "
        "you, with no path to decide; its recovery steps are its Act step."))
    title: Line
    channel: Channel
    summary: Line
    seed: Passage = Field(description="The situation this scenario grew from.")
    usual_lean: Path | None = Field(None, description=(
        "The path recommended when the signals don't decide. Required for a walk about a "
        "customer; a walk about yourself has no path."))
    something_went_wrong: bool = Field(False, description=(
        "True when the scenario starts from something gone wrong for the customer: the Read "
        "step's 'did something go wrong?' then starts at yes."))
    breath: Breath
    greet: Greet
    signals: list[Signal] = Field(min_length=1, max_length=16)
    recovery: Recovery
    paths: Paths
    moments: list[Moment] = Field(default_factory=list, max_length=8)
    reflection_prompts: list[Line] = Field(default_factory=list, max_length=4)
    local_help: list[LocalHelp] | None = Field(None, max_length=12, description=(
        "Where to send people for help, filled in by your organisation: shown with the care "
        "lines and on the safety card. Leave it out when the scenario sends no one anywhere; "
        "`local_help = []` shows a line asking for the list to be filled in."))
    example: Example | None = None

    @model_validator(mode="after")
    def _signal_ids(self) -> Playbook:
        problems: list[LocatedValueError] = []  # every one, so a single run names them all
        seen: dict[str, int] = {}
        for index, signal in enumerate(self.signals):
            if signal.id in seen:
                problems.append(LocatedValueError(
                    ("signals", index, "id"),
                    f"{signal.id!r} is already the id of signals[{seen[signal.id]}]; "
                    "ids must be unique"))
            else:
                seen[signal.id] = index
        if self.kind == "customer":
            if self.usual_lean is None:
                problems.append(LocatedValueError(("usual_lean",), "required, but missing"))
            for index, signal in enumerate(self.signals):
                if signal.lean == "feeling":
                    problems.append(LocatedValueError(
                        ("signals", index, "lean"),
                        "'feeling' is for a walk about yourself (kind = 'self')"))
            for path in ("connect", "frictionless"):
                if not getattr(self.paths, path):
                    problems.append(LocatedValueError(
                        ("paths", path), "a walk about a customer needs at least one line here"))
            if self.example is not None and self.example.decision is None:
                problems.append(LocatedValueError(
                    ("example", "decision"),
                    "a walk about a customer needs the example's decision"))
        for index, ticked in enumerate(self.example.signals if self.example else []):
            if ticked not in seen:
                problems.append(LocatedValueError(
                    ("example", "signals", index),
                    f"no signal {ticked!r} in this playbook" + did_you_mean(ticked, seen),
                    suggestion=nearest(ticked, seen)))
        raise_all(problems)
        return self

    def signal(self, signal_id: str) -> Signal:
        for signal in self.signals:
            if signal.id == signal_id:
                return signal
        raise KeyError(signal_id)
