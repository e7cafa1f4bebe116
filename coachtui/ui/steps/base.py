"""What every step view shares: Enter continues, its help text, a heading helper.

Steps are views swapped inside one WalkScreen rather than screens of their own: the
header and footer stay put, so going from step to step costs only the step's widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Static

from coachtui.ui.text import plain

if TYPE_CHECKING:
    from coachtui.core.walk import Walk
    from coachtui.ui.app import CoachApp


class StepView(VerticalScroll):
    """One step of the walk. Subclasses compose `body()` and may override `on_continue()`."""

    HELP: ClassVar[str] = ""
    BINDINGS = [Binding("enter", "continue", "Continue", priority=True, id="continue")]

    app: CoachApp  # type: ignore[assignment]
    _walk: Walk | None = None

    def __init__(self, *, ahead: bool = False, classes: str | None = None) -> None:
        """`ahead`: made while the person is still on the step before (walk.py), mounted
        hidden; it takes no focus and says nothing until it is put up (`put_up`)."""
        super().__init__(classes=classes)
        self.ahead = ahead
        self._mounted_ahead = False  # mounted while ahead: put_up takes the focus itself
        if ahead:
            self.display = False

    @property
    def walk(self) -> Walk:
        """The walk this view was made for. Events already queued when the walk is saved
        or replaced still arrive here; they must land in this walk, not in None or the next."""
        return self._walk if self._walk is not None else self.app.walk

    @property
    def is_current(self) -> bool:
        return self.app.walk is not None and self.walk is self.app.walk

    def compose(self) -> ComposeResult:
        self._walk = getattr(self.screen, "walk", None) or self.app.walk
        yield from self.body()

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def heading(self, text: str) -> Static:
        return Static(plain(text), classes="heading")

    def first_focus(self):
        """The widget that should have focus when the step appears (the view itself by default)."""
        return self

    class Shown(Message):
        """The view is mounted and has given focus where it belongs: its keys are final."""

    def on_mount(self) -> None:
        if self.ahead:
            self._mounted_ahead = True
            return  # hidden until put up: the step on screen keeps the focus
        self._focus_and_say_shown()

    def put_up(self) -> None:
        """A view made ahead becomes the step on screen: shown, focused, and said to be (at
        once if it is mounted, else by its on_mount)."""
        self.ahead = False
        self.display = True
        if self._mounted_ahead:
            self._focus_and_say_shown()

    def _focus_and_say_shown(self) -> None:
        if getattr(self.app, "demo", None) is None:  # in a demo nothing takes focus, so no
            try:                                      # key can change the scripted walk
                # Now, not deferred as `focus()` would: the walk paints again once this view
                # says it is shown (below), and it must be painted with its focus. Not
                # scrolled to here: nothing is laid out yet while painting is held, and
                # Textual's scroll would measure a place not yet known (the walk's screen
                # brings the focus into view after the layout instead).
                self.screen.set_focus(self.first_focus(), scroll_visible=False)
            except NoMatches:
                pass  # replaced before it was shown (steps changing faster than a frame)
        self.post_message(self.Shown())

    def on_key(self, event) -> None:
        # A number the focused list does not have may belong to another list on this step
        # (their numbers run on from one list to the next).
        if event.character and event.character in "123456789":
            from coachtui.ui.widgets.checklist import Checklist

            for checklist in self.query(Checklist):
                if checklist.toggle_number(int(event.character)):
                    event.stop()
                    return

    def action_continue(self) -> None:
        if self.is_current and self.on_continue() is not False:
            self.app.next_step()

    def collect(self) -> None:
        """Copy what the widgets show into the walk's answers. Change handlers call it; so
        does quitting, because a key typed just before Ctrl+Q may have changed a widget
        whose change message has not been handled yet."""

    def on_continue(self) -> bool | None:
        """A last word before moving on; return False to stay on this step.

        Answers are written into the walk as they change, so going on or back loses nothing.
        """
        return None
