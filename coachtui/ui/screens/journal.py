"""The journal: every entry, newest first; search as you type, filters, and the entry keys.

The list is drawn from the journal index (store/journal_index.py), opened in a thread:
the first time it reads every file, later only the new or changed ones.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Select, Static

from coachtui.core.dates import NotADate, day_end, day_start, now_in, parse_day
from coachtui.store.journal_index import Filters, JournalIndex
from coachtui.ui.text import plain
from coachtui.ui.widgets.entry_list import EntryList
from coachtui.ui.widgets.keys_footer import KeysFooter
from coachtui.ui.widgets.paging import SafeSelect
from coachtui.ui.widgets.tickbox import TickBox

DECISIONS = [(Content("connect"), "connect"), (Content("stay frictionless"), "frictionless")]


class JournalScreen(Screen):
    # No letter is a command here: letters typed at the list go to the search (a word
    # like "refund" once moved an entry to the trash with its d).
    HELP = (
        "Every reflection you saved, newest first. Type to search all their words; the filters "
        "narrow by scenario, decision, tag, star and your local days (today, 3d, friday, "
        "2026-11-01). Enter opens an entry; "
        "* stars it, Delete (or Ctrl+D) moves it to the trash and Ctrl+Z brings it back. "
        "/ jumps to the search, Escape goes back."
    )
    BINDINGS = [
        # Not in the footer (it would not fit at 80 columns): the search box says "( / )".
        Binding("slash", "search", "Search", key_display="/", show=False, id="search"),
        Binding("asterisk", "star", "Star", key_display="*", id="star"),
        Binding("delete", "delete", "Delete", key_display="Del", id="delete"),
        Binding("ctrl+d", "delete", "Delete", show=False, id="delete-ctrl"),
        Binding("ctrl+z", "undo", "Undo", id="undo"),
        Binding("escape", "back", "Back", id="back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index: JournalIndex | None = None
        self.up_to_date = False  # True once the files have been checked against the index
        self.undo_stack: list[tuple[Path, Path]] = []  # (in the trash, where it was)
        self.told = {""}  # the index's notices already shown: each is said once
        self.folder_problems: list = []  # folders that could not be looked into, last seen
        self.checked_generation = -1  # the index's generation when the files were checked
        # The catch-up thread reads the table and every entry's words after its check; until
        # they come, a search waits for them (see apply_filters) with what it was asked.
        self.reading_ahead = True
        self.waiting_search: tuple[Path | None] | None = None  # (keep,) of the last asked

    def compose(self) -> ComposeResult:
        yield Static(plain("Journal"), classes="heading", id="journal-title")
        yield Input(placeholder="Search every word…  ( / )", id="search", select_on_focus=False)
        with Horizontal(classes="filters"):
            yield SafeSelect([], prompt="any scenario", id="scenario")
            yield SafeSelect(DECISIONS, prompt="any decision", id="decision")
            yield SafeSelect([], prompt="any tag", id="tag")
        with Horizontal(classes="filters"):
            yield TickBox("starred only", id="starred")
            yield Input(placeholder="since: 3d, monday…", id="since", classes="date")
            yield Input(placeholder="until: yesterday…", id="until", classes="date")
        yield Static(plain("Reading your journal…"), id="summary", classes="muted")
        yield EntryList(self._fetch, type_to="#search", id="entries")
        yield Static(id="journal-problems", classes="problem hidden")
        yield KeysFooter()

    def on_mount(self) -> None:
        from coachtui.store.journal_index import JournalIndex

        self.query_one(EntryList).focus()
        index = JournalIndex(wait=0.2)  # on the screen's thread: the check below may wait
        if index.count() or not index.has_files():
            # Show what the index knows at once, then check the files in a thread and
            # update the list if another window, a sync or an editor changed any.
            self._loaded(index, choices=False)
        else:
            self.query_one("#summary", Static).update(
                plain("Reading your journal (only the first time takes a while)…"))
            self.index = index
        self.call_after_refresh(self.catch_up)

    @work(thread=True, exclusive=True, group="journal-index")
    def catch_up(self) -> None:
        """Bring the index up to date with the files, off the screen's thread (with its own
        connection: the screen's is busy drawing the list)."""
        from coachtui.store.journal_index import JournalIndex

        checker = JournalIndex()
        try:
            plan = checker.plan()
            checker.apply(plan, lambda done, total: self.post_message(self.Read(done, total)))
        except BaseException:
            checker.close()
            raise
        # A message, not a call: if the screen was left meanwhile (even half taken down),
        # it is dropped, where a call would reach into widgets already removed. (A dropped
        # checker's connection is closed when it is collected.)
        self.post_message(self.Checked(checker, plan.size > 0, plan.problems))
        if checker.on_disk:
            self._read_ahead()

    def _read_ahead(self) -> None:
        """Still in the thread, with a connection of its own (the checker is the screen's
        now): the list's table and every entry's words, so neither the filters nor the
        first search keystroke read them on the screen's thread (at 100,000 entries, a
        sixth of a second and most of a second)."""
        from coachtui.store.journal_index import JournalIndex

        reader = JournalIndex()
        try:
            found = (reader.table(), reader.texts()) if reader.on_disk else (None, None)
            if not reader.on_disk:  # it had to leave the file while reading: its rows are
                found = (None, None)  # numbered afresh, not as the screen's index has them
        finally:
            reader.close()
        self.post_message(self.ReadAhead(*found))  # even with nothing: the filters wait for it

    class Read(Message):
        """Another batch of files is in the index (a first reading shows them as they come)."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    def on_journal_screen_read(self, message: Read) -> None:
        if self.up_to_date or self.index is None or not self.index.on_disk \
                or message.done == message.total:
            return  # the list is drawn afresh once all are in (Checked)
        self.index.forget_table()
        self.apply_filters()
        self.query_one("#summary", Static).update(plain(
            f"Reading your journal: {message.done:,} of {message.total:,} files…"))

    class Checked(Message):
        """The files have been checked against the index (posted by the thread that did it)."""

        def __init__(self, checker: JournalIndex, changed: bool, problems: list) -> None:
            super().__init__()
            self.checker, self.changed, self.problems = checker, changed, problems

    def on_journal_screen_checked(self, message: Checked) -> None:
        checker = message.checker
        # The folders that could not be looked into, from the check's own scan of the
        # folder: not a second scan on this thread before the list is first drawn.
        self.folder_problems = message.problems
        self.reading_ahead = checker.on_disk  # the thread reads ahead only from the file
        if not (checker.on_disk and self.index.on_disk):
            # One of them had to do without the file: the checker, just filled from the
            # files, is the one that knows every entry.
            self._loaded(checker)
        else:
            checker.close()
            if message.changed or not self.index.count():
                self.index.forget_table()  # read again from the database, now up to date
                self._loaded(self.index, choices=False)  # the read-ahead brings them
            else:
                self._show_problems()
        self.up_to_date = True
        self.checked_generation = self.index.generation
        self.app.start_loading()  # `coachtui journal` loads the scenarios only now

    class ReadAhead(Message):
        """The list's table and every entry's words, read ahead (posted by the thread)."""

        def __init__(self, table: list[tuple] | None, texts: dict[int, str] | None) -> None:
            super().__init__()
            self.table, self.texts = table, texts

    def on_journal_screen_read_ahead(self, message: ReadAhead) -> None:
        self.reading_ahead = False
        if self.index is None:
            return
        if message.table is not None and message.texts is not None:
            # Taken only if nothing changed since the check (else read again when needed).
            self.index.adopt(message.table, message.texts, self.checked_generation)
        self._set_filter_choices()
        if self.waiting_search is not None:
            (keep,), self.waiting_search = self.waiting_search, None
            self.apply_filters(keep)

    def _loaded(self, index: JournalIndex, keep: Path | None = None, choices: bool = True) -> None:
        if self.index is not None and self.index is not index:
            self.index.close()
        self.index = index
        if choices:  # (they need the whole table: at a start, they come with the read-ahead)
            self._set_filter_choices()
        self._show_problems()
        if index.notice not in self.told:
            self.told.add(index.notice)
            self.app.tell(index.notice, severity="warning")
        self.apply_filters(keep)

    def _show_problems(self) -> None:
        problems = self.folder_problems + self.index.unreadable_files()
        shown = self.query_one("#journal-problems", Static)
        if problems:
            lines = [f"{len(problems)} file{'s' if len(problems) > 1 else ''} could not be "
                     "read (left as they are):"]
            lines += [f"  {problem.path.name}: {problem.reason}" for problem in problems[:5]]
            shown.update(plain("\n".join(lines)))
        shown.display = bool(problems)

    def _set_filter_choices(self) -> None:
        _set_choices(self.query_one("#scenario", Select),
                     [(plain(title or pid), pid) for pid, title in self.index.scenarios()])
        _set_choices(self.query_one("#tag", Select),
                     [(plain(tag), tag) for tag in self.index.tags()])

    def on_unmount(self) -> None:
        if self.index is not None:
            self.index.close()
        self.app.start_loading()  # if the journal was left before it asked

    def _fetch(self, ids: list[int]):
        if self.index is None:
            return {}
        rows = self.index.rows_for(ids)
        if self.index.notice not in self.told:  # it left its file just now: match afresh
            self.call_later(self._loaded, self.index)
        return rows

    # -- filters --------------------------------------------------------------------------
    def filters(self) -> tuple[Filters, str]:
        """The filters as set on screen, and a problem with them in words ('' if none)."""
        problem = ""
        days: dict[str, date | None] = {}
        # The person's local days, as the shell's commands count them (core/dates.py).
        today = now_in(False, self.app.clock()).date()
        for name in ("since", "until"):
            typed = self.query_one(f"#{name}", Input).value.strip()
            try:
                days[name] = parse_day(typed, today) if typed else None
            except NotADate as error:
                days[name] = None
                problem = f"{name}: {error}"
        scenario = self.query_one("#scenario", Select).value
        decision = self.query_one("#decision", Select).value
        tag = self.query_one("#tag", Select).value
        return Filters(
            text=self.query_one("#search", Input).value,
            playbook_id=scenario if isinstance(scenario, str) else None,
            decision=decision if isinstance(decision, str) else None,
            tag=tag if isinstance(tag, str) else None,
            starred=self.query_one("#starred", Checkbox).value,
            start=day_start(days["since"], utc=False) if days["since"] else None,
            end=day_end(days["until"], utc=False) if days["until"] else None), problem

    def apply_filters(self, keep: Path | None = None) -> None:
        """Show the entries that match, the cursor on the entry in `keep` if given (a file
        read again gets a new row id), else on the row it is on."""
        if self.index is None:
            return
        filters, problem = self.filters()
        if self.reading_ahead and self.index.on_disk and self.index.reads_first(filters):
            # The catch-up thread is reading the table and every entry's words right now.
            # Reading them here as well would slow both: Python's lock changes hands at each
            # row either of them reads (a first keystroke took seconds at 100,000 entries).
            # The list follows as soon as they come; typing goes on meanwhile.
            self.waiting_search = (keep,)
            self.query_one("#summary", Static).update(plain("Searching…"))
            return
        self.waiting_search = None  # answered now, whatever was asked before
        entries = self.query_one(EntryList)
        entries.show(self.index.match(filters),
                     keep=self.index.rowid_of(keep) if keep else entries.current)
        total = self.index.count()
        noun = "entry" if total == 1 else "entries"
        summary = (f"{len(entries.ids):,} of {total:,} {noun}" if len(entries.ids) != total
                   else f"{total:,} {noun}" if total else "No entries yet: finish a walk, or "
                   "log one with coachtui reflect.")
        self.query_one("#summary", Static).update(plain(problem or summary))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.apply_filters()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.apply_filters()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.apply_filters()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(EntryList).focus()  # Enter in the search goes to the results

    # -- the entry keys -------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        if not isinstance(self.focused, EntryList):
            self.query_one(EntryList).focus()  # Escape leaves a filter box first
        elif len(self.app.screen_stack) == 1:  # `coachtui journal`: no home under it yet
            self.app.back_to_home()
        else:
            self.app.pop_screen()

    def _current_path(self) -> Path | None:
        return self._path_at(self.query_one(EntryList).cursor)

    def _neighbour_path(self) -> Path | None:
        """Where the cursor goes when its entry leaves the list: the next one down, or the
        one above if it was the last."""
        cursor = self.query_one(EntryList).cursor
        return self._path_at(cursor + 1) or self._path_at(cursor - 1)

    def _path_at(self, position: int) -> Path | None:
        entries = self.query_one(EntryList)
        if not (0 <= position < len(entries.ids)) or self.index is None:
            return None
        row = entries.row(entries.ids[position])
        return self.index.path_of(row) if row else None

    def on_entry_list_opened(self, event: EntryList.Opened) -> None:
        path = self._current_path()
        if path:
            from coachtui.ui.screens.entry import EntryScreen

            self.app.push_screen(EntryScreen(path), self._back_from_entry)

    def _back_from_entry(self, deleted) -> None:
        if deleted:  # (trash path, original path): undo works from the list too
            self.undo_stack.append(deleted)
            self.refresh_index(deleted[1], keep=self._neighbour_path())
        else:  # it may have been starred or edited: a new row, the same entry
            path = self._current_path()
            self.refresh_index(path, keep=path)

    def action_star(self) -> None:
        path = self._current_path()
        if path and self.app.change_entry(path, lambda entry: {"starred": not entry.starred}):
            self.refresh_index(path, keep=path)

    def action_delete(self) -> None:
        path = self._current_path()
        if path:
            neighbour = self._neighbour_path()
            trashed = self.app.delete_entry(path)
            if trashed:
                self.undo_stack.append((trashed, path))
                self.refresh_index(path, keep=neighbour)

    def action_undo(self) -> None:
        if self.undo_stack:
            trashed, original = self.undo_stack.pop()
            if self.app.restore_entry(trashed, original):
                self.refresh_index(original, keep=original)

    def refresh_index(self, changed: Path | None, keep: Path | None = None) -> None:
        """After a change made here (star, edit, delete, undo) to the entry in `changed`:
        its row, at once and in place (no other file is looked at); the cursor goes to
        the entry in `keep`, so the next key acts on the entry meant."""
        if self.index is not None and changed is not None:
            self.index.note(changed)
            self._set_filter_choices()
            self._show_problems()
            self.apply_filters(keep)
        self.refresh_bindings()  # the footer shows Undo only while there is one

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "undo":
            return bool(self.undo_stack)
        if action in ("star", "delete"):  # only on the list: never from a filter box
            return isinstance(self.focused, EntryList) or None
        return True


def _set_choices(select: Select, options: list) -> None:
    """New options for a filter, keeping what was chosen if it is still there."""
    chosen = select.value
    select.set_options(options)
    if any(value == chosen for _, value in options):
        select.value = chosen
