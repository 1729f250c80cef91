"""The host's window: agenda, editor, preview and attendees, a timer per section."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QFont, QKeySequence
from PySide6.QtWidgets import (
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hostdesk.core import timer
from hostdesk.core.model import Attendee, Meeting, Target
from hostdesk.core.people import parse_person
from hostdesk.core.render import render
from hostdesk.core.roster import Roster
from hostdesk.core.series import from_template, next_meeting
from hostdesk.storage.autosave import AutosavePolicy
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.errors import StorageError
from hostdesk.storage.session import SessionMarker
from hostdesk.storage.settings import SettingsStore
from hostdesk.ui.editor import NotesEditor
from hostdesk.ui.models import AttendeesModel, SectionsModel
from hostdesk.ui.preview import is_safe_link, to_html
from hostdesk.ui.publishing import PublishFlow
from hostdesk.ui.tasks import TaskRunner

WELCOME = "Welcome new members"


class MainWindow(QMainWindow):
    """The main window. Signals: none of its own; it listens to its widgets."""

    def __init__(
        self,
        store: DraftStore | None = None,
        settings: SettingsStore | None = None,
        clock: Callable[[], float] = time.time,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        self.store = store or DraftStore()
        self.settings = settings or SettingsStore()
        self.clock = clock
        self.tasks = tasks or TaskRunner()
        self.session = SessionMarker(self.store.root)
        self.autosave = AutosavePolicy(clock)
        self.meeting = Meeting()
        self.current = 0
        self.roster = Roster.from_meetings(self.store.load_all())
        self.last_removed: tuple[int, Attendee] | None = None
        self.opened_links: list[str] = []
        self._loading = False
        self._build()
        self._tick = QTimer(self)  # repaints only; time comes from self.clock
        self._tick.setInterval(500)
        self._tick.timeout.connect(self.tick)
        self._tick.start()

    # -- building the window

    def _build(self) -> None:
        self.setWindowTitle(self.tr("hostdesk"))
        self.resize(1280, 800)
        header = QWidget()
        form = QHBoxLayout(header)
        self.series_label = QLabel()
        self.date_edit = QDateEdit(calendarPopup=True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.heading_edit = QLineEdit()
        self.hosts_edit = QLineEdit()
        self.hosts_edit.setPlaceholderText(self.tr("Host / co-host"))
        for label, widget in (
            (self.tr("Series"), self.series_label),
            (self.tr("Date"), self.date_edit),
            (self.tr("Heading"), self.heading_edit),
            (self.tr("Hosts"), self.hosts_edit),
        ):
            widget.setAccessibleName(label)
            form.addWidget(QLabel(label + ":"))
            form.addWidget(widget, 2 if widget in (self.heading_edit, self.hosts_edit) else 0)

        self.agenda = QListView()
        self.agenda.setAccessibleName(self.tr("Agenda"))
        self.sections_model = SectionsModel(self.meeting, self.clock)
        self.agenda.setModel(self.sections_model)
        self.agenda.setSpacing(2)
        self.agenda.selectionModel().currentRowChanged.connect(lambda cur, _: self.select_section(cur.row()))
        self.clock_label = QLabel("0:00")
        big = QFont(self.clock_label.font())
        big.setPointSize(big.pointSize() * 3)
        big.setBold(True)
        self.clock_label.setFont(big)
        self.clock_label.setAccessibleName(self.tr("Section clock"))
        self.clock_detail = QLabel()
        self.total_label = QLabel()
        self.start_button = QPushButton(self.tr("Start"))
        self.next_button = QPushButton(self.tr("Next section"))
        self.start_button.clicked.connect(self.toggle_timer)
        self.next_button.clicked.connect(self.next_section)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.clock_label)
        lv.addWidget(self.clock_detail)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.next_button)
        lv.addLayout(buttons)
        lv.addWidget(self.agenda, 1)
        lv.addWidget(self.total_label)

        self.section_title = QLabel()
        self.section_title.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.editor = NotesEditor()
        self.editor.setAccessibleName(self.tr("Section notes"))
        self.editor.textChanged.connect(self.notes_changed)
        centre = QWidget()
        cv = QVBoxLayout(centre)
        cv.addWidget(self.section_title)
        cv.addWidget(self.editor, 1)

        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)  # links never open inside the pane
        self.preview.anchorClicked.connect(self.open_link)
        self.preview.setAccessibleName(self.tr("Preview"))
        self.attendees_model = AttendeesModel(
            self.meeting, lambda name: self.roster.is_new(name, self.meeting.series)
        )
        self.attendee_table = QTableView()
        self.attendee_table.setModel(self.attendees_model)
        self.attendee_table.horizontalHeader().setStretchLastSection(True)
        self.attendee_table.setAccessibleName(self.tr("Attendees"))
        self.quick_add = QLineEdit()
        self.quick_add.setPlaceholderText(self.tr("Add: Name [Org], Name (Org) or Name, Org"))
        self.quick_add.setAccessibleName(self.tr("Add attendee"))
        self.quick_add.returnPressed.connect(self.add_attendee)
        self.completer = QCompleter([p.name for p in self.roster])
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.quick_add.setCompleter(self.completer)
        self.welcome_button = QPushButton(self.tr("Add to “Welcome new members”"))
        self.welcome_button.clicked.connect(self.welcome_selected)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_attendee)
        self.undo_button = QPushButton(self.tr("Undo remove"))
        self.undo_button.clicked.connect(self.undo_remove)
        people = QWidget()
        pv = QVBoxLayout(people)
        pv.addWidget(self.quick_add)
        pv.addWidget(self.attendee_table, 1)
        row = QHBoxLayout()
        for b in (self.welcome_button, self.remove_button, self.undo_button):
            row.addWidget(b)
        pv.addLayout(row)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(people, self.tr("Attendees"))

        self.splitter = QSplitter()
        for part in (left, centre, self.tabs):
            self.splitter.addWidget(part)
        self.splitter.setSizes([300, 520, 460])
        body = QWidget()
        bv = QVBoxLayout(body)
        bv.addWidget(header)
        bv.addWidget(self.splitter, 1)
        self.setCentralWidget(body)

        self.date_edit.dateChanged.connect(self.header_changed)
        self.heading_edit.textEdited.connect(self.header_changed)
        self.hosts_edit.textEdited.connect(self.header_changed)
        self._actions()
        self.status_link = QLabel()
        self.status_link.setAccessibleName(self.tr("Published link"))
        self.status_link.linkActivated.connect(self.open_url)
        self.status_fix = QPushButton()
        self.status_fix.setAccessibleName(self.tr("Fix"))
        self._fix_slot: Callable[[], None] | None = None
        for widget in (self.status_link, self.status_fix):
            widget.hide()
            self.statusBar().addPermanentWidget(widget)
        self.flow = PublishFlow(self)
        self.statusBar().showMessage(self.tr("Ready"))

    def _actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Meeting"))
        for text, keys, slot in (
            (self.tr("&New meeting"), "Ctrl+N", self.new_meeting),
            (self.tr("&Save now"), "Ctrl+S", self.save),
            (self.tr("&Publish"), "Ctrl+Shift+P", self.publish),
            (self.tr("Start or pause timer"), "Ctrl+Space", self.toggle_timer),
            (self.tr("Next section"), "Ctrl+Return", self.next_section),
            (self.tr("Previous section"), "Alt+Up", lambda: self.select_section(self.current - 1)),
            (self.tr("Following section"), "Alt+Down", lambda: self.select_section(self.current + 1)),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
            self.addAction(action)

    # -- the meeting shown

    def open_meeting(self, meeting: Meeting) -> None:
        self._loading = True
        self.meeting = meeting
        self.sections_model.set_meeting(meeting)
        self.attendees_model.set_meeting(meeting)
        self.series_label.setText(meeting.series or "—")
        day = meeting.date or date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.heading_edit.setText(meeting.heading)
        self.hosts_edit.setText(" / ".join(meeting.hosts))
        self._loading = False
        self.select_section(timer.running_index(meeting) or 0)
        self.session.opened(meeting.id)
        self.update_preview()
        self.update_title()

    def select_section(self, row: int) -> None:
        if not self.meeting.sections or not 0 <= row < len(self.meeting.sections):
            return
        if row != self.current and self.autosave.dirty:
            self.save()  # at once on section switch
        self.current = row
        section = self.meeting.sections[row]
        self._loading = True
        self.section_title.setText(section.title)
        self.editor.setPlainText(section.notes)
        self._loading = False
        index = self.sections_model.index(row)
        if self.agenda.currentIndex() != index:
            self.agenda.setCurrentIndex(index)
        prefs = self.settings.load().preferences
        if (
            prefs.start_timer_on_enter
            and timer.running_index(self.meeting) is not None
            and timer.running_index(self.meeting) != row
        ):
            running = timer.running_index(self.meeting)
            assert running is not None
            timer.finish(self.meeting.sections[running], self.clock())
            timer.start(section, self.clock())
        self.tick()

    # -- editing

    def changed(self) -> None:
        if self._loading:
            return
        self.autosave.changed()
        self.update_preview()
        self.update_title()

    def notes_changed(self) -> None:
        if self._loading or not self.meeting.sections:
            return
        self.meeting.sections[self.current].notes = self.editor.toPlainText()
        self.changed()

    def header_changed(self) -> None:
        if self._loading:
            return
        qd = self.date_edit.date()
        self.meeting.date = date(qd.year(), qd.month(), qd.day())
        self.meeting.heading = self.heading_edit.text()
        self.meeting.hosts = [h.strip() for h in self.hosts_edit.text().split("/") if h.strip()]
        self.changed()

    def update_preview(self) -> None:
        bar = self.preview.verticalScrollBar()
        keep = bar.value()
        self.preview.setHtml(to_html(render(self.meeting)))
        bar.setValue(keep)

    def update_title(self) -> None:
        mark = "• " if self.autosave.dirty else ""
        self.setWindowTitle(f"{mark}{self.meeting.title} — hostdesk")

    def open_link(self, url: QUrl) -> None:
        text = url.toString()
        if is_safe_link(text):
            self.opened_links.append(text)
            QDesktopServices.openUrl(url)

    # -- attendees

    def add_attendee(self) -> None:
        text = self.quick_add.text().strip()
        if not text:
            return
        person = parse_person(text)
        known = self.roster.get(person.name)
        attendee = Attendee(
            name=known.name if known and not person.affiliation else person.name,
            affiliation=person.affiliation or (known.affiliation if known else ""),
            github=person.github or (known.github if known else ""),
        )
        self.attendees_model.add(attendee)
        self.quick_add.clear()
        self.attendee_table.selectRow(len(self.meeting.attendees) - 1)
        self.changed()

    def welcome_selected(self) -> None:
        rows = {i.row() for i in self.attendee_table.selectionModel().selectedRows()} or {
            self.attendee_table.currentIndex().row()
        }
        section = next((s for s in self.meeting.sections if s.title.startswith(WELCOME)), None)
        if section is None:
            return
        for row in sorted(r for r in rows if 0 <= r < len(self.meeting.attendees)):
            person = self.meeting.attendees[row]
            line = f"* {person.name}" + (f" ({person.affiliation})" if person.affiliation else "")
            if line not in section.notes.split("\n"):
                section.notes = (section.notes + "\n" + line).strip("\n")
        if self.meeting.sections[self.current] is section:
            self._loading = True
            self.editor.setPlainText(section.notes)
            self._loading = False
        self.changed()

    def remove_attendee(self) -> None:
        row = self.attendee_table.currentIndex().row()
        if 0 <= row < len(self.meeting.attendees):
            self.last_removed = (row, self.attendees_model.remove(row))
            self.statusBar().showMessage(
                self.tr("Removed %s — Undo remove brings them back") % self.last_removed[1].name
            )
            self.changed()

    def undo_remove(self) -> None:
        if self.last_removed:
            row, person = self.last_removed
            self.attendees_model.insert(row, person)
            self.last_removed = None
            self.changed()

    # -- timers

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

    def tick(self) -> None:
        now = self.clock()
        self.sections_model.refresh()
        if self.meeting.sections:
            section = self.meeting.sections[self.current]
            spent = timer.elapsed(section, now)
            left = section.planned_minutes * 60 - spent
            warn_at = (self.settings.load().preferences.warn_at or [0.8])[0]
            state = timer.state(section, now, warn_at)
            self.clock_label.setText(timer.clock_text(spent))
            words = {
                timer.TimerState.WARNING: self.tr("⚠ almost over"),
                timer.TimerState.OVER: self.tr("⏰ over time"),
            }
            self.clock_detail.setText(f"{timer.clock_text(left)} {self.tr('left')}  {words.get(state, '')}")
            colour = {timer.TimerState.WARNING: "#b8860b", timer.TimerState.OVER: "#c0392b"}.get(state, "")
            self.clock_label.setStyleSheet(f"color: {colour};" if colour else "")
            running = timer.running_index(self.meeting) == self.current
            self.start_button.setText(self.tr("Pause") if running else self.tr("Start"))
            spent_all, planned = timer.totals(self.meeting, now)
            ahead = planned and spent_all - planned
            self.total_label.setText(
                self.tr("Meeting: %s of %s planned")
                % (timer.clock_text(spent_all), timer.clock_text(planned))
                + (f" ({timer.clock_text(ahead)} {self.tr('over')})" if ahead and ahead > 0 else "")
            )
        if self.autosave.due():
            self.save()
        since = self.autosave.seconds_since_save()
        if (
            since is not None
            and not self.autosave.dirty
            and self.statusBar().currentMessage().startswith(("Saved", "Ready"))
        ):
            self.statusBar().showMessage(self.tr("Saved %d s ago") % int(since))

    # -- saving, new, publishing

    def save(self) -> bool:
        try:
            self.store.save(self.meeting)
        except StorageError as exc:
            self.statusBar().showMessage(str(exc))
            return False
        self.autosave.saved()
        self.statusBar().showMessage(self.tr("Saved 0 s ago"))
        self.update_title()
        return True

    def new_meeting(self) -> None:
        if self.autosave.dirty:
            self.save()
        settings = self.settings.load()
        template = settings.series.get(self.meeting.series)
        if self.meeting.sections:
            meeting = next_meeting(self.meeting, template)
        else:
            meeting = from_template(self.settings.template("Community sync"), date.today())
        self.store.save(meeting)
        self.open_meeting(meeting)

    def target(self) -> Target:
        template = self.settings.load().series.get(self.meeting.series)
        return template.target if template and template.target else Target()

    def set_target(self, target: Target) -> None:
        self.settings.set_target(self.meeting.series, target)

    def publish(self) -> None:
        self.flow.publish()

    def reload_meeting(self) -> None:
        """Show the draft as saved on disk: after a publish recorded itself, or took theirs."""
        try:
            meeting = self.store.load(self.meeting.id)
        except StorageError as exc:
            self.show_status(str(exc))
            return
        keep = self.current
        self.open_meeting(meeting)
        self.select_section(keep)

    # -- the status bar: one sentence, maybe a link, maybe the action that fixes it

    def show_status(
        self, message: str, link: str = "", fix: tuple[str, Callable[[], None]] | None = None
    ) -> None:
        self.statusBar().showMessage(message)
        self.status_link.setVisible(bool(link))
        if link:
            self.status_link.setText(f'<a href="{link}">{self.tr("Open")}</a>')
            self.status_link.setToolTip(link)
        self.status_fix.setVisible(fix is not None)
        if self._fix_slot is not None:
            self.status_fix.clicked.disconnect(self._fix_slot)
            self._fix_slot = None
        if fix is not None:
            self.status_fix.setText(fix[0])
            self._fix_slot = fix[1]
            self.status_fix.clicked.connect(self._fix_slot)

    def open_url(self, url: str) -> None:
        self.open_link(QUrl(url))

    # -- window life

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow() and self.autosave.dirty:
            self.save()  # at once on focus loss
        super().changeEvent(event)

    def closeEvent(self, event: QEvent) -> None:
        self.save()
        self.session.closed_cleanly(self.meeting.id)
        super().closeEvent(event)  # type: ignore[arg-type]


def first_meeting(store: DraftStore, settings: SettingsStore) -> Meeting:
    """What a bare `hostdesk` opens: the draft open last, else the newest, else a new one."""
    marker = SessionMarker(store.root)
    for candidate in filter(None, [marker.last_open(), *(s.id for s in store.summaries() if not s.problem)]):
        try:
            return store.load(candidate)
        except StorageError:
            continue
    meeting = from_template(settings.template("Community sync"), date.today())
    store.save(meeting)
    return meeting
