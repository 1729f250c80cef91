"""A window left open sends what waits in the outbox: when its backoff ends, and at once
when the network comes back; failures shown in the window are cleaned sentences."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from hostdesk.core.model import Target
from hostdesk.publish.outbox import OutboxStore
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.publish.fixtures import TOKEN, saved_meeting
from tests.publish.github_server import GitHubState

NOTES = "# Garden club\n\n## March 14, 2024\n* Host: Tomás\n"


def window_publishing_to(qtbot: QtBot, github: GitHubState) -> MainWindow:
    github.add_repo("garden/notes", {"notes.md": NOTES})
    window = MainWindow(tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    window.open_meeting(saved_meeting())
    window.set_target(Target(repo="garden/notes", path="notes.md", api_url=github.base))
    return window


def test_the_retry_timer_sends_the_queued_publish_when_it_falls_due(qtbot: QtBot, github: GitHubState) -> None:
    window = window_publishing_to(qtbot, github)
    github.fail("PUT", "contents", 503)
    window.publish()
    timer = window.flow.retry_timer
    assert window.statusBar().currentMessage().startswith("Queued: ")
    assert timer.isActive() and 25_000 <= timer.remainingTime() <= 31_600  # the first backoff (Qt's coarse timers may add 5 %)
    OutboxStore().make_due()  # as the backoff having passed would
    timer.timeout.emit()
    assert window.statusBar().currentMessage().startswith("Published: https://github.example/")
    assert "greenhouse is up" in github.text("garden/notes", "notes.md")
    assert OutboxStore().load().entries == [] and not timer.isActive()


def test_the_network_coming_back_sends_at_once(qtbot: QtBot, github: GitHubState) -> None:
    window = window_publishing_to(qtbot, github)
    github.fail("GET", "contents", 502)
    window.publish()
    assert OutboxStore().due() == []  # waiting for its backoff
    window.flow.network_returned()
    assert window.statusBar().currentMessage().startswith("Published: ")
    assert window.meeting.published is not None


def test_a_server_message_shows_escaped_and_without_the_token(qtbot: QtBot, github: GitHubState) -> None:
    window = window_publishing_to(qtbot, github)
    github.fail("PUT", "contents", 422, {"message": f"no: Bearer {TOKEN} \x1b[31m"})
    window.publish()
    message = window.statusBar().currentMessage()
    assert TOKEN not in message and "\x1b" not in message
    assert "[token redacted]" in message and "\\x1b[31m" in message
