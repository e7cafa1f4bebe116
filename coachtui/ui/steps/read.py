"""Step 3, Read: tick the signals the customer is giving (or, about yourself, what you feel),
and say whether something went wrong for them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import SelectionList, Static

from coachtui.core.playbook import LEAN_WORDS
from coachtui.core.wording import WENT_WRONG_QUESTION, wording_for
from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain
from coachtui.ui.widgets.checklist import Checklist

ANSWER_WORDS = {True: "yes", False: "no", None: "not answered"}


class ReadStep(StepView):
    HELP = (
        "Tick every signal you notice with its number or Space. There are no wrong answers; "
        "none at all is fine. On a walk about a customer, y or n answers whether something "
        "went wrong for them. Enter goes on."
    )
    BINDINGS = [
        Binding("y", "went_wrong(True)", "Went wrong", id="went-wrong-yes"),
        Binding("n", "went_wrong(False)", "Went fine", id="went-wrong-no"),
    ]

    def body(self) -> ComposeResult:
        book = self.walk.playbook
        words = wording_for(book.kind)
        yield self.heading(words.read_heading)
        yield Static(plain(words.read_hint), classes="muted")
        yield Checklist([(s.id, s.label, "" if self.walk.about_self else LEAN_WORDS[s.lean])
                         for s in book.signals],
                        self.walk.answers.signals, id="signals")
        if not self.walk.about_self:
            yield self.heading(WENT_WRONG_QUESTION)
            yield Static(self._answer_line(), id="went-wrong", classes="choice")

    def _answer_line(self) -> Content:
        answer = self.walk.answers.went_wrong
        shown = ANSWER_WORDS[answer]
        if answer is None and self.walk.playbook.something_went_wrong:
            shown += " (this scenario starts from something gone wrong)"
        return Content.assemble(("y", "bold $text-accent"), "  yes     ",
                                ("n", "bold $text-accent"), "  no     ", (f"now: {shown}", "dim"))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action == "went_wrong" and self.walk.about_self)

    def first_focus(self):
        return self.query_one(Checklist)

    def collect(self) -> None:
        self.walk.set_signals(self.query_one(Checklist).selected)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.collect()
        self.app.schedule_autosave()

    def action_went_wrong(self, value: bool) -> None:
        if not self.is_current:
            return
        self.walk.answer_went_wrong(value)
        self.query_one("#went-wrong", Static).update(self._answer_line())
        self.app.schedule_autosave()
