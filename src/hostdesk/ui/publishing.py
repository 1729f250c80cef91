"""Publishing from the window: the first-time dialog, the worker, and what each failure
offers the host (set the token, retry now, open the repository, choose between versions)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
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


log = logging.getLogger(__name__)
RETRY_SOON = 5.0  # seconds: the shortest wait before a retry, e.g. while a publish runs
RETRY_LATEST = 3600.0  # the longest, so a long backoff is still looked at


def said(exc: BaseException) -> str:
    """The sentence for a failure, cleaned like everything shown (no token, no escapes)."""
    from hostdesk.publish.secrets import shown

    return shown(str(exc))


class PublishFlow(QObject):
    """One publish at a time, its dialogs kept as attributes so tests can answer them.
    The worker publishes a snapshot of the owner's meeting; the record it returns is
    applied by the owner, so what the host typed meanwhile stays.

    While the window runs, the outbox is retried when its next entry falls due (the
    `retry_timer`, single-shot, re-armed after each round) and at once when the network
    comes back (`network_returned`, from QNetworkInformation where Qt has a backend)."""

    def __init__(
        self,
        owner: OpenMeeting,
        tasks: TaskRunner,
        config: Config,
        status: StatusLine,
        open_url: Callable[[str], None],
        parent: QWidget,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self.owner, self.tasks, self.config, self.status = owner, tasks, config, status
        self.open_url, self.parent_widget = open_url, parent
        self.dialog: PublishDialog | None = None
        self.conflict: ConflictDialog | None = None
        self.offer: QMessageBox | None = None
        self.busy = False
        self.clock = clock
        self.retry_timer = QTimer(self)
        self.retry_timer.setObjectName("outbox retry")
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(lambda: self.retry_outbox())
        self._watching_network = False

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
            self.conflict = ConflictDialog(said(exc), exc.mine, exc.theirs, self.parent_widget)
            self.conflict.finished.connect(lambda code: self.resolve(code, exc, target))
            self.conflict.open()
            self.say(self.tr("Edited on GitHub: choose which version to keep."))
            return
        if isinstance(exc, errors.BranchProtected) and not target.pull_request:
            self.offer_pull_request(said(exc), target)
            return
        if not isinstance(exc, (errors.PublishError, StorageError)):
            log.error("publish to %s failed unexpectedly", target.repo, exc_info=exc)
            self.say(self.tr("Publishing failed unexpectedly; the draft is safe (details are in hostdesk.log)."))
            return
        message = said(exc)
        if isinstance(exc, (errors.NoToken, errors.BadCredentials)):
            self.say(message, fix=(self.tr("Set token…"), lambda: self.ask_target(target)))
        elif getattr(exc, "retry", False):
            label = self.tr("Offline: ") if isinstance(exc, errors.Offline) else self.tr("Queued: ")
            self.say(label + message, fix=(self.tr("Retry now"), lambda: self.send(target)))
            self.schedule_retry()
        elif isinstance(exc, (errors.NotFound, errors.PermissionDenied)):
            from hostdesk.publish.client import web_root

            web = f"{web_root(target.api_url)}/{target.repo}"
            self.say(message, fix=(self.tr("Open repository"), lambda: self.open_url(web)))
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

        self.tasks.run(work, done, lambda exc: self.say(said(exc)))

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

    def retry_outbox(self, everything: bool = False) -> None:
        """Publishes queued while offline go out now, in a worker; failures stay queued.
        The open meeting goes out as a snapshot, its record applied by the owner.
        `everything`: not only what is due (the network just came back)."""
        if self.busy:  # one publish at a time: look again in a moment
            self.retry_timer.start(int(RETRY_SOON * 1000))
            return
        if everything:
            from hostdesk.publish.outbox import OutboxStore

            OutboxStore().make_due()
        live = self.owner.snapshot() if self.owner.is_open and not self.owner.read_only else None
        store = self.owner.store
        self.busy = True

        def work() -> list[tuple[str, str, PublishRecord | None]]:
            from hostdesk.publish.outbox import OutboxStore
            from hostdesk.publish.service import retry_due

            if not OutboxStore().due():
                return []
            return retry_due(store=store, live=live)

        def done(outcomes: list[tuple[str, str, PublishRecord | None]]) -> None:
            self.busy = False
            for meeting_id, sentence, record in outcomes:
                shown = sentence
                if record is not None and live is not None and meeting_id == live.id:
                    try:
                        self.owner.apply_published(meeting_id, record)
                    except StorageError as exc:
                        shown = str(exc) + self.tr(" The notes stay open here; nothing is lost.")
                self.say(shown)
            self.schedule_retry()

        def failed(exc: Exception) -> None:
            self.busy = False
            log.warning("retrying the outbox failed", exc_info=exc)
            self.say(said(exc))
            self.schedule_retry()

        self.tasks.run(work, done, failed)

    def schedule_retry(self) -> None:
        """Arm the retry timer for the outbox's next due entry; watch for the network."""
        from hostdesk.publish.outbox import OutboxStore

        self.watch_network()
        due = OutboxStore().next_due()
        if due is None:
            self.retry_timer.stop()
            return
        wait = min(max(due - self.clock(), RETRY_SOON), RETRY_LATEST)
        self.retry_timer.start(int(wait * 1000))

    def watch_network(self) -> None:
        """Retry at once when the system says the network is back, where Qt can tell."""
        if self._watching_network:
            return
        self._watching_network = True
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:  # the frozen app leaves QtNetwork out: the timer alone retries
            return
        if not QNetworkInformation.loadDefaultBackend():
            return  # no backend here: the timer alone retries
        info = QNetworkInformation.instance()
        if info is not None:
            info.reachabilityChanged.connect(self._reachability)

    def _reachability(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online:
            self.network_returned()

    def network_returned(self) -> None:
        """The network is back: what waits in the outbox goes out now, backoff or not."""
        self.retry_outbox(everything=True)
