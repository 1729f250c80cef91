"""Publishing from the window: the first-time dialog, the worker, and what each failure
offers the host (set the token, retry now, open the repository, choose between versions)."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from hostdesk.core.model import Target
from hostdesk.storage.errors import StorageError
from hostdesk.ui.publish_dialogs import ConflictDialog, PublishDialog

if TYPE_CHECKING:
    from collections.abc import Callable

    from hostdesk.publish.errors import RemoteEdited
    from hostdesk.publish.publisher import Resolution
    from hostdesk.ui.window import MainWindow


log = logging.getLogger(__name__)
RETRY_SOON = 5.0  # seconds: the shortest wait before a retry, e.g. while a publish runs
RETRY_LATEST = 3600.0  # the longest, so a long backoff is still looked at


def said(exc: BaseException) -> str:
    """The sentence for a failure, cleaned like everything shown (no token, no escapes)."""
    from hostdesk.publish.secrets import shown

    return shown(str(exc))


class PublishFlow:
    """One publish at a time, its dialogs kept as attributes so tests can answer them.

    While the window runs, the outbox is retried when its next entry falls due (the
    `retry_timer`, single-shot, re-armed after each round) and at once when the network
    comes back (`network_returned`, from QNetworkInformation where Qt has a backend)."""

    def __init__(self, window: MainWindow, clock: Callable[[], float] = time.time) -> None:
        self.window = window
        self.clock = clock
        self.dialog: PublishDialog | None = None
        self.conflict: ConflictDialog | None = None
        self.offer: QMessageBox | None = None
        self.busy = False
        self.retry_timer = QTimer(window)
        self.retry_timer.setObjectName("outbox retry")
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(lambda: self.retry_outbox())
        self._watching_network = False

    def tr(self, text: str) -> str:
        return self.window.tr(text)

    # -- starting

    def publish(self) -> None:
        target = self.window.target()
        if not target.repo:
            self.ask_target(target)
        else:
            self.send(target)

    def ask_target(self, target: Target | None = None) -> None:
        """The target and token dialog; opened by the first publish and by "Set token…"."""
        self.dialog = PublishDialog(target or self.window.target(), self.window.tasks, self.window)
        self.dialog.accepted.connect(self._dialog_accepted)
        self.dialog.open()

    def _dialog_accepted(self) -> None:
        assert self.dialog is not None
        target, typed = self.dialog.target(), self.dialog.typed_token()
        self.window.set_target(target)
        self.send(target, typed)

    def send(self, target: Target, typed_token: str = "", resolution: Resolution = "ask") -> None:
        if self.busy:
            self.window.show_status(self.tr("Already publishing; one moment."))
            return
        if not self.window.save():
            return
        self.busy = True
        self.window.show_status(self.tr("Publishing to %s…") % target.repo)
        meeting_id, store = self.window.meeting.id, self.window.store

        def work() -> tuple[str, str]:
            from hostdesk.publish.secrets import Token
            from hostdesk.publish.service import publish_draft
            from hostdesk.publish.tokens import store_token

            token, warning = None, ""
            if typed_token:
                token = Token(typed_token)
                warning = store_token(target.api_url, token)
            result = publish_draft(meeting_id, target, token, resolution, store=store)
            return result.url, warning

        self.window.tasks.run(work, self.published, lambda exc: self.failed(exc, target))

    # -- outcomes

    def published(self, outcome: tuple[str, str]) -> None:
        self.busy = False
        url, warning = outcome
        self.window.reload_meeting()
        self.window.show_status(self.tr("Published: %s") % url, link=url)
        if warning:
            self.window.show_status(self.tr("Published: %s") % url + f" — {warning}", link=url)

    def failed(self, exc: Exception, target: Target) -> None:
        from hostdesk.publish import errors

        self.busy = False
        if isinstance(exc, errors.RemoteEdited):
            self.conflict = ConflictDialog(said(exc), exc.mine, exc.theirs, self.window)
            self.conflict.finished.connect(lambda code: self.resolve(code, exc, target))
            self.conflict.open()
            self.window.show_status(self.tr("Edited on GitHub: choose which version to keep."))
            return
        if isinstance(exc, errors.BranchProtected) and not target.pull_request:
            self.offer_pull_request(said(exc), target)
            return
        if not isinstance(exc, (errors.PublishError, StorageError)):
            log.error("publish to %s failed unexpectedly", target.repo, exc_info=exc)
            self.window.show_status(
                self.tr("Publishing failed unexpectedly; the draft is safe (details are in hostdesk.log).")
            )
            return
        message = said(exc)
        if isinstance(exc, (errors.NoToken, errors.BadCredentials)):
            self.window.show_status(message, fix=(self.tr("Set token…"), lambda: self.ask_target(target)))
        elif getattr(exc, "retry", False):
            label = self.tr("Offline: ") if isinstance(exc, errors.Offline) else self.tr("Queued: ")
            self.window.show_status(label + message, fix=(self.tr("Retry now"), lambda: self.send(target)))
            self.schedule_retry()
        elif isinstance(exc, (errors.NotFound, errors.PermissionDenied)):
            from hostdesk.publish.client import web_root

            web = f"{web_root(target.api_url)}/{target.repo}"
            self.window.show_status(
                message, fix=(self.tr("Open repository"), lambda: self.window.open_url(web))
            )
        else:
            self.window.show_status(message, fix=(self.tr("Change target…"), lambda: self.ask_target(target)))

    def resolve(self, code: int, exc: RemoteEdited, target: Target) -> None:
        """The host's answer to an edit made on GitHub."""
        if code == ConflictDialog.KEEP_MINE:
            self.send(target, resolution="mine")
        elif code == ConflictDialog.TAKE_THEIRS:
            from hostdesk.publish.service import take_theirs_into_draft

            if self.window.save():
                take_theirs_into_draft(self.window.meeting.id, exc.theirs, self.window.store)
                self.window.reload_meeting()
                self.window.show_status(self.tr("The draft now has the notes as edited on GitHub."))
        elif code == ConflictDialog.PULL_REQUEST:
            self.send(target.model_copy(update={"pull_request": True}), resolution="mine")
        else:
            self.window.show_status(self.tr("Not published; the draft is unchanged."))

    def offer_pull_request(self, message: str, target: Target) -> None:
        """A protected branch refuses direct commits: offer the pull-request route."""
        self.offer = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Branch protected"),
            message + "\n\n" + self.tr("Open a pull request with these notes instead?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        self.offer.button(QMessageBox.StandardButton.Yes).setText(self.tr("Open a pull request"))

        def answered(_code: int) -> None:
            assert self.offer is not None
            if self.offer.clickedButton() is self.offer.button(QMessageBox.StandardButton.Yes):
                pr = target.model_copy(update={"pull_request": True})
                self.window.set_target(pr)  # protected today, protected next time
                self.send(pr)
            else:
                self.window.show_status(message)

        self.offer.finished.connect(answered)
        self.offer.open()

    # -- the outbox

    def show_queued(self) -> None:
        """Say so when the meeting on screen waits in the outbox, with the way out."""
        from hostdesk.publish.outbox import OutboxStore

        entry = OutboxStore().get(self.window.meeting.id)
        if entry is None or self.busy:
            return
        if entry.needs_host:
            self.window.show_status(
                self.tr("Not published: ") + entry.message,
                fix=(self.tr("Publish settings…"), lambda: self.ask_target(entry.target)),
            )
        else:
            self.window.show_status(
                self.tr("Queued: ") + entry.message, fix=(self.tr("Retry now"), lambda: self.send(entry.target))
            )

    def retry_outbox(self, everything: bool = False) -> None:
        """Publishes queued while offline go out now, in a worker; failures stay queued.
        `everything`: not only what is due (the network just came back)."""
        if self.busy:  # one publish at a time: look again in a moment
            self.retry_timer.start(int(RETRY_SOON * 1000))
            return
        if everything:
            from hostdesk.publish.outbox import OutboxStore

            OutboxStore().make_due()
        self.busy = True

        def work() -> list[tuple[str, str]]:
            from hostdesk.publish.outbox import OutboxStore
            from hostdesk.publish.service import retry_due

            if not OutboxStore().due():
                return []
            return retry_due(store=self.window.store)

        def done(outcomes: list[tuple[str, str]]) -> None:
            self.busy = False
            for meeting_id, sentence in outcomes:
                if meeting_id == self.window.meeting.id:
                    self.window.reload_meeting()
                self.window.show_status(sentence)
            self.schedule_retry()

        def failed(exc: Exception) -> None:
            self.busy = False
            log.warning("retrying the outbox failed", exc_info=exc)
            self.window.show_status(said(exc))
            self.schedule_retry()

        self.window.tasks.run(work, done, failed)

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
        from PySide6.QtNetwork import QNetworkInformation

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
