"""Step 5, Act: guidance for the chosen path, as a checklist, with first-things-first on top."""

from __future__ import annotations

from itertools import groupby

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import SelectionList, Static

from coachtui.core.playbook import MOMENT_WORDS
from coachtui.core.walk import PATH_WORDS
from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain
from coachtui.ui.widgets.checklist import Checklist


class ActStep(StepView):
    HELP = (
        "What to do now, in order. Tick each step as you do it (number keys or Space; Tab "
        "moves between groups). Nothing here is a score: skip what does not fit. Enter goes on."
    )

    def body(self) -> ComposeResult:
        walk = self.walk
        rec, path = walk.recommendation, walk.path
        title = PATH_WORDS[path]
        if path != rec.path:
            title += "  (your call over the suggestion)"
        yield Static(Content.assemble((title, "bold")), classes="path-name")
        number = 0
        for group, items in groupby(walk.act_items(), key=lambda item: item.group):
            entries = [(item.id, item.title, "") for item in items]
            yield self.heading(group)
            yield Checklist(entries, walk.answers.items_done, start=number + 1, classes="act-list")
            number += len(entries)
        # A step's explanation is longer than a list line: show the highlighted one's in full.
        yield Static(id="item-detail", classes="detail")
        if walk.playbook.moments:  # the playbook offers only moments that fit its scenario
            yield self.heading("A moment that matters (if it fits)")
            for moment in walk.playbook.moments:
                yield Static(Content.assemble((f"{MOMENT_WORDS[moment.kind]}: ", "bold"),
                                              plain(moment.idea)), classes="moment")

    def first_focus(self):
        return self.query(Checklist).first()

    def on_selection_list_selection_highlighted(self, event) -> None:
        self._show_detail(event.selection_list)

    def on_descendant_focus(self, event) -> None:
        self._show_detail(event.widget)

    def _show_detail(self, widget) -> None:
        """Show the full explanation of the item highlighted in the focused list."""
        if not isinstance(widget, Checklist) or not widget.has_focus or widget.highlighted is None:
            return
        value = widget.get_option_at_index(widget.highlighted).value
        item = next((item for item in self.walk.act_items() if item.id == value), None)
        detail = item.detail if item else ""
        if item and not detail and len(item.title) > widget.size.width - 8:
            detail = item.title  # a move has no explanation, but a narrow list cuts its line
        self.query_one("#item-detail", Static).update(plain(detail))

    def collect(self) -> None:
        done = {value for checklist in self.query(Checklist) for value in checklist.selected}
        self.walk.answers.items_done = [i.id for i in self.walk.act_items() if i.id in done]

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.collect()
        self.app.schedule_autosave()
