"""The reflection's further questions, folded away under one line until asked for.

A brief reflection stays three boxes and Ctrl+S; the after-action review's other half
(what you meant to happen, why it went differently), how you feel, the kind of moment it
was and who might hear of it are one Tab and Enter away, in the walk and in the quick
reflection alike. A resumed draft that answered any of them opens unfolded.
"""

from __future__ import annotations

from textual.widgets import Collapsible, Input, Static

from coachtui.core.reflection import MOMENT_TYPES, MY_FEELINGS, MY_GOOD_FEELINGS, ReviewAnswers
from coachtui.core.sanitize import strip_controls
from coachtui.ui.text import plain
from coachtui.ui.widgets.answer import AnswerInput
from coachtui.ui.widgets.choices import Choices

TITLE = "More: what you meant, why it differed, how you feel, the moment"
LIMIT = 4000  # the journal's FreeText
# (answer field, question) of the one-line answers, in the order they are asked.
REVIEW_LINES = (
    ("intended", "What did you mean to happen?"),
    ("why_different", "Why did it go differently?"),
)
RIPPLE = ("ripple", "Who might hear about this moment, or tell it again?")


class MoreQuestions(Collapsible):
    """The optional questions; `about_customer` False leaves out the moment and its ripple
    (a walk about yourself has no customer moment to name).

    Folded, the questions are not even built: they are a third of the Reflect step's widgets,
    and the step is put up at every walk's end while most reflections never unfold them.
    They are built the moment they are unfolded (before the next key can reach them)."""

    def __init__(self, answers: ReviewAnswers, *, about_customer: bool = True) -> None:
        self.about_customer = about_customer
        self._answers = answers
        answered = any(answers.review().values())
        self.built = answered  # a resumed draft that answered any opens unfolded, built
        super().__init__(*(self._questions() if answered else ()), title=TITLE,
                         collapsed=not answered, id="more")

    def _questions(self) -> list:
        answers = self._answers
        children: list = []
        for field, question in REVIEW_LINES:
            children += self._line(field, question, getattr(answers, field))
        children += [Static(plain("How do you feel now?"), classes="heading"),
                     Choices([[(w, w) for w in MY_FEELINGS[:MY_GOOD_FEELINGS]],
                              [(w, w) for w in MY_FEELINGS[MY_GOOD_FEELINGS:]]],
                             answers.my_feelings, id="my_feelings")]
        if self.about_customer:
            children += [Static(plain("Was it one of these moments?"), classes="heading"),
                         Choices([list(MOMENT_TYPES.items())],
                                 [answers.moment] if answers.moment else [], single=True,
                                 id="moment")]
            children += self._line(*RIPPLE, answers.ripple)
        return children

    def watch_collapsed(self, collapsed: bool) -> None:
        if not collapsed and not self.built and self.is_mounted:
            self.built = True
            # Into the tree at once (mount registers them now): a Tab typed right after
            # the Enter that unfolded them already finds them.
            self.query_one(Collapsible.Contents).mount_all(self._questions())

    @staticmethod
    def _line(field: str, question: str, value: str) -> list:
        return [Static(plain(question), classes="heading"),
                AnswerInput(value, limit=LIMIT, id=field)]

    def answers(self) -> dict:
        """What these questions show now, by field (only the questions shown: none while
        they have never been unfolded, so the answers stay as they were)."""
        if not self.built:
            return {}
        fields = [field for field, _question in REVIEW_LINES]
        fields += [RIPPLE[0]] if self.about_customer else []
        shown: dict = {field: strip_controls(self.query_one(f"#{field}", Input).value,
                                             keep_newlines=False) for field in fields}
        shown["my_feelings"] = self.query_one("#my_feelings", Choices).selected
        if self.about_customer:
            shown["moment"] = next(iter(self.query_one("#moment", Choices).selected), "")
        return shown
