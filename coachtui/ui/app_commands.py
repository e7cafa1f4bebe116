"""The app's commands: help, the scenario picker, journal and insights, the settings,
and the command palette's entries for them (Textual's own palette, extended)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.screen import Screen

BELL_GAP = 0.3  # seconds between two rings of one cue, so they are heard as two


class AppCommands:
    """Mixed into CoachApp."""

    # -- help, scenarios, palette -------------------------------------------------------
    def action_help(self) -> None:
        from coachtui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_pick_scenario(self) -> None:
        # The list alone is needed, often known from the playbook cache before the
        # playbooks are validated; picking from it waits for them (PickerScreen).
        self.when_listed(self._pick_scenario)

    def _pick_scenario(self) -> None:
        from coachtui.ui.screens.picker import PickerScreen

        self.autosave()  # leaving a walk for the list keeps it as a draft
        self.back_to_home()
        self.push_screen(PickerScreen())

    def action_journal(self) -> None:
        from coachtui.ui.screens.journal import JournalScreen

        if not isinstance(self.screen, JournalScreen):
            self.push_screen(JournalScreen())

    def action_insights(self) -> None:
        from coachtui.ui.screens.insights import InsightsScreen

        if not isinstance(self.screen, InsightsScreen):
            self.push_screen(InsightsScreen())

    def action_toggle_reduced_motion(self) -> None:
        self.reduced_motion = not self.reduced_motion
        self.config.reduced_motion = self.reduced_motion
        self._save_config()
        state = "on" if self.reduced_motion else "off"
        self.tell(f"Reduced motion is {state} (from the next breath).")

    def action_toggle_bell(self) -> None:
        self.config.bell = not self.config.bell
        self._save_config()
        state = "on" if self.config.bell else "off"
        self.tell(f"The bell at each breath change is {state}.")

    # -- the breath: its bell cues and its remembered length -----------------------------
    def on_breath_pacer_phase_changed(self, message) -> None:
        moment = message.moment
        if self.config.bell and (moment.cycle, moment.phase_index) != (1, 0):
            from coachtui.core.breathing import BELLS  # (the breath's module: loaded by now)

            self.ring(BELLS[moment.direction])  # (not as the breath starts: a key just did)

    def on_breath_pacer_finished(self, message) -> None:
        if self.config.bell:
            from coachtui.core.breathing import BELLS

            self.ring(BELLS["end"])

    def on_breath_pacer_length_changed(self, message) -> None:
        """+ or − on a deeper reset: the next one lasts as long (kept in seconds)."""
        self.config.deeper_reset_seconds = round(message.plan.total_seconds)
        self._save_config()

    def ring(self, times: int) -> None:
        """The terminal bell, `times` times in a row."""
        self.bell()
        for ring in range(1, times):
            self.set_timer(ring * BELL_GAP, self.bell)

    def action_high_contrast(self) -> None:
        from coachtui.ui.themes import HIGH_CONTRAST

        self.theme = HIGH_CONTRAST  # remembered in config.toml like any theme

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Start a walk", "Breathe, then walk through the default scenario",
                            self.action_start_walk)
        yield SystemCommand("Pick a scenario", "Choose which situation to walk through",
                            self.action_pick_scenario)
        yield SystemCommand("Journal", "Browse, search and change your saved reflections",
                            self.action_journal)
        yield SystemCommand("Insights", "What your journal says over time",
                            self.action_insights)
        yield SystemCommand("Quick reflection", "Log a customer moment after the fact",
                            self.action_quick_reflect)
        yield SystemCommand("Toggle reduced motion", "A still countdown instead of the moving pacer",
                            self.action_toggle_reduced_motion)
        yield SystemCommand("Toggle breath bell", "Ring the terminal bell at each breath change "
                            "(once in, twice out, three times at the end)",
                            self.action_toggle_bell)
        yield SystemCommand("High-contrast theme", "White on black with yellow keys, the easiest "
                            "to read (Theme lists the others)", self.action_high_contrast)
        yield from super().get_system_commands(screen)

