"""Unfinished walks and quick reflections: resume one, save it to the journal as it is, or
discard it.

This list opens only when asked for (u on home): at start, home says how many there are
and Enter there always starts a fresh walk. No letter here means something else on home
(r resumes, as it does there); saving takes Ctrl+S (as everywhere), discarding the
journal's Delete, and a discard can be undone with Ctrl+Z, as in the journal.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coachtui.core.walk import STEP_TITLES
from coachtui.ui.text import local, plain
from coachtui.ui.widgets.keys_footer import KeysFooter
from coachtui.ui.widgets.paging import Menu

EXPLAIN = ("Enter (or r) resumes the one highlighted where you left it, Ctrl+S saves it to "
           "your journal as it is, Delete (or Ctrl+D) discards it: it goes to the trash, not "
           "away, and Ctrl+Z brings it back. Escape leaves them all for later.")
PREVIEW_LENGTH = 60  # characters of a draft's first words shown in the list
HOME_PREVIEW_LENGTH = 32  # ...and on home, where the newest shares a line with its name


def first_words(answers, length: int = PREVIEW_LENGTH) -> str:
    """The start of the first answer written in a draft (its first line), or ''."""
    fields = ("what_happened", "intended", "went_well", "to_change", "next_time")
    text = next((value for field in fields if (value := getattr(answers, field, "").strip())), "")
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= length else line[:length - 1].rstrip() + "…"


def _what_and_where(library, answers) -> tuple[str, str]:
    """What a draft is (its scenario, or a quick reflection) and where it stopped."""
    scenario = library.get(answers.playbook_id) if library and answers.playbook_id else None
    if getattr(answers, "kind", "") == "quick":
        return f"Quick reflection{': ' + scenario.title if scenario else ''}", "not saved yet"
    title = scenario.title if scenario else f"{answers.playbook_id} (no longer available)"
    return title, f"stopped at {STEP_TITLES[answers.step]}"


def draft_summary(library, answers) -> Content:
    """A draft in the list: what it is, where it stopped, when it started, its first words
    (so several quick reflections are told apart)."""
    what, where = _what_and_where(library, answers)
    started = local(answers.started).strftime("%d %b %H:%M")
    parts: list = [plain(what, "bold"), (f"  · {where} · started {started}", "dim")]
    words = first_words(answers)
    if words:
        parts += ["  ", plain(f"“{words}”")]
    return Content.assemble(*parts)


def draft_preview(library, answers) -> Content:
    """The newest draft on home, shorter: its first words, what it is, when it started."""
    what, where = _what_and_where(library, answers)
    words = first_words(answers, HOME_PREVIEW_LENGTH)
    started = local(answers.started).strftime("%H:%M")
    return Content.assemble(("newest: ", "dim"), plain(f"“{words}” · " if words else ""),
                            plain(what), (f", {where}, {started}", "dim"))


class DraftsScreen(Screen):
    HELP = ("Walks and quick reflections you left before saving: left with Escape, after "
            "Ctrl+Q, a closed terminal or a crash. "
            + EXPLAIN)
    BINDINGS = [
        Binding("r", "resume", "Resume", id="resume"),
        Binding("ctrl+s", "save_as_is", "Save as is", id="save-as-is"),
        Binding("delete", "discard", "Discard", key_display="Del", id="discard"),
        Binding("ctrl+d", "discard", "Discard", show=False, id="discard-ctrl"),
        Binding("ctrl+z", "undo", "Undo discard", id="undo"),
        Binding("escape", "app.pop_screen", "Later", id="back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.undo_stack: list[tuple[Path, str]] = []  # (in the trash, the draft's walk id)

    def compose(self) -> ComposeResult:
        yield Static(plain("Unfinished walks and reflections"), classes="heading")
        yield Static(plain(EXPLAIN), classes="muted explain")
        yield Menu(*self._options(), id="drafts")
        yield KeysFooter()

    def refresh_list(self, walk_id: str | None = None) -> None:
        """Rebuild the list from the app's drafts, the highlight on the draft of `walk_id`
        if given, else where it was (after a discard: the next one)."""
        listing = self.query_one("#drafts", OptionList)
        keep = listing.highlighted or 0
        listing.clear_options()
        listing.add_options(self._options())
        walk_ids = [draft.answers.walk_id for draft in self.app.drafts]
        if walk_id in walk_ids:
            listing.highlighted = walk_ids.index(walk_id)
        elif walk_ids:
            listing.highlighted = min(keep, len(walk_ids) - 1)

    def _options(self) -> list[Option]:
        options = [Option(draft_summary(self.app.library, draft.answers),
                          id=draft.answers.walk_id) for draft in self.app.drafts]
        for problem in self.app.unreadable_drafts:
            options.append(Option(Content.assemble(
                plain(problem.path.name, "bold"), ("  · could not be read, left as it is", "dim"),
                "\n  ", plain(problem.reason)), disabled=True))
        return options

    def _chosen(self):
        index = self.query_one("#drafts", OptionList).highlighted
        if index is None or index >= len(self.app.drafts):
            return None
        return self.app.drafts[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_resume()

    def action_resume(self) -> None:
        chosen = self._chosen()
        if chosen:
            self.app.resume_draft(chosen)

    def action_save_as_is(self) -> None:
        chosen = self._chosen()
        if chosen:
            self.app.save_draft_as_is(chosen)
            self._after_change()

    def action_discard(self) -> None:
        chosen = self._chosen()
        if chosen:
            trashed = self.app.discard_draft(chosen)
            if trashed:
                self.undo_stack.append((trashed, chosen.answers.walk_id))
                self.refresh_bindings()
            self._after_change()

    def action_undo(self) -> None:
        from coachtui.store.drafts import draft_path

        if self.undo_stack:
            trashed, walk_id = self.undo_stack.pop()
            self.refresh_bindings()
            if self.app.bring_back(trashed, draft_path(walk_id),
                                   "The draft is back with your unfinished walks."):
                self.app.refresh_drafts()
                self.refresh_list(walk_id)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "undo":
            return bool(self.undo_stack)
        return True

    def _after_change(self) -> None:
        # Once the list is empty, it closes, unless a discard could still be undone here.
        if self.app.drafts or self.app.unreadable_drafts or self.undo_stack:
            self.refresh_list()
        else:
            self.app.pop_screen()
