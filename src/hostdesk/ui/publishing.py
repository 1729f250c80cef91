"""Publishing from the window: the first-time dialog, the worker, and what each failure
offers the host (set the token, retry now, open the repository, choose between versions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from hostdesk.core.model import Target
from hostdesk.storage.errors import StorageError
from hostdesk.storage.open_meeting import OpenMeeting
from hostdesk.ui.config import Config
from hostdesk.ui.publish_dialogs import ConflictDialog, PublishDialog
from hostdesk.ui.status import StatusLine
from hostdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from hostdesk.core.model import Meeting, PublishRecord
    from hostdesk.publish.errors import RemoteEdited
    from hostdesk.publish.publisher import PublishResult, Resolution


class PublishFlow(QObject):
    """One publish at a time, its dialogs kept as attributes so tests can answer them.
    The worker publishes a snapshot of the owner's meeting; the record it returns is
    applied by the owner, so what the host typed meanwhile stays."""

    def __init__(
        self,
        owner: OpenMeeting,
        tasks: TaskRunner,
        config: Config,
        status: StatusLine,
        open_url: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.owner, self.tasks, self.config, self.status = owner, tasks, config, status
        self.open_url, self.parent_widget = open_url, parent
        self.dialog: PublishDialog | None = None
        self.conflict: ConflictDialog | None = None
        self.offer: QMessageBox | None = None
        self.busy = False

    def say(self, message: str, link: str = "", fix: tuple[str, Callable[[], None]] | None = None) -> None:
        self.status.show(message, link, fix)

    def target(self) -> Target:
        return self.config.target(self.owner.meeting.series)

    def set_target(self, target: Target) -> None:
        self.config.set_target(self.owner.meeting.series, target)

    def _saved(self) -> bool:
        if self.owner.read_only:
            self.say(self.owner.read_only)
            return False
        try:
            self.owner.save()
        except StorageError as exc:
            self.say(str(exc) + self.tr(" The notes stay open here; nothing is lost."))
            return False
        return True

    # -- starting

    def publish(self) -> None:
        target = self.target()
        if not target.repo:
            self.ask_target(target)
        else:
            self.send(target)

    def ask_target(self, target: Target | None = None) -> None:
        """The target and token dialog; opened by the first publish and by "Set token…"."""
        self.dialog = PublishDialog(target or self.target(), self.tasks, self.parent_widget)
        self.dialog.accepted.connect(self._dialog_accepted)
        self.dialog.open()

    def _dialog_accepted(self) -> None:
        assert self.dialog is not None
        target, typed = self.dialog.target(), self.dialog.typed_token()
        self.set_target(target)
        self.send(target, typed)

    def send(self, target: Target, typed_token: str = "", resolution: Resolution = "ask") -> None:
        if self.busy:
            self.say(self.tr("Already publishing; one moment."))
            return
        if not self._saved():
            return
        self.busy = True
        self.say(self.tr("Publishing to %s…") % target.repo)
        snapshot = self.owner.snapshot()

        def work() -> tuple[PublishResult, str]:
            from hostdesk.publish.secrets import Token
            from hostdesk.publish.service import publish_meeting
            from hostdesk.publish.tokens import store_token

            token, warning = None, ""
            if typed_token:
                token = Token(typed_token)
                warning = store_token(target.api_url, token)
            return publish_meeting(snapshot, target, token, resolution), warning

        self.tasks.run(work, lambda outcome: self.published(snapshot.id, *outcome), lambda exc: self.failed(exc, target))

    # -- outcomes

    def published(self, meeting_id: str, result: PublishResult, warning: str) -> None:
        self.busy = False
        try:
            self.owner.apply_published(meeting_id, result.record)
        except StorageError as exc:
            self.say(str(exc) + self.tr(" The notes stay open here; nothing is lost."))
            return
        url = result.url
        self.say(self.tr("Published: %s") % url + (f" — {warning}" if warning else ""), link=url)

    def failed(self, exc: Exception, target: Target) -> None:
        from hostdesk.publish import errors

        self.busy = False
        if isinstance(exc, errors.RemoteEdited):
            self.conflict = ConflictDialog(str(exc), exc.mine, exc.theirs, self.parent_widget)
            self.conflict.finished.connect(lambda code: self.resolve(code, exc, target))
            self.conflict.open()
            self.say(self.tr("Edited on GitHub: choose which version to keep."))
            return
        if isinstance(exc, errors.BranchProtected) and not target.pull_request:
            self.offer_pull_request(str(exc), target)
            return
        if not isinstance(exc, (errors.PublishError, StorageError)):
            self.say(self.tr("Publishing failed unexpectedly; the draft is safe. See hostdesk.log."))
            return
        message = str(exc)
        if exc.__class__.__name__ in ("NoToken", "BadCredentials"):
            self.say(message, fix=(self.tr("Set token…"), lambda: self.ask_target(target)))
        elif getattr(exc, "retry", False):
            label = self.tr("Offline: ") if isinstance(exc, errors.Offline) else self.tr("Queued: ")
            self.say(label + message, fix=(self.tr("Retry now"), lambda: self.send(target)))
        elif isinstance(exc, (errors.NotFound, errors.PermissionDenied)):
            url = target.api_url.replace("api.github.com", "github.com").removesuffix("/api/v3")
            web = f"{url.rstrip('/')}/{target.repo}"
            self.say(
                message, fix=(self.tr("Open repository"), lambda: self.open_url(web))
            )
        else:
            self.say(message, fix=(self.tr("Change target…"), lambda: self.ask_target(target)))

    def resolve(self, code: int, exc: RemoteEdited, target: Target) -> None:
        """The host's answer to an edit made on GitHub."""
        if code == ConflictDialog.KEEP_MINE:
            self.send(target, resolution="mine")
        elif code == ConflictDialog.TAKE_THEIRS:
            self.take_theirs(exc.theirs)
        elif code == ConflictDialog.PULL_REQUEST:
            self.send(target.model_copy(update={"pull_request": True}), resolution="mine")
        else:
            self.say(self.tr("Not published; the draft is unchanged."))

    def offer_pull_request(self, message: str, target: Target) -> None:
        """A protected branch refuses direct commits: offer the pull-request route."""
        self.offer = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Branch protected"),
            message + "\n\n" + self.tr("Open a pull request with these notes instead?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.parent_widget,
        )
        self.offer.button(QMessageBox.StandardButton.Yes).setText(self.tr("Open a pull request"))

        def answered(_code: int) -> None:
            assert self.offer is not None
            if self.offer.clickedButton() is self.offer.button(QMessageBox.StandardButton.Yes):
                pr = target.model_copy(update={"pull_request": True})
                self.set_target(pr)  # protected today, protected next time
                self.send(pr)
            else:
                self.say(message)

        self.offer.finished.connect(answered)
        self.offer.open()

    def take_theirs(self, theirs: str) -> None:
        """Their version, made from a snapshot in a worker and applied by the owner on
        top of whatever the host typed meanwhile."""
        snapshot = self.owner.snapshot()

        def work() -> Meeting:
            from hostdesk.core.merge import take_theirs
            from hostdesk.publish.outbox import OutboxStore

            version = take_theirs(snapshot.model_copy(deep=True), theirs)
            OutboxStore().remove(snapshot.id)
            return version

        def done(version: Meeting) -> None:
            try:
                self.owner.apply_version(snapshot, version)
            except StorageError as exc:
                self.say(str(exc) + self.tr(" The notes stay open here; nothing is lost."))
                return
            self.say(self.tr("The draft now has the notes as edited on GitHub."))

        self.tasks.run(work, done, lambda exc: self.say(str(exc)))

    # -- the outbox

    def show_queued(self) -> None:
        """Say so when the meeting on screen waits in the outbox, with the way out."""
        from hostdesk.publish.outbox import OutboxStore

        entry = OutboxStore().get(self.owner.meeting.id)
        if entry is None or self.busy:
            return
        if entry.needs_host:
            self.say(
                self.tr("Not published: ") + entry.message,
                fix=(self.tr("Publish settings…"), lambda: self.ask_target(entry.target)),
            )
        else:
            self.say(self.tr("Queued: ") + entry.message, fix=(self.tr("Retry now"), lambda: self.send(entry.target)))

    def retry_outbox(self) -> None:
        """Publishes queued while offline go out now, in a worker; failures stay queued.
        The open meeting goes out as a snapshot, its record applied by the owner."""
        live = self.owner.snapshot() if self.owner.is_open and not self.owner.read_only else None
        store = self.owner.store

        def work() -> list[tuple[str, str, PublishRecord | None]]:
            from hostdesk.publish.outbox import OutboxStore
            from hostdesk.publish.service import retry_due

            if not OutboxStore().due():
                return []
            return retry_due(store=store, live=live)

        def done(outcomes: list[tuple[str, str, PublishRecord | None]]) -> None:
            for meeting_id, sentence, record in outcomes:
                if record is not None and live is not None and meeting_id == live.id:
                    try:
                        self.owner.apply_published(meeting_id, record)
                    except StorageError as exc:
                        sentence = str(exc) + self.tr(" The notes stay open here; nothing is lost.")
                self.say(sentence)

        self.tasks.run(work, done, lambda exc: self.say(str(exc)))
