"""The host's window: the components around the open meeting's owner, its menus and keys,
and what happens at start, on a tick and at close."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QTabWidget, QVBoxLayout, QWidget

from hostdesk.core import timer
from hostdesk.core.roster import Roster
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.errors import StorageError
from hostdesk.storage.glance import Glance
from hostdesk.storage.open_meeting import OpenMeeting, held_elsewhere
from hostdesk.ui import qt_namespace
from hostdesk.ui.agenda import AgendaPane
from hostdesk.ui.banner import Banner
from hostdesk.ui.config import Config
from hostdesk.ui.header import HeaderBar
from hostdesk.ui.keyboard import KeyboardFlow
from hostdesk.ui.layout import WindowLayout
from hostdesk.ui.meeting_files import MeetingFiles
from hostdesk.ui.preview_pane import PreviewPane
from hostdesk.ui.section_pane import SectionPane
from hostdesk.ui.status import StatusLine
from hostdesk.ui.tasks import TaskRunner, wait_for_workers
from hostdesk.ui.turns import Turns

if TYPE_CHECKING:
    # pydantic, and what is built on it, loads just after the first paint: the window
    # first shows the draft as its file says (see start_painting_first).
    from hostdesk.core.model import Meeting, Target
    from hostdesk.storage.settings import Preferences, SettingsStore
    from hostdesk.ui.attendees import AttendeesPane
    from hostdesk.ui.publishing import PublishFlow


class _FirstPaint(QObject):
    """Calls back at the window's first paint, then lets go. A filter, not an `event`
    override: Python code around the window's event handling would hold the GIL through
    every repaint of the whole window, stalling the preview's worker all meeting long."""

    def __init__(self, window: QWidget, painted: Callable[[], None]) -> None:
        super().__init__(window)
        self.painted = painted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self.painted()
        return False


class MainWindow(QMainWindow):
    """Builds the components and wires them to the owner; decides nothing about meetings."""

    def __init__(
        self,
        store: DraftStore | None = None,
        settings: SettingsStore | None = None,
        clock: Callable[[], float] = time.time,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        self._after_paint: list[Callable[[], object]] | None = []  # None once painted
        self._built = False  # what typing does without: built once a meeting has opened
        self.turns = Turns(self)  # what waits for the first paint, or for the meeting, a job a turn
        self.installEventFilter(_FirstPaint(self, self._painted))
        self.store = store or DraftStore()
        self.clock = clock
        self.tasks = tasks or TaskRunner()
        self.owner = OpenMeeting(self.store, clock)
        self.banner = Banner()
        self.status = StatusLine(self.statusBar(), self.open_url)
        self.config = Config(settings, self.banner.say, self.show_status)
        self.roster = Roster()  # read from the drafts index on a worker, with the attendees tab
        self._roster_loaded = False
        self._people: AttendeesPane | None = None
        self._flow: PublishFlow | None = None
        self._shut = False
        self._save_as_is = False  # the tick took in held typing: save on the next, as it is
        self._build()
        self.files = MeetingFiles(
            self.owner, self.config, self.banner, self.status, self.tasks, self,
            (self.section.caret, self.section.expect_carets), self.reload_roster, self.section.first_frame_notice,
        )
        self.owner.subscribe(self._changed)
        self._menus()
        self.layout_memory = WindowLayout(self, self.splitter, self.tabs)
        self.layout_memory.restore()
        self._tick = QTimer(self)  # repaints only; time comes from self.clock
        self._tick.setInterval(500)
        self._tick.timeout.connect(self.tick)
        self._tick.start()

    # -- the parts

    def _build(self) -> None:
        self.setWindowTitle(self.tr("hostdesk"))
        self.resize(1280, 800)
        self.header = HeaderBar(self.owner)
        self.header.publish_button.clicked.connect(self.publish)
        self.agenda = AgendaPane(self.owner, self.config, self.clock, self.show_status)
        self.section = SectionPane(self.owner, self.show_status)
        self.preview = PreviewPane(
            self.owner, lambda: self.section.editor.textCursor().position(), inline=self.tasks.inline
        )
        self.people_page = QWidget()
        self.people_box = QVBoxLayout(self.people_page)
        self.people_box.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(self.people_page, self.tr("Attendees"))
        self.keys = KeyboardFlow(self.tabs, self.section, lambda: self.people)
        self.splitter = QSplitter()
        for part in (self.agenda, self.section, self.tabs):
            self.splitter.addWidget(part)
        self.splitter.setSizes([300, 520, 460])
        body = QWidget()
        bv = QVBoxLayout(body)
        bv.addWidget(self.banner)
        bv.addWidget(self.header)
        bv.addWidget(self.splitter, 1)
        self.setCentralWidget(body)
        # The parts a host (and a test) reaches for by name.
        self.editor, self.find_bar, self.section_title = self.section.editor, self.section.find_bar, self.section.section_title
        self.planned, self.next_time = self.section.planned, self.section.next_time
        a = self.agenda
        self.sections_model, self.start_button, self.next_button = a.model, a.start_button, a.next_button
        self.clock_label, self.clock_detail, self.total_label = a.clock_label, a.clock_detail, a.total_label
        h = self.header
        self.date_edit, self.heading_edit, self.hosts_edit = h.date_edit, h.heading_edit, h.hosts_edit
        self.heading_flag, self.publish_state, self.publish_button = h.heading_flag, h.publish_state, h.publish_button
        self.status_link, self.status_fix = self.status.link, self.status.fix
        self.statusBar().showMessage(self.tr("Ready"))
        self.editor.setFocus()  # the host's first keystrokes are notes, not a date

    def _menus(self) -> None:
        def add(menu: QMenu, text: str, keys: str, slot: Callable[[], object]) -> QAction:
            action = QAction(text, self)
            if keys:
                # As a property: setShortcut's overloads make PySide build the whole Qt
                # namespace, ~40 ms the first frame does without.
                action.setProperty("shortcut", QKeySequence.fromString(keys))

            def run() -> None:
                qt_namespace.wait()  # at start-up a worker may be building it: see there
                slot()

            action.triggered.connect(run)
            menu.addAction(action)
            self.addAction(action)  # shortcuts work with the menu bar hidden, too
            return action

        files = self.files
        meeting = self.menuBar().addMenu(self.tr("&Meeting"))
        add(meeting, self.tr("&New meeting (next in the series)"), "Ctrl+N", files.new_meeting)
        templates = meeting.addMenu(self.tr("New from &template"))

        def list_templates() -> None:  # read from their files when the menu first opens
            from hostdesk.storage.settings import builtin_templates

            if not templates.actions():
                for name in sorted(builtin_templates()):
                    add(templates, name, "", partial(files.new_from_template, name))

        templates.aboutToShow.connect(list_templates)
        add(meeting, self.tr("&Open…"), "Ctrl+O", files.open_dialog)
        add(meeting, self.tr("&Import notes file…"), "", files.import_file_dialog)
        add(meeting, self.tr("Import from &GitHub…"), "", files.import_github_dialog)
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
        add(edit, self.tr("Add &attendee"), "Ctrl+Shift+A", self.keys.to_attendees)
        add(edit, self.tr("Next &tab"), "Ctrl+Tab", lambda: self.keys.step(1))
        add(edit, self.tr("Previous ta&b"), "Ctrl+Shift+Tab", lambda: self.keys.step(-1))
        timers = self.menuBar().addMenu(self.tr("&Timer"))
        add(timers, self.tr("Start or pause timer"), "Ctrl+Space", self.toggle_timer)
        add(timers, self.tr("Next section"), "Ctrl+Return", self.next_section)
        keypad = QAction(self)  # the keypad's Enter too, off the menu
        keypad.setProperty("shortcut", QKeySequence.fromString("Ctrl+Enter"))
        keypad.triggered.connect(self.next_section)
        self.addAction(keypad)
        add(timers, self.tr("Previous section"), "Alt+Up", lambda: self.select_section(self.current - 1))
        add(timers, self.tr("Following section"), "Alt+Down", lambda: self.select_section(self.current + 1))

    def _finish_building(self) -> None:
        """What typing does without (done once a meeting is open): each of these names the Qt
        namespace, which at start-up PySide has built on the model's worker by now
        (ui.qt_namespace); named first here, its build would hold the window ~40 ms."""
        from PySide6.QtCore import Qt

        self._built = True
        self.editor.start_highlighting()
        self.agenda.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)  # the platform's own keys
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)

    @property
    def people(self) -> AttendeesPane:
        """The attendees tab, built when first asked for (the tab picked, its shortcut): the
        roster loads with it, on a worker. Not at start-up: with 5,000 drafts, loading the
        roster then held the window up to 90 ms and 24 MB."""
        if self._people is None:
            qt_namespace.wait()  # picked during start-up: its widgets name the Qt namespace
            from hostdesk.ui.attendees import AttendeesPane

            self._people = AttendeesPane(
                self.roster, lambda: self.owner.edit("attendees"), self.show_status, self.owner.settle
            )
            self.keys.watch(self._people)  # Esc goes back to the notes
            self.people_box.addWidget(self._people)
            self._people_follow(self._people)
            self.reload_roster(once=True)  # the tab's names, on a worker
            QTimer.singleShot(0, lambda: self.layout_memory.settle(True))  # once its layout settles
        return self._people

    @property
    def flow(self) -> PublishFlow:
        """Publishing's dialogs and worker, loaded when first used: not needed to start."""
        if self._flow is None:
            from hostdesk.ui.publishing import PublishFlow

            self._flow = PublishFlow(self.owner, self.tasks, self.config, self.status, self.open_url, self)
        return self._flow

    # -- the open meeting, as the host and the tests reach it

    @property
    def meeting(self) -> Meeting:
        return self.owner.meeting

    @property
    def current(self) -> int:
        return self.owner.current

    @property
    def prefs(self) -> Preferences:
        return self.config.prefs

    def open_meeting(self, meeting: Meeting) -> None:
        self.files.open_meeting(meeting)

    def start(self) -> None:
        self.files.start()

    def select_section(self, row: int) -> None:
        if self.owner.is_open:
            self.owner.go_to(row, self.prefs.start_timer_on_enter)

    def toggle_timer(self) -> None:
        self.owner.toggle_timer()

    def next_section(self) -> None:
        self.owner.next_section()

    def target(self) -> Target:
        return self.flow.target()

    def set_target(self, target: Target) -> None:
        self.flow.set_target(target)

    def publish(self) -> None:
        self.flow.publish()

    def _changed(self, change: str) -> None:
        if change in ("opened", "saved"):
            self._save_as_is = False  # (saved meanwhile, or another meeting: nothing left for the tick)
        if change == "opened":
            if self.owner.read_only:
                self.banner.say(self.owner.read_only)
            self.turns.add(self._finish_building)  # a turn later: the notes take keystrokes first
            if not self.isVisible():  # at start-up the window appears first; the preview follows at once
                self.after_first_paint(self.preview.show_meeting)
            elif not self._built and not self.preview.inline:  # on its thread, after _finish_building,
                self.turns.add(self.preview.show_meeting)  # not beside it fighting for the GIL
            else:
                self.preview.show_meeting()
            self.turns.add(freeze_start_up)
            self._people_follow(self._people)
            if (self.store.root / "outbox.json").exists():  # a queued publish: say so, once up
                QTimer.singleShot(0, self.flow.show_queued)
        elif change == "replaced" and self._people is not None:
            self._people.set_meeting(self.owner.meeting)
        if change == "section":
            self.files.remember_place()  # a crash, too, comes back to this section
        if change in ("section", "timers", "plan"):
            self.tick()
        self.update_title()

    def _people_follow(self, pane: AttendeesPane | None) -> None:  # (once built; none open, it waits)
        if pane is not None:
            if self.owner.is_open:
                pane.set_meeting(self.owner.meeting)
            pane.setEnabled(self.owner.is_open and not self.owner.read_only)

    def update_title(self) -> None:
        mark = "• " if self.owner.autosave.dirty else ""
        self.setWindowTitle(f"{mark}{self.owner.as_is.title} — hostdesk")

    def show_glance(self, glance: Glance, editable: bool = False) -> None:
        """The first frame: the draft as its file says, at the section and caret the host
        was at. Its notes take typing at once if `editable`; the rest waits for `start`."""
        self.header.show_header(glance.series, glance.date, glance.heading, glance.hosts)
        place = self.files.session.place(glance.id)
        row = place[0] if place and place[0] < len(glance.sections) else (timer.running_index(glance) or 0)
        notes = glance.sections[row].notes
        caret = place[1] if place and place[0] == row else len(notes)
        self.section.show_glance(glance, row, caret, editable)
        self.agenda.show_glance(glance, row)
        self.setWindowTitle(f"{glance.title} — hostdesk")
        self.header.show_state(glance.published)  # (whether it changed since is the model's to say)

    def start_painting_first(self) -> None:
        """At launch: the draft open last painted from its file before pydantic loads, its
        notes taking typing at once; from the first paint a worker loads the model and the
        draft, and the meeting opens with what the host typed meanwhile."""
        last = self.files.session.last_open()
        glance = self.store.glance(last) if last else None
        if glance is not None and glance.sections:
            self.show_glance(glance, editable=not held_elsewhere(self.store, glance.id))
        self.files.start_after(self.after_first_paint)

    def reload_roster(self, once: bool = False) -> None:
        """Everyone the series has seen ("(new)", completion): from the index, on a worker."""
        if not (once and self._roster_loaded):
            self._roster_loaded, root = True, self.store.root
            self.tasks.run(lambda: DraftStore(root).roster(), self._roster_arrived, lambda e: self.show_status(str(e)))

    def _roster_arrived(self, roster: Roster) -> None:
        self.roster = roster
        if self._people is not None:
            self._people.set_roster(roster)

    # -- saving and the tick

    def save(self, take_typing: bool = True) -> bool:
        if self.owner.read_only:
            self.show_status(self.owner.read_only)
            return False
        try:
            saved = self.owner.save(take_typing)
        except StorageError as exc:
            self.show_status(str(exc) + self.tr(" The notes stay open here; nothing is lost."))
            return False
        if saved:
            self.statusBar().showMessage(self.tr("Saved 0 s ago"))
        return saved

    def tick(self) -> None:
        """Every half second: repaint the clocks, autosave when due; cheap, for hours. The
        glance's clocks wait for the meeting (their preferences load with the model)."""
        if not self.owner.is_open:
            return
        if self.owner.held_elsewhere and self.files.take_over():
            self.banner.say(self.tr("The other window has let go of this meeting: you can edit it here now."))
        self.agenda.tick()
        if self._save_as_is:
            self._save_as_is = False
            self.save(take_typing=False)
        elif self.owner.autosave.due():
            if self.owner.holding:  # a huge section's typing: in on this tick, saved on the
                self.owner.settle()  # next, not both in one turn (~50 ms each at 10 MB)
                self._save_as_is = True
            else:
                self.save()
        since = self.owner.autosave.seconds_since_save()
        if since is not None and not self.owner.autosave.dirty and self.statusBar().currentMessage().startswith(("Saved", "Ready")):
            self.statusBar().showMessage(self.tr("Saved %s ago") % ago(since))

    def show_status(self, message: str, link: str = "", fix: tuple[str, Callable[[], None]] | None = None) -> None:
        self.status.show(message, link, fix)

    def open_url(self, url: str) -> None:
        self.preview.open_link(QUrl(url))

    def preferences_dialog(self) -> None:
        from hostdesk.ui.preferences import PreferencesDialog

        box = self.prefs_box = PreferencesDialog(self.prefs, self)
        box.accepted.connect(lambda: self.set_preferences(box.preferences()))
        box.open()

    def set_preferences(self, prefs: Preferences) -> None:
        self.config.set_prefs(prefs)
        self.tick()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.layout_memory.settle(self._people is not None)

    # -- window life

    def after_first_paint(self, job: Callable[[], object]) -> None:
        if self._after_paint is None:
            self.turns.add(job)
        else:
            self._after_paint.append(job)  # what the host sees comes first

    def _painted(self) -> None:
        for job in self._after_paint or ():
            self.turns.add(job)
        self._after_paint = None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow() and self.owner.autosave.dirty:
            self.save()  # at once on focus loss
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Save, remember the layout and the place, mark a clean exit: on close, and on any quit."""
        if self._shut:
            return
        self._shut = True
        wait_for_workers(10)
        QCoreApplication.sendPostedEvents()  # a publish that just ended hands its record over
        self.layout_memory.save()
        self.files.close()


def freeze_start_up() -> None:
    """Once the first meeting is up: what start-up made (modules, classes, pydantic's
    validators, the widgets) lives as long as the process, so the collector stops
    scanning it. A full collection in a ready window then takes ~0 ms instead of ~30
    (47,000 objects), a freeze that otherwise comes back now and then all meeting long."""
    import gc

    if not gc.get_freeze_count():  # once per process (tests open many windows)
        gc.freeze()


def ago(seconds: float) -> str:
    n = int(seconds)
    return f"{n} s" if n < 60 else f"{n // 60} min" if n < 3600 else f"{n // 3600} h {n % 3600 // 60} min"
