"""A scenario as a printable Markdown handout for a workshop: `coachtui playbooks handout`.

Same order as `playbooks show` (playbook_text.py), without the parts only a walker needs.
Every word from a playbook or framework file goes through md_escape: a file is outside text,
and `[x](javascript:…)`, `<script>` or `# heading` in it must print as written.
"""

from __future__ import annotations

from coachtui.commands.markdown import md_block, md_escape
from coachtui.core.playbook import MOMENT_WORDS
from coachtui.core.scenario import Scenario
from coachtui.commands.playbook_text import guidance_lists
from coachtui.core.decision import rules_for, usual_words
from coachtui.core.local_help import LOCAL_HELP_HEADING, help_entries

# The signal groups, in the order a walker weighs them, with a word on what two of them mean.
SIGNAL_GROUPS = (
    ("connect", "Lean to connect", ""),
    ("frictionless", "Lean to stay frictionless", ""),
    ("feeling", "How you are", ""),
    ("deescalate", "Calm it first", "Calming comes before either path; it is not a vote "
                                    "for connecting."),
    ("care", "Needs care or time", "Care is added to whichever path fits."),
    ("communication", "Needs plain words", "Plain words are added to whichever path fits."),
    ("went-wrong", "Something went wrong", "Then the recovery steps follow, on either path."),
    ("safety", "Safety", "Any one of these: stop coaching, follow your workplace's safety "
                         "procedure and get help now."),
)
# Good and bad moments are both retold, and each retelling reaches people who were not there:
# the handout ends on that, for a team to talk about.
PASS_IT_ON = {
    "customer": "Moments like this travel. The customer may tell it at home tonight, and you "
                "may tell it at the next team briefing. Who will hear this story, and what "
                "would you like them to hear?",
    "self": "Hard moments get retold too. Who could you tell about this one, so that it "
            "does not stay with you alone?",
}


def _item(text: str, mark: str = "-", lead: str = "") -> str:
    """A list item of free text after `lead` (Markdown of ours); its later lines are
    indented so they stay in the item."""
    lines = md_block(text).split("\n")
    indent = " " * (len(mark) + 1)
    return "\n".join([f"{mark} {lead}{lines[0]}"]
                     + [indent + line if line else "" for line in lines[1:]])


def handout(scenario: Scenario) -> str:
    book = scenario.playbook
    out = [f"# {md_escape(book.title)}", "",
           md_escape(book.summary), "",
           f"Channel: {book.channel}. {usual_words(book).capitalize()}.", "",
           "## The situation", "", md_block(book.seed), "",
           "## Greet", "", "### Cues", ""]
    out += [_item(cue) for cue in book.greet.cues]
    out += ["", "### Openers", ""]
    out += [_item(opener) for opener in book.greet.openers]

    out += ["", "## Signals to read"]
    for lean, heading, note in SIGNAL_GROUPS:
        labels = [signal.label for signal in book.signals if signal.need == lean]
        if labels:
            out += ["", f"### {heading}", ""] + ([note, ""] if note else [])
            out += [_item(label) for label in labels]

    out += ["", "## How coachtui decides", ""] + [_item(rule) for rule in rules_for(book)]

    steps_heading = "Your steps" if book.kind == "self" else "Put it right"
    out += ["", f"## {steps_heading}: {md_escape(scenario.framework.name)}", ""]
    fast = {step.id for step in scenario.fast_fix} if book.recovery.fast_fix else set()
    for number, step in enumerate(scenario.steps, 1):
        mark = " (fast fix)" if step.id in fast else ""
        out.append(_item(step.detail, f"{number}.", f"**{md_escape(step.title)}{mark}:** "))

    out += ["", "## Guidance"]
    for heading, moves in guidance_lists(book):
        if moves:
            out += ["", f"### {md_escape(heading)}", ""] + [_item(move) for move in moves]

    if book.local_help is not None:
        out += ["", f"## {LOCAL_HELP_HEADING}", ""]
        out += [_item(detail, lead=f"**{md_escape(title)}:** ")
                for title, detail in help_entries(book.local_help)]

    if book.moments:
        out += ["", "## Moments that matter", ""]
        out += [_item(m.idea, lead=f"**{MOMENT_WORDS[m.kind]}:** ") for m in book.moments]
    if book.reflection_prompts:
        out += ["", "## Reflect", ""] + [_item(prompt) for prompt in book.reflection_prompts]
    out += ["", "## Pass it on", "", PASS_IT_ON[book.kind]]

    framework = scenario.framework
    out += ["", f"Try it: `coachtui walk {book.id}`", "",  # an id is a slug: safe in a code span
            md_escape(f"Recovery steps: {framework.name}. {framework.credit}"), ""]
    return "\n".join(out)
