"""What the walk's screens say, by whom the walk is about: a customer, or yourself.

A walk about yourself (After the storm) speaks to you and about you on every screen; the
customer words ("see them first", "what are they showing you?") would be about the wrong
person there. Kept apart from the screens so a test can read every sentence of both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    greet_heading: str
    opener_heading: str
    read_heading: str
    read_hint: str
    act_title: str  # the Act step's title when there is no path (a walk about yourself)
    reflect_heading: str
    after_heading: str  # the stress scale on Reflect


CUSTOMER = Wording(
    greet_heading="See them first",
    opener_heading="An opener (mark the one you used)",
    read_heading="What are they showing you?",
    read_hint="Tick what you notice. None is fine too.",
    act_title="",
    reflect_heading="What happened?",
    after_heading="How wound up are you now?",
)
SELF = Wording(
    greet_heading="Come back to yourself",
    opener_heading="Something to say (mark the one you used)",
    read_heading="What are you feeling?",
    read_hint="Tick what is true for you right now. None is fine too.",
    act_title="Your steps",
    reflect_heading="What happened, and how are you?",
    after_heading="How wound up are you now?",
)
WENT_WRONG_QUESTION = "Did something go wrong for them?"
SAFETY_HEADING = "Safety first: stop coaching"
SAFETY_REFLECT_HEADING = "What happened, and how are you?"
SAFETY_REFLECT_NOTE = ("A short note is enough. Tell your manager, and report it, even if it "
                       "ended well.")


def wording_for(kind: str) -> Wording:
    return SELF if kind == "self" else CUSTOMER
