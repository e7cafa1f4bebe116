"""Step 5, Act: what to do now, one step at a time, first things first.

The walk's Act items (calming, care and plain words; then putting it right; then the moves
of the path) are shown one at a time, large, with their detail: one prompt for someone with
a customer in front of them, not a form of seventeen lines. Enter marks the step done and
shows the next, `s` skips it, ← goes back one, → goes on leaving it open, and `l` shows the
whole list with each step's mark. The playbook's moments, when it has any, are a last page.
After the last page, Enter goes on to Reflect.
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coachtui.core.decision import PATH_WORDS
from coachtui.core.playbook import MOMENT_WORDS
from coachtui.core.walk import ActItem
from coachtui.core.wording import wording_for
from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain
from coachtui.ui.widgets.paging import Menu

MOMENTS_HEADING = "A moment that matters (if it fits)"
MARK_SIGNS = {"done": "✓", "skipped": "–", None: "·"}
MARK_WORDS = {"done": "✓ done", "skipped": "– skipped"}


class ActStep(StepView):
    HELP = (
        "What to do now, one step at a time, in order: calming and care first, then putting "
        "it right, then your path. Enter: done, next. s: skip it. ← or Backspace: the step "
        "before. →: the next, leaving this one open. l: the whole list (Enter there goes to "
        "a step; l or Escape comes back). r: on to Reflect now. Nothing here is a score: "
        "skip what does not fit. After the last step, Enter goes on to Reflect; Escape on "
        "the first goes back to Decide."
    )

    BINDINGS = [
        Binding("enter", "continue", "Done, next", priority=True, id="continue"),
        Binding("s", "skip", "Skip", id="act-skip"),
        Binding("left,backspace", "previous", "Previous", key_display="←", show=False,
                id="act-previous"),
        Binding("right", "next", "Next, leave it open", show=False, id="act-next"),
        Binding("l", "toggle_list", "Whole list", id="act-list"),
        Binding("r", "reflect", "Reflect now", id="act-reflect"),
        Binding("escape", "escape", "Back", show=False, id="act-escape"),
    ]

    at = 0  # which page is shown: an index into `pages`

    # -- what there is to show --------------------------------------------------------------
    @property
    def items(self) -> list[ActItem]:
        return self.walk.act_items()

    @property
    def page_count(self) -> int:
        """The items, and the moments page when the playbook has moments."""
        return len(self.items) + bool(self.walk.playbook.moments)

    @property
    def current_item(self) -> ActItem | None:
        """The item shown; None on the moments page."""
        items = self.items
        return items[self.at] if self.at < len(items) else None

    @property
    def listing(self) -> bool:
        return self.query_one("#act-list").display

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
        yield Static(id="act-progress", classes="muted")
        with Vertical(id="act-card", classes="act-card"):
            yield Static(id="act-title", classes="act-title")
            yield Static(id="act-detail", classes="act-detail")
            yield Static(id="act-mark", classes="muted")
        yield Static(id="act-keys", classes="choice")
        yield Menu(id="act-list", classes="act-list")

    def on_mount(self) -> None:  # (StepView's on_mount runs too: Textual calls each class's)
        self.query_one("#act-list").display = False
        self.at = min(self.walk.act_resume_index, max(self.page_count - 1, 0))
        self.show_page()

    # -- drawing ------------------------------------------------------------------------------
    def show_page(self) -> None:
        """Show the page at `self.at`: a step with its detail and mark, or the moments."""
        items, item = self.items, self.current_item
        if item is not None:
            said = self.walk.item_mark(item.id)
            progress = f"Step {self.at + 1} of {len(items)}  ·  {item.group}"
            title, detail = item.title, plain(item.detail)
            mark = MARK_WORDS[said] if said else (
                f"{item.skip_note} (s skips it)" if item.skip_note else "")
        elif self.walk.playbook.moments:
            progress = f"After the {len(items)} steps" if items else ""
            title, mark = MOMENTS_HEADING, ""
            detail = Content("\n").join(
                Content.assemble((f"{MOMENT_WORDS[m.kind]}: ", "bold"), plain(m.idea))
                for m in self.walk.playbook.moments)
        else:  # nothing to do on this path
            progress, title, detail, mark = "", "Nothing to do here.", Content(), ""
        self.query_one("#act-progress", Static).update(plain(progress))
        self.query_one("#act-title", Static).update(plain(title, "bold"))
        self.query_one("#act-detail", Static).update(detail)
        self.query_one("#act-detail").display = bool(detail)
        self.query_one("#act-mark", Static).update(plain(mark))
        self.query_one("#act-mark").display = bool(mark)
        self.query_one("#act-keys", Static).update(self._keys_line(item))
        self.refresh_bindings()  # no "Skip" on the moments page

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action == "skip" and self.current_item is None)

    def _keys_line(self, item: ActItem | None) -> Content:
        last = self.at >= self.page_count - 1
        enter = ("done, go on to reflect" if last else "done, next") if item else "go on to reflect"
        parts: list = [("Enter", "bold $text-accent"), f"  {enter}     "]
        if item:
            parts += [("s", "bold $text-accent"), "  skip     "]
        if self.at:
            parts += [("←", "bold $text-accent"), "  back     "]
        if self.items:
            parts += [("l", "bold $text-accent"), "  the whole list"]
        return Content.assemble(*parts)

    def _fill_list(self) -> None:
        menu = self.query_one("#act-list", Menu)
        menu.clear_options()
        for number, item in enumerate(self.items, 1):
            sign = MARK_SIGNS[self.walk.item_mark(item.id)]
            menu.add_option(Option(Content.assemble(
                (f"{sign} ", "bold $text-accent"), (f"{number:>2}  ", "dim"), plain(item.title),
                ("  · " + item.group, "dim"))))
        menu.highlighted = min(self.at, len(self.items) - 1) if self.items else None

    # -- keys -----------------------------------------------------------------------------------
    def go_to(self, page: int) -> None:
        self.at = max(0, min(page, self.page_count - 1))
        self.show_page()

    def _mark_and_go_on(self, mark) -> bool:
        """Mark the shown item (if any) and show the next page; False after the last one."""
        item = self.current_item
        if item is not None:
            self.walk.mark_item(item.id, mark)
            self.app.schedule_autosave()
        if self.at >= self.page_count - 1:
            self.show_page()  # its mark shows, should Reflect not follow (a demo, say)
            return False
        self.go_to(self.at + 1)
        return True

    def on_continue(self) -> bool | None:
        """Enter: in the list, go to the highlighted step; else done, and the next page (after
        the last one, on to Reflect)."""
        if self.listing:
            self._open_highlighted()
            return False
        return False if self._mark_and_go_on("done") else None

    def action_skip(self) -> None:
        if self.is_current and not self.listing and self.current_item is not None:
            self._mark_and_go_on("skipped")

    def action_previous(self) -> None:
        if self.is_current and not self.listing:
            self.go_to(self.at - 1)

    def action_next(self) -> None:
        """→: the next page, leaving this step open; after the last page, on to Reflect."""
        if not self.is_current or self.listing:
            return
        if self.at >= self.page_count - 1:
            self.app.next_step()
        else:
            self.go_to(self.at + 1)

    def action_reflect(self) -> None:
        """r: on to Reflect now, the steps not marked left open (done is not a score)."""
        if self.is_current:
            self.app.next_step()

    def action_escape(self) -> None:
        """Escape closes the list, or goes back a step: the previous item, or before the
        first, the step before Act (the screen's own Escape)."""
        if self.listing:
            self.action_toggle_list()
        elif self.at:
            self.go_to(self.at - 1)
        else:
            raise SkipAction()

    def action_toggle_list(self) -> None:
        if not self.items:
            return
        menu = self.query_one("#act-list", Menu)
        showing = not menu.display
        if showing:
            self._fill_list()
        menu.display = showing
        self.query_one("#act-card").display = not showing
        self.query_one("#act-keys").display = not showing
        (menu if showing else self).focus()
        if not showing:
            self.show_page()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open_highlighted()

    def _open_highlighted(self) -> None:
        """Leave the list at the step highlighted in it."""
        highlighted = self.query_one("#act-list", Menu).highlighted
        self.action_toggle_list()
        if highlighted is not None:
            self.go_to(highlighted)
