"""Which meeting the window holds: the one open last, recovery after a crash, the next
one of the series, one from a template, an open draft, or one imported from a notes file
on disk or on GitHub."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hostdesk.core import timer
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.errors import DamagedDraftError, StorageError
from hostdesk.storage.open_meeting import OpenMeeting, held_elsewhere
from hostdesk.storage.session import SessionMarker
from hostdesk.ui import qt_namespace
from hostdesk.ui.banner import Banner
from hostdesk.ui.config import Config
from hostdesk.ui.status import StatusLine
from hostdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the model and settings load after the first paint (see start_in_worker)
    from PySide6.QtWidgets import QFileDialog, QWidget

    from hostdesk.core.model import Meeting
    from hostdesk.storage.importing import Imported
    from hostdesk.storage.settings import SettingsStore
    from hostdesk.ui.import_report import ImportReportDialog
    from hostdesk.ui.open_dialog import GitHubImportDialog, OpenDialog


SWITCH_INTERVAL = sys.getswitchinterval()  # Python's, before start-up lowers it


class MeetingFiles:
    """Opens meetings into the owner. `caret_at` says where the caret is, to remember it;
    `expect_carets` hands the remembered one to the notes; `imported` reloads the roster;
    `first_frame_notice` says where keys typed into the first frame went, if not into the
    meeting that opened."""

    def __init__(
        self,
        owner: OpenMeeting,
        config: Config,
        banner: Banner,
        status: StatusLine,
        tasks: TaskRunner,
        parent: QWidget,
        carets: tuple[Callable[[], int], Callable[[dict[int, int]], None]],
        imported: Callable[[], None],
        first_frame_notice: Callable[[], str] = lambda: "",
    ) -> None:
        self.owner, self.config, self.banner, self.status = owner, config, banner, status
        self.tasks, self.parent = tasks, parent
        self.caret_at, self.expect_carets = carets
        self.imported, self.first_frame_notice = imported, first_frame_notice
        self.store: DraftStore = owner.store
        self.session = SessionMarker(self.store.root)
        self.open_box: OpenDialog | None = None
        self._loading = False  # the model loads on a worker, the switch interval lowered
        self.file_box: QFileDialog | None = None
        self.github_box: GitHubImportDialog | None = None
        self.report_box: ImportReportDialog | None = None
        self.closed = False
        self._start_wanted = False

    def tr(self, text: str) -> str:
        return self.parent.tr(text)

    def say(self, message: str) -> None:
        self.status.show(message)

    def open_meeting(self, meeting: Meeting, keep: bool = False, marked: bool = False, tell: bool = True) -> None:
        """Hold `meeting` in the owner, at the section and caret the host left it at.
        `marked`: the session marker already says it is open (written by a worker).
        `tell`: the banner says where keys typed into the first frame went if this is not
        the meeting they were typed into (start-up says it with the rest of what it found)."""
        from hostdesk.core.series import apply_plan

        try:
            self.owner.save()  # the meeting on screen first; if it cannot be, it stays open
        except StorageError as exc:
            self.say(str(exc) + self.tr(" It stays open here; nothing is lost."))
            return
        self.remember_place()
        template = self.config.series_template(meeting.series)
        if template is not None:
            apply_plan(meeting, template)  # notes files carry no planned minutes
        place = self.session.place(meeting.id)
        row = place[0] if place and place[0] < len(meeting.sections) else (timer.running_index(meeting) or 0)
        self.expect_carets({place[0]: place[1]} if place else {})
        self.owner.open(meeting, row, keep)
        if not self.owner.read_only and not marked:
            self.session.opened(meeting.id)
        kept = self.first_frame_notice() if tell else ""
        if kept:
            self.banner.say(joined(self.owner.read_only, kept))  # why it is read-only, if it is

    def take_over(self) -> bool:
        """The meeting this window shows read-only, opened to edit once the window that
        held it has let go, as that window left it; the host stays in the same section."""
        meeting = self.owner.released()
        if meeting is None:
            return False
        row = self.owner.current
        self.open_meeting(meeting)
        self.owner.go_to(row)
        return not self.owner.read_only

    def remember_place(self) -> None:
        if self.owner.is_open and not self.owner.read_only:
            self.session.remember_place(self.owner.meeting.id, self.owner.current, self.caret_at())

    def close(self) -> None:
        """Save, remember where the host was, let go of the draft, mark a clean exit."""
        self.closed = True
        self.loaded()
        if not self.owner.is_open and self._start_wanted:
            self.start()  # closing before it opened: opened now, with what was typed meanwhile
        if not self.owner.is_open:
            return
        self.remember_place()
        try:
            self.owner.close()
        except StorageError as exc:
            self.say(str(exc))
        if not self.owner.read_only and self.store.path(self.owner.meeting.id).exists():
            self.session.closed_cleanly(self.owner.meeting.id)

    def start(self) -> None:
        """What a bare `hostdesk` shows: the draft open last, recovered after a crash; if it
        is damaged, it is set aside, another opens, and its backup is offered."""
        self.open_at_start(self.read_at_start())

    def start_after(self, schedule: Callable[[Callable[[], object]], None]) -> None:
        """`start_in_worker` when `schedule` runs it (after the first paint); a window that
        closes before the meeting has opened opens it then, to keep what was typed."""
        self._start_wanted = True
        schedule(self.start_in_worker)

    def start_in_worker(self) -> None:
        """`start`, with the model loaded and the draft read on a worker: the window stays
        free meanwhile. Once closed, or once the host has opened a meeting meanwhile, the
        result is left alone."""

        # While the worker imports pydantic and the model (~200 ms of Python), the GUI
        # thread gets the GIL back within 1 ms instead of the default 5 whenever it needs
        # it: the longest stall until the model holds what was typed halves (median 24 to
        # 13 ms over 9 runs, max 42 to 17), for about 4 % more time to the model.
        self._loading = True
        sys.setswitchinterval(min(SWITCH_INTERVAL, 0.001))

        def opened(found: AtStart) -> None:
            if self.closed:
                return
            if not self.owner.is_open:
                self.open_at_start(found)
            elif found.marked:  # the worker marked its meeting open after the host opened another
                self.session.opened(self.owner.meeting.id)
            elif found.damaged is not None:  # set aside as it was read: said, before what was
                shown = self.banner.label.text() if not self.banner.isHidden() else ""  # said on opening
                self.offer_backup(found.damaged_id, found.damaged, shown)

        def done(found: AtStart) -> None:
            self.loaded()
            opened(found)

        def failed(_exc: Exception) -> None:
            self.loaded()  # first: reading again here may fail the same way
            opened(self.read_at_start())

        def work() -> AtStart:
            qt_namespace.build()  # first: until it is built, other keys and menu items wait
            return self.read_at_start()

        qt_namespace.expect_build()
        try:
            self.tasks.run(work, done, failed)
        except BaseException:
            qt_namespace.never_mind()
            raise

    def loaded(self) -> None:
        """The model has loaded, or start-up ended without it: Python's own switch interval."""
        if self._loading:
            self._loading = False
            sys.setswitchinterval(SWITCH_INTERVAL)

    def read_at_start(self) -> AtStart:
        """What start-up opens, read without touching a widget (on any thread)."""
        # Opening, and the preview after it, need these; they load here, with pydantic,
        # off the GUI thread in a worker.
        import hostdesk.core.render
        import hostdesk.core.series
        import hostdesk.storage.settings  # noqa: F401

        crashed = self.session.crashed_draft()
        last = crashed or self.session.last_open()
        damaged: DamagedDraftError | None = None
        if last:
            try:
                meeting = self.store.load(last)
            except DamagedDraftError as exc:
                damaged = exc
            except StorageError:
                pass
            else:
                # Marked open here, not on the GUI thread (a file written and flushed),
                # unless it is going to open read-only.
                marked = not self.store.read_only_reason(last) and not held_elsewhere(self.store, last)
                if marked:
                    self.session.opened(last)
                return AtStart(meeting, crashed=bool(crashed), marked=marked)
        return AtStart(None, last or "", damaged)

    def open_at_start(self, found: AtStart) -> None:
        self.config.prefs  # noqa: B018 - read first: a damaged settings file is said first
        # The first meeting, when the draft open last is not there to open, reads settings:
        # here, after they are said to be damaged, if they are.
        meeting = found.meeting or first_meeting(self.store, self.config.settings)
        self.open_meeting(meeting, marked=found.marked, tell=False)
        kept = self.first_frame_notice()  # the meeting typed into did not open: said with the rest
        if found.damaged is not None:
            self.offer_backup(found.damaged_id, found.damaged, kept)
            return
        notice = ""
        if found.crashed:
            notice = self.tr(
                "hostdesk did not close properly last time. “%s” is back as autosaved, timers "
                "included; at most the last second of typing may be missing."
            ) % meeting.title
        elif found.meeting is None and not writable(self.store.folder):
            notice = self.tr(
                "The drafts folder %s is read-only; the notes stay open here, but nothing can be "
                "saved until that is fixed."
            ) % self.store.folder
        if kept:  # after why the meeting opened read-only, if it did (said on opening)
            notice = joined(notice or self.owner.read_only, kept)
        if notice:
            self.banner.say(notice)

    def offer_backup(self, meeting_id: str, exc: DamagedDraftError, also: str = "") -> None:
        """Says the draft is damaged, then `also`, and offers its backup if there is one."""
        if exc.backup is None:
            self.banner.say(joined(str(exc), also))
            return
        backup = exc.backup

        def restore() -> None:
            try:
                self.open_meeting(self.store.restore_backup(meeting_id, backup))
            except StorageError as err:
                self.banner.say(str(err))
                return
            self.banner.say(self.tr("The backup of “%s” is restored.") % self.owner.meeting.title)
            self.banner.action.hide()

        self.banner.say(joined(str(exc), also), (self.tr("Restore the backup"), restore))

    def new_meeting(self) -> None:
        """The next meeting of this series: carried-over sections, last time's people expected."""
        current = self.owner.meeting
        if not current.sections:
            self.new_from_template("Community sync")
            return
        from hostdesk.core.series import next_meeting

        meeting = next_meeting(current, self.config.series_template(current.series))
        if self.config.prefs.include_timing:
            meeting.include_timing = True
        self._open_new(meeting)

    def new_from_template(self, name: str) -> None:
        template = self.config.template(name)
        if template is None:
            return
        from hostdesk.core.series import from_template

        current = self.owner.meeting
        series = current.series or template.name
        meeting = from_template(template, date.today(), series, current.hosts)
        meeting.include_timing = self.config.prefs.include_timing
        self._open_new(meeting)

    def _open_new(self, meeting: Meeting) -> None:
        self.open_meeting(meeting, keep=True)  # the host asked for it: on disk at once
        try:
            self.owner.save()
        except StorageError as exc:
            self.say(str(exc))
        carried = [s.title for s in meeting.sections if s.notes]
        if carried:
            self.say(self.tr("Carried over from last time: %s") % ", ".join(carried))

    def open_dialog(self) -> None:
        from hostdesk.ui.open_dialog import OpenDialog

        try:
            self.owner.save()  # the list shows the meeting on screen as it is
        except StorageError as exc:
            self.say(str(exc))
        box = self.open_box = OpenDialog(self.store, self.parent)
        self.open_box.accepted.connect(lambda: self.open_draft(box.chosen))
        self.open_box.import_file.clicked.connect(lambda: self._from_open_box(self.import_file_dialog))
        self.open_box.import_github.clicked.connect(lambda: self._from_open_box(self.import_github_dialog))
        self.open_box.open()

    def _from_open_box(self, then: Callable[[], None]) -> None:
        if self.open_box is not None:
            self.open_box.reject()
        then()

    def open_draft(self, meeting_id: str) -> None:
        try:
            self.open_meeting(self.store.load(meeting_id))
        except DamagedDraftError as exc:
            self.offer_backup(meeting_id, exc)
        except StorageError as exc:
            self.say(str(exc))

    def import_file_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        self.file_box = QFileDialog(self.parent, self.tr("Import a notes file"), str(Path.home()))
        self.file_box.setNameFilters([self.tr("Markdown notes (*.md *.markdown *.txt)"), self.tr("All files (*)")])
        self.file_box.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.file_box.setOption(QFileDialog.Option.DontUseNativeDialog)  # same on every desktop
        self.file_box.fileSelected.connect(lambda path: self.import_file(Path(path)))
        self.file_box.open()

    def import_file(self, path: Path) -> None:
        """Drafts from a notes file on disk, read in a worker; the latest meeting opens and
        the report says what was found and what was left unread."""
        self.say(self.tr("Reading %s…") % path.name)
        store, settings = self.store, self.config.settings

        def work() -> Imported:
            from hostdesk.storage.importing import import_path

            return import_path(path, store=store, settings=settings)

        self.tasks.run(work, lambda imported: self._imported(imported, path.name), self._import_failed)

    def import_github_dialog(self) -> None:
        from hostdesk.ui.open_dialog import GitHubImportDialog

        box = self.github_box = GitHubImportDialog(self.config.target(self.owner.meeting.series), self.parent)
        self.github_box.accepted.connect(lambda: self.import_github(*box.values()))
        self.github_box.open()

    def import_github(self, repo: str, path: str, branch: str, api_url: str) -> None:
        """Drafts from the notes file the community keeps on GitHub, fetched in a worker."""
        self.say(self.tr("Reading %s from %s…") % (path, repo))

        store, settings = self.store, self.config.settings

        def work() -> Imported:
            from hostdesk.publish.importer import import_from_github

            return import_from_github(repo, path, branch, api_url, store=store, settings=settings)

        self.tasks.run(work, lambda imported: self._imported(imported, f"{repo}/{path}"), self._import_failed)

    def _import_failed(self, exc: Exception) -> None:
        from hostdesk.core.errors import NotesError
        from hostdesk.publish.errors import PublishError
        from hostdesk.publish.secrets import shown

        known = isinstance(exc, (PublishError, StorageError, NotesError))
        self.say(shown(str(exc)) if known else self.tr("The import failed; nothing was changed."))

    def _imported(self, imported: Imported, source: str) -> None:
        from hostdesk.ui.import_report import ImportReportDialog

        self.imported()
        meetings = imported.meetings
        latest = max(meetings, key=lambda m: (m.date or date.min))
        self.open_meeting(self.store.load(latest.id))
        self.say(self.tr("Imported %d meetings from %s; the latest is open.") % (len(meetings), source))
        if self.report_box is None:
            self.report_box = ImportReportDialog(self.parent)
        self.report_box.show_report(imported.reports, source)


@dataclass(frozen=True)
class AtStart:
    """What start-up opens: the draft open last, or None for the first meeting, with the
    damaged draft that stands in for, if any."""

    meeting: Meeting | None
    damaged_id: str = ""
    damaged: DamagedDraftError | None = None
    crashed: bool = False
    marked: bool = False  # the session marker says it is open


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


def joined(*sentences: str) -> str:
    """One notice of the sentences there are."""
    return " ".join(sentence for sentence in sentences if sentence)


def writable(folder: Path) -> bool:
    """Whether the folder, or the nearest one there to make it in, takes writes."""
    import os

    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return os.access(folder, os.W_OK)
