"""A quick reflection: log an interaction after the fact, without the live walk.

Every answer is optional. It is kept as a draft as you type (like a walk), and saved to
the journal with Ctrl+S as an entry of kind "quick".
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static, TextArea

from coachtui.core.dates import NotADate, local
from coachtui.core.playbook import LEAN_WORDS
from coachtui.core.quick import CHANNELS, QuickAnswers, looks_personal, personal_note
from coachtui.core.reflection import parse_tags
from coachtui.core.sanitize import strip_controls
from coachtui.ui.steps.reflect import (LINE_FIELDS, NOT_A_BOX, TAGS_LIMIT, WHAT_HAPPENED_LIMIT,
                                       customer_left_question)
from coachtui.ui.text import plain
from coachtui.ui.widgets.answer import AnswerArea, AnswerInput, show_length
from coachtui.ui.widgets.checklist import Checklist
from coachtui.ui.widgets.choices import Choices
from coachtui.ui.widgets.keys_footer import KeysFooter
from coachtui.ui.widgets.more_questions import MoreQuestions
from coachtui.ui.widgets.paging import SafeSelect
from coachtui.ui.widgets.refusal import refuse_key
from coachtui.ui.widgets.scale import Scale
from coachtui.ui.widgets.tickbox import TickBox

DECISIONS = [(Content("connect"), "connect"), (Content("stay frictionless"), "frictionless")]
# The answers checked for an email address or a phone number, in the order they are shown.
PERSONAL_FIELDS = ("what_happened", "went_well", "to_change", "next_time", "intended",
                   "why_different", "ripple")
PERSONAL_CHECK_DELAY = 0.3  # seconds after typing stops in a box, that box is checked
WHEN_LIMIT = 60  # "last wednesday 17:30" and the like: a short line


class QuickReflectScreen(Screen):
    HELP = ("Log a customer moment after the fact. Every answer is optional; Tab and Shift+Tab "
            "move from question to question. In a question of words to tick, the keys shown "
            "beside them (or the arrows and Space) tick them; on a 0-10 scale a number rates. "
            "'More' (Tab to it, Enter) unfolds further questions. Ctrl+S saves to your "
            "journal. Your answers are kept as a draft as you type; Escape leaves and keeps "
            "them for later.")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save to journal", priority=True, id="save"),
        Binding("escape", "leave", "Back", id="back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    def __init__(self, answers: QuickAnswers) -> None:
        super().__init__()
        self.answers = answers
        self._personal: dict[str, str] = {}  # answer -> what it seems to hold ('' if nothing)
        self._unchecked: set[str] = set(PERSONAL_FIELDS)  # changed since last looked at
        self._personal_timer = None

    def compose(self) -> ComposeResult:
        a = self.answers
        library = self.app.library
        with VerticalScroll(classes="step-body", id="quick-body"):
            yield Static(plain("A quick reflection"), classes="heading")
            with Horizontal(classes="quick-row"):
                yield SafeSelect([(plain(loaded.playbook.title), pid)
                              for pid, loaded in library.playbooks.items()],
                             prompt="scenario (optional)", id="scenario",
                             value=a.playbook_id if a.playbook_id in library.playbooks
                             else Select.NULL)
                yield SafeSelect([(Content(name), name) for name in CHANNELS], prompt="channel",
                             id="channel", value=a.channel if a.channel in CHANNELS
                             else Select.NULL)
                yield SafeSelect(DECISIONS, prompt="what you did", id="decision",
                             value=a.decision or Select.NULL)
            yield Static(plain("When did it happen?"), classes="heading")
            yield AnswerInput(a.when, limit=WHEN_LIMIT, id="when",
                              placeholder="now, or yesterday 17:30, 3d, 2026-11-20 09:15")
            yield Static(id="when-read", classes="muted")
            yield Static(plain("What happened?"), classes="heading")
            yield AnswerArea(a.what_happened, limit=WHAT_HAPPENED_LIMIT, id="what_happened",
                             soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            yield Static(id="personal", classes="note hidden")
            yield Static(plain("Signals you saw"), classes="heading", id="signals-heading")
            yield Checklist(self._signal_items(a.playbook_id), a.signals, id="signals")
            yield Static(plain("How wound up were you before?"), classes="heading")
            yield Scale(a.stress_before, id="stress-before")
            yield Static(plain("And now?"), classes="heading")
            yield Scale(a.stress_after, id="stress-after")
            yield Static(plain("How did the customer leave?"), classes="heading")
            yield customer_left_question(a.customer_left)
            for field, question, limit in LINE_FIELDS:
                yield Static(plain(question), classes="heading")
                yield AnswerInput(getattr(a, field), limit=limit, id=field)
            yield Static(plain("Tags"), classes="heading")
            yield AnswerInput(" ".join(a.tags), limit=TAGS_LIMIT, id="tags",
                              placeholder="e.g. refund rush-hour")
            yield MoreQuestions(a)
            yield TickBox("starred", a.starred, id="starred")
            yield TickBox("sensitive", a.sensitive, id="sensitive")
            yield Static(id="save-problem", classes="problem hidden")
            yield Button("Save to journal  (Ctrl+S)", id="save", variant="primary")
        yield KeysFooter()

    def _signal_items(self, playbook_id: str) -> list[tuple[str, str, str]]:
        scenario = self.app.library.get(playbook_id) if playbook_id else None
        if scenario is None:
            return []
        return [(s.id, s.label, LEAN_WORDS[s.lean]) for s in scenario.playbook.signals]

    def on_mount(self) -> None:
        self._show_signals()
        self._show_when()
        self.query_one("#what_happened").focus()
        self._check_personal()  # a resumed draft may hold details already

    def _show_signals(self) -> None:
        has = bool(self.query_one("#signals", Checklist).option_count)
        self.query_one("#signals", Checklist).display = has
        self.query_one("#signals-heading").display = has

    # -- answers flow in as they change --------------------------------------------------
    def collect(self) -> None:
        """Copy what the widgets show into the answers (also called on quit and crash)."""
        a = self.answers
        scenario = self.query_one("#scenario", Select).value
        channel = self.query_one("#channel", Select).value
        decision = self.query_one("#decision", Select).value
        a.playbook_id = scenario if isinstance(scenario, str) else ""
        a.channel = channel if isinstance(channel, str) else ""
        a.decision = decision if isinstance(decision, str) else None  # type: ignore[assignment]
        a.signals = list(self.query_one("#signals", Checklist).selected)
        a.stress_before = self.query_one("#stress-before", Scale).value
        a.stress_after = self.query_one("#stress-after", Scale).value
        a.customer_left = self.query_one("#customer_left", Choices).selected
        a.what_happened = strip_controls(self.query_one("#what_happened", TextArea).text)
        a.when = strip_controls(self.query_one("#when", Input).value, keep_newlines=False)
        for field, _question, _limit in LINE_FIELDS:
            setattr(a, field, strip_controls(self.query_one(f"#{field}", Input).value,
                                             keep_newlines=False))
        a.tags = parse_tags(strip_controls(self.query_one("#tags", Input).value,
                                           keep_newlines=False))
        for field, value in self.query_one(MoreQuestions).answers().items():
            setattr(a, field, value)
        a.starred = self.query_one("#starred", TickBox).value
        a.sensitive = self.query_one("#sensitive", TickBox).value

    def changed(self, box: str | None = None) -> None:
        """An answer changed (in `box`, if it is one of the text answers)."""
        try:
            self.collect()
        except NoMatches:
            return  # still being put on screen
        if box in PERSONAL_FIELDS:
            # Not at every keystroke, and only the box typed in: with a long answer, looking
            # through every answer at each key is what made typing lag.
            self._unchecked.add(box)
            if self._personal_timer is not None:
                self._personal_timer.stop()
            self._personal_timer = self.set_timer(PERSONAL_CHECK_DELAY, self._check_personal)
        self.app.schedule_autosave()

    def _check_personal(self) -> None:
        """Look for an email address or phone number in the answers changed since the last
        look, and say so gently under the first answer that seems to hold one."""
        for field in self._unchecked:
            self._personal[field] = looks_personal(getattr(self.answers, field))
        self._unchecked.clear()
        personal = next((kind for field in PERSONAL_FIELDS
                         if (kind := self._personal.get(field))), "")
        note = self.query_one("#personal", Static)
        note.update(plain(personal_note(personal) if personal else ""))
        note.display = bool(personal)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "scenario":
            chosen = event.value if isinstance(event.value, str) else ""
            if chosen != self.answers.playbook_id:  # not the value it was opened with
                self.query_one("#signals", Checklist).set_items(self._signal_items(chosen), [])
                self._show_signals()
        self.changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, AnswerInput):
            show_length(event.input, len(event.value), event.input.limit)
        self.changed(event.input.id)
        if event.input.id == "when":
            self._show_when()

    def _show_when(self) -> None:
        """Under the date: the moment it is read as, or in one line why it is not one."""
        shown = self.query_one("#when-read", Static)
        try:
            moment = self.answers.happened_at(self.app.clock())
        except NotADate as error:
            shown.update(plain(str(error)))
            shown.set_classes("problem")
            return
        shown.update(plain(local(moment).strftime("%A %d %B %Y, %H:%M")
                           if self.answers.when.strip() else ""))
        shown.set_classes("muted")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        show_length(event.text_area, len(event.text_area.text), WHAT_HAPPENED_LIMIT)
        self.changed(event.text_area.id)

    def on_selection_list_selected_changed(self, event) -> None:
        self.changed()

    def on_scale_changed(self, event: Scale.Changed) -> None:
        self.changed()

    def on_checkbox_changed(self, event: TickBox.Changed) -> None:
        self.changed()

    def on_key(self, event: events.Key) -> None:
        # A character no box took (on a tick box or the save button) is never dropped unseen.
        refuse_key(self, event, NOT_A_BOX)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    # -- saving and leaving ----------------------------------------------------------
    def action_save(self) -> None:
        self.collect()
        problem = self.app.save_to_journal()
        shown = self.query_one("#save-problem", Static)
        shown.update(plain(problem or ""))
        shown.display = bool(problem)

    def action_leave(self) -> None:
        self.collect()
        self.app.leave_quick()
