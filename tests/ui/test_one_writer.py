"""One writer per draft: a second window reads it only and says why, a `hostdesk publish`
run beside the window keeps its record, and a cleared heading publishes without a false
"edited on GitHub"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from hostdesk.core.model import Meeting, Section, Target
from hostdesk.storage.drafts import DraftStore
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.clock import FakeClock
from tests.publish.github_server import GitHubState
from tests.publish.test_publish_cli import publish

NOTES = "# Garden club\n\n## March 14, 2024\n* Host: Tomás\n* News\n  * seeds arrived\n"


def garden(heading: str = "March 28, 2024") -> Meeting:
    return Meeting(
        series="Garden",
        date=date(2024, 3, 28),
        heading=heading,
        hosts=["Ingrid"],
        sections=[Section(title="News", notes="* the greenhouse is up")],
    )


def window_on(qtbot: QtBot, meeting: Meeting, clock: FakeClock | None = None) -> MainWindow:
    window = MainWindow(clock=clock or FakeClock(), tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    window.open_meeting(meeting)
    return window


def test_a_second_window_on_an_open_draft_is_read_only_and_says_why(qtbot: QtBot) -> None:
    meeting = garden()
    DraftStore().save(meeting)
    first = window_on(qtbot, meeting)
    second = window_on(qtbot, DraftStore().load(meeting.id))
    assert second.editor.isReadOnly() and second.hosts_edit.isReadOnly()
    assert "open in another hostdesk window" in second.banner.label.text()
    assert not second.banner.isHidden()
    assert not first.editor.isReadOnly()
    first.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(first.editor, " and glazed")
    assert second.save() is False and "read-only" in second.statusBar().currentMessage()
    second.close()  # closing the reader writes nothing
    assert first.save()
    assert DraftStore().load(meeting.id).sections[0].notes == "* the greenhouse is up and glazed"


@pytest.mark.slow
def test_a_cli_publish_beside_the_window_keeps_its_record_and_the_next_publish_asks(
    qtbot: QtBot, github: GitHubState, hostdesk_home: Path
) -> None:
    github.add_repo("garden/notes", {"notes.md": NOTES})
    meeting = garden()
    DraftStore().save(meeting)
    clock = FakeClock()
    window = window_on(qtbot, meeting, clock)
    window.set_target(Target(repo="garden/notes", path="notes.md", api_url=github.base))
    done = publish(github, meeting.id, hostdesk_home, path="notes.md")  # in a terminal, meanwhile
    assert done.returncode == 0, done.stderr
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, " and glazed")
    clock.now += 2
    window.tick()  # the autosave
    on_disk = DraftStore().load(meeting.id)
    assert on_disk.published is not None and on_disk.sections[0].notes.endswith("and glazed")
    assert window.meeting.published is not None
    text = github.text("garden/notes", "notes.md")
    github.edit("garden/notes", "notes.md", text.replace("greenhouse is up", "greenhouse is up (photos)"))
    window.publish()
    assert window.flow.conflict is not None and window.flow.conflict.isVisible()
    assert "(photos)" in github.text("garden/notes", "notes.md")  # nothing overwritten


def test_a_cleared_heading_in_an_iso_dated_file_publishes_twice_without_a_false_edit(
    qtbot: QtBot, github: GitHubState
) -> None:
    github.add_repo("garden/notes", {"notes.md": "# Garden club\n\n## 2024-03-14\n* Host: Tomás\n* News\n  * seeds\n"})
    meeting = garden(heading="")
    DraftStore().save(meeting)
    window = window_on(qtbot, meeting)
    window.set_target(Target(repo="garden/notes", path="notes.md", api_url=github.base))
    window.publish()
    assert window.statusBar().currentMessage().startswith("Published: ")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "the pond is dug")
    window.publish()
    assert window.flow.conflict is None
    assert window.statusBar().currentMessage().startswith("Published: ")
    assert "the pond is dug" in github.text("garden/notes", "notes.md")


HOLDER = """
import sys
from pathlib import Path
from hostdesk.storage.draft_lock import DraftLock
assert DraftLock(Path(sys.argv[1])).acquire() is None
print("held", flush=True)
sys.stdin.readline()
"""


@pytest.mark.slow
def test_a_draft_held_by_another_process_opens_read_only_until_that_process_dies(qtbot: QtBot) -> None:
    import subprocess
    import sys

    meeting = garden()
    store = DraftStore()
    store.save(meeting)
    other = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store.folder / f"{meeting.id}.lock")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        reader = window_on(qtbot, store.load(meeting.id))
        assert reader.editor.isReadOnly()
        assert f"process {other.pid}" in reader.banner.label.text()
        reader.tick()
        assert reader.editor.isReadOnly()  # the other process still holds it
        reader.close()
        waiting = window_on(qtbot, store.load(meeting.id))
    finally:
        other.kill()  # a crash: the lock file stays behind
        other.wait()
    assert (store.folder / f"{meeting.id}.lock").exists()
    writer = window_on(qtbot, store.load(meeting.id))
    assert not writer.editor.isReadOnly() and writer.owner.read_only == ""
    writer.close()
    waiting.tick()  # the window left read-only beside the dead process takes the draft now
    assert not waiting.editor.isReadOnly() and waiting.owner.read_only == ""


def test_a_read_only_window_can_edit_once_the_other_window_closes(qtbot: QtBot) -> None:
    meeting = garden()
    meeting.sections.append(Section(title="Plans", notes="* a pond"))
    DraftStore().save(meeting)
    first = window_on(qtbot, meeting)
    second = window_on(qtbot, DraftStore().load(meeting.id))
    second.select_section(1)
    second.tick()
    assert second.editor.isReadOnly()  # the first window still holds it
    first.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(first.editor, " and glazed")
    first.close()
    second.tick()
    assert not second.editor.isReadOnly() and not second.hosts_edit.isReadOnly()
    assert "can edit it here now" in second.banner.label.text()
    assert second.current == 1 and second.editor.toPlainText() == "* a pond"  # where the host was
    second.select_section(0)
    assert second.editor.toPlainText() == "* the greenhouse is up and glazed"  # as the first left it
    second.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(second.editor, ", at last")
    assert second.save()
    assert DraftStore().load(meeting.id).sections[0].notes == "* the greenhouse is up and glazed, at last"
