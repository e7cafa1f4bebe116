"""Demo mode's script: a playbook's example, beat by beat, as the walk's own answers.

Each beat is the state of the walk at one moment of the demo (the breath, each signal
ticked, the recommendation, the choice, each step done, the reflection), with a caption
for the room. The screens show a beat exactly as they would show a real walk, so a demo
can never drift from the real flow; `example_walk` is the last beat, which the tests prove
a real walk reproduces.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coachtui.core.example import example_walk
from coachtui.core.scenario import Scenario
from coachtui.core.decision import PATH_WORDS
from coachtui.core.walk import WalkAnswers


@dataclass(frozen=True)
class Beat:
    caption: str
    answers: WalkAnswers
    ask: bool = False  # with --ask: "What would you do?", the suggestion not yet shown


def demo_beats(scenario: Scenario, now: datetime) -> list[Beat]:
    """Every beat of the scenario's example; ValueError if it has none."""
    example = scenario.playbook.example
    if example is None:
        raise ValueError(f"{scenario.id} has no scripted example")
    final = example_walk(scenario, example, now)
    end = final.answers
    state = WalkAnswers(playbook_id=end.playbook_id, started=now, step="pause")
    beats: list[Beat] = []

    def beat(caption: str, ask: bool = False, **changes) -> None:
        nonlocal state
        state = state.model_copy(update=changes, deep=True)
        beats.append(Beat(caption, state, ask))

    beat("Before anything else: a pause.")
    beat(f"How wound up? {end.stress_before} out of 10.", stress_before=end.stress_before)
    beat("A reset, then a paced breath.", breath_completed=True)
    self_walk = final.about_self
    beat("Greet: come back to yourself." if self_walk else "Greet: see the person first.",
         step="greet")
    beat(f"The opener: “{end.opener}”", opener=end.opener)
    beat("Read: what are you feeling?" if self_walk else "Read: what is the customer showing?",
         step="read")
    labels = {signal.id: signal.label for signal in scenario.playbook.signals}
    for count, signal_id in enumerate(end.signals, 1):
        noticed = "Felt" if self_walk else "They notice"
        beat(f"{noticed}: {labels[signal_id]}", signals=end.signals[:count])
    if end.went_wrong is not None:
        beat("Did something go wrong for them? " + ("Yes." if end.went_wrong else "No."),
             went_wrong=end.went_wrong)
    # With --ask the room answers before it sees the suggestion (or, about yourself, the
    # steps): the question stands on its own beat, before the step that gives it away.
    if self_walk:
        beat("What would you do first?", ask=True, step="act")
        beat("Act: your own steps, first things first.")
    else:
        suggested = final.decision.register.path
        beat("What would you do?", ask=True, step="decide")
        beat(f"Decide: the suggestion is {PATH_WORDS[suggested].lower()}, and why.")
        chosen = PATH_WORDS[end.decision].lower()
        over = "" if end.decision == suggested else ", over the suggestion"
        beat(f"They choose: {chosen}{over}.", decision=end.decision, step="act")
    titles = {item.id: item.title for item in final.act_items()}
    for count, item_id in enumerate(end.items_done, 1):
        beat(f"Done: {titles[item_id]}", items_done=end.items_done[:count])
    beat("Reflect: what happened?", step="reflect", what_happened=end.what_happened)
    beat("How the customer left.", customer_left=end.customer_left)
    beat(f"Wound up now: {end.stress_after} (was {end.stress_before}).",
         stress_after=end.stress_after)
    beat("What went well, and what to change.", went_well=end.went_well,
         to_change=end.to_change)
    beat(f"Next time I will: {end.next_time}", next_time=end.next_time, tags=end.tags)
    return beats
