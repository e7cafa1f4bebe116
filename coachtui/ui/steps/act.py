"""Step 5, Act: guidance for the chosen path, as a checklist, with first-things-first on top."""

from __future__ import annotations

from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import SelectionList, Static

from coachtui.core.decision import PATH_WORDS
from coachtui.core.playbook import MOMENT_WORDS
from coachtui.core.wording import wording_for
from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain
from coachtui.ui.widgets.checklist import Checklist


class ActStep(StepView):
    HELP = (
        "What to do now, in order. Tick each step as you do it (number keys or Space; Tab "
        "moves between groups). Nothing here is a score: skip what does not fit. Enter goes on."
    )

    BINDINGS = [Binding("k", "skip", "Skip or bring back", id="skip-step")]

    def body(self) -> ComposeResult:
        walk = self.walk
        path, suggested = walk.path, walk.decision.register.path
        if path is None:
            title = wording_for(walk.playbook.kind).act_title
        else:
            title = PATH_WORDS[path]
            if path != suggested:
                title += "  (your call over the suggestion)"
        yield Static(Content.assemble((title, "bold")), classes="path-name")
        number = 0
        skipped = walk.answers.items_skipped
        shown = [item for item in walk.act_items() if item.id not in skipped]
        for group, items in groupby(shown, key=lambda item: item.group):
            entries = [(item.id, item.title, item.skip_note and f"{item.skip_note} (k)")
                       for item in items]
            yield self.heading(group)
            yield Checklist(entries, walk.answers.items_done, start=number + 1, classes="act-list")
            number += len(entries)
        for item in walk.act_items():
            if item.id in skipped:
                yield Static(plain(f"Skipped: {item.title}  (k brings it back)"), classes="muted")
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
        self.walk.set_items_done({value for checklist in self.query(Checklist)
                                  for value in checklist.selected})

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action == "skip" and not any(i.skip_note for i in self.walk.act_items()))

    async def action_skip(self) -> None:
        """Skip the steps this walk lets you skip (the reframe after a hard moment), or bring
        them back; one key, because a prompt to see their side can hurt after abuse."""
        if not self.is_current:
            return
        self.collect()
        self.walk.toggle_skipped()
        self.app.schedule_autosave()
        await self.recompose()
        self.first_focus().focus()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.collect()
        self.app.schedule_autosave()
