"""Which meeting the window holds: the one open last, recovery after a crash, the next
one of the series, one from a template, an open draft, or one imported from a notes file
on disk or on GitHub. A part of MainWindow, kept apart because it is one purpose."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hostdesk.core.roster import Roster
from hostdesk.storage.autosave import AutosavePolicy
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.errors import DamagedDraftError, StorageError
from hostdesk.storage.session import SessionMarker

if TYPE_CHECKING:  # the model and settings load after the first paint (see MainWindow.event)
    from PySide6.QtWidgets import QFileDialog, QWidget

    from hostdesk.core.model import Meeting, Target, Template
    from hostdesk.storage.glance import Glance
    from hostdesk.storage.settings import Preferences, SettingsStore
    from hostdesk.ui.attendees import AttendeesPane
    from hostdesk.ui.banner import Banner
    from hostdesk.ui.open_dialog import GitHubImportDialog, OpenDialog
    from hostdesk.ui.tasks import TaskRunner


class MeetingFiles:
    """Mixed into MainWindow; uses its store, settings, banner and status bar."""

    if TYPE_CHECKING:  # what it needs of MainWindow
        meeting: Meeting
        store: DraftStore
        session: SessionMarker
        autosave: AutosavePolicy
        prefs: Preferences
        roster: Roster
        banner: Banner
        tasks: TaskRunner
        open_box: OpenDialog
        file_box: QFileDialog
        github_box: GitHubImportDialog

        @property
        def settings(self) -> SettingsStore: ...
        @property
        def people(self) -> AttendeesPane: ...
        def window(self) -> QWidget: ...

        def open_meeting(self, meeting: Meeting) -> None: ...
        def show_glance(self, glance: Glance) -> None: ...
        def after_first_paint(self, job: Callable[[], object]) -> None: ...
        def save(self) -> bool: ...
        def load_prefs(self) -> Preferences: ...
        def series_template(self, series: str) -> Template | None: ...
        def target(self) -> Target: ...
        def show_status(self, message: str) -> None: ...
        def tr(self, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str: ...

    def start_painting_first(self) -> None:
        """What `hostdesk` does at launch: the draft open last is painted straight from its
        file, and `start` opens it properly on the first turn after that paint. The window
        appears before pydantic has loaded; nothing in it can be edited until `start`."""
        last = self.session.last_open()
        glance = self.store.glance(last) if last else None
        if glance is not None and glance.sections:
            self.show_glance(glance)
        self.after_first_paint(self.start)

    def start(self) -> None:
        """What a bare `hostdesk` shows: the draft open last, recovered after a crash; if it
        is damaged, it is set aside, another opens, and its backup is offered."""
        self.load_prefs()
        crashed = self.session.crashed_draft()
        last = crashed or self.session.last_open()
        if last:
            try:
                meeting = self.store.load(last)
            except DamagedDraftError as exc:
                self._open_first()
                self.offer_backup(last, exc)
                return
            except StorageError:
                pass
            else:
                self.open_meeting(meeting)
                if crashed:
                    self.banner.say(
                        self.tr("hostdesk did not close properly last time. “%s” is back as autosaved, "
                                "timers included; at most the last second of typing may be missing.")
                        % meeting.title
                    )
                return
        self._open_first()

    def _open_first(self) -> None:
        meeting = first_meeting(self.store, self.settings)
        self.open_meeting(meeting)
        if not self.store.path(meeting.id).exists():  # a new meeting: on disk from the start
            try:
                self.store.save(meeting)
            except StorageError as exc:
                self.banner.say(
                    str(exc) + self.tr(" The notes stay open here; nothing can be saved until that is fixed.")
                )

    def offer_backup(self, meeting_id: str, exc: DamagedDraftError) -> None:
        if exc.backup is None:
            self.banner.say(str(exc))
            return
        backup = exc.backup

        def restore() -> None:
            try:
                self.open_meeting(self.store.restore_backup(meeting_id, backup))
            except StorageError as err:
                self.banner.say(str(err))
                return
            self.banner.say(self.tr("The backup of “%s” is restored.") % self.meeting.title)
            self.banner.action.hide()

        self.banner.say(str(exc), (self.tr("Restore the backup"), restore))

    def new_meeting(self) -> None:
        """The next meeting of this series: carried-over sections, last time's people expected."""
        if not self.meeting.sections:
            self.new_from_template("Community sync")
            return
        from hostdesk.core.series import next_meeting

        self.save()
        meeting = next_meeting(self.meeting, self.series_template(self.meeting.series))
        if self.prefs.include_timing:
            meeting.include_timing = True
        self._open_new(meeting)

    def new_from_template(self, name: str) -> None:
        try:
            template = self.settings.template(name)
        except StorageError as exc:
            self.show_status(str(exc))
            return
        from hostdesk.core.series import from_template

        series = self.meeting.series or template.name
        meeting = from_template(template, date.today(), series, self.meeting.hosts)
        meeting.include_timing = self.prefs.include_timing
        self._open_new(meeting)

    def _open_new(self, meeting: Meeting) -> None:
        try:
            self.store.save(meeting)
        except StorageError as exc:
            self.show_status(str(exc))
            return
        self.open_meeting(meeting)
        carried = [s.title for s in meeting.sections if s.notes]
        if carried:
            self.show_status(self.tr("Carried over from last time: %s") % ", ".join(carried))

    def open_dialog(self) -> None:
        from hostdesk.ui.open_dialog import OpenDialog

        if self.autosave.dirty:
            self.save()
        self.open_box = OpenDialog(self.store, self.window())
        self.open_box.accepted.connect(lambda: self.open_draft(self.open_box.chosen))
        self.open_box.import_file.clicked.connect(lambda: self._from_open_box(self.import_file_dialog))
        self.open_box.import_github.clicked.connect(lambda: self._from_open_box(self.import_github_dialog))
        self.open_box.open()

    def _from_open_box(self, then: Callable[[], None]) -> None:
        self.open_box.reject()
        then()

    def open_draft(self, meeting_id: str) -> None:
        try:
            self.open_meeting(self.store.load(meeting_id))
        except DamagedDraftError as exc:
            self.offer_backup(meeting_id, exc)
        except StorageError as exc:
            self.show_status(str(exc))

    def import_file_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        self.file_box = QFileDialog(self.window(), self.tr("Import a notes file"), str(Path.home()))
        self.file_box.setNameFilters([self.tr("Markdown notes (*.md *.markdown *.txt)"), self.tr("All files (*)")])
        self.file_box.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.file_box.setOption(QFileDialog.Option.DontUseNativeDialog)  # same on every desktop
        self.file_box.fileSelected.connect(lambda path: self.import_file(Path(path)))
        self.file_box.open()

    def import_file(self, path: Path) -> None:
        """Drafts from a notes file on disk; the latest meeting opens."""
        from hostdesk.core.document import decode, parse
        from hostdesk.core.errors import NotesError
        from hostdesk.storage.importing import import_document, series_name

        try:
            doc = parse(decode(path.read_bytes(), path.name))
            meetings = import_document(doc, series_name(doc, path.stem), self.store, self.settings, path.name)
        except OSError as exc:
            self.show_status(self.tr("Could not read %s: %s.") % (path.name, exc.strerror or exc))
            return
        except NotesError as exc:
            self.show_status(str(exc))
            return
        self._imported(meetings, path.name)

    def import_github_dialog(self) -> None:
        from hostdesk.ui.open_dialog import GitHubImportDialog

        self.github_box = GitHubImportDialog(self.target(), self.window())
        self.github_box.accepted.connect(lambda: self.import_github(*self.github_box.values()))
        self.github_box.open()

    def import_github(self, repo: str, path: str, branch: str, api_url: str) -> None:
        """Drafts from the notes file the community keeps on GitHub, fetched in a worker."""
        self.show_status(self.tr("Reading %s from %s…") % (path, repo))

        def work() -> list[Meeting]:
            from hostdesk.core.document import parse
            from hostdesk.publish.importer import fetch_notes
            from hostdesk.storage.importing import import_document, series_name

            text, target = fetch_notes(repo, path, branch, api_url)
            doc = parse(text)
            series = series_name(doc, repo)
            meetings = import_document(doc, series, self.store, self.settings, f"{repo}/{path}")
            self.settings.set_target(series, target)
            return meetings

        def failed(exc: Exception) -> None:
            from hostdesk.core.errors import NotesError
            from hostdesk.publish.errors import PublishError

            known = isinstance(exc, (PublishError, StorageError, NotesError))
            self.show_status(str(exc) if known else self.tr("The import failed; nothing was changed."))

        self.tasks.run(work, lambda meetings: self._imported(meetings, f"{repo}/{path}"), failed)

    def _imported(self, meetings: list[Meeting], source: str) -> None:
        self.roster = Roster.from_meetings(self.store.load_all())
        self.people.set_roster(self.roster)
        latest = max(meetings, key=lambda m: (m.date or date.min))
        self.open_meeting(self.store.load(latest.id))
        self.show_status(self.tr("Imported %d meetings from %s; the latest is open.") % (len(meetings), source))


def first_meeting(store: DraftStore, settings: SettingsStore) -> Meeting:
    """What a bare `hostdesk` opens: the draft open last, else the newest, else a new one
    (not yet saved: the window saves it and says so if it cannot)."""
    from hostdesk.core.series import from_template
    from hostdesk.storage.settings import builtin_templates
    def candidates() -> Iterator[str | None]:
        yield SessionMarker(store.root).last_open()
        yield from (s.id for s in store.summaries() if not s.problem)  # reads every draft: only if needed

    for candidate in filter(None, candidates()):
        try:
            return store.load(candidate)
        except StorageError:
            continue
    try:
        template = settings.template("Community sync")
    except StorageError:  # unreadable settings: the window says so; the agenda is built in
        template = builtin_templates()["Community sync"]
    return from_template(template, date.today())
