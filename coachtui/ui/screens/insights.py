"""Insights: what the journal says over time, the same report as `coachtui stats`."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from coachtui.ui.text import plain
from coachtui.ui.widgets.keys_footer import KeysFooter


class InsightsScreen(Screen):
    HELP = ("What your journal says over time: how wound up you were before and after (one "
            "bar per entry, 0 to 10), which way you decided and how each went, and what comes "
            "up most. These are counts, never a score of you. Escape goes back.")
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="step-body", id="insights-body", can_focus=True):
            yield Static(plain("Insights"), classes="heading")
            yield Static(plain("Reading your journal…"), id="report")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#insights-body").focus()
        self.load()

    @work(thread=True, exclusive=True, group="insights")
    def load(self) -> None:
        from coachtui.core.insights import compute
        from coachtui.core.insights_report import stats_lines
        from coachtui.store.journal_index import open_index

        index = open_index()
        try:
            entries = [entry for _, entry in reversed(index.entries())]
            unreadable = index.unreadable()
            notice = index.notice
        finally:
            index.close()
        if entries:
            lines = stats_lines(compute(entries))
        else:
            lines = ["No entries yet. Finish a walk, or log a moment with l on the home screen,",
                     "and what they say over time will show here."]
        if unreadable:
            lines += ["", f"{len(unreadable)} file{'s' if len(unreadable) > 1 else ''} could "
                      "not be read (left as they are; see the journal)."]
        if notice:
            lines += ["", notice]
        # Posted, never shown from here: widgets belong to the app's thread, and a screen
        # left before the report was ready drops the message.
        self.post_message(self.Ready("\n".join(lines)))

    class Ready(Message):
        """The report, computed in a thread."""

        def __init__(self, report: str) -> None:
            super().__init__()
            self.report = report

    def on_insights_screen_ready(self, message: Ready) -> None:
        self.query_one("#report", Static).update(plain(message.report))
