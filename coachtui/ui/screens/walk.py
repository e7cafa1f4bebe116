"""The walk: a step header, the current step's view, and the footer of its keys."""

from __future__ import annotations

from collections.abc import Awaitable
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from coachtui.core.walk import Walk
from coachtui.ui.steps.act import ActStep
from coachtui.ui.steps.base import StepView
from coachtui.ui.steps.decide import DecideStep
from coachtui.ui.steps.greet import GreetStep
from coachtui.ui.steps.pause import PauseStep
from coachtui.ui.steps.read import ReadStep
from coachtui.ui.steps.reflect import ReflectStep
from coachtui.ui.text import plain
from coachtui.ui.widgets.keys_footer import KeysFooter

# The view of the step after these is made ahead, hidden, while the person reads them:
# Reflect, a form of some twenty widgets, took twice as long as any other step to put up
# (1.5-1.9x a bare Textual view swap in a pty, where the other steps took under 1.1x), and
# made while Act is read, going on only shows it.
MADE_AHEAD = {"act": "reflect"}
# How long a step is up before the next one is made: its first frame, and a key pressed
# at once, come first (a key pressed while it is being made waits a few milliseconds).
AHEAD_AFTER_SECONDS = 0.2

# The longest a step change may keep the app from painting (see `_hold_painting`): a view
# that never says it is shown (taken down as it went up) must not leave the screen unpainted.
HOLD_PAINT_SECONDS = 0.5

STEP_VIEWS: dict[str, type[StepView]] = {
    "pause": PauseStep,
    "greet": GreetStep,
    "read": ReadStep,
    "decide": DecideStep,
    "act": ActStep,
    "reflect": ReflectStep,
}


class WalkScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.previous_step", "Back", id="back"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    def __init__(self, walk: Walk | None = None) -> None:
        super().__init__()
        self._made_for = walk
        self._view: Widget | None = None  # the step view put up last
        self._painting_held = False
        self._hold_limit: Timer | None = None  # ends this hold if nothing else does
        # A focus given before its layout, to bring into view after it (`_show_focus`):
        # "view" for a new step's first focus, "widget" for any other.
        self._focus_to_show: str | None = None
        self._ahead: tuple[str, StepView] | None = None  # (its step, the view made ahead)
        self._ahead_timer: Timer | None = None

    @property
    def walk(self) -> Walk:
        """The app's walk; once that is gone (saved, left or replaced before this screen was
        even put up, as keys in a burst can do), the one this screen was made for, so a late
        compose never meets no walk. (A demo replaces the app's walk at every beat.)"""
        return self.app.walk or self._made_for

    @property
    def HELP(self) -> str:  # noqa: N802 - read by the help screen like a class attribute
        return self.current_step.HELP if self.current_step else ""

    @property
    def ready_for_keys(self) -> bool:
        """Keys typed during a step change may be replayed (key_order.py): the new step's
        view is mounted and the focus is in it (in a demo, where nothing takes focus, once
        it is mounted). Until then a key would reach the view being removed, or nothing."""
        view = self._view
        if view is None or not view.is_mounted:
            return False
        if getattr(self.app, "demo", None) is not None:
            return True
        focused = self.focused
        return focused is not None and (focused is view or view in focused.ancestors)

    @property
    def current_step(self) -> StepView | None:
        hosts = self.query("#step-host")  # none yet while the screen is being put up
        views = hosts.first().query_children(StepView) if hosts else ()
        return next((view for view in views if not view.ahead), None)  # not one made ahead

    def compose(self) -> ComposeResult:
        walk = self.walk
        yield Static(id="crumbs", classes="crumbs")
        yield Static(plain(walk.playbook.title), classes="scenario")
        yield Container(id="step-host")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.screen_layout_refresh_signal.subscribe(self, self._show_focus, immediate=True)
        self.show_step()

    def show_step(self) -> None:
        """Replace the step view with the walk's current step."""
        walk = self.walk
        crumbs = []
        for number, name in enumerate(walk.steps, 1):
            style = "bold reverse" if name == walk.step else ("" if number < walk.step_number else "dim")
            crumbs.append((f" {number} {walk.step_title(name)} ", style))
        host = self.query_one("#step-host")
        # The footer waits for the new view's focus: in between, with no view focused, it
        # would be rebuilt once for the walk's keys alone and again for the step's.
        self.query_one(KeysFooter).hold()
        self._hold_painting()
        self.query_one("#crumbs", Static).update(Content.assemble(*crumbs))
        ahead = self._take_ahead(walk.step)
        if ahead is not None:
            self._view = ahead
            # Put up once the step left is gone, so whatever looks at the host's views
            # (the current step, the keys held meanwhile) finds the new one alone.
            left = [view for view in host.children if view is not ahead]
            removed = host.remove_children(left)
            self.call_next(self._put_up_when_removed, ahead, removed)
        else:
            host.remove_children()
            self._view = self.step_view()
            host.mount(self._view)

    def _take_ahead(self, step: str) -> StepView | None:
        """The view made ahead for `step`, if there is one still in place; any other is
        dropped (a step change never made it current)."""
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
            self._ahead_timer = None
        made, self._ahead = self._ahead, None
        if made is None or made[0] != step or not made[1].is_attached:
            return None
        return made[1]

    async def _put_up_when_removed(self, view: StepView, removed: Awaitable) -> None:
        await removed
        if view is self._view and view.is_attached:  # no other step change meanwhile
            view.put_up()

    def _make_ahead(self, shown: Widget) -> None:
        """Made hidden, while `shown` (still the step on screen) is read: the next step's
        view (MADE_AHEAD). Not in a demo, whose beats replace the walk at every step."""
        self._ahead_timer = None
        step = MADE_AHEAD.get(self.walk.step)
        if step is None or shown is not self._view or self._ahead is not None \
                or getattr(self.app, "demo", None) is not None:
            return
        view = STEP_VIEWS[step](ahead=True, classes="step-body")
        self._ahead = (step, view)
        self.query_one("#step-host").mount(view)

    def _hold_painting(self) -> None:
        """No frame until the new view is up and focused. Between the key and that moment
        Textual painted the step being left twice more (its focus gone, its removal under
        way), each frame costing about a sixth of the change, for nothing a person needs to
        see. Painting resumes when the new view says it is shown, when this screen goes,
        or after HOLD_PAINT_SECONDS whatever happens (the app's timer, not this screen's,
        so it outlives the screen)."""
        if self._painting_held:
            return  # a change already in progress: it is held once
        self._painting_held = True
        self.app._begin_batch()  # App.batch_update(), held across messages instead of a block
        self._hold_limit = self.app.set_timer(HOLD_PAINT_SECONDS, self._release_painting)

    def _release_painting(self) -> None:
        if self._hold_limit is not None:
            self._hold_limit.stop()  # or, still running, it would end a later change's hold
            self._hold_limit = None
        if self._painting_held:
            self._painting_held = False
            self.app._end_batch()  # and Textual paints what changed

    def on_step_view_shown(self, event: StepView.Shown) -> None:
        self.query_one(KeysFooter).release()
        self._focus_to_show = "view"
        self._release_painting()
        if self.walk.step in MADE_AHEAD and self._ahead is None and self._ahead_timer is None:
            self._ahead_timer = self.set_timer(AHEAD_AFTER_SECONDS,
                                               partial(self._make_ahead, self._view))

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True,
                  from_app_focus: bool = False) -> None:
        """Textual scrolls a new focus into view by the layout it has when the focus is
        given. On this screen a focus is mostly given as part of a change not laid out yet
        (a step's view just mounted, the pacer started by a rating, the list of Act's
        moments just shown, often while painting is held), and scrolling by the layout
        before it put the wrong lines in view: Reflect opened five lines down; at 80x9 the
        pacer a person breathes with stayed below the screen. So a focus is given here
        without scrolling, and brought into view once it has its place (`_show_focus`)."""
        was_focused = self.focused
        super().set_focus(widget, scroll_visible=False, from_app_focus=from_app_focus)
        if scroll_visible and widget is not None and widget is not was_focused \
                and self.focused is widget:
            self._focus_to_show = "widget"
            self.call_after_refresh(self._show_focus)

    def _show_focus(self, _screen: Screen | None = None) -> None:
        """Once the focus has its place, bring it into view: called after each layout,
        and after the refresh that follows a focus (when no layout may come). A new step's
        first focus is scrolled to only if none of it is in view (a very small terminal):
        a step opens at its top, where its heading and prompts are, which a person reads
        before the box with the keys. Any other focus is centred if it is not wholly in
        view, as Textual does."""
        how = self._focus_to_show
        focused = self.focused
        if how is None:
            return
        if focused is None:
            self._focus_to_show = None
            return
        if self.app._batch_count or not self._is_placed(focused):
            return  # painting held, or still being mounted: the next layout calls again
        self._focus_to_show = None
        if how == "view":
            if not self.can_view_partial(focused):
                self.scroll_to_widget(focused, animate=False)
        elif not self.can_view_entire(focused):
            self.scroll_to_center(focused, origin_visible=True, animate=False)

    def _is_placed(self, widget: Widget) -> bool:
        """Whether the last layout gave `widget` a place, in view or scrolled out of it."""
        compositor = self._compositor
        return widget in compositor.visible_widgets or widget in compositor.full_map

    def on_screen_suspend(self) -> None:
        self._release_painting()  # another screen over this one paints at once

    def on_unmount(self) -> None:
        self._release_painting()

    def step_view(self) -> Widget:
        """The view of the walk's current step (a demo may show something else)."""
        return STEP_VIEWS[self.walk.step](classes="step-body")
