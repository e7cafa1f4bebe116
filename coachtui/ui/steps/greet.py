"""Step 2, Greet: see the person; the scenario's cues and openers, and what I actually said."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, SelectionList, Static

from coachtui.core.sanitize import strip_controls
from coachtui.core.wording import wording_for
from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain
from coachtui.ui.widgets.answer import AnswerInput, show_length
from coachtui.ui.widgets.checklist import Checklist

OPENER_LIMIT = 300  # the journal's limit for a one-line answer (ShortFreeText)


class GreetStep(StepView):
    HELP = (
        "Look up before the task. Read the cues, then mark what you said with its number, "
        "or type your own. Enter goes on."
    )

    def body(self) -> ComposeResult:
        book, answers = self.walk.playbook, self.walk.answers
        words = wording_for(book.kind)
        yield self.heading(words.greet_heading)
        for cue in book.greet.cues:
            yield Static(plain(f"•  {cue}"), classes="cue")
        yield self.heading(words.opener_heading)
        openers = list(book.greet.openers)
        # Values are positions, not the text: two openers may read the same.
        chosen = [str(openers.index(answers.opener))] if answers.opener in openers else []
        yield Checklist([(str(i), text, "") for i, text in enumerate(openers)], chosen,
                        single=True, id="openers")
        own = "" if answers.opener in openers else answers.opener
        yield AnswerInput(own, placeholder="…or type what you said", limit=OPENER_LIMIT,
                          id="own-opener")

    def first_focus(self):
        return self.query_one(Checklist)

    def collect(self) -> None:
        # One opener: what they typed if anything, else the one they marked.
        typed = strip_controls(self.query_one("#own-opener", Input).value, keep_newlines=False)
        chosen = self.query_one(Checklist).selected
        self.walk.choose_opener(typed, int(chosen[0]) if chosen else None)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        if event.selection_list.selected:
            self.query_one("#own-opener", Input).value = ""  # marking one replaces typing
        self.collect()
        self.app.schedule_autosave()

    def on_input_changed(self, event: Input.Changed) -> None:
        show_length(event.input, len(event.value), OPENER_LIMIT)
        if event.value.strip():
            self.query_one(Checklist).deselect_all()  # typing replaces a marked one
        self.collect()
        self.app.schedule_autosave()
