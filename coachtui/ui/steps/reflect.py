"""Step 6, Reflect: a short after-action review, saved to the journal with Ctrl+S."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual import events
from textual.widgets import Button, Input, SelectionList, Static, TextArea

from coachtui.core.reflection import CUSTOMER_LEFT, NOT_HARD, parse_tags
from coachtui.core.sanitize import strip_controls
from coachtui.core.wording import SAFETY_REFLECT_HEADING, SAFETY_REFLECT_NOTE, wording_for
from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain
from coachtui.ui.widgets.answer import AnswerArea, AnswerInput, show_length
from coachtui.ui.widgets.choices import Choices
from coachtui.ui.widgets.more_questions import MoreQuestions
from coachtui.ui.widgets.refusal import refuse_key
from coachtui.ui.widgets.scale import Scale

# (answer field, question, character limit) for the one-line answers; the limits are the
# journal model's (FreeText, ShortFreeText), counted on screen so saving never surprises.
LINE_FIELDS = (
    ("went_well", "What went well?", 4000),
    ("to_change", "What would you change?", 4000),
    ("next_time", "Next time I will…", 300),
)
WHAT_HAPPENED_LIMIT = 4000
TAGS_LIMIT = 400  # characters of tags as typed; the model allows 20 tags of 40
NOT_A_BOX = "Nothing here takes writing: Tab to a question to answer it; Ctrl+S saves."


def customer_left_question(selected: list[str]) -> Choices:
    """How the customer left, as one question in two columns: the good (and neutral)
    moments, and the hard ones, so the form stays short."""
    return Choices([[(word, word) for word in CUSTOMER_LEFT[:NOT_HARD]],
                    [(word, word) for word in CUSTOMER_LEFT[NOT_HARD:]]],
                   selected, id="customer_left")


class ReflectStep(StepView):
    HELP = (
        "A short look back while it is fresh. Tab and Shift+Tab move from question to "
        "question; in a question of words to tick, the keys shown beside them (or the "
        "arrows and Space) tick them, and on the 0-10 scale a number rates. Every answer is "
        "optional; 'More' (Tab to it, Enter) unfolds what you meant to happen, why it went "
        "differently, how you feel and the moment. Ctrl+S saves to your private journal. "
        "Your answers are kept as a draft as you type, so nothing is lost if you are "
        "interrupted."
    )
    BINDINGS = [Binding("ctrl+s", "save", "Save to journal", priority=True, id="save")]

    def body(self) -> ComposeResult:
        walk, answers = self.walk, self.walk.answers
        # After a safety stop, only what happened and how you are: no review of how it went.
        short = walk.decision.safety
        words = wording_for(walk.playbook.kind)
        yield self.heading(SAFETY_REFLECT_HEADING if short else words.reflect_heading)
        prompts = [SAFETY_REFLECT_NOTE] if short else walk.playbook.reflection_prompts
        # One widget for every prompt: on a form of some thirty, each one counts.
        if prompts:
            yield Static(plain("\n".join(f"•  {prompt}" for prompt in prompts)), classes="muted")
        yield AnswerArea(answers.what_happened, limit=WHAT_HAPPENED_LIMIT, id="what_happened",
                         soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        if not (short or walk.about_self):
            yield self.heading("How did the customer leave?")
            yield customer_left_question(answers.customer_left)
        before = "not rated" if answers.stress_before is None else str(answers.stress_before)
        yield self.heading(f"{words.after_heading}  (before: {before})")
        yield Scale(answers.stress_after, id="stress-after")
        for field, question, limit in () if short else LINE_FIELDS:
            yield self.heading(question)
            yield AnswerInput(getattr(answers, field), limit=limit, id=field)
        yield self.heading("Tags")
        yield AnswerInput(" ".join(answers.tags), limit=TAGS_LIMIT,
                          placeholder="e.g. refund rush-hour", id="tags")
        if not short:  # folded: the brief reflection above stays brief
            yield MoreQuestions(answers, about_customer=not walk.about_self)
        yield Static("", id="save-problem", classes="problem hidden")
        yield Button("Save to journal  (Ctrl+S)", id="save", variant="primary")

    def first_focus(self):
        return self.query_one("#what_happened", TextArea)

    # -- answers flow into the walk as they change ------------------------------------
    def on_mount(self) -> None:  # (StepView's on_mount runs too: Textual calls each class's)
        # A resumed draft may already be long: count it from the start.
        for box in self.query(AnswerInput):
            show_length(box, len(box.value), box.limit)
        area = self.query_one("#what_happened", AnswerArea)
        show_length(area, len(area.text), area.limit)

    def collect(self) -> None:
        """Every answer on the form, written into the walk in one call (a short form after a
        safety stop leaves the answers it does not show as they were)."""
        shown = {"what_happened": strip_controls(self.query_one("#what_happened", TextArea).text),
                 "stress_after": self.query_one(Scale).value,
                 "tags": parse_tags(strip_controls(self.query_one("#tags", Input).value,
                                                   keep_newlines=False))}
        for field, _question, _limit in LINE_FIELDS:
            for box in self.query(f"#{field}").results(Input):
                shown[field] = strip_controls(box.value, keep_newlines=False)
        for question in self.query("#customer_left").results(Choices):
            shown["customer_left"] = question.selected
        for more in self.query(MoreQuestions):
            shown.update(more.answers())
        self.walk.reflect(**shown)

    def on_key(self, event: events.Key) -> None:
        # Every box here takes its own keys; a digit that reaches the step came from the
        # save button or a fold, and must not tick a word in a question without focus.
        refuse_key(self, event, NOT_A_BOX)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        # Never cut what was written: say it is too long, and saving says so again.
        show_length(area, len(area.text), WHAT_HAPPENED_LIMIT)
        self.collect()
        self.app.schedule_autosave()

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, AnswerInput):
            show_length(event.input, len(event.value), event.input.limit)
        self.collect()
        self.app.schedule_autosave()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.screen.focus_next()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.collect()
        self.app.schedule_autosave()

    def on_scale_changed(self, event: Scale.Changed) -> None:
        self.collect()
        self.app.schedule_autosave()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    # -- saving --------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # Enter belongs to the text boxes here (new line, next field); saving has Ctrl+S.
        return action != "continue"

    def action_save(self) -> None:
        if not self.is_current:
            return  # a second Ctrl+S queued behind the one that saved
        problem = self.app.save_to_journal()  # None once saved (the closing screen is on its way)
        shown = self.query_one("#save-problem", Static)
        shown.update(plain(problem or ""))
        shown.display = bool(problem)
