"""The app's side of the Session: the screens of a walk and a quick reflection, and telling
the person what the session reports. The session decides about drafts and saving; this
mixin only shows what it says (kept apart from app.py so the app stays about the app).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from textual.css.query import NoMatches

from coachtui.session import Notice, Saved
from coachtui.ui.screens.home import HomeScreen

if TYPE_CHECKING:
    from coachtui.core.quick import QuickAnswers
    from coachtui.core.walk import ResetMode, Walk, WalkAnswers
    from coachtui.session import Session
    from coachtui.store.drafts import Draft
    from coachtui.store.toml_io import Unreadable

AUTOSAVE_DELAY = 1.0  # seconds after typing stops


class SessionActions:
    """Mixed into CoachApp: starts, steps through, saves and leaves walks and quick notes."""

    session: Session
    _autosave_timer = None

    # The session's state, read by the screens (and set by the demo, which shows a beat).
    @property
    def walk(self) -> Walk | None:
        return self.session.walk

    @walk.setter
    def walk(self, walk: Walk | None) -> None:
        self.session.walk = walk

    @property
    def quick(self) -> QuickAnswers | None:
        return self.session.quick

    @property
    def drafts(self) -> list[Draft]:
        return self.session.drafts

    @property
    def unreadable_drafts(self) -> list[Unreadable]:
        return self.session.unreadable_drafts

    @property
    def last_next_time(self) -> str:
        return self.session.last_next_time

    # -- the walk --------------------------------------------------------------------
    breath_at_once = False  # a walk started by a number key on home skips the rating

    def action_start_walk(self) -> None:
        self.when_ready(self.start_walk)

    def action_start_deeper_walk(self) -> None:
        """A walk that begins with the deeper reset (the scenario's own breath pattern)."""
        self.when_ready(lambda: self.start_walk(reset="deeper"))

    def action_start_rated_walk(self, rating: int) -> None:
        """A number key on home: a walk already rated, straight to the breath."""
        self.when_ready(lambda: self._start_rated_walk(rating))

    def _start_rated_walk(self, rating: int) -> None:
        self.start_walk()
        if self.walk is not None:
            self.walk.rate_before(rating)
            self.breath_at_once = True  # read (once) by the Pause step as it mounts
            self.schedule_autosave()

    def start_asked_walk(self) -> None:
        """`coachtui walk ID`, once the playbooks are loaded: an unknown ID ends the app with
        the nearest id (checked only now, so it never delays the first paint)."""
        from coachtui.commands.scenario_ids import UNKNOWN_SCENARIO, unknown_scenario
        from coachtui.store.playbook_errors import visible

        if self.start_playbook and self.library.get(self.start_playbook) is None:
            why = unknown_scenario(self.start_playbook, self.library)
            self.goodbye = visible(f"coachtui: {why}")  # printed after the app has closed
            self.exit(return_code=UNKNOWN_SCENARIO)
        else:
            self.start_walk(self.start_playbook)

    def start_walk(self, playbook_id: str | None = None, answers: WalkAnswers | None = None,
                   reset: ResetMode | None = None) -> None:
        scenario = self.library.get(playbook_id) if playbook_id else self.default_playbook
        if scenario is None:
            known = ", ".join(self.library.playbooks) or "none"
            self.tell(f"No scenario called {playbook_id!r}. Known: {known}", severity="error")
            return
        from coachtui.ui.screens.walk import WalkScreen

        self._show(self.session.start_walk(scenario, answers, reset))
        # A walk always sits right on top of home, so leaving it always lands there.
        self.back_to_home()
        self.push_screen(WalkScreen(self.walk))

    def back_to_home(self) -> None:
        """Leave every screen over home, and make home if none is under them (`coachtui
        journal` starts with the journal as its first screen)."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())

    def next_step(self) -> None:
        if self.walk is None or self.walk.step == "reflect":
            return
        self.walk.advance()
        self.show_step_then_save()

    def action_previous_step(self) -> None:
        if self.walk is None:
            return
        if self.walk.step == "pause":
            self._show(self.session.leave_walk())
            self.pop_screen()
            return
        self.walk.back()
        self.show_step_then_save()

    def show_step_then_save(self) -> None:
        """Show the walk's new step, then save the draft once it is on screen: the save's two
        fsyncs were a tenth of a step change. Nothing can be lost meanwhile: the answers are in
        the walk, and every way out (quit, a signal, a crash) saves them first."""
        self.screen.show_step()
        self.call_after_refresh(self.autosave)

    # -- keeping the walk safe -----------------------------------------------------------
    def schedule_autosave(self) -> None:
        """Save the draft shortly after typing stops (not on every keystroke)."""
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self.autosave)

    def autosave(self) -> Path | None:
        """Save the walk (or quick reflection) as a draft; where it went, if it could."""
        told = self.session.autosave()
        self._show(told)
        return told.path

    def save_draft_now(self) -> None:
        """The last resort of an app that must end now (see shutdown.py), from any thread."""
        self.session.save_draft_now()

    def _show(self, notice: Notice) -> None:
        if notice.text:
            self.tell(notice.text, severity=notice.severity)

    def _collect_shown_answers(self) -> None:
        """Take the answers straight from the step on screen: a change message still in its
        queue (a key typed just before Ctrl+Q or a signal) must not be lost."""
        from coachtui.ui.screens.quick import QuickReflectScreen

        if not self.screen_stack:
            return  # the app is closing (an autosave timer outlived its screens): none shown
        step = getattr(self.screen, "current_step", None)
        with contextlib.suppress(NoMatches):  # a screen still being put up
            if step is not None and step.is_current:
                step.collect()
            elif isinstance(self.screen, QuickReflectScreen) and self.screen.answers is self.quick:
                self.screen.collect()

    def refresh_drafts(self) -> None:
        self.session.refresh_drafts()

    def save_to_journal(self) -> str | None:
        """Save the finished walk or quick reflection to the journal and show the closing
        screen; the one-sentence problem if that failed."""
        from coachtui.ui.screens.done import DoneScreen

        result = self.session.save()
        if isinstance(result, Saved):
            self.switch_screen(DoneScreen(result.reflection, result.path, result.shown_path))
            return None
        return result

    # -- the quick reflection -------------------------------------------------------------
    def action_quick_reflect(self) -> None:
        self.when_ready(self.start_quick)

    def start_quick(self, answers: QuickAnswers | None = None) -> None:
        from coachtui.ui.screens.quick import QuickReflectScreen

        self._show(self.session.start_quick(answers))
        self.back_to_home()
        self.push_screen(QuickReflectScreen(self.quick))

    def leave_quick(self) -> None:
        """Back home; the answers stay as a draft unless nothing was written."""
        self._show(self.session.leave_quick())
        self.pop_screen()

    def show_drafts(self) -> None:
        from coachtui.ui.screens.drafts import DraftsScreen

        if self.drafts or self.unreadable_drafts:
            self.push_screen(DraftsScreen())

    def resume_draft(self, draft: Draft | None = None) -> None:
        """Carry on with an unfinished walk (the newest by default)."""
        draft = draft or (self.drafts[0] if self.drafts else None)
        if draft is None:
            return
        answers = draft.answers
        if getattr(answers, "kind", "") == "quick":
            self.start_quick(answers)  # a quick reflection needs no scenario
            return
        if self.session.scenario_of(answers) is None:
            self.tell(f"The scenario {answers.playbook_id!r} of that walk is no longer available; "
                      f"its draft stays in {draft.path.parent}.", severity="warning")
            return
        self.start_walk(answers.playbook_id, answers)

    def save_draft_as_is(self, draft: Draft) -> None:
        """Put an unfinished walk in the journal with the answers it has, then forget the draft."""
        self._show(self.session.save_draft_as_is(draft))

    def discard_draft(self, draft: Draft | None = None) -> Path | None:
        """Move an unfinished walk (the newest by default) to the trash, never deleted outright;
        where it went (to bring it back), or None."""
        draft = draft or (self.drafts[0] if self.drafts else None)
        if draft is None:
            return None
        told = self.session.discard_draft(draft)
        self._show(told)
        return told.path

