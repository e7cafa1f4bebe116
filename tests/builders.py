"""Scenarios for tests: the bundled ones, and a tiny in-test one with its own framework."""

from __future__ import annotations

from functools import cache

from coachtui.core.framework import Framework
from coachtui.core.playbook import Playbook
from coachtui.core.scenario import FrameworkSet, Scenario
from coachtui.store.playbooks import discover

FIX = Framework.model_validate({
    "id": "fix",
    "name": "FIX",
    "attribution": "Made up for tests",
    "summary": "Own it, then fix it.",
    "steps": [{"id": "own-it", "title": "Own it", "detail": "Say it."},
              {"id": "fix-it", "title": "Fix it", "detail": "Do it."}],
})


@cache
def bundled(playbook_id: str) -> Scenario:
    scenario = discover().get(playbook_id)
    assert scenario is not None, playbook_id
    return scenario


def tiny_data(usual_lean: str = "connect") -> dict:
    """A minimal valid playbook with one signal of every lean."""
    return {
        "id": "tiny",
        "title": "Tiny",
        "channel": "counter",
        "summary": "A tiny scenario for tests.",
        "seed": "Seed text.",
        "usual_lean": usual_lean,
        "breath": {"pattern": "box", "reset_cue": "Drop your shoulders."},
        "greet": {"cues": ["Look up."], "openers": ["Hi."]},
        "signals": [
            {"id": "c1", "label": "Connect one", "lean": "connect"},
            {"id": "c2", "label": "Connect two", "lean": "connect"},
            {"id": "f1", "label": "Quick one", "lean": "frictionless"},
            {"id": "f2", "label": "Quick two", "lean": "frictionless"},
            {"id": "d1", "label": "Upset", "lean": "deescalate"},
            {"id": "v1", "label": "Vulnerable", "lean": "vulnerable"},
            {"id": "s1", "label": "Danger", "lean": "safety"},
        ],
        "recovery": {"framework": "fix"},
        "paths": {
            "connect": ["Talk warmly."],
            "frictionless": ["Be quick.", "Say goodbye."],
            "deescalate": ["Lower your voice."],
            "vulnerable": ["Slow down."],
        },
    }


def tiny(usual_lean: str = "connect", **overrides) -> Scenario:
    return scenario_of(tiny_data(usual_lean) | overrides)


def scenario_of(data: dict, *frameworks: Framework) -> Scenario:
    found = {f.id: f for f in (FIX, *frameworks)}
    return FrameworkSet(found).build(Playbook.model_validate(data))
