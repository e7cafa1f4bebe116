"""Step 3, Read: tick the signals the customer is giving."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import SelectionList, Static

from coachtui.core.playbook import LEAN_WORDS
from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain
from coachtui.ui.widgets.checklist import Checklist


class ReadStep(StepView):
    HELP = (
        "What is the customer showing you? Tick every signal you notice with its number "
        "or Space. There are no wrong answers; none at all is fine. Enter goes on."
    )

    def body(self) -> ComposeResult:
        book = self.walk.playbook
        yield self.heading("What are they showing you?")
        yield Static(plain("Tick what you notice. None is fine too."), classes="muted")
        yield Checklist([(s.id, s.label, LEAN_WORDS[s.lean]) for s in book.signals],
                        self.walk.answers.signals, id="signals")

    def first_focus(self):
        return self.query_one(Checklist)

    def collect(self) -> None:
        # Keep the playbook's order, whatever order they were ticked in.
        chosen = set(self.query_one(Checklist).selected)
        self.walk.answers.signals = [s.id for s in self.walk.playbook.signals if s.id in chosen]

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.collect()
        self.app.schedule_autosave()
