"""Step 3, Read: tick the signals the customer is giving (or, about yourself, what you feel),
and say whether something went wrong for them."""

from __future__ import annotations

from string import ascii_lowercase

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import SelectionList, Static

from coachtui.core.decision import says_went_wrong
from coachtui.core.playbook import LEAN_WORDS
from coachtui.core.wording import WENT_WRONG_QUESTION, wording_for
from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain
from coachtui.ui.widgets.checklist import Checklist

ANSWER_WORDS = {True: "yes", False: "no", None: "not answered"}
READ_BINDINGS = [
    Binding("y", "went_wrong(True)", "Went wrong", id="went-wrong-yes"),
    Binding("n", "went_wrong(False)", "Went fine", id="went-wrong-no"),
]
# Every signal has a key: 1-9, then 0, then the letters no other key on this step uses.
SIGNAL_KEYS = "1234567890" + "".join(
    letter for letter in ascii_lowercase if letter not in {b.key for b in READ_BINDINGS})


class ReadStep(StepView):
    HELP = (
        "Tick every signal you notice with the key beside it (1-9, 0, then letters) or "
        "Space. There are no wrong answers; none at all is fine. On a walk about a customer, "
        "y or n answers whether something went wrong for them. Enter goes on."
    )
    BINDINGS = READ_BINDINGS

    def body(self) -> ComposeResult:
        book = self.walk.playbook
        words = wording_for(book.kind)
        yield self.heading(words.read_heading)
        yield Static(plain(words.read_hint), classes="muted")
        yield Checklist([(s.id, s.label, "" if self.walk.about_self else LEAN_WORDS[s.lean])
                         for s in book.signals],
                        self.walk.answers.signals, keys=SIGNAL_KEYS, id="signals")
        if not self.walk.about_self:
            yield Static(plain(WENT_WRONG_QUESTION), id="went-wrong-question", classes="heading")
            yield Static(id="went-wrong", classes="choice")

    def on_mount(self) -> None:  # (StepView's on_mount runs too: Textual calls each class's)
        self._show_question()

    def _show_question(self) -> None:
        """Ask "did something go wrong?" only when the engine needs the answer: a ticked
        signal may already say so, and after a safety signal nothing is put right."""
        if self.walk.about_self:
            return
        walk = self.walk
        said_by = [s.label for s in says_went_wrong(walk.playbook.signals)
                   if s.id in walk.answers.signals]
        shown = walk.asks_went_wrong or bool(said_by)
        self.query_one("#went-wrong-question").display = shown
        line = self.query_one("#went-wrong", Static)
        line.display = shown
        if walk.asks_went_wrong:
            line.update(self._answer_line())
        elif said_by:
            line.update(plain("yes: you ticked " + "; ".join(said_by), "dim"))
        self.refresh_bindings()

    def _answer_line(self) -> Content:
        answer = self.walk.answers.went_wrong
        shown = ANSWER_WORDS[answer]
        if answer is None and self.walk.playbook.something_went_wrong:
            shown += " (this scenario starts from something gone wrong)"
        return Content.assemble(("y", "bold $text-accent"), "  yes     ",
                                ("n", "bold $text-accent"), "  no     ", (f"now: {shown}", "dim"))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action == "went_wrong" and not self.walk.asks_went_wrong)

    def first_focus(self):
        return self.query_one(Checklist)

    def collect(self) -> None:
        self.walk.set_signals(self.query_one(Checklist).selected)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.collect()
        self._show_question()
        self.app.schedule_autosave()

    def action_went_wrong(self, value: bool) -> None:
        if not self.is_current:
            return
        self.walk.answer_went_wrong(value)
        self._show_question()
        self.app.schedule_autosave()
