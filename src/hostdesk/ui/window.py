"""The host's window: agenda with a timer per section, notes editor, preview, attendees."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QDate, QEvent, QSettings, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hostdesk.core import timer
from hostdesk.core.dates import redate
from hostdesk.core.roster import Roster
from hostdesk.storage.autosave import AutosavePolicy
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.errors import StorageError
from hostdesk.storage.glance import Glance, GlanceSection
from hostdesk.storage.paths import config_root
from hostdesk.storage.session import SessionMarker
from hostdesk.ui.banner import Banner
from hostdesk.ui.editor import NotesEditor
from hostdesk.ui.findbar import FindBar
from hostdesk.ui.meeting_files import MeetingFiles
from hostdesk.ui.models import SectionsModel, plain
from hostdesk.ui.preview import is_safe_link, to_html
from hostdesk.ui.tasks import TaskRunner, wait_for_workers
from hostdesk.ui.timing import DEFAULT_WARN_AT, Timing

if TYPE_CHECKING:
    # pydantic, and what is built on it, loads just after the first paint: the window
    # first shows the draft as its file says (see start_painting_first).
    from hostdesk.core.model import Meeting, Section, Target, Template
    from hostdesk.storage.settings import Preferences, SettingsStore
    from hostdesk.ui.attendees import AttendeesPane
    from hostdesk.ui.publishing import PublishFlow

NO_DATE = QDate(2000, 1, 1)  # the date picker's "no date"


class MainWindow(MeetingFiles, Timing, QMainWindow):
    """The main window. It holds the meeting being hosted; every decision is in core,
    storage or publish."""

    def __init__(
        self,
        store: DraftStore | None = None,
        settings: SettingsStore | None = None,
        clock: Callable[[], float] = time.time,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        self.store = store or DraftStore()
        self._settings = settings
        self.clock = clock
        self.tasks = tasks or TaskRunner()
        self.session = SessionMarker(self.store.root)
        self.autosave = AutosavePolicy(clock)
        self._prefs: Preferences | None = None
        self._meeting: Meeting | None = None
        self._people: AttendeesPane | None = None
        self.current = 0
        self.roster = Roster()  # every draft is read for it just after the first paint
        self._roster_loaded = False
        self.opened_links: list[str] = []
        self.alerts: list[str] = []  # warnings given this session, for the host and for tests
        self.chimes = 0  # sounds played: the system bell, there is no audio to check here
        self._last_tick = clock()
        self._loading = False
        self._after_paint: list[Callable[[], object]] = []
        self._shut = False
        self._build()
        self.after_first_paint(self._finish_building)
        self.restore_layout()
        self._tick = QTimer(self)  # repaints only; time comes from self.clock
        self._tick.setInterval(500)
        self._tick.timeout.connect(self.tick)
        self._tick.start()

    # -- what loads when first needed

    @property
    def settings(self) -> SettingsStore:
        if self._settings is None:
            from hostdesk.storage.settings import SettingsStore

            self._settings = SettingsStore()
        return self._settings

    @property
    def prefs(self) -> Preferences:
        return self.load_prefs() if self._prefs is None else self._prefs

    @prefs.setter
    def prefs(self, prefs: Preferences) -> None:
        self._prefs = prefs

    def load_prefs(self) -> Preferences:
        """The host's preferences, read once: the first read of the settings file, so a
        damaged one is set aside and said here, before anything else reads it."""
        if self._prefs is None:
            from hostdesk.storage.settings import Preferences

            try:
                self._prefs = self.settings.load().preferences
            except StorageError as exc:
                self.banner.say(str(exc))
                self._prefs = Preferences()
        return self._prefs

    @property
    def meeting(self) -> Meeting:
        if self._meeting is None:
            from hostdesk.core.model import Meeting

            self._meeting = Meeting()  # none open yet
        return self._meeting

    @meeting.setter
    def meeting(self, meeting: Meeting) -> None:
        self._meeting = meeting

    @property
    def people(self) -> AttendeesPane:
        """The attendees tab, built when a meeting opens."""
        if self._people is None:
            from hostdesk.ui.attendees import AttendeesPane

            self._people = AttendeesPane(self.roster, self.attendees_changed, self.show_status)
            self.people_box.addWidget(self._people)
            QTimer.singleShot(0, self._restore_splitter)  # after the new pane's layout settles
        return self._people

    def series_template(self, series: str) -> Template | None:
        """The series' own template, or None; unreadable settings must not stop a meeting."""
        if not series:
            return None
        try:
            return self.settings.load().series.get(series)
        except StorageError as exc:
            self.banner.say(str(exc))  # damaged or unreadable settings: it lasts, so a banner
            return None

    # -- building the window

    def _build(self) -> None:
        self.setWindowTitle(self.tr("hostdesk"))
        self.resize(1280, 800)
        header = QWidget()
        form = QHBoxLayout(header)
        self.series_label = QLabel()
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        # A meeting read without a date shows "no date" (the minimum), not a made-up today.
        self.date_edit.setMinimumDate(NO_DATE)
        self.date_edit.setSpecialValueText(self.tr("no date"))
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
        self.heading_flag = QLabel()
        self.heading_flag.setAccessibleName(self.tr("Heading warning"))
        self.heading_flag.hide()  # shown for a doubtful heading date
        form.insertWidget(form.indexOf(self.heading_edit) + 1, self.heading_flag)
        self.publish_state = QLabel()
        self.publish_state.setAccessibleName(self.tr("Publish state"))
        self.publish_button = QPushButton(self.tr("Publish"))
        self.publish_button.setToolTip(self.tr("Publish the notes to GitHub (Ctrl+Shift+P)"))
        self.publish_button.clicked.connect(self.publish)
        form.addWidget(self.publish_state)
        form.addWidget(self.publish_button)

        self.sections_model = SectionsModel(Glance(), self.clock)
        self.agenda = QListView()
        self.agenda.setAccessibleName(self.tr("Agenda"))
        self.agenda.setModel(self.sections_model)
        self.agenda.setSpacing(2)
        self.agenda.setWordWrap(True)  # long titles wrap rather than scroll sideways
        self.agenda.selectionModel().currentRowChanged.connect(lambda cur, _: self.select_section(cur.row()))
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
        self.timing_box.toggled.connect(self.timing_toggled)
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
        lv.addWidget(self.timing_box)

        self.section_title = QLabel()
        self.section_title.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.section_title.setWordWrap(True)
        self.planned = QSpinBox(minimum=0, maximum=600, suffix=self.tr(" min planned"))
        self.planned.setAccessibleName(self.tr("Planned minutes"))
        self.planned.valueChanged.connect(self.planned_changed)
        self.next_time = QCheckBox(self.tr("Carry to next meeting"))
        self.next_time.setToolTip(self.tr("These notes come along into the next meeting of the series"))
        self.next_time.toggled.connect(self.next_time_changed)
        self.editor = NotesEditor()
        self.editor.setAccessibleName(self.tr("Section notes"))
        self.editor.textChanged.connect(self.notes_changed)
        self.find_bar = FindBar(self)
        centre = QWidget()
        cv = QVBoxLayout(centre)
        top = QHBoxLayout()
        top.addWidget(self.section_title, 1)
        top.addWidget(self.planned)
        top.addWidget(self.next_time)
        cv.addLayout(top)
        cv.addWidget(self.editor, 1)
        cv.addWidget(self.find_bar)

        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)  # links never open inside the pane
        self.preview.anchorClicked.connect(self.open_link)
        self.preview.setAccessibleName(self.tr("Preview"))
        self.people_page = QWidget()
        self.people_box = QVBoxLayout(self.people_page)
        self.people_box.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(self.people_page, self.tr("Attendees"))

        self.splitter = QSplitter()
        for part in (left, centre, self.tabs):
            self.splitter.addWidget(part)
        self.splitter.setSizes([300, 520, 460])
        self.banner = Banner()
        body = QWidget()
        bv = QVBoxLayout(body)
        bv.addWidget(self.banner)
        bv.addWidget(header)
        bv.addWidget(self.splitter, 1)
        self.setCentralWidget(body)

        self.date_edit.dateChanged.connect(self.date_changed)
        self.heading_edit.textEdited.connect(self.header_changed)
        self.hosts_edit.textEdited.connect(self.header_changed)
        self.status_link = QLabel()
        self.status_link.setAccessibleName(self.tr("Published link"))
        self.status_link.linkActivated.connect(self.open_url)
        self.status_fix = QPushButton()
        self.status_fix.setAccessibleName(self.tr("Fix"))
        self._fix_slot: Callable[[], None] | None = None
        for part in (self.status_link, self.status_fix):
            part.hide()
            self.statusBar().addPermanentWidget(part)
        self._flow: PublishFlow | None = None
        self._menus()
        self.statusBar().showMessage(self.tr("Ready"))
        self.editor.setFocus()  # the host's first keystrokes are notes, not a date

    def _menus(self) -> None:
        def add(menu: QMenu, text: str, keys: str, slot: Callable[[], object]) -> QAction:
            action = QAction(text, self)
            if keys:
                # As a property: setShortcut's overloads make PySide build the whole Qt
                # namespace, 12 ms the first frame does without.
                action.setProperty("shortcut", QKeySequence.fromString(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
            self.addAction(action)  # shortcuts work with the menu bar hidden, too
            return action

        meeting = self.menuBar().addMenu(self.tr("&Meeting"))
        add(meeting, self.tr("&New meeting (next in the series)"), "Ctrl+N", self.new_meeting)
        templates = meeting.addMenu(self.tr("New from &template"))

        def list_templates() -> None:  # read from their files when the menu first opens
            from hostdesk.storage.settings import builtin_templates

            if not templates.actions():
                for name in sorted(builtin_templates()):
                    add(templates, name, "", self._new_from(name))

        templates.aboutToShow.connect(list_templates)
        add(meeting, self.tr("&Open…"), "Ctrl+O", self.open_dialog)
        add(meeting, self.tr("&Import notes file…"), "", self.import_file_dialog)
        add(meeting, self.tr("Import from &GitHub…"), "", self.import_github_dialog)
        meeting.addSeparator()
        add(meeting, self.tr("&Save now"), "Ctrl+S", self.save)
        add(meeting, self.tr("&Publish"), "Ctrl+Shift+P", self.publish)
        add(meeting, self.tr("Publish &settings and token…"), "", lambda: self.flow.ask_target())
        meeting.addSeparator()
        add(meeting, self.tr("P&references…"), "", self.preferences_dialog)
        add(meeting, self.tr("&Quit"), "Ctrl+Q", self.close)
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = add(edit, self.tr("&Undo"), "Ctrl+Z", self.editor.undo)
        self.redo_action = add(edit, self.tr("&Redo"), "Ctrl+Shift+Z", self.editor.redo)
        add(edit, self.tr("&Find…"), "Ctrl+F", self.find_bar.open_bar)
        add(edit, self.tr("Find &next"), "F3", lambda: self.find_bar.find_next())
        timers = self.menuBar().addMenu(self.tr("&Timer"))
        add(timers, self.tr("Start or pause timer"), "Ctrl+Space", self.toggle_timer)
        self.next_action = add(timers, self.tr("Next section"), "Ctrl+Return", self.next_section)
        add(timers, self.tr("Previous section"), "Alt+Up", lambda: self.select_section(self.current - 1))
        add(timers, self.tr("Following section"), "Alt+Down", lambda: self.select_section(self.current + 1))

    def _finish_building(self) -> None:
        """What the first frame does without: each of these makes PySide build the Qt
        namespace's hundred-odd enums first, 12 ms the host would wait for the window."""
        from PySide6.QtCore import Qt

        self.editor.start_highlighting()
        self.agenda.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)  # the platform's own keys
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.next_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])  # and the keypad's

    def _new_from(self, name: str) -> Callable[[], None]:
        return lambda: self.new_from_template(name)

    # -- remembering the layout

    def _layout_store(self) -> QSettings:
        return QSettings(str(config_root() / "window.ini"), QSettings.Format.IniFormat)

    def restore_layout(self) -> None:
        saved = self._layout_store()
        geometry, splitter = saved.value("geometry"), saved.value("splitter")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        # The splitter is restored later, by _restore_splitter.
        self._pending_splitter = splitter if isinstance(splitter, QByteArray) else None
        tab = saved.value("tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(str(tab)))

    def save_layout(self) -> None:
        saved = self._layout_store()
        saved.setValue("geometry", self.saveGeometry())
        saved.setValue("splitter", self.splitter.saveState())
        saved.setValue("tab", self.tabs.currentIndex())
        saved.sync()

    # -- which meeting is open

    def open_meeting(self, meeting: Meeting) -> None:
        from hostdesk.core.series import apply_plan

        if self._meeting is not None and self.meeting.sections and self.autosave.dirty:
            self.save()
        self._loading = True
        template = self.series_template(meeting.series)
        if template is not None:
            apply_plan(meeting, template)  # notes files carry no planned minutes
        self.meeting = meeting
        self.current = -1
        self.sections_model.set_meeting(meeting)
        self.people.set_meeting(meeting)
        self._show_header(meeting.series, meeting.date, meeting.heading, meeting.hosts)
        self.show_heading_flag()
        self.timing_box.setChecked(meeting.include_timing)
        read_only = self.store.read_only_reason(meeting.id)
        for widget in (self.editor, self.heading_edit, self.hosts_edit):
            widget.setReadOnly(bool(read_only))
        if read_only:
            self.banner.say(read_only)
        self._loading = False
        self.select_section(timer.running_index(meeting) or 0)
        self.session.opened(meeting.id)
        if self.isVisible():
            self.update_preview()
            self.load_roster()
        else:  # at start-up the window appears first; preview and roster follow at once
            self.after_first_paint(self.update_preview)
            self.after_first_paint(self.load_roster)
        self.update_title()
        if (self.store.root / "outbox.json").exists():  # a queued publish: say so, once up
            QTimer.singleShot(0, self.flow.show_queued)

    def show_glance(self, glance: Glance) -> None:
        """The first frame: the draft as its file says, read-only until `start` opens it."""
        self._loading = True
        self.sections_model.set_meeting(glance)
        self._show_header(glance.series, glance.date, glance.heading, glance.hosts)
        row = timer.running_index(glance) or 0
        self._show_section(glance.sections[row])
        self.agenda.setCurrentIndex(self.sections_model.index(row))
        self.editor.setReadOnly(True)
        self._show_clock(self.clock(), glance, row, DEFAULT_WARN_AT)
        self.setWindowTitle(f"{glance.title} — hostdesk")
        if not glance.published:  # (whether it changed since is the model's to say)
            self.publish_state.setText(self.tr("not published yet"))
        # _loading stays set: nothing typed or clicked counts until open_meeting clears it.

    def _show_header(self, series: str, day: date | None, heading: str, hosts: Sequence[str]) -> None:
        self.series_label.setText(series or "—")
        self.date_edit.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)
        self.heading_edit.setText(heading)
        self.hosts_edit.setText(" / ".join(hosts))

    def _show_section(self, section: Section | GlanceSection) -> None:
        self.section_title.setText(plain(section.title))
        self.section_title.setToolTip(section.title)
        self.editor.setPlainText(section.notes)
        self.planned.setValue(section.planned_minutes)
        self.next_time.setChecked(section.next_time)

    def select_section(self, row: int) -> None:
        if self._meeting is None:  # nothing open, or only a glance of it
            return
        if not self.meeting.sections or not 0 <= row < len(self.meeting.sections) or row == self.current:
            return
        if self.current >= 0 and self.autosave.dirty:
            self.save()  # at once on section switch
        running = timer.running_index(self.meeting)
        self.current = row
        section = self.meeting.sections[row]
        self._loading = True
        self._show_section(section)
        self._loading = False
        index = self.sections_model.index(row)
        if self.agenda.currentIndex() != index:
            self.agenda.setCurrentIndex(index)
        if self.prefs.start_timer_on_enter and running is not None and running != row:
            timer.finish(self.meeting.sections[running], self.clock())
            timer.start(section, self.clock())
            self.changed()
        self.tick()

    # -- editing

    def changed(self) -> None:
        if self._loading:
            return
        self.autosave.changed()
        self.update_preview()
        self.update_title()

    def notes_changed(self) -> None:
        if self._loading or self._meeting is None or not self.meeting.sections:
            return
        text, section = self.editor.toPlainText(), self.meeting.sections[self.current]
        if text == section.notes:  # colours changed (highlighting, a new palette), not words
            return
        section.notes = text
        self.changed()

    def attendees_changed(self) -> None:
        """An attendee edit may have written into the section on screen (welcome)."""
        if self.meeting.sections:
            notes = self.meeting.sections[self.current].notes
            if self.editor.toPlainText() != notes:
                self._loading = True
                self.editor.setPlainText(notes)
                self._loading = False
        self.changed()

    def date_changed(self, picked: QDate) -> None:
        if self._loading:
            return
        day = None if picked == NO_DATE else date(picked.year(), picked.month(), picked.day())
        heading = redate(self.meeting.heading, self.meeting.date, day)
        self.meeting.date = day
        if heading != self.meeting.heading:
            self.meeting.heading = heading
            self.heading_edit.setText(heading)
        self.changed()

    def header_changed(self) -> None:
        if self._loading:
            return
        if self.meeting.heading != self.heading_edit.text():
            self.meeting.heading_flag = ""  # the host has looked at the heading
            self.show_heading_flag()
        self.meeting.heading = self.heading_edit.text()
        self.meeting.hosts = [h.strip() for h in self.hosts_edit.text().split("/") if h.strip()]
        self.changed()

    def show_heading_flag(self) -> None:
        """A heading read from a file with a doubtful date says so, by sign and by words."""
        flag = self.meeting.heading_flag
        self.heading_flag.setText("⚠" if flag else "")
        words = self.tr("Check the heading: %s") % flag if flag else ""
        self.heading_flag.setToolTip(words)
        self.heading_flag.setAccessibleDescription(words)
        self.heading_flag.setVisible(bool(flag))

    def planned_changed(self, minutes: int) -> None:
        if not self._loading and self.meeting.sections:
            self.meeting.sections[self.current].planned_minutes = minutes
            self.changed()
            self.tick()

    def next_time_changed(self, checked: bool) -> None:
        if not self._loading and self.meeting.sections:
            self.meeting.sections[self.current].next_time = checked
            self.changed()
            self.show_status(
                self.tr("“%s” will come along into the next meeting.") % self.meeting.sections[self.current].title
                if checked
                else self.tr("“%s” stays with this meeting.") % self.meeting.sections[self.current].title
            )

    def timing_toggled(self, checked: bool) -> None:
        if not self._loading:
            self.meeting.include_timing = checked
            self.changed()

    def update_preview(self) -> None:
        from hostdesk.core.render import render

        bar = self.preview.verticalScrollBar()
        keep = bar.value()
        self.preview.setHtml(to_html(render(self.meeting)))
        bar.setValue(keep)

    def update_title(self) -> None:
        mark = "• " if self.autosave.dirty else ""
        self.setWindowTitle(f"{mark}{self.meeting.title} — hostdesk")
        published = self.meeting.published
        if published is None:
            state = self.tr("not published yet")
        elif self.meeting.changed_since_published:
            state = self.tr("✎ changed since publishing")
        else:
            state = self.tr("✓ published")
        self.publish_state.setText(state)
        if published is not None:
            self.publish_state.setToolTip(published.url)

    def open_link(self, url: QUrl) -> None:
        text = url.toString()
        if is_safe_link(text):
            self.opened_links.append(text)
            QDesktopServices.openUrl(url)

    def open_url(self, url: str) -> None:
        self.open_link(QUrl(url))

    # -- timers

    def tick(self) -> None:
        now = self.clock()
        self.sections_model.warn_at = self.warn_at()
        self.sections_model.refresh()
        if self._meeting is not None and self.meeting.sections and self.current >= 0:
            self._show_clock(now, self.meeting, self.current, self.warn_at())
            self._warn(now)
        self._last_tick = now
        if self.autosave.due():
            self.save()
        since = self.autosave.seconds_since_save()
        if (
            since is not None
            and not self.autosave.dirty
            and self.statusBar().currentMessage().startswith(("Saved", "Ready"))
        ):
            self.statusBar().showMessage(self.tr("Saved %s ago") % ago(since))

    # -- saving, new, open, import

    def save(self) -> bool:
        if self._meeting is None or self.store.read_only_reason(self.meeting.id):
            return False
        self.statusBar().showMessage(self.tr("Saving…"))
        try:
            self.store.save(self.meeting)
        except StorageError as exc:
            self.show_status(str(exc) + self.tr(" The notes stay open here; nothing is lost."))
            return False
        self.autosave.saved()
        self.statusBar().showMessage(self.tr("Saved 0 s ago"))
        self.update_title()
        return True

    def preferences_dialog(self) -> None:
        from hostdesk.ui.preferences import PreferencesDialog

        self.prefs_box = PreferencesDialog(self.prefs, self)
        self.prefs_box.accepted.connect(lambda: self.set_preferences(self.prefs_box.preferences()))
        self.prefs_box.open()

    def set_preferences(self, prefs: Preferences) -> None:
        try:
            saved = self.settings.load()
            saved.preferences = prefs
            self.settings.save(saved)
        except StorageError as exc:
            self.show_status(str(exc))
        self.prefs = prefs
        self.tick()

    # -- publishing

    def target(self) -> Target:
        try:
            return self.settings.target(self.meeting.series)
        except StorageError as exc:
            from hostdesk.core.model import Target

            self.show_status(str(exc))
            return Target()

    def set_target(self, target: Target) -> None:
        try:
            self.settings.set_target(self.meeting.series, target)
        except StorageError as exc:
            self.show_status(str(exc) + self.tr(" The target is used now but not remembered."))

    @property
    def flow(self) -> PublishFlow:
        """Publishing's dialogs and worker, loaded when first used: not needed to start."""
        if self._flow is None:
            from hostdesk.ui.publishing import PublishFlow

            self._flow = PublishFlow(self)
        return self._flow

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

    # -- window life

    def after_first_paint(self, job: Callable[[], object]) -> None:
        """Run `job` once the window is on screen: what the host sees first comes first."""
        self._after_paint.append(job)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if self._after_paint and event.type() == QEvent.Type.Paint:
            for job in self._after_paint:
                QTimer.singleShot(0, job)
            self._after_paint = []
        return handled

    def load_roster(self) -> None:
        """Everyone the series has seen, from every draft: for "(new)" and completion."""
        if self._roster_loaded:
            return
        self._roster_loaded = True
        self.roster = Roster.from_meetings(self.store.load_all())
        self.people.set_roster(self.roster)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._restore_splitter()

    def _restore_splitter(self) -> None:
        # Once the window has its real width, and again once the attendees pane is in (it
        # sets the right-hand pane's minimum width); restored earlier, a resize would share
        # out the difference again.
        if self._pending_splitter is not None and self.isVisible():
            self.splitter.restoreState(self._pending_splitter)
            if self._people is not None:
                self._pending_splitter = None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow() and self.autosave.dirty:
            self.save()  # at once on focus loss
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Save, remember the layout, mark a clean exit: on close, and on any quit."""
        if self._shut:
            return
        self._shut = True
        wait_for_workers(10)
        self.save_layout()
        if self._meeting is None:  # closed before the draft was opened: nothing to save,
            return  # and the draft open last stays the one to open next time
        self.save()
        self.session.closed_cleanly(self.meeting.id)


def ago(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


