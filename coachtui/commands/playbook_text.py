"""A scenario as plain, wrapped text for the terminal: what `coachtui playbooks show` prints."""

from __future__ import annotations

import textwrap

from coachtui.core.breathing import plan_for
from coachtui.core.local_help import LOCAL_HELP_HEADING, help_lines
from coachtui.core.playbook import LEAN_WORDS, MOMENT_WORDS
from coachtui.core.scenario import Scenario
from coachtui.core.decision import PATH_WORDS, rules_for, usual_words


class _Page:
    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []

    def heading(self, text: str) -> None:
        if self.lines:
            self.lines.append("")
        self.lines.append(text)

    def para(self, text: str, indent: str = "  ") -> None:
        for part in text.splitlines() or [""]:
            self.lines += textwrap.wrap(part, self.width, initial_indent=indent, break_on_hyphens=False,
                                        subsequent_indent=indent) or [indent.rstrip()]

    def bullet(self, text: str, mark: str = "•") -> None:
        self.lines += textwrap.wrap(text, self.width, initial_indent=f"  {mark} ", break_on_hyphens=False,
                                    subsequent_indent=" " * (len(mark) + 3))


def signal_words(signal) -> str:
    """A signal's lean in words, with its weight and 'something went wrong' when set."""
    words = LEAN_WORDS[signal.lean]
    if signal.weight > 1:
        words += f", weight {signal.weight}"
    if signal.went_wrong and signal.lean != "went-wrong":
        words += ", something went wrong"
    return words


def guidance_lists(book) -> tuple[tuple[str, list[str]], ...]:
    """The guidance lists of a playbook, titled, in the order a walk shows them."""
    paths = book.paths
    safety = ("Safety (the scenario's own lines; coachtui adds its defaults)"
              if paths.safety_defaults else "Safety (the scenario's own lines, the whole card)")
    return ((safety, paths.safety),
            ("Calm it first (when those signals show)", paths.deescalate),
            ("Care and time (added to either path)", paths.care_lines),
            ("Plain words (added to either path)", paths.communication),
            ("Connect", paths.connect),
            ("Stay frictionless", paths.frictionless))


def describe(scenario: Scenario, source: str, width: int = 80) -> str:
    """Every part of the scenario, in walk order, wrapped to `width` columns."""
    book = scenario.playbook
    page = _Page(max(40, width))
    page.lines.append(book.title)
    page.para(f"{book.id} · {book.channel} · {usual_words(book)}", indent="")
    page.para(book.summary, indent="")

    page.heading("The situation")
    page.para(book.seed)

    plan = plan_for(book.breath.pattern, book.breath.cycles)
    page.heading(f"1 Pause: {plan.pattern.name}, {plan.cycles} breaths")
    page.para(book.breath.reset_cue)

    page.heading("2 Greet")
    for cue in book.greet.cues:
        page.bullet(cue)
    page.para("Openers:")
    for opener in book.greet.openers:
        page.bullet(opener, "›")

    page.heading("3 Read: signals")
    for signal in book.signals:
        page.bullet(f"{signal.label}  ({signal_words(signal)})")

    page.heading("4 Decide")
    for rule in rules_for(book):
        page.bullet(rule)

    page.heading(f"5 Act: {scenario.framework.name}")
    page.para(scenario.framework.credit)
    fast = {step.id for step in scenario.fast_fix} if book.recovery.fast_fix else set()
    for number, step in enumerate(scenario.steps, 1):
        mark = "  (fast fix)" if step.id in fast else ""
        page.bullet(f"{step.title}{mark}: {step.detail}", f"{number}.")
    for title, moves in guidance_lists(book):
        if moves:
            page.para(title + ":")
            for move in moves:
                page.bullet(move)
    if book.local_help is not None:
        page.para(LOCAL_HELP_HEADING + " (with care, and on the safety card):")
        for line in help_lines(book.local_help):
            page.bullet(line)
    if book.moments:
        page.para("Moments that matter:")
        for moment in book.moments:
            page.bullet(f"{MOMENT_WORDS[moment.kind]}: {moment.idea}")

    page.heading("6 Reflect")
    for prompt in book.reflection_prompts:
        page.bullet(prompt)

    example = book.example
    page.heading("Example walk" if example else "Example walk: none (no demo for this scenario)")
    if example:
        labels = [book.signal(s).label for s in example.signals]
        decision = (f" Decision: {PATH_WORDS[example.decision].lower()}."
                    if example.decision else "")
        page.para(f"Signals: {'; '.join(labels) or 'none'}.{decision} Stress "
                  f"{example.stress_before} → {example.stress_after}.")
        page.para(example.what_happened)
        page.para(f"Next time I will: {example.next_time}")

    page.heading(f"From {source}")
    return "\n".join(page.lines)
