"""The Walk: every answer of one coaching walk, and the rules for what comes next.

Screens only read a Walk and send answers into it. Its answers are a plain pydantic
model (`WalkAnswers`) so a walk in progress can be saved as a draft and resumed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field, PrivateAttr

from coachtui.core.breathing import BreathPlan, now_plan, plan_for, plan_lasting
from coachtui.core.decision import (
    COMMUNICATION_DEFAULTS,
    SAFETY_DEFAULTS,
    Decision,
    asks_went_wrong,
    decide,
)
from coachtui.core.local_help import LOCAL_HELP_HEADING, help_entries, help_lines
from coachtui.core.playbook import Path, Playbook
from coachtui.core.reflection import (REVIEW_FIELDS, Id, Reflection, ReviewAnswers, SeenSignal,
                                      UtcDatetime, new_id)
from coachtui.core.scenario import Scenario

ItemMark = Literal["done", "skipped"]
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
ResetMode = Literal["now", "deeper"]
SAFETY_TITLE = "Safety"  # the Decide step's title when it shows the safety card
ANSWERS_SCHEMA = 1


class AnswersAreWrittenByTheWalk(AttributeError):
    """An answer was assigned from outside the Walk's intent methods."""


class WalkAnswers(ReviewAnswers):
    """Everything the person has answered so far; this is what a draft holds.

    Every assignment is validated, and only the Walk's intent methods may assign (they
    unlock the answers while they write): a screen that set `walk.answers.decision` itself
    would decide on the way, and the rules would drift back into the views. Keys this
    version does not know (a draft from a newer coachtui) are kept, not dropped.
    """

    model_config = ConfigDict(validate_assignment=True, extra="allow")

    schema_version: int = ANSWERS_SCHEMA
    walk_id: Id = Field(default_factory=new_id)
    playbook_id: str
    started: UtcDatetime
    step: StepName = "pause"
    reset: ResetMode | None = None  # the Pause step's reset; None: the walk's usual one
    stress_before: int | None = Field(None, ge=0, le=10)
    breath_completed: bool = False
    opener: str = ""
    signals: list[str] = Field(default_factory=list)
    went_wrong: bool | None = None  # "did something go wrong for them?", unanswered: None
    decision: Path | None = None
    items_done: list[str] = Field(default_factory=list)
    items_skipped: list[str] = Field(default_factory=list)
    customer_left: list[str] = Field(default_factory=list)
    stress_after: int | None = Field(None, ge=0, le=10)
    what_happened: str = ""
    went_well: str = ""
    to_change: str = ""
    next_time: str = ""
    tags: list[str] = Field(default_factory=list)

    _unlocked: bool = PrivateAttr(default=False)

    def __setattr__(self, name: str, value) -> None:
        if not name.startswith("_") and not self._unlocked:
            raise AnswersAreWrittenByTheWalk(
                f"answers.{name} is written by the Walk's methods, not assigned directly")
        super().__setattr__(name, value)

    @contextmanager
    def unlocked(self) -> Iterator[WalkAnswers]:
        """Let the Walk write; locked again afterwards, even after a validation error."""
        self._unlocked = True
        try:
            yield self
        finally:
            self._unlocked = False


@dataclass(frozen=True)
class ActItem:
    """One line of the Act checklist."""

    id: str
    group: str
    title: str
    detail: str = ""
    skip_note: str = ""  # when to skip this one (e.g. after abuse), said beside it


class Walk:
    """One coaching walk through one scenario.

    Every answer is written by one of the intent methods below (rate_before, set_signals,
    decide, …); screens read the walk and call them, and never write an answer themselves.
    """

    def __init__(self, scenario: Scenario, answers: WalkAnswers) -> None:
        self.scenario = scenario
        self.answers = answers

    @classmethod
    def start(cls, scenario: Scenario, now: datetime, reset: ResetMode | None = None) -> Walk:
        return cls(scenario, WalkAnswers(playbook_id=scenario.id, started=now, reset=reset))

    @property
    def playbook(self) -> Playbook:
        return self.scenario.playbook

    @property
    def about_self(self) -> bool:
        """A walk about the person walking (After the storm), not about a customer."""
        return self.playbook.kind == "self"

    # -- where we are -------------------------------------------------------
    @property
    def steps(self) -> tuple[StepName, ...]:
        """The steps this walk goes through: a safety stop leaves out Act (the Decide step
        becomes the safety card); a walk about yourself has nothing to decide."""
        if self.decision.safety:
            return tuple(s for s in STEPS if s != "act")
        if self.about_self:
            return tuple(s for s in STEPS if s != "decide")
        return STEPS

    def step_title(self, name: StepName) -> str:
        return SAFETY_TITLE if name == "decide" and self.decision.safety else STEP_TITLES[name]

    @property
    def step(self) -> StepName:
        return self.answers.step

    @property
    def step_number(self) -> int:
        steps = self.steps
        return steps.index(self.step) + 1 if self.step in steps else STEPS.index(self.step) + 1

    def advance(self) -> StepName:
        later = [s for s in self.steps if STEPS.index(s) > STEPS.index(self.step)]
        if later:
            self._write(step=later[0])
        return self.answers.step

    def back(self) -> StepName:
        earlier = [s for s in self.steps if STEPS.index(s) < STEPS.index(self.step)]
        if earlier:
            self._write(step=earlier[-1])
        return self.answers.step

    @property
    def is_blank(self) -> bool:
        """Nothing answered yet: started, then left before rating or breathing (every
        answer still as it began; a key this version does not know counts as an answer)."""
        a = self.answers
        fresh = WalkAnswers(walk_id=a.walk_id, playbook_id=a.playbook_id, started=a.started)
        return a.model_dump() == fresh.model_dump()

    @property
    def breath_plan(self) -> BreathPlan:
        """The scenario's own breath: its pattern at its own length."""
        return plan_for(self.playbook.breath.pattern, self.playbook.breath.cycles)

    @property
    def reset(self) -> ResetMode:
        """Now (a breath or so, while someone waits) unless asked for the deeper reset; a
        walk about yourself has no one waiting, so it takes the deeper one."""
        return self.answers.reset or ("deeper" if self.about_self else "now")

    def reset_plan(self, deeper_seconds: float = 0) -> BreathPlan:
        """The breath of this walk's reset: the Now breath, or the scenario's pattern for
        about `deeper_seconds` (0: for the scenario's own length)."""
        if self.reset == "now":
            return now_plan()
        if deeper_seconds > 0:
            return plan_lasting(self.playbook.breath.pattern, deeper_seconds)
        return self.breath_plan

    # -- answers: the only writers ---------------------------------------------------
    def _write(self, **changes) -> None:
        """The one place answers change: each value validated as it is assigned."""
        with self.answers.unlocked():
            for field, value in changes.items():
                setattr(self.answers, field, value)

    def go_deeper(self) -> None:
        """Take the deeper reset instead of the Now one."""
        self._write(reset="deeper")

    def rate_before(self, value: int | None) -> None:
        self._write(stress_before=value)

    def finish_breath(self) -> None:
        self._write(breath_completed=True)

    def choose_opener(self, typed: str, marked: int | None) -> None:
        """What was said: the typed words if any (they beat a marked opener), else the
        opener marked by its position, else nothing."""
        openers = self.playbook.greet.openers
        typed = typed.strip()
        marked_text = openers[marked] if marked is not None and 0 <= marked < len(openers) else ""
        self._write(opener=typed or marked_text)

    def set_signals(self, signal_ids: list[str] | set[str]) -> None:
        """The signals seen, in the playbook's order whatever order they were ticked in;
        unknown ids are dropped."""
        wanted = set(signal_ids)
        self._write(signals=[s.id for s in self.playbook.signals if s.id in wanted])

    def toggle_signal(self, signal_id: str) -> None:
        self.playbook.signal(signal_id)  # raises KeyError for an unknown id
        ticked = set(self.answers.signals) ^ {signal_id}
        self.set_signals(ticked)

    def answer_went_wrong(self, value: bool | None) -> None:
        """The answer to "did something go wrong for them?" (None: not answered)."""
        self._write(went_wrong=value)

    def decide(self, path: Path | None = None) -> None:
        """Choose a path; None takes the suggestion. After a safety stop there is none."""
        suggested = self.decision.register.path
        self._write(decision=None if suggested is None else (path or suggested))

    def set_items_done(self, item_ids: list[str] | set[str]) -> None:
        """The Act items done, in the checklist's order; ids not on it are dropped."""
        wanted = set(item_ids)
        self._write(items_done=[i.id for i in self.act_items() if i.id in wanted])

    def toggle_item(self, item_id: str) -> None:
        self.set_items_done(set(self.answers.items_done) ^ {item_id})

    def mark_item(self, item_id: str, mark: ItemMark | None) -> None:
        """Mark one Act item done or skipped, or neither (open); an id not on the Act step
        is ignored. Both lists keep the Act step's order."""
        order = [i.id for i in self.act_items()]
        if item_id not in order:
            return
        done = set(self.answers.items_done) - {item_id}
        skipped = set(self.answers.items_skipped) - {item_id}
        (done if mark == "done" else skipped if mark == "skipped" else set()).add(item_id)
        self._write(items_done=[i for i in order if i in done],
                    items_skipped=[i for i in order if i in skipped])

    def item_mark(self, item_id: str) -> ItemMark | None:
        """How an Act item is marked: done, skipped, or None (still open)."""
        if item_id in self.answers.items_done:
            return "done"
        return "skipped" if item_id in self.answers.items_skipped else None

    @property
    def act_resume_index(self) -> int:
        """Where the Act step opens: just after the last item marked done or skipped (the
        first item when none is), so coming back, or resuming a draft, goes on from there."""
        marked = [index for index, item in enumerate(self.act_items())
                  if self.item_mark(item.id) is not None]
        return marked[-1] + 1 if marked else 0

    def reflect(self, **answers) -> None:
        """Fill the reflection's answers (what_happened, went_well, to_change, next_time,
        tags, customer_left, stress_after, and the review's: intended, why_different,
        my_feelings, moment, ripple); any other name is an error."""
        allowed = {"what_happened", "went_well", "to_change", "next_time", "tags",
                   "customer_left", "stress_after", *REVIEW_FIELDS}
        unknown = set(answers) - allowed
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        self._write(**answers)

    # -- the decision ---------------------------------------------------------------
    @property
    def decision(self) -> Decision:
        a = self.answers
        return decide(self.playbook, a.signals, a.went_wrong, a.decision)

    @property
    def went_wrong(self) -> bool:
        """The Read step's question as it stands: answered, or the scenario's own start."""
        a = self.answers
        return self.playbook.something_went_wrong if a.went_wrong is None else a.went_wrong

    @property
    def asks_went_wrong(self) -> bool:
        """Whether the Read step asks "did something go wrong for them?": only when the
        answer can change the decision (the engine says when)."""
        return asks_went_wrong(self.playbook, self.answers.signals)

    @property
    def path(self) -> Path | None:
        """The chosen path, or the suggested one before the person has chosen; None when
        there is no path (a safety stop, a walk about yourself)."""
        suggested = self.decision.register.path
        return None if suggested is None else (self.answers.decision or suggested)

    def safety_lines(self) -> list[str]:
        """The safety card: the scenario's own lines, where to send people (when the list has
        any), then coachtui's defaults unless the scenario turns them off."""
        paths = self.playbook.paths
        own = list(paths.safety)
        places = self.playbook.local_help
        if places:  # an empty list's "fill me in" line has no place on an emergency card
            own += help_lines(places)
        defaults = SAFETY_DEFAULTS if paths.safety_defaults else ()
        return own + [line for line in defaults if line not in own]

    def act_items(self) -> list[ActItem]:
        """The Act checklist, first things first: calming, care and plain words, and with
        care, where to send people (when the scenario has that list); then putting it right
        (in full, or the fast fix); then the path's moves. Empty after a safety stop.

        Recovery steps are known by their own ids ("hear"); moves by group and number
        ("connect-2"), and places to send people by number ("help-1").
        """
        decision, book = self.decision, self.playbook
        if decision.safety:
            return []
        first = decision.first
        items: list[ActItem] = []
        guidance = (("deescalate", "Calm it first", first.deescalate, book.paths.deescalate),
                    # a schema-1 playbook's "vulnerable" lines keep their ids (its example
                    # may tick "vulnerable-1")
                    ("care" if book.paths.care else "vulnerable", "Care and time", first.care,
                     book.paths.care_lines),
                    ("communication", "Plain words", first.communication,
                     book.paths.communication or COMMUNICATION_DEFAULTS))
        for prefix, group, seen, lines in guidance:
            if seen:
                items += [ActItem(f"{prefix}-{i}", group, text) for i, text in enumerate(lines, 1)]
        if first.care and book.local_help is not None:
            # where to send people goes with care: a scenario that has the list shows it then
            items += [ActItem(f"help-{i}", LOCAL_HELP_HEADING, title, detail)
                      for i, (title, detail) in enumerate(help_entries(book.local_help), 1)]
        name = self.scenario.framework.name
        skippable = book.recovery.skippable
        if self.about_self:
            return items + [ActItem(s.id, f"Your steps ({name})", s.title, s.detail,
                                    skippable.get(s.id, "")) for s in self.scenario.steps]
        right = decision.putting_right
        if right.needed and right.full:
            items += [ActItem(s.id, f"Put it right ({name})", s.title, s.detail)
                      for s in self.scenario.steps]
        elif right.needed:
            items += [ActItem(s.id, f"Fix it fast ({name})", s.title, s.detail)
                      for s in self.scenario.fast_fix]
        path = self.path
        group = "Ways to connect" if path == "connect" else "No added effort"
        lines = book.paths.connect if path == "connect" else book.paths.frictionless
        return items + [ActItem(f"{path}-{i}", group, text) for i, text in enumerate(lines, 1)]

    # -- the end -----------------------------------------------------------------
    def to_reflection(self, now: datetime) -> Reflection:
        """The journal entry this walk becomes."""
        a, decision = self.answers, self.decision
        items = [i for i in self.act_items() if i.id not in a.items_skipped]
        title_of = {item.id: item.title for item in self.act_items()}
        suggested = decision.register.path
        return Reflection(
            id=a.walk_id,
            created=now,
            kind="walk",
            playbook_id=self.playbook.id,
            playbook_title=self.playbook.title,
            channel=self.playbook.channel,
            stress_before=a.stress_before,
            stress_after=a.stress_after,
            breath_pattern=self.reset_plan().pattern.id,  # what was breathed
            breath_completed=a.breath_completed,
            opener=a.opener,
            signals=[SeenSignal(id=s.id, label=s.label, lean=s.lean)
                     for s in self.playbook.signals if s.id in a.signals],
            safety=decision.safety,
            something_went_wrong=None if suggested is None else decision.putting_right.needed,
            recommended=suggested,
            recommendation_reason=decision.register.rule if suggested else "",
            decision=self.path,
            followed_recommendation=None if suggested is None else self.path == suggested,
            steps_done=[title_of[i.id] for i in items if i.id in a.items_done],
            steps_open=[title_of[i.id] for i in items if i.id not in a.items_done],
            steps_skipped=[title_of[i] for i in a.items_skipped if i in title_of],
            customer_left=list(a.customer_left),
            what_happened=a.what_happened,
            went_well=a.went_well,
            to_change=a.to_change,
            next_time=a.next_time,
            tags=list(a.tags),
            **a.review(),
        )
