"""The coaching engine: three separate questions, each answered with its reasons in words.

1. First things first: is anyone unsafe (then coaching stops), does it need calming first,
   does the person need more care, time or plainer words?
2. How to meet them (the register): connect or stay frictionless, from weighted signals.
3. Putting it right: did something go wrong for them? Then the recovery steps follow, in
   full on *connect* and as the fast fix on *frictionless*.

How warmly to meet someone and whether something must be fixed are different questions, so
neither answer ever decides the other. Pure and fast: it runs on every tick of the Read step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coachtui.core.playbook import Path, Playbook, Signal

PATH_WORDS: dict[Path, str] = {"connect": "Connect", "frictionless": "Stay frictionless"}
SIDE_WORDS: dict[Path, str] = {"connect": "toward connecting",
                               "frictionless": "toward keeping it quick"}

# Said on every safety card, after the scenario's own safety lines.
SAFETY_DEFAULTS: tuple[str, ...] = (
    "Put distance, or the counter, between you and them.",
    "Do not argue, and never block their way out.",
    "Call a colleague, a manager or security now.",
    "If you need to leave, leave. You come first.",
    "Afterwards, report what happened, even if it ended well.",
)
# Making yourself understood, when a playbook has no lines of its own.
COMMUNICATION_DEFAULTS: tuple[str, ...] = (
    "Use short, plain words, one idea at a time.",
    "Show, point or write it down; a translation tool can help.",
    "Check they have understood before you go on.",
)


@dataclass(frozen=True)
class FirstThings:
    """What comes before any path: safety stops everything; calming, care and plain words
    add guidance at the top."""

    safety: tuple[Signal, ...] = ()
    deescalate: tuple[Signal, ...] = ()
    care: tuple[Signal, ...] = ()
    communication: tuple[Signal, ...] = ()

    @property
    def stop(self) -> bool:
        return bool(self.safety)

    @property
    def reasons(self) -> tuple[str, ...]:
        said = []
        if self.safety:
            said.append("Safety first: coaching stops. Get help now.")
        if self.deescalate:
            said.append("They seem upset: calm things first, before either path.")
        if self.care:
            said.append("They may need more care or time: go gently, offer choices, keep "
                        "their dignity, on whichever path you take.")
        if self.communication:
            said.append("They may need plain words: check they have understood each step.")
        return tuple(said)


@dataclass(frozen=True)
class Counted:
    """A signal that counted toward a path, with its weight."""

    signal: Signal
    side: Path
    weight: int


@dataclass(frozen=True)
class Register:
    """How to meet them. `path` is None when there is nothing to decide (a safety stop, or
    a walk about yourself)."""

    path: Path | None
    counted: tuple[Counted, ...]
    rule: str

    def weight(self, side: Path) -> int:
        return sum(c.weight for c in self.counted if c.side == side)


@dataclass(frozen=True)
class PuttingRight:
    """Whether recovery steps follow, and in which form, with the reason in words."""

    needed: bool
    full: bool  # in full (connect) or as the fast fix (frictionless); False when not needed
    reason: str
    because: tuple[Signal, ...] = ()


@dataclass(frozen=True)
class Decision:
    first: FirstThings
    register: Register
    putting_right: PuttingRight

    @property
    def safety(self) -> bool:
        return self.first.stop


def first_things(ticked: Iterable[Signal]) -> FirstThings:
    ticked = tuple(ticked)
    return FirstThings(*(tuple(s for s in ticked if s.need == need)
                         for need in ("safety", "deescalate", "care", "communication")))


def weigh(playbook: Playbook, ticked: Iterable[Signal]) -> Register:
    """Connect or frictionless from the weighted signals; a tie or none: the usual path.

    Only connect and frictionless signals count. Calming, care and plain words are not votes:
    an upset customer is not asking for warmth, and a need for care does not overrule what
    someone has said about how they want to be served.
    """
    counted = tuple(Counted(s, s.lean, s.weight) for s in ticked  # type: ignore[arg-type]
                    if s.lean in ("connect", "frictionless"))
    connect = sum(c.weight for c in counted if c.side == "connect")
    quick = sum(c.weight for c in counted if c.side == "frictionless")
    usual: Path = playbook.usual_lean or "connect"  # always set on a walk about a customer
    usual_words = f"this scenario's usual path: {PATH_WORDS[usual].lower()}"
    if not counted:
        return Register(usual, (), f"No signals point either way, so {usual_words}.")
    weighed = f"Weighed {connect} {SIDE_WORDS['connect']}, {quick} {SIDE_WORDS['frictionless']}"
    if connect == quick:
        return Register(usual, counted, f"{weighed}: even, so {usual_words}.")
    path: Path = "connect" if connect > quick else "frictionless"
    return Register(path, counted, f"{weighed}.")


def putting_right(playbook: Playbook, ticked: Iterable[Signal], answer: bool | None,
                  path: Path | None) -> PuttingRight:
    """Recovery steps only when something went wrong: a signal says so, the person answered
    yes on Read, or (unanswered) the scenario starts from it. Full on connect, fast on
    frictionless; none after a safety stop (path None)."""
    because = says_went_wrong(ticked)
    if path is None:
        return PuttingRight(False, False, "")
    if because:
        reason = "Something went wrong for them (" + "; ".join(s.label for s in because) + ")"
    elif answer:
        reason = "Something went wrong for them (you said so)"
    elif answer is None and playbook.something_went_wrong:
        reason = "Something went wrong for them (this scenario starts there)"
    else:
        return PuttingRight(False, False, "Nothing went wrong for them, so nothing to put right.")
    full = path == "connect"
    how = ": put it right in full." if full else ": fix it fast, with no added effort."
    return PuttingRight(True, full, reason + how, because)


def says_went_wrong(ticked: Iterable[Signal]) -> tuple[Signal, ...]:
    """The ticked signals that say by themselves that something went wrong for them."""
    return tuple(s for s in ticked if s.lean == "went-wrong" or s.went_wrong)


def asks_went_wrong(playbook: Playbook, signal_ids: Iterable[str]) -> bool:
    """Whether the answer to "did something go wrong for them?" can change the decision:
    not on a walk about yourself, not after a safety stop (no recovery follows), and not
    when a ticked signal already says so (recovery follows whatever the answer)."""
    wanted = set(signal_ids)
    ticked = tuple(s for s in playbook.signals if s.id in wanted)
    return not (playbook.kind == "self" or first_things(ticked).stop
                or says_went_wrong(ticked))


def decide(playbook: Playbook, signal_ids: Iterable[str], went_wrong: bool | None = None,
           chosen: Path | None = None) -> Decision:
    """The whole decision for the ticked signals (unknown ids are ignored), the answer to
    "did something go wrong?", and the path the person chose, if they have."""
    wanted = set(signal_ids)
    ticked = tuple(s for s in playbook.signals if s.id in wanted)
    first = first_things(ticked)
    if first.stop:
        return Decision(first, Register(None, (), "Safety first: no path is suggested."),
                        putting_right(playbook, ticked, went_wrong, None))
    if playbook.kind == "self":
        # A walk about yourself: no one to read, no register; its own steps are its Act.
        return Decision(first, Register(None, (), "This walk is about you: nothing to decide."),
                        PuttingRight(False, False, ""))
    register = weigh(playbook, ticked)
    path = chosen or register.path
    return Decision(first, register, putting_right(playbook, ticked, went_wrong, path))


# The rules above in words, for `playbooks show`, the handout and the README.
RULES_IN_WORDS: tuple[str, ...] = (
    "Safety first: any safety signal stops the coaching. No path is suggested; a safety "
    "card and a short reflection follow.",
    "Calm it first: de-escalation comes before either path and is not a vote for connecting.",
    "Care, time and plain words are added to whichever path fits; they do not choose it.",
    "How to meet them: connect and frictionless signals are weighed (weight 1 to 3; what a "
    "customer says they want weighs most). The heavier side is suggested; a tie, or no "
    "signals, takes the scenario's usual path.",
    "Putting it right: only when something went wrong for them. The recovery steps follow "
    "in full on connect, and as the fast fix on frictionless.",
)
SELF_RULES_IN_WORDS: tuple[str, ...] = (
    RULES_IN_WORDS[0],
    "This walk is about you: there is no path to decide. Calming and care come first, "
    "then your own steps.",
)


def rules_for(playbook: Playbook) -> tuple[str, ...]:
    return SELF_RULES_IN_WORDS if playbook.kind == "self" else RULES_IN_WORDS


def usual_words(playbook: Playbook) -> str:
    """'usual path: connect', or what a walk about yourself has instead."""
    if playbook.usual_lean is None:
        return "a walk about yourself"
    return f"usual path: {PATH_WORDS[playbook.usual_lean].lower()}"
