"""Editing a saved entry: its answers, tags, star and sensitive mark.

The entry's file is stamped when it is opened; saving refuses (and keeps every edit on
screen) if the file changed meanwhile, so two windows never overwrite each other. Escape
with changes on screen does not drop them at once: it says so, and a second Escape does.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Static, TextArea

from coachtui.core.reflection import parse_tags
from coachtui.core.sanitize import strip_controls
from coachtui.ui.steps.reflect import LINE_FIELDS, TAGS_LIMIT, WHAT_HAPPENED_LIMIT
from coachtui.ui.text import local, plain
from coachtui.ui.widgets.answer import AnswerArea, AnswerInput, show_length
from coachtui.ui.widgets.keys_footer import KeysFooter
from coachtui.ui.widgets.tickbox import TickBox


class EditEntryScreen(Screen[bool]):
    HELP = ("Change the answers of a saved entry. Ctrl+S saves. Escape leaves; if you changed "
            "something, it asks first, and a second Escape leaves without your changes. "
            "If the entry was changed somewhere else since you opened it, nothing is overwritten.")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    def __init__(self, path: Path, focus: str = "what_happened") -> None:
        super().__init__()
        from coachtui.store import journal

        self.path = path
        self.first_focus = focus
        self.entry, self.stamp = journal.read_for_edit(path)
        self.as_opened: dict = {}  # the answers as first shown, to tell whether any changed
        self.asked_to_leave = False  # Escape was pressed with changes, and nothing changed since

    def compose(self) -> ComposeResult:
        entry = self.entry
        with VerticalScroll(classes="step-body"):
            yield Static(plain(f"Edit: {entry.playbook_title or 'a quick note'}, "
                               f"{local(entry.created):%d %b %Y %H:%M}"), classes="heading")
            yield Static(plain("What happened?"), classes="heading")
            yield AnswerArea(entry.what_happened, limit=WHAT_HAPPENED_LIMIT, id="what_happened",
                             soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            for field, question, limit in LINE_FIELDS:
                yield Static(plain(question), classes="heading")
                yield AnswerInput(getattr(entry, field), limit=limit, id=field)
            yield Static(plain("Tags"), classes="heading")
            yield AnswerInput(" ".join(entry.tags), limit=TAGS_LIMIT, id="tags")
            yield TickBox("starred", entry.starred, id="starred")
            yield TickBox("sensitive", entry.sensitive, id="sensitive")
            yield Static(id="edit-problem", classes="problem hidden")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.as_opened = self.edited()
        self.query_one(f"#{self.first_focus}").focus()

    def action_cancel(self) -> None:
        """Leave at once if nothing changed; with changes, ask first (a second Escape)."""
        if self.asked_to_leave or self.edited() == self.as_opened:
            self.dismiss(False)
            return
        self.asked_to_leave = True
        self.app.tell("You changed this entry: press Escape again to leave without your "
                      "changes, or Ctrl+S to save them.", severity="warning")

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.asked_to_leave = False  # a change after the question: ask again

    def on_input_changed(self, event: Input.Changed) -> None:
        self.asked_to_leave = False
        if isinstance(event.input, AnswerInput):
            show_length(event.input, len(event.value), event.input.limit)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.asked_to_leave = False
        show_length(event.text_area, len(event.text_area.text), WHAT_HAPPENED_LIMIT)

    def edited(self) -> dict:
        one_line = {field: strip_controls(self.query_one(f"#{field}", Input).value,
                                          keep_newlines=False) for field, _, _ in LINE_FIELDS}
        return {
            **one_line,
            "what_happened": strip_controls(self.query_one("#what_happened", TextArea).text),
            "tags": parse_tags(strip_controls(self.query_one("#tags", Input).value)),
            "starred": self.query_one("#starred", Checkbox).value,
            "sensitive": self.query_one("#sensitive", Checkbox).value,
        }

    def action_save(self) -> None:
        from pydantic import ValidationError

        from coachtui.store import journal
        from coachtui.store.atomic import why_not_written
        from coachtui.store.toml_io import first_problem

        problem = ""
        try:
            updated = self.entry.model_validate({**self.entry.model_dump(), **self.edited()})
            self.stamp = journal.update(self.path, updated, self.stamp)
        except ValidationError as error:
            problem = f"Not saved yet: {first_problem(error)}."
        except journal.ChangedOnDisk as error:
            problem = (f"Not saved: {error}, so nothing was overwritten; your edits are still "
                       "here to copy.")
        except OSError as error:
            problem = (f"Not saved because {why_not_written(error)}; your edits are still here, "
                       "so press Ctrl+S to try again.")
        shown = self.query_one("#edit-problem", Static)
        shown.update(plain(problem))
        shown.display = bool(problem)
        if not problem:
            self.app.tell("Entry saved.")
            self.dismiss(True)
