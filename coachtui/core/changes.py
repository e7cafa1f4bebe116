"""Where a playbook written for the first engine now means something different.

Every schema-1 playbook still loads and walks; these are the fields whose effect changed
when the coaching engine was split into three questions. `coachtui playbooks validate`
names each one, so a person can check the change is what they want.
"""

from __future__ import annotations

from coachtui.core.playbook import SCHEMA_VERSION, Playbook
from coachtui.core.scenario import Finding


def changed_meanings(book: Playbook) -> list[Finding]:
    """A note for each field whose meaning changed, with what to write now; none for a
    playbook that says it was written for this engine (schema_version = 2)."""
    notes: list[Finding] = []
    if book.schema_version >= SCHEMA_VERSION:
        return notes
    for index, signal in enumerate(book.signals):
        if signal.lean == "vulnerable":
            notes.append(Finding(("signals", index, "lean"),
                                 "'vulnerable' is now a care need: it adds care guidance to "
                                 "either path and no longer chooses connect; write 'care'"))
    calming = [i for i, signal in enumerate(book.signals) if signal.lean == "deescalate"]
    if calming:
        notes.append(Finding(("signals", calming[0], "lean"),
                             "'deescalate' signals no longer count toward connecting; they "
                             "put calming first on either path"))
    if book.paths.vulnerable:
        notes.append(Finding(("paths", "vulnerable"),
                             "now shown on either path when a care need is ticked; "
                             "rename it 'care'"))
    wrong = book.something_went_wrong or any(
        s.lean == "went-wrong" or s.went_wrong for s in book.signals)
    if book.kind == "customer" and not wrong:
        notes.append(Finding(("recovery", "framework"),
                             "its steps now show only when something went wrong for the "
                             "customer (answered on Read); add a 'went-wrong' signal, "
                             "went_wrong = true on a signal, or something_went_wrong = true "
                             "if the scenario starts there"))
    return notes
