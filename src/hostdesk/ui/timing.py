"""The section timers as the host drives them: start, pause, next, and the warnings.
A part of MainWindow, kept apart because it is one purpose; the arithmetic is core.timer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from hostdesk.core import timer

if TYPE_CHECKING:
    from hostdesk.core.model import Meeting
    from hostdesk.storage.settings import Preferences

WARN_COLOUR = {timer.TimerState.WARNING: "#b8860b", timer.TimerState.OVER: "#c0392b"}
DEFAULT_WARN_AT = 0.8


class Timing:
    """Mixed into MainWindow; uses its meeting, clock, preferences and clock widgets."""

    if TYPE_CHECKING:  # what it needs of MainWindow
        meeting: Meeting
        current: int
        clock: Callable[[], float]
        prefs: Preferences
        alerts: list[str]
        chimes: int
        _last_tick: float
        clock_label: QLabel
        clock_detail: QLabel
        total_label: QLabel
        start_button: QPushButton

        def changed(self) -> None: ...
        def tick(self) -> None: ...
        def select_section(self, row: int) -> None: ...
        def show_status(self, message: str) -> None: ...
        def tr(self, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str: ...

    def warn_at(self) -> float:
        return min(self.prefs.warn_at or [DEFAULT_WARN_AT])

    def toggle_timer(self) -> None:
        if not self.meeting.sections:
            return
        section = self.meeting.sections[self.current]
        now = self.clock()
        running = timer.running_index(self.meeting)
        if running == self.current:
            timer.pause(section, now)
        else:
            if running is not None:
                timer.pause(self.meeting.sections[running], now)
            timer.start(section, now)
        self.changed()
        self.tick()

    def next_section(self) -> None:
        following = timer.next_section(self.meeting, self.current, self.clock())
        self.changed()
        if following is not None:
            self.select_section(following)
        self.tick()

    def _show_clock(self, now: float, agenda: timer.Agenda, current: int, warn_at: float) -> None:
        section = agenda.sections[current]
        spent = timer.elapsed(section, now)
        left = section.planned_minutes * 60 - spent
        state = timer.state(section, now, warn_at)
        self.clock_label.setText(timer.clock_text(spent))
        words = {
            timer.TimerState.WARNING: self.tr("⚠ almost over"),
            timer.TimerState.OVER: self.tr("⏰ over time"),
        }
        if section.planned_minutes:
            self.clock_detail.setText(f"{timer.clock_text(left)} {self.tr('left')}  {words.get(state, '')}")
        else:
            self.clock_detail.setText(self.tr("no time planned for this section"))
        colour = WARN_COLOUR.get(state, "")
        self.clock_label.setStyleSheet(f"color: {colour};" if colour else "")
        running = timer.running_index(agenda) == current
        self.start_button.setText(self.tr("Pause") if running else self.tr("Start"))
        spent_all, planned = timer.totals(agenda, now)
        late = timer.drift(agenda, now)
        pace = ""
        if late >= 60:
            pace = self.tr(" — %s behind") % timer.clock_text(late)
        elif late <= -60:
            pace = self.tr(" — %s ahead") % timer.clock_text(-late)
        self.total_label.setText(
            self.tr("Meeting: %s of %s planned") % (timer.clock_text(spent_all), timer.clock_text(planned)) + pace
        )

    def _warn(self, now: float) -> None:
        """Say, once, when the running section passes a warning threshold; chime if asked."""
        running = timer.running_index(self.meeting)
        if running is None:
            return
        section = self.meeting.sections[running]
        for threshold in timer.crossed(section, self._last_tick, now, self.prefs.warn_at):
            text = self.tr("⚠ “%s” has used %d%% of its %d minutes.") % (
                section.title,
                round(threshold * 100),
                section.planned_minutes,
            )
            self.alerts.append(text)
            self.show_status(text)
            if self.prefs.sound:
                self.chimes += 1
                QApplication.beep()
