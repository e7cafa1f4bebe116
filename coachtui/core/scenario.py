"""A scenario: a playbook joined to its recovery framework, ready to walk.

Playbooks and frameworks are validated one file at a time; the references between them
(`recovery.framework`, `extends`, `after`, step ids in `recovery.detail`) can only be checked
once all are loaded. Those checks happen here and come back as Findings: a field path and
a message, which the loader turns into a line in the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coachtui.core.checks import did_you_mean
from coachtui.core.framework import Framework, Step
from coachtui.core.playbook import Playbook


@dataclass(frozen=True)
class Finding:
    loc: tuple[str | int, ...]
    message: str


class ResolveError(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


@dataclass(frozen=True)
class Scenario:
    """What a walk runs on: the playbook, and its recovery steps in the playbook's words."""

    playbook: Playbook
    framework: Framework
    steps: tuple[Step, ...]

    @property
    def id(self) -> str:
        return self.playbook.id

    @property
    def title(self) -> str:
        return self.playbook.title

    @property
    def fast_fix(self) -> tuple[Step, ...]:
        """The steps of the fast fix: those the playbook marks, else every step."""
        marked = self.playbook.recovery.fast_fix
        return tuple(s for s in self.steps if s.id in marked) if marked else self.steps


def _place(base: list[Step], added: list[Step], loc: tuple, base_name: str,
           findings: list[Finding]) -> list[Step]:
    """`base` with each added step inserted after the step it names, or at the end."""
    steps = list(base)
    for index, step in enumerate(added):
        if any(existing.id == step.id for existing in steps):
            findings.append(Finding(loc + (index, "id"),
                                    f"{base_name} already has a step {step.id!r}"))
            continue
        placed = step.model_copy(update={"after": None})
        if step.after is None:
            steps.append(placed)
            continue
        ids = [s.id for s in steps]
        if step.after not in ids:
            findings.append(Finding(loc + (index, "after"), f"no step {step.after!r} in "
                                    f"{base_name}" + did_you_mean(step.after, ids)))
            continue
        steps.insert(ids.index(step.after) + 1, placed)
    return steps


class FrameworkSet:
    """Every loaded framework with its full step list (following `extends`), or why it has none."""

    def __init__(self, frameworks: Mapping[str, Framework]) -> None:
        self.frameworks = dict(frameworks)
        self.steps: dict[str, tuple[Step, ...]] = {}
        self.problems: dict[str, list[Finding]] = {}
        for framework_id in self.frameworks:
            self._resolve(framework_id)

    def _loop_from(self, framework_id: str) -> list[str]:
        """The chain of `extends` that leads back to this framework, if there is one."""
        chain = [framework_id]
        current = self.frameworks[framework_id].extends
        while current in self.frameworks and current not in chain:
            chain.append(current)
            current = self.frameworks[current].extends
        return chain + [framework_id] if current == framework_id else []

    def _resolve(self, framework_id: str) -> tuple[Step, ...] | None:
        if framework_id in self.steps:
            return self.steps[framework_id]
        if framework_id in self.problems:
            return None
        framework = self.frameworks[framework_id]
        if framework.extends is None:
            self.steps[framework_id] = tuple(framework.steps)
            return self.steps[framework_id]
        parent = framework.extends
        problem = None
        if loop := self._loop_from(framework_id):
            problem = "extends form a loop: " + " → ".join(loop)
        elif parent not in self.frameworks:
            problem = f"unknown framework {parent!r}" + did_you_mean(parent, self.frameworks)
        elif (base := self._resolve(parent)) is None:
            problem = f"framework {parent!r} has problems of its own"
        if problem:
            self.problems[framework_id] = [Finding(("extends",), problem)]
            return None
        findings: list[Finding] = []
        steps = _place(list(base), framework.steps, ("steps",),
                       self.frameworks[parent].name, findings)
        if findings:
            self.problems[framework_id] = findings
            return None
        self.steps[framework_id] = tuple(steps)
        return self.steps[framework_id]

    @property
    def usable(self) -> list[str]:
        return list(self.steps)

    def build(self, playbook: Playbook) -> Scenario:
        """Join a playbook to its framework, or raise ResolveError with every broken reference."""
        recovery = playbook.recovery
        if recovery.framework not in self.steps:
            if recovery.framework in self.problems:
                message = f"framework {recovery.framework!r} has problems; fix its file first"
            else:
                message = (f"unknown framework {recovery.framework!r}"
                           + did_you_mean(recovery.framework, self.usable))
            raise ResolveError([Finding(("recovery", "framework"), message)])
        framework = self.frameworks[recovery.framework]
        base = self.steps[recovery.framework]
        findings: list[Finding] = []
        ids = [step.id for step in base]
        for step_id in recovery.detail:
            if step_id not in ids:
                findings.append(Finding(("recovery", "detail", step_id),
                                        f"no step {step_id!r} in {framework.name}"
                                        + did_you_mean(step_id, ids)))
        worded = [step.model_copy(update={"detail": recovery.detail.get(step.id, step.detail)})
                  for step in base]
        steps = _place(worded, recovery.add, ("recovery", "add"), framework.name, findings)
        placed = [step.id for step in steps]
        for field, named in (("fast_fix", recovery.fast_fix), ("skippable", recovery.skippable)):
            for index, step_id in enumerate(named):
                if step_id not in placed:
                    where = index if field == "fast_fix" else step_id
                    findings.append(Finding(("recovery", field, where),
                                            f"no step {step_id!r} in this scenario's steps"
                                            + did_you_mean(step_id, placed)))
        if findings:
            raise ResolveError(findings)
        return Scenario(playbook, framework, tuple(steps))
