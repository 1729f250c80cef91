"""The agenda and the clock: the sections with their timers, start/pause and next, the
meeting's total, and the warnings as a section's time runs out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hostdesk.core import timer
from hostdesk.storage.glance import Glance
from hostdesk.storage.open_meeting import OpenMeeting
from hostdesk.ui.config import Config
from hostdesk.ui.models import SectionsModel

WARN_COLOUR = {timer.TimerState.WARNING: "#b8860b", timer.TimerState.OVER: "#c0392b"}
DEFAULT_WARN_AT = 0.8


class AgendaPane(QWidget):
    """Drives the section timers through the owner; `tick` repaints from the clock and
    warns once per threshold crossed. `say` shows a sentence."""

    def __init__(
        self, owner: OpenMeeting, config: Config, clock: Callable[[], float], say: Callable[[str], None]
    ) -> None:
        super().__init__()
        self.owner, self.config, self.clock, self.say = owner, config, clock, say
        self.alerts: list[str] = []  # warnings given this session, for the host and for tests
        self.chimes = 0  # sounds played: the system bell, there is no audio to check here
        self._last_tick = clock()
        self.model = SectionsModel(Glance(), clock)
        self.list = QListView()
        self.list.setAccessibleName(self.tr("Agenda"))
        self.list.setModel(self.model)
        self.list.setSpacing(2)
        self.list.setWordWrap(True)  # long titles wrap rather than scroll sideways
        self.list.selectionModel().currentRowChanged.connect(lambda cur, _: self._picked(cur.row()))
        self.clock_label = QLabel("0:00")
        big = QFont(self.clock_label.font())
        big.setPointSize(big.pointSize() * 3)
        big.setBold(True)
        self.clock_label.setFont(big)
        self.clock_label.setAccessibleName(self.tr("Section clock"))
        self.clock_detail = QLabel()
        self.clock_detail.setAccessibleName(self.tr("Time left"))
        self.total_label = QLabel()
        self.total_label.setWordWrap(True)
        self.total_label.setAccessibleName(self.tr("Meeting total"))
        self.start_button = QPushButton(self.tr("Start"))
        self.next_button = QPushButton(self.tr("Next section"))
        self.start_button.setToolTip("Ctrl+Space")
        self.next_button.setToolTip("Ctrl+Enter")
        self.start_button.clicked.connect(self.toggle_timer)
        self.next_button.clicked.connect(self.next_section)
        self.timing_box = QCheckBox(self.tr("Timing summary in the notes"))
        self.timing_box.setToolTip(self.tr("Add planned against actual minutes per section to the published notes"))
        self.timing_box.toggled.connect(self._timing_toggled)
        lv = QVBoxLayout(self)
        lv.addWidget(self.clock_label)
        lv.addWidget(self.clock_detail)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.next_button)
        lv.addLayout(buttons)
        lv.addWidget(self.list, 1)
        lv.addWidget(self.total_label)
        lv.addWidget(self.timing_box)
        owner.subscribe(self._changed)

    def _changed(self, change: str) -> None:
        if change in ("opened", "replaced"):
            self.model.set_meeting(self.owner.meeting)
            self.timing_box.blockSignals(True)
            self.timing_box.setChecked(self.owner.meeting.include_timing)
            self.timing_box.blockSignals(False)
        if change in ("opened", "replaced", "section"):
            index = self.model.index(self.owner.current)
            if self.list.currentIndex() != index:
                self.list.setCurrentIndex(index)
        if change in ("opened", "replaced", "section", "timers", "plan"):
            self.tick()

    def show_glance(self, glance: Glance, row: int) -> None:
        """The first frame, before the model has loaded."""
        self.model.set_meeting(glance)
        self.list.setCurrentIndex(self.model.index(row))
        self._show_clock(self.clock(), glance, row, DEFAULT_WARN_AT)

    def _picked(self, row: int) -> None:
        if self.owner.is_open:
            self.owner.go_to(row, self.config.prefs.start_timer_on_enter)

    def toggle_timer(self) -> None:
        self.owner.toggle_timer()

    def next_section(self) -> None:
        self.owner.next_section()

    def _timing_toggled(self, checked: bool) -> None:
        self.owner.edit("plan", lambda m: setattr(m, "include_timing", checked))

    def tick(self) -> None:
        """Every half second: repaint the times; nothing else, the window stays open for hours."""
        now = self.clock()
        warn_at = self.config.warn_at()
        self.model.warn_at = warn_at
        self.model.refresh()
        if self.owner.is_open and self.owner.as_is.sections:  # (not the notes: OpenMeeting.as_is)
            self._show_clock(now, self.owner.as_is, self.owner.current, warn_at)
            self._warn(now)
        self._last_tick = now

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
        meeting = self.owner.as_is
        running = timer.running_index(meeting)
        if running is None:
            return
        section = meeting.sections[running]
        prefs = self.config.prefs
        for threshold in timer.crossed(section, self._last_tick, now, prefs.warn_at):
            text = self.tr("⚠ “%s” has used %d%% of its %d minutes.") % (
                section.title,
                round(threshold * 100),
                section.planned_minutes,
            )
            self.alerts.append(text)
            self.say(text)
            if prefs.sound:
                self.chimes += 1
                QApplication.beep()
