"""Typing into a section that holds a pasted transcript: the window does not read the
whole section on every keystroke (it hands the typing to the meeting a few times a
second), and nothing typed is lost on any path: switching sections, saving, closing."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from hostdesk.core.model import Meeting, Section
from hostdesk.storage.drafts import DraftStore
from hostdesk.ui.section_pane import READ_EVERY_KEY_CHARS
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.clock import FakeClock

LINE = "Speaker 2 (00:14:07): then we went through the release checklist once more\n"
TRANSCRIPT = LINE * (READ_EVERY_KEY_CHARS // len(LINE) + 200)


def hosting(qtbot: QtBot, clock: FakeClock) -> MainWindow:
    meeting = Meeting(
        series="Garden",
        date=date(2024, 3, 28),
        heading="March 28, 2024",
        sections=[Section(title="Recording", notes=TRANSCRIPT.rstrip("\n")), Section(title="Open mic")],
    )
    DraftStore().save(meeting)
    window = MainWindow(clock=clock, tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    return window


def test_the_meeting_hears_of_a_huge_sections_typing_a_few_times_a_second_not_per_key(qtbot: QtBot) -> None:
    window = hosting(qtbot, FakeClock())
    told: list[str] = []
    window.owner.subscribe(told.append)
    qtbot.keyClicks(window.editor, " and the demo")
    assert told.count("notes") <= 1  # each key read 600 KB before: 13 reads
    assert window.owner.autosave.dirty  # unsaved from the first key: focus loss and quit save it
    # On its own, with no other key: the preview, which follows the meeting, catches up.
    qtbot.waitUntil(lambda: "and the demo" in window.preview.toPlainText(), timeout=5_000)
    assert window.meeting.sections[0].notes.endswith("once more and the demo")


def test_nothing_typed_into_a_huge_section_is_lost_when_the_host_moves_on(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = hosting(qtbot, clock)
    meeting_id = window.meeting.id
    qtbot.keyClicks(window.editor, " first")
    window.select_section(1)  # at once, before the typing was handed over
    assert window.meeting.sections[0].notes.endswith("once more first")
    assert DraftStore().load(meeting_id).sections[0].notes.endswith("once more first")  # saved on switch

    window.select_section(0)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, " second")
    assert window.save()
    assert DraftStore().load(meeting_id).sections[0].notes.endswith("once more first second")

    qtbot.keyClicks(window.editor, " third")
    window.close()
    assert DraftStore().load(meeting_id).sections[0].notes.endswith("once more first second third")
