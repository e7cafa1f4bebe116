"""Text boxes for answers: what is pasted is made safe and never silently lost or cut.

- Control and escape characters never arrive: the app cleans every paste (and says so).
- A one-line answer turns pasted line breaks into spaces, where a plain Input would
  keep only the first line.
- Coming back to an answer selects nothing, so the first key never replaces it.
- There is no hard maximum while typing (a plain Input would quietly refuse the rest);
  the LengthNote under the box counts instead, and saving says what is too long. Only a
  paste far beyond the limit (the 1 MB accident) is refused, in one sentence.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input, Static, TextArea

from coachtui.core.sanitize import clean_typed
from coachtui.ui.text import plain

PASTE_CEILING = 4  # a paste may take an answer to at most this many times its limit


def _clean_paste(widget: Input | TextArea, event: events.Paste, *, one_line: bool,
                 limit: int, current: int) -> None:
    """Rewrite the pasted text in place (the widget's own handler then inserts it),
    or refuse it outright when it is far too long."""
    text, _removed = clean_typed(event.text, one_line=one_line)  # the app cleaned it already
    if current + len(text) > limit * PASTE_CEILING:
        event.prevent_default()  # the widget's own paste handler does not run
        event.stop()
        refused = (f"That paste is {len(text):,} characters, far more than the {limit:,} "
                   "this answer holds, so it was not pasted.")
        widget.notify(refused, severity="warning", markup=False)
        return
    event.text = text


class AnswerInput(Input):
    """A one-line answer with a character limit that is counted, not enforced by cutting."""

    def __init__(self, value: str = "", *, limit: int, **options) -> None:
        # Focus leaves the cursor at the end, nothing selected: coming back to an answer
        # (Tab, or t for the tags) the first key must add to it, not replace it all.
        options.setdefault("select_on_focus", False)
        super().__init__(value, **options)
        self.limit = limit

    def _on_paste(self, event: events.Paste) -> None:
        selected = self.selection.end - self.selection.start if not self.selection.is_empty else 0
        _clean_paste(self, event, one_line=True, limit=self.limit,
                     current=len(self.value) - abs(selected))


class AnswerArea(TextArea):
    """A multi-line answer with a counted character limit; Ctrl+O opens it in $EDITOR."""

    BINDINGS = [Binding("ctrl+o", "external_editor", "Your editor", id="editor")]

    def __init__(self, text: str = "", *, limit: int, **options) -> None:
        super().__init__(text, **options)
        self.limit = limit

    async def _on_paste(self, event: events.Paste) -> None:
        _clean_paste(self, event, one_line=False, limit=self.limit,
                     current=len(self.text) - len(self.selected_text))

    def action_external_editor(self) -> None:
        from coachtui.ui.external_editor import edit_answer

        edit_answer(self, self.limit, PASTE_CEILING)


class LengthNote(Static):
    """Under an answer: how long it is, once it nears its limit; a warning once over it.
    Made by `show_length` the first time it has something to say."""

    NEAR = 0.8  # start counting at 80% of the limit

    def show(self, length: int, limit: int) -> None:
        if length > limit:
            self.update(plain(f"{length:,} characters: {length - limit:,} over the {limit:,} "
                              "that fit; please shorten it (nothing has been cut)"))
            self.set_classes("length-note problem")
        elif length >= limit * self.NEAR:
            self.update(plain(f"{length:,} of {limit:,} characters"))
            self.set_classes("length-note muted")
        self.display = length >= limit * self.NEAR


def show_length(box: Input | TextArea, length: int, limit: int) -> None:
    """Say under `box` how long its answer is, as `LengthNote` does. The note (id
    `<box id>-length`) is made the first time it is needed: most answers never come near
    their limit, and a hidden note under every box was a sixth of a form's widgets, each
    styled and laid out as the form appears."""
    parent = box.parent
    if parent is None or not box.is_attached:
        return  # a change arriving after its box was taken down: nothing to say it under
    notes = parent.query_children(f"#{box.id}-length")
    if notes:
        notes.first(LengthNote).show(length, limit)
    elif length >= limit * LengthNote.NEAR:
        note = LengthNote(id=f"{box.id}-length")
        note.show(length, limit)
        parent.mount(note, after=box)
