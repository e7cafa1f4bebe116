"""The Walk: every answer of one coaching walk, and the rules for what comes next.

Screens only read a Walk and send answers into it. Its answers are a plain pydantic
model (`WalkAnswers`) so a walk in progress can be saved as a draft and resumed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from coachtui.core.breathing import BreathPlan, plan_for
from coachtui.core.playbook import Path, Playbook, Signal
from coachtui.core.reflection import Id, Reflection, SeenSignal, UtcDatetime, new_id
from coachtui.core.scenario import Scenario

StepName = Literal["pause", "greet", "read", "decide", "act", "reflect"]
STEPS: tuple[StepName, ...] = ("pause", "greet", "read", "decide", "act", "reflect")
STEP_TITLES: dict[StepName, str] = {
    "pause": "Pause",
    "greet": "Greet",
    "read": "Read",
    "decide": "Decide",
    "act": "Act",
    "reflect": "Reflect",
}
PATH_WORDS: dict[Path, str] = {"connect": "Connect", "frictionless": "Stay frictionless"}


class WalkAnswers(BaseModel):
    """Everything the person has answered so far; this is what a draft holds."""

    walk_id: Id = Field(default_factory=new_id)
    playbook_id: str
    started: UtcDatetime
    step: StepName = "pause"
    stress_before: int | None = Field(None, ge=0, le=10)
    breath_completed: bool = False
    opener: str = ""
    signals: list[str] = Field(default_factory=list)
    decision: Path | None = None
    items_done: list[str] = Field(default_factory=list)
    customer_left: list[str] = Field(default_factory=list)
    stress_after: int | None = Field(None, ge=0, le=10)
    what_happened: str = ""
    went_well: str = ""
    to_change: str = ""
    next_time: str = ""
    tags: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Recommendation:
    """Which path the signals point to, the signals that drove it, and the rule in words."""

    path: Path
    reasons: tuple[Signal, ...]
    rule: str
    deescalate: tuple[Signal, ...] = ()
    vulnerable: tuple[Signal, ...] = ()
    safety: tuple[Signal, ...] = ()


@dataclass(frozen=True)
class ActItem:
    """One line of the Act checklist."""

    id: str
    group: str
    title: str
    detail: str = ""


def recommend(playbook: Playbook, ticked: list[str]) -> Recommendation:
    """The recommendation rule, in order:

    1. Any sign the customer may be vulnerable: connect (they need care more than speed).
    2. Otherwise count: connect-leaning plus de-escalate signals (an upset customer needs
       to be heard) against frictionless-leaning ones; the larger side wins.
    3. A tie, or no signals at all: the scenario's usual path.
    De-escalation and safety signals also add guidance that comes before either path.
    """
    signals = [s for s in playbook.signals if s.id in ticked]
    by_lean = {lean: tuple(s for s in signals if s.lean == lean)
               for lean in ("connect", "frictionless", "deescalate", "vulnerable", "safety")}
    extras = dict(deescalate=by_lean["deescalate"], vulnerable=by_lean["vulnerable"],
                  safety=by_lean["safety"])
    if by_lean["vulnerable"]:
        return Recommendation("connect", by_lean["vulnerable"],
                              "A customer who may be vulnerable needs care more than speed.",
                              **extras)
    toward_connect = by_lean["connect"] + by_lean["deescalate"]
    toward_frictionless = by_lean["frictionless"]
    usual = PATH_WORDS[playbook.usual_lean].lower()
    if len(toward_connect) > len(toward_frictionless):
        return Recommendation("connect", toward_connect,
                              f"{_count(toward_connect)} toward connecting, "
                              f"{_count(toward_frictionless)} toward keeping it quick.", **extras)
    if len(toward_frictionless) > len(toward_connect):
        return Recommendation("frictionless", toward_frictionless,
                              f"{_count(toward_frictionless)} toward keeping it quick, "
                              f"{_count(toward_connect)} toward connecting.", **extras)
    if not signals or not (toward_connect or toward_frictionless):
        rule = f"No signals point either way, so this scenario's usual path: {usual}."
    else:
        rule = (f"The signals are even ({len(toward_connect)} each way), "
                f"so this scenario's usual path: {usual}.")
    return Recommendation(playbook.usual_lean, toward_connect + toward_frictionless, rule, **extras)


def _count(signals: tuple[Signal, ...]) -> str:
    return f"{len(signals)} signal{'s' if len(signals) != 1 else ''}"


class Walk:
    """One coaching walk through one scenario."""

    def __init__(self, scenario: Scenario, answers: WalkAnswers) -> None:
        self.scenario = scenario
        self.answers = answers

    @classmethod
    def start(cls, scenario: Scenario, now: datetime) -> Walk:
        return cls(scenario, WalkAnswers(playbook_id=scenario.id, started=now))

    @property
    def playbook(self) -> Playbook:
        return self.scenario.playbook

    # -- where we are -------------------------------------------------------
    @property
    def step(self) -> StepName:
        return self.answers.step

    @property
    def step_number(self) -> int:
        return STEPS.index(self.step) + 1

    def advance(self) -> StepName:
        index = STEPS.index(self.step)
        if index + 1 < len(STEPS):
            self.answers.step = STEPS[index + 1]
        return self.answers.step

    def back(self) -> StepName:
        index = STEPS.index(self.step)
        if index > 0:
            self.answers.step = STEPS[index - 1]
        return self.answers.step

    @property
    def is_blank(self) -> bool:
        """Nothing answered yet: started, then left before rating or breathing."""
        a = self.answers
        return a.step == "pause" and a.stress_before is None and not a.breath_completed

    @property
    def breath_plan(self) -> BreathPlan:
        return plan_for(self.playbook.breath.pattern, self.playbook.breath.cycles)

    # -- answers ---------------------------------------------------------------
    def toggle_signal(self, signal_id: str) -> None:
        self.playbook.signal(signal_id)  # raises KeyError for an unknown id
        ticked = self.answers.signals
        if signal_id in ticked:
            ticked.remove(signal_id)
        else:
            ticked.append(signal_id)

    def toggle_item(self, item_id: str) -> None:
        done = self.answers.items_done
        if item_id in done:
            done.remove(item_id)
        else:
            done.append(item_id)

    @property
    def recommendation(self) -> Recommendation:
        return recommend(self.playbook, self.answers.signals)

    @property
    def path(self) -> Path:
        """The chosen path, or the recommended one before the person has chosen."""
        return self.answers.decision or self.recommendation.path

    def act_items(self) -> list[ActItem]:
        """The Act checklist for the chosen path, guidance that must come first at the top.

        Recovery steps are known by their own ids ("hear"); moves by path and number ("connect-2").
        """
        book, rec = self.playbook, self.recommendation
        items: list[ActItem] = []
        if rec.deescalate:
            items += [ActItem(f"deescalate-{i}", "De-escalate first", text)
                      for i, text in enumerate(book.paths.deescalate, 1)]
        if rec.vulnerable:
            items += [ActItem(f"vulnerable-{i}", "Care and dignity", text)
                      for i, text in enumerate(book.paths.vulnerable, 1)]
        if self.path == "connect":
            items += [ActItem(step.id, f"Put it right ({self.scenario.framework.name})",
                              step.title, step.detail)
                      for step in self.scenario.steps]
            items += [ActItem(f"connect-{i}", "Connect", text)
                      for i, text in enumerate(book.paths.connect, 1)]
        else:
            items += [ActItem(f"frictionless-{i}", "No added effort", text)
                      for i, text in enumerate(book.paths.frictionless, 1)]
        return items

    # -- the end -----------------------------------------------------------------
    def to_reflection(self, now: datetime) -> Reflection:
        """The journal entry this walk becomes."""
        a, rec = self.answers, self.recommendation
        items = self.act_items()
        title_of = {item.id: item.title for item in items}
        return Reflection(
            id=a.walk_id,
            created=now,
            kind="walk",
            playbook_id=self.playbook.id,
            playbook_title=self.playbook.title,
            channel=self.playbook.channel,
            stress_before=a.stress_before,
            stress_after=a.stress_after,
            breath_pattern=self.playbook.breath.pattern,
            breath_completed=a.breath_completed,
            opener=a.opener,
            signals=[SeenSignal(id=s.id, label=s.label, lean=s.lean)
                     for s in self.playbook.signals if s.id in a.signals],
            recommended=rec.path,
            recommendation_reason=rec.rule,
            decision=self.path,
            followed_recommendation=self.path == rec.path,
            steps_done=[title_of[i.id] for i in items if i.id in a.items_done],
            steps_open=[title_of[i.id] for i in items if i.id not in a.items_done],
            customer_left=list(a.customer_left),
            what_happened=a.what_happened,
            went_well=a.went_well,
            to_change=a.to_change,
            next_time=a.next_time,
            tags=list(a.tags),
        )
