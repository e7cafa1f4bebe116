"""The Session: runs one coaching walk or one quick reflection, without any Textual.

It starts and resumes them, keeps them as drafts while the person answers (autosave),
saves them to the journal, and discards drafts to the trash. Every action returns what the
person should be told: a notice (or none), or the saved entry, or the one sentence that
says why it could not be saved. The app shows those; it decides nothing about saving.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from coachtui import paths

if TYPE_CHECKING:
    from coachtui.core.quick import QuickAnswers
    from coachtui.core.reflection import Reflection
    from coachtui.core.scenario import Scenario
    from coachtui.core.walk import ResetMode, Walk, WalkAnswers
    from coachtui.store.drafts import Draft
    from coachtui.store.playbooks import Library
    from coachtui.store.toml_io import Unreadable


@dataclass(frozen=True)
class Notice:
    """Something to tell the person (text None: nothing), and where a draft went."""

    text: str | None = None
    severity: str = "information"
    path: Path | None = None


@dataclass(frozen=True)
class Saved:
    """A walk or quick reflection now in the journal."""

    reflection: Reflection
    path: Path

    @property
    def shown_path(self) -> str:
        """The path relative to coachtui's folder when it is inside it (shorter to read)."""
        try:
            return str(self.path.relative_to(paths.home()))
        except ValueError:
            return str(self.path)


class Session:
    """One person's walk or quick reflection in progress, and their drafts."""

    def __init__(self, clock: Callable[[], datetime], *, saving: bool = True) -> None:
        self.clock = clock
        self.saving = saving  # False while a demo plays: nothing is ever written
        self.library: Library | None = None
        self.walk: Walk | None = None
        self.quick: QuickAnswers | None = None
        self.drafts: list[Draft] = []  # unfinished walks, newest first
        self.unreadable_drafts: list[Unreadable] = []
        self.last_next_time = ""  # the newest entry's "next time I will"
        # Set by the UI: copies what its widgets show into the answers before each save,
        # so a key typed just before Ctrl+Q or a signal is never lost.
        self.collect_shown: Callable[[], None] = lambda: None
        self._autosave_failing = False  # told once, not at every keystroke

    # -- starting ---------------------------------------------------------------------
    def start_walk(self, scenario: Scenario, answers: WalkAnswers | None = None,
                   reset: ResetMode | None = None) -> Notice:
        """A new walk (or a resumed one); whatever was in progress stays as a draft. `reset`
        asks a new walk for the Now or the deeper reset (None: the walk's usual one)."""
        from coachtui.core.walk import Walk

        told = self.autosave()
        self.quick = None
        self.walk = Walk(scenario, answers) if answers else \
            Walk.start(scenario, self.clock(), reset)
        return self.autosave() if told.text is None else told

    def start_quick(self, answers: QuickAnswers | None = None) -> Notice:
        from coachtui.core.quick import QuickAnswers

        told = self.autosave()
        self.walk = None
        self.quick = answers or QuickAnswers(started=self.clock())
        return told

    def scenario_of(self, answers) -> Scenario | None:
        playbook_id = getattr(answers, "playbook_id", "")
        if self.library is None or not playbook_id:
            return None
        return self.library.get(playbook_id)

    # -- keeping it safe --------------------------------------------------------------
    def autosave(self) -> Notice:
        """Save what is in progress as a draft; if that fails, say so once, and say again
        when it works."""
        if not self.saving or (self.walk is None and self.quick is None):
            return Notice()
        from coachtui.store import drafts
        from coachtui.store.atomic import why_not_written

        self.collect_shown()
        saved = None
        try:
            for answers, blank in self._in_progress():
                # Nothing answered yet is nothing to keep: no draft (and none left from
                # before), so empty drafts never pile up as identical lines.
                if blank:
                    drafts.remove(answers.walk_id)
                else:
                    saved = drafts.save(answers)
        except OSError as error:
            if self._autosave_failing:
                return Notice()
            self._autosave_failing = True
            return Notice(f"Your draft could not be saved because {why_not_written(error)}; "
                          "your answers are safe on screen and saving will be retried.",
                          "warning")
        if self._autosave_failing:
            self._autosave_failing = False
            return Notice("Your draft is being saved again.", path=saved)
        return Notice(path=saved)

    def save_draft_now(self) -> None:
        """The draft from the answers in hand, without asking the UI: the last resort of an
        app that must end now, callable from any thread."""
        from coachtui.store import drafts

        if not self.saving:
            return
        for answers, blank in self._in_progress():
            with contextlib.suppress(Exception):
                if not blank:
                    drafts.save(answers)

    def _in_progress(self) -> list[tuple[WalkAnswers | QuickAnswers, bool]]:
        """The answers in progress, each with whether nothing is answered in them yet."""
        found: list[tuple[WalkAnswers | QuickAnswers, bool]] = []
        if self.quick is not None:
            found.append((self.quick, self.quick.is_blank))
        if self.walk is not None:
            found.append((self.walk.answers, self.walk.is_blank))
        return found

    @property
    def has_answers(self) -> bool:
        """Something answered is in progress (what a crash must not lose)."""
        return any(not blank for _answers, blank in self._in_progress())

    def refresh_drafts(self) -> None:
        from coachtui.store import drafts

        found = drafts.list_drafts()
        self.drafts, self.unreadable_drafts = found.drafts, found.unreadable

    # -- leaving ----------------------------------------------------------------------
    def leave_walk(self) -> Notice:
        """Back out of a walk's first step: a draft is kept only if something was answered."""
        return self._leave(self.walk.is_blank if self.walk else True,
                           self.walk.answers.walk_id if self.walk else "")

    def leave_quick(self) -> Notice:
        """Back home from a quick reflection; its draft is kept unless nothing was written."""
        return self._leave(self.quick.is_blank if self.quick else True,
                           self.quick.walk_id if self.quick else "")

    def _leave(self, blank: bool, draft_id: str) -> Notice:
        from coachtui.store import drafts

        told = Notice()
        if draft_id and self.saving:
            if blank:
                drafts.remove(draft_id)
            else:
                told = self.autosave()
        self.walk = self.quick = None
        self.refresh_drafts()
        return told

    # -- saving -----------------------------------------------------------------------
    def save(self) -> Saved | str | None:
        """Save the walk or quick reflection to the journal: the saved entry, the one
        sentence that says why not, or None when there is nothing to save (a second Ctrl+S
        queued behind the first)."""
        from pydantic import ValidationError

        from coachtui.core.dates import NotADate
        from coachtui.store.toml_io import first_problem

        if self.walk is None and self.quick is None:
            return None
        self.collect_shown()  # exactly what the boxes hold now
        try:
            if self.walk is not None:
                reflection, draft_id = self.walk.to_reflection(self.clock()), \
                    self.walk.answers.walk_id
            else:
                scenario = self.scenario_of(self.quick)
                reflection = self.quick.to_reflection(scenario.playbook if scenario else None,
                                                      self.clock())
                draft_id = self.quick.walk_id
        except ValidationError as error:
            return f"Not saved yet: {first_problem(error)}."
        except NotADate as error:  # the date typed in a quick reflection
            return f"Not saved yet: when it happened: {error}."
        return self._save_entry(reflection, draft_id)

    def _save_entry(self, reflection: Reflection, draft_id: str) -> Saved | str:
        from coachtui.store import drafts, journal
        from coachtui.store.atomic import not_saved

        try:
            path = journal.save(reflection)
        except OSError as error:
            kept = self.autosave().path is not None
            return not_saved(error, "kept on screen and as a draft" if kept else
                             "kept on screen only, as no draft could be written either")
        drafts.remove(draft_id)
        self.walk = self.quick = None
        if not reflection.sensitive:  # its words are shown only when it is opened
            self.last_next_time = reflection.next_time or self.last_next_time
        self.refresh_drafts()
        return Saved(reflection, path)

    # -- drafts -------------------------------------------------------------------------
    def save_draft_as_is(self, draft: Draft) -> Notice:
        """Put an unfinished walk in the journal with the answers it has; forget the draft."""
        from pydantic import ValidationError

        from coachtui.core.dates import NotADate
        from coachtui.core.walk import Walk
        from coachtui.store import drafts, journal
        from coachtui.store.atomic import not_saved
        from coachtui.store.toml_io import first_problem

        answers = draft.answers
        scenario = self.scenario_of(answers)
        quick = getattr(answers, "kind", "") == "quick"
        if scenario is None and not quick:
            return Notice(f"The scenario {answers.playbook_id!r} of that walk is no longer "
                          "available, so it stays a draft.", "warning")
        try:
            if quick:
                entry = answers.to_reflection(scenario.playbook if scenario else None,
                                              self.clock())
            else:
                entry = Walk(scenario, answers).to_reflection(self.clock())
            journal.save(entry)
        except ValidationError as error:
            return Notice(f"Not saved: {first_problem(error)}; resume the walk to put it right.",
                          "error")
        except NotADate as error:
            return Notice(f"Not saved: when it happened: {error}; resume it to put it right.",
                          "error")
        except OSError as error:
            return Notice(not_saved(error, "still kept as a draft"),
                          "error")
        drafts.remove(answers.walk_id)
        self.refresh_drafts()
        return Notice("Saved to your journal as it was: "
                      f"{entry.playbook_title or 'a quick note'}.")

    def discard_draft(self, draft: Draft) -> Notice:
        """Move an unfinished walk to the trash, never deleted outright."""
        from coachtui.store import drafts
        from coachtui.store.atomic import why_not_written

        try:
            moved = drafts.discard(draft.answers.walk_id)
        except OSError as error:
            return Notice(f"The draft could not be moved to the trash because "
                          f"{why_not_written(error)}, so it stays where it is.", "error")
        self.refresh_drafts()
        if moved is None:
            return Notice()
        return Notice(f"Draft moved to the trash, in {moved.parent}; Ctrl+Z brings it back.",
                      path=moved)
