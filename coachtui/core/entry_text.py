"""One journal entry as plain labelled text: what the entry screen shows and what
`coachtui show` prints (no Textual here, so the CLI can use it)."""

from __future__ import annotations

from coachtui.core.dates import local
from coachtui.core.decision import PATH_WORDS
from coachtui.core.reflection import MOMENT_TYPES, Reflection

WHEN = "%A %d %B %Y, %H:%M"


def entry_lines(entry: Reflection) -> list[tuple[str, str]]:
    """(label, text) pairs for everything the entry holds, in the order of a walk."""
    when = local(entry.created).strftime(WHEN)
    written = local(entry.written).strftime(WHEN) if entry.written else ""
    before = "not rated" if entry.stress_before is None else str(entry.stress_before)
    after = "not rated" if entry.stress_after is None else str(entry.stress_after)
    decision = PATH_WORDS.get(entry.decision, "not decided") if entry.decision else "not decided"
    if entry.safety:
        decision = "safety first: the coaching stopped"
    elif entry.followed_recommendation is False:
        suggested = PATH_WORDS.get(entry.recommended, "?").lower()
        decision += f" (your call; the suggestion was {suggested})"
    pairs = [("When", when), ("Written", written),
             ("Scenario", entry.playbook_title or "a quick note"),
             ("Wound up", f"{before} before, {after} after"), ("Decision", decision),
             ("Opener", entry.opener),
             ("Signals", ", ".join(signal.label for signal in entry.signals)),
             ("Done", "; ".join(entry.steps_done)), ("Left open", "; ".join(entry.steps_open)),
             ("The customer left", ", ".join(entry.customer_left)),
             ("I felt", ", ".join(entry.my_feelings)),
             ("The moment", MOMENT_TYPES.get(entry.moment, entry.moment)),
             ("What I meant to happen", entry.intended),
             ("What happened", entry.what_happened),
             ("Why it went differently", entry.why_different),
             ("What went well", entry.went_well),
             ("What I would change", entry.to_change), ("Next time I will", entry.next_time),
             ("Who might hear of it", entry.ripple),
             ("Tags", " ".join(f"#{tag}" for tag in entry.tags))]
    flags = [word for word, on in (("★ starred", entry.starred), ("sensitive", entry.sensitive))
             if on]
    if flags:
        pairs.append(("Marked", ", ".join(flags)))
    return [(label, text) for label, text in pairs if text]
