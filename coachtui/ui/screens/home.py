"""The home screen: one key to start breathing, a scenario list, an unfinished walk to resume."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coachtui import paths
from coachtui.ui.text import plain
from coachtui.ui.widgets.keys_footer import KeysFooter

TAGLINE = "A calm minute before, during and after a hard customer moment."
NOT_A_TOOL = "A coaching and journaling aid, not a clinical or safety tool."
NOT_CLINICAL = f"{NOT_A_TOOL} Your journal stays on this machine."
KEY = "bold $text-accent"  # a key to press: the theme's accent made readable as text


class HomeScreen(Screen):
    HELP = (
        "Enter starts a fresh walk on the scenario shown: a breath first, then greet, read, "
        "decide, act and reflect. A number key 0-9 starts it already rated (how wound up you "
        "are), straight to the breath. b starts it with the deeper reset (a longer breath). "
        "s lists every scenario. r resumes the walk or quick reflection you left last; "
        "u lists every unfinished one, to resume, save as is, or discard. "
        "l logs a moment after the fact, without the walk; j opens your journal, i its "
        "insights. "
        "Ctrl+P opens the command palette; Ctrl+Q quits."
    )
    # The card lists s, l, j and i; the footer keeps to what fits at 80 columns (? lists all).
    BINDINGS = [
        Binding("enter", "app.start_walk", "Start", priority=True, id="start"),
        # Shown on the screen's own lines; the footer keeps to the keys it has room for.
        Binding("b", "app.start_deeper_walk", "Deeper reset", show=False, id="start-deeper"),
        Binding("s", "app.pick_scenario", "Scenarios", show=False, id="scenarios"),
        Binding("r", "resume_draft", "Resume", id="resume"),
        Binding("u", "show_drafts", "Unfinished", id="drafts"),
        Binding("j", "app.journal", "Journal", show=False, id="journal"),
        Binding("l", "app.quick_reflect", "Log a moment", show=False, id="quick"),
        Binding("i", "app.insights", "Insights", show=False, id="insights"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    _had_draft: tuple[bool, bool] | None = None

    def compose(self) -> ComposeResult:
        # Not focusable: focus moving in would redraw the footer for no gain.
        with VerticalScroll(classes="home", can_focus=False):
            with Vertical(classes="home-card"):
                yield Static(Content.assemble(("coachtui", "bold")), classes="title")
                yield Static(plain(TAGLINE), classes="muted")
                yield Static(id="next-time", classes="cue hidden")
                yield Static(id="start-line", classes="start-line")
                yield Static(id="draft-line", classes="note")
                yield Static(id="problems", classes="problem")
                served = paths.served_note()  # in a browser, the words go elsewhere: say where
                yield Static(plain(f"{NOT_A_TOOL} {served}" if served else NOT_CLINICAL),
                             classes="muted small")
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        # Sent when the screen is first shown and each time the person comes back to it.
        self.refresh_lines()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # The draft keys only show (and work) when there is a draft.
        if action == "resume_draft":
            return bool(self.app.drafts)
        if action == "show_drafts":
            return bool(self.app.drafts or self.app.unreadable_drafts)
        return True

    async def on_key(self, event) -> None:
        # A number key is how wound up you are: the walk starts rated and goes straight to
        # the breath, one key from launch to the first breath (Enter asks for the rating).
        if event.character and len(event.character) == 1 and event.character.isdigit():
            event.stop()
            await self.run_action(f"app.start_rated_walk({int(event.character)})")

    def action_resume_draft(self) -> None:
        self.app.resume_draft()

    def action_show_drafts(self) -> None:
        self.app.show_drafts()

    def refresh_lines(self) -> None:
        app = self.app
        playbook = app.default_playbook
        start = self.query_one("#start-line", Static)
        if not app.ready:
            # Drawn before the playbooks are loaded; Enter already works (it waits for them).
            start.update(Content.assemble(("Enter", KEY), "  breathe, then walk through ",
                                          ("a scenario (loading…)", "dim")))
        elif playbook is None:
            start.update(plain("No scenarios could be loaded. See the problems below."))
        else:
            start.update(Content.assemble(("Enter", KEY), "  breathe, then walk through ",
                                          plain(playbook.title, "bold"), "\n",
                                          ("0–9", KEY), "    the same, rated how wound up you are "
                                          "(straight to the breath)", "\n",
                                          ("b", KEY),
                                          "      the same, with a deeper reset first", "\n",
                                          ("s", KEY), "      choose another scenario",
                                          "\n", ("l", KEY),
                                          "      log a moment after the fact",
                                          "\n", ("j", KEY), "      your journal",
                                          "\n", ("i", KEY),
                                          "      what it says over time"))
        next_time = self.query_one("#next-time", Static)
        next_time.update(Content.assemble(("Last time you said: next time I will ", "dim"),
                                          plain(app.last_next_time)))
        next_time.display = bool(app.last_next_time)
        drafts = app.drafts
        draft_line = self.query_one("#draft-line", Static)
        if drafts:
            # Loaded by now; not before the first paint.
            from coachtui.ui.screens.drafts import draft_preview

            # One line, never a screen of its own: Enter above still starts a fresh walk.
            draft_line.update(Content.assemble(
                f"{len(drafts)} unfinished · ", ("r", KEY), " resume · ",
                ("u", KEY), " list", "\n",
                draft_preview(app.library, drafts[0].answers)))
        elif app.unreadable_drafts:
            draft_line.update(Content.assemble(
                ("u", KEY), "      a draft could not be read: see it"))
        draft_line.display = bool(drafts or app.unreadable_drafts)
        broken = app.library.broken if app.library else []
        problems = self.query_one("#problems", Static)
        if broken:
            lines = [f"{len(broken)} playbook file{'s' if len(broken) > 1 else ''} could not be used:"]
            lines += [f"  {error.first_line}" for error in broken[:3]]
            problems.update(plain("\n".join(lines)))
        problems.display = bool(broken)
        has_draft = (bool(drafts), bool(app.unreadable_drafts))
        if has_draft != self._had_draft:
            # Only then do the draft keys change; redrawing the footer is not free.
            self._had_draft = has_draft
            self.refresh_bindings()
