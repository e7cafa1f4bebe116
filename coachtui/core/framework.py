"""Service-recovery frameworks: named step sets (HEARD, LAST, CARP…) defined once, shared by playbooks.

A framework lives in its own file, so an organisation can add its own acronym by writing
one file. A framework may `extend` another: it keeps the other's steps and adds its own,
each placed `after` a named step (or at the end).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coachtui.core.checks import LocatedValueError
from coachtui.core.text import Line, Passage, Slug

SCHEMA_VERSION = 1

# Act-checklist ids of path moves look like "connect-2", and of local help "help-1"; a step id
# must never look like one.
MOVE_ID = re.compile(
    r"^(connect|frictionless|deescalate|care|vulnerable|communication|safety|help)-[0-9]+$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Step(_Strict):
    id: Slug = Field(description="Short name other files use to refer to this step, e.g. 'hear'.")
    title: Line
    detail: Passage
    after: Slug | None = Field(
        None, description="Only when adding to another step set: the step this one follows "
                          "(default: at the end).")


class Framework(_Strict):
    """One framework file: `frameworks/<id>.toml`."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: Slug
    name: Line = Field(description="As people say it, e.g. 'HEARD'.")
    attribution: Line = Field(
        description="Where it comes from, only as far as public sources say. Never copy its prose.")
    adapted: bool = Field(
        False, description="True when the steps retell a model someone else published; "
                           "coachtui then says it describes it in its own words.")
    not_affiliated_with: Line | None = Field(
        None, description="The organisation behind it, when there is one: coachtui says it is "
                          "not affiliated with or endorsed by it.")
    summary: Passage
    extends: Slug | None = Field(None, description="Another framework whose steps come first.")
    steps: list[Step] = Field(min_length=1, max_length=12)

    @property
    def credit(self) -> str:
        """The one form every framework is credited in, wherever it is described."""
        if not self.adapted:
            return self.attribution
        credit = f"{self.attribution.rstrip('.')}. Described here in our own words"
        if self.not_affiliated_with is None:
            return credit + "."
        return f"{credit}; coachtui is not affiliated with or endorsed by {self.not_affiliated_with}."

    @model_validator(mode="after")
    def _checks(self) -> Framework:
        check_steps(self.steps, ("steps",), allow_after=self.extends is not None)
        if self.extends is None and len(self.steps) < 2:
            raise LocatedValueError(("steps",), "a framework needs at least two steps")
        if self.not_affiliated_with is not None and not self.adapted:
            raise LocatedValueError(("not_affiliated_with",),
                                    "only a framework retold from someone else's ('adapted = true') "
                                    "names who it is not affiliated with")
        if self.extends == self.id:
            raise LocatedValueError(("extends",), "a framework cannot extend itself")
        return self


def check_steps(steps: list[Step], loc: tuple, *, allow_after: bool) -> None:
    """Ids unique and never shaped like a path move; `after` only where steps are added."""
    seen: dict[str, int] = {}
    for index, step in enumerate(steps):
        if MOVE_ID.match(step.id):
            raise LocatedValueError(loc + (index, "id"),
                                    f"{step.id!r} looks like a path move's id; choose another")
        if step.id in seen:
            raise LocatedValueError(loc + (index, "id"),
                                    f"{step.id!r} is already the id of step {seen[step.id] + 1}; "
                                    "ids must be unique")
        seen[step.id] = index
        if step.after is not None and not allow_after:
            raise LocatedValueError(loc + (index, "after"),
                                    "'after' is only for steps added to another framework")

