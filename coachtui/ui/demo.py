"""Demo mode: plays a scenario's scripted example through the walk's real screens.

A trainer shows it on a projector: the breath pacer breathing, signals ticked one by one,
the recommendation with its reasons, the steps done, a sample reflection. Space pauses and
resumes, Right/Left step forward and back, Escape leaves. A demo never writes anything:
the app's autosave and journal are off while it runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from coachtui.core.wording import WENT_WRONG_QUESTION
from coachtui.ui.screens.walk import WalkScreen
from coachtui.ui.steps.base import StepView
from coachtui.ui.text import plain

if TYPE_CHECKING:
    from coachtui.core.demo import Beat
    from coachtui.core.scenario import Scenario


@dataclass(frozen=True)
class DemoOptions:
    playbook_id: str
    pace: float = 2.5  # seconds per beat
    ask: bool = False  # stop before the decision: "What would you do?"
    presenter: bool = False  # the high-contrast theme, chrome hidden, the caption large


class DemoPlayer:
    """Which beat is shown, and the clock that moves it on."""

    def __init__(self, app, scenario: Scenario, beats: list[Beat], options: DemoOptions) -> None:
        self.app = app
        self.scenario = scenario
        self.beats = beats if options.ask else [beat for beat in beats if not beat.ask]
        self.options = options
        self.index = 0
        self.paused = False
        self.shown: list[int] = []  # every beat index shown, in order (the tests read it)
        self.timer = None

    @property
    def beat(self) -> Beat:
        return self.beats[self.index]

    @property
    def finished(self) -> bool:
        return self.index == len(self.beats) - 1

    def start_clock(self) -> None:
        """Once the first beat is on screen (not before: on a busy machine the clock could
        otherwise move on before the room has seen it)."""
        if self.timer is None:
            self.timer = self.app.set_interval(self.options.pace, self.tick)

    def tick(self) -> None:
        if not self.paused and not self.beat.ask and not self.finished:
            self.show(self.index + 1)

    def show(self, index: int) -> None:
        from coachtui.core.walk import Walk

        self.index = max(0, min(len(self.beats) - 1, index))
        self.shown.append(self.index)
        self.app.walk = Walk(self.scenario, self.beat.answers.model_copy(deep=True))
        screen = self.app.screen
        if isinstance(screen, DemoScreen):
            screen.show_step()

    def toggle_pause(self) -> None:
        if self.beat.ask:  # the room has talked it over: go on
            self.show(self.index + 1)
        else:
            self.paused = not self.paused
        self.app.screen.show_banner()

    def forward(self) -> None:
        self.show(self.index + 1)

    def back(self) -> None:
        self.show(self.index - 1)


class AskView(StepView):
    """With --ask, the room's question: what the customer showed and whether something went
    wrong, and nothing that gives the suggestion (or, about yourself, the steps) away."""

    def body(self):
        walk = self.walk
        labels = {signal.id: signal.label for signal in walk.playbook.signals}
        yield Static(plain("What you felt" if walk.about_self else "What they showed"),
                     classes="heading")
        for signal_id in walk.answers.signals:
            yield Static(plain(f"•  {labels[signal_id]}"), classes="reason")
        if not walk.answers.signals:
            yield Static(plain("Nothing ticked."), classes="muted")
        if walk.answers.went_wrong is not None:
            yield Static(plain(f"{WENT_WRONG_QUESTION} " + ("Yes." if walk.answers.went_wrong
                                                            else "No.")), classes="cue")
        question = ("What would you do first?" if walk.about_self else
                    "What would you do: connect, or stay frictionless?")
        yield Static(plain(question, "bold"), classes="path-name")
        yield Static(Content.assemble(("Enter", "bold $text-accent"), " or ", ("Space", "bold $text-accent"),
                                      "  show what coachtui suggests"), classes="choice")


class DemoScreen(WalkScreen):
    """The walk's screen with a banner saying it is a demo, the beat's caption, and the
    demo's keys. Nothing on it takes focus, so no key can change the scripted answers."""

    HELP = ("A demo: a scripted example plays through the walk's real screens and nothing is "
            "saved. Space pauses and resumes; after “What would you do?”, Enter or Space shows "
            "the suggestion. Right and Left step forward and back, Escape leaves the demo.")
    AUTO_FOCUS = ""  # nothing takes focus (and a step replaced under it cannot keep it)
    BINDINGS = [
        Binding("enter", "reveal", "Reveal", priority=True, id="demo-reveal"),
        Binding("space", "pause", "Pause / resume", priority=True, id="demo-pause"),
        Binding("right", "forward", "Next", key_display="→", priority=True, id="demo-next"),
        Binding("left", "back", "Back", key_display="←", priority=True, id="demo-back"),
        Binding("escape", "leave", "Leave the demo", priority=True, id="demo-leave"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    def compose(self):
        yield Static(id="demo-banner")
        yield Static(id="demo-caption")
        yield from super().compose()

    def on_mount(self) -> None:
        if self.app.demo.options.presenter:
            self.add_class("presenter")
        super().on_mount()  # shows the first beat
        self.call_after_refresh(self.app.demo.start_clock)

    def show_step(self) -> None:
        if not self.query("#step-host"):
            return  # not composed yet: its on_mount shows the beat current then
        super().show_step()
        self.show_banner()

    def step_view(self):
        """An ask beat hides the step that would give the answer away."""
        return AskView(classes="step-body") if self.app.demo.beat.ask else super().step_view()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action == "reveal" and not self.app.demo.beat.ask)

    def show_banner(self) -> None:
        player = self.app.demo
        beat = player.beat
        state = ("paused" if player.paused else "finished" if player.finished else
                 "a question" if beat.ask else "playing")
        self.query_one("#demo-banner", Static).update(Content.assemble(
            (" DEMO · nothing is saved ", "bold reverse"), "  ",
            plain(player.scenario.title, "bold"),
            f"  ·  {player.index + 1}/{len(player.beats)}  ·  {state}"))
        caption = beat.caption
        if beat.ask:
            caption += "  Talk it over, then press Enter or Space."
        self.query_one("#demo-caption", Static).update(plain(caption))
        self.refresh_bindings()  # the footer shows the demo's keys, not a step's

    def action_pause(self) -> None:
        self.app.demo.toggle_pause()

    def action_reveal(self) -> None:
        """Enter, after "What would you do?": the room has answered, show the suggestion."""
        self.app.demo.toggle_pause()

    def action_forward(self) -> None:
        self.app.demo.forward()

    def action_back(self) -> None:
        self.app.demo.back()

    def action_leave(self) -> None:
        self.app.exit()
