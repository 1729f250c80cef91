"""Nothing the host types is lost while work runs in the background: a publish, taking
their version, the outbox's retry. Each runs twice: on a task runner the test finishes by
hand, and on a real worker thread held at the network until the host has typed."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from hostdesk.core.model import Meeting, Section, Target
from hostdesk.publish.outbox import OutboxStore
from hostdesk.storage.drafts import DraftStore
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.publish.github_server import GitHubState
from tests.ui.conftest import DeferredTasks

NOTES = "# Garden club\n\n## March 14, 2024\n* Host: Tomás\n* News\n  * seeds arrived\n"
FIRST = "* the greenhouse is up"


class Interleaving:
    """Background work the test lets finish once the host has typed."""

    def __init__(self, kind: str, github: GitHubState) -> None:
        self.kind, self.github = kind, github
        self.tasks: TaskRunner = DeferredTasks() if kind == "deferred" else TaskRunner()
        self.gate = threading.Event()

    def hold(self, method: str, pattern: str) -> None:
        """On a real thread, the worker waits at this request until `finish`."""
        if self.kind == "thread":
            self.gate.clear()
            self.github.before(method, pattern, lambda: self.gate.wait(10))

    def finish(self, qtbot: QtBot, done: Callable[[], bool]) -> None:
        if isinstance(self.tasks, DeferredTasks):
            assert self.tasks.finish() >= 1
        else:
            self.gate.set()
        qtbot.waitUntil(done, timeout=10_000)


@pytest.fixture(params=["deferred", pytest.param("thread", marks=pytest.mark.slow)])
def background(request: pytest.FixtureRequest, github: GitHubState) -> Iterator[Interleaving]:
    lane = Interleaving(request.param, github)
    yield lane
    lane.gate.set()  # a failed test must not leave a worker waiting


def hosting(qtbot: QtBot, lane: Interleaving, github: GitHubState) -> MainWindow:
    github.add_repo("garden/notes", {"notes.md": NOTES})
    meeting = Meeting(
        series="Garden",
        date=date(2024, 3, 28),
        heading="March 28, 2024",
        hosts=["Ingrid"],
        sections=[Section(title="News", notes=FIRST)],
    )
    DraftStore().save(meeting)
    window = MainWindow(tasks=lane.tasks)
    qtbot.addWidget(window)
    window.open_meeting(meeting)
    window.set_target(Target(repo="garden/notes", path="notes.md", api_url=github.base))
    return window


def type_at_end(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, text)


def on_disk(window: MainWindow) -> Meeting:
    return DraftStore().load(window.meeting.id)


def published(window: MainWindow) -> Callable[[], bool]:
    return lambda: not window.flow.busy and window.statusBar().currentMessage().startswith("Published: ")


def test_typing_during_a_publish_is_kept(qtbot: QtBot, github: GitHubState, background: Interleaving) -> None:
    window = hosting(qtbot, background, github)
    background.hold("PUT", "contents")
    window.publish()
    type_at_end(qtbot, window, ", the shed next")
    background.finish(qtbot, published(window))
    typed = FIRST + ", the shed next"
    assert window.editor.toPlainText() == typed  # on screen
    assert on_disk(window).sections[0].notes == typed  # and on disk, with the record
    assert on_disk(window).published is not None
    assert "the shed" not in github.text("garden/notes", "notes.md")  # it went out as it was
    assert window.publish_state.text() == "✎ changed since publishing"


def test_typing_while_their_version_is_taken_is_kept(
    qtbot: QtBot, github: GitHubState, background: Interleaving
) -> None:
    window = hosting(qtbot, background, github)
    window.publish()
    background.finish(qtbot, published(window))
    text = github.text("garden/notes", "notes.md")
    github.edit("garden/notes", "notes.md", text.replace("greenhouse is up", "greenhouse is up (photos)"))
    type_at_end(qtbot, window, " and glazed")
    window.publish()
    background.finish(qtbot, lambda: window.flow.conflict is not None and window.flow.conflict.isVisible())
    assert window.flow.conflict is not None
    qtbot.mouseClick(window.flow.conflict.take_theirs, Qt.MouseButton.LeftButton)
    type_at_end(qtbot, window, " (checked)")
    background.finish(qtbot, lambda: "(photos)" in window.editor.toPlainText())
    kept = "* the greenhouse is up (photos) (checked)"
    assert window.editor.toPlainText() == kept
    assert on_disk(window).sections[0].notes == kept


def test_typing_during_the_outbox_retry_is_kept(qtbot: QtBot, github: GitHubState, background: Interleaving) -> None:
    window = hosting(qtbot, background, github)
    target = Target(repo="garden/notes", path="notes.md", api_url=github.base)
    OutboxStore(clock=lambda: 0.0).put(window.meeting.id, target, "offline", needs_host=False)
    background.hold("PUT", "contents")
    window.flow.retry_outbox()
    type_at_end(qtbot, window, ", said at start-up")
    background.finish(qtbot, lambda: window.meeting.published is not None)
    typed = FIRST + ", said at start-up"
    assert window.editor.toPlainText() == typed
    assert on_disk(window).sections[0].notes == typed and on_disk(window).published is not None
    assert OutboxStore().get(window.meeting.id) is None
    assert "greenhouse is up" in github.text("garden/notes", "notes.md")
