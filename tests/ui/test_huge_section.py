"""Typing into a section that holds a pasted transcript: the window does not read the
whole section on every keystroke (it hands the typing to the meeting when the host
pauses), and nothing typed is lost on any path: switching sections or meetings, saving,
closing, the window losing focus, a welcome line added meanwhile."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hostdesk.core.model import Attendee, Meeting, Section
from hostdesk.storage.drafts import DraftStore
from hostdesk.ui.section_pane import READ_EVERY_KEY_CHARS
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.clock import FakeClock

LINE = "Speaker 2 (00:14:07): then we went through the release checklist once more\n"
TRANSCRIPT = LINE * (READ_EVERY_KEY_CHARS // len(LINE) + 200)


def hosting(qtbot: QtBot, clock: FakeClock, tasks: TaskRunner | None = None) -> MainWindow:
    meeting = Meeting(
        series="Garden",
        date=date(2024, 3, 28),
        heading="March 28, 2024",
        sections=[Section(title="Recording", notes=TRANSCRIPT.rstrip("\n")), Section(title="Open mic")],
    )
    DraftStore().save(meeting)
    window = MainWindow(clock=clock, tasks=tasks or TaskRunner(inline=True))
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    return window


def test_the_meeting_hears_of_a_huge_sections_typing_when_the_host_pauses_not_per_key(qtbot: QtBot) -> None:
    window = hosting(qtbot, FakeClock())
    told: list[str] = []
    window.owner.subscribe(told.append)
    qtbot.keyClicks(window.editor, " and the demo")
    assert told.count("notes") <= 1  # each key read 600 KB before: 13 reads
    # On its own, with no other key (and the clock still, so no autosave comes due): the
    # preview, which follows the meeting, catches up.
    qtbot.waitUntil(lambda: "and the demo" in window.preview.toPlainText(), timeout=5_000)
    assert window.meeting.sections[0].notes.endswith("once more and the demo")


def test_a_huge_sections_typing_is_saved_when_the_window_loses_focus(qtbot: QtBot) -> None:
    window = hosting(qtbot, FakeClock())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClicks(window.editor, " and the demo")
    elsewhere = QWidget()  # the host switches to their browser
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    elsewhere.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    assert DraftStore().load(window.meeting.id).sections[0].notes.endswith("once more and the demo")


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


def test_opening_another_meeting_keeps_the_typing_in_the_one_it_was_typed_into(qtbot: QtBot) -> None:
    window = hosting(qtbot, FakeClock())
    first = window.meeting.id
    qtbot.keyClicks(window.editor, " before lunch")
    other = Meeting(series="Garden", heading="April 4, 2024", sections=[Section(title="News", notes="* bulbs")])
    DraftStore().save(other)
    window.open_meeting(other)
    assert window.editor.toPlainText() == "* bulbs"
    assert DraftStore().load(first).sections[0].notes.endswith("once more before lunch")
    assert DraftStore().load(other.id).sections[0].notes == "* bulbs"


def test_a_welcome_line_added_while_typing_is_held_keeps_both(qtbot: QtBot) -> None:
    window = hosting(qtbot, FakeClock())
    window.meeting.sections[0].title = "Welcome new members"
    window.meeting.attendees = [Attendee(name="Noor", affiliation="Tulip Co")]
    people = window.people  # the tab the host has open beside the notes
    people.table.selectRow(0)
    qtbot.keyClicks(window.editor, " and hello")
    people.welcome_selected()
    notes = window.meeting.sections[0].notes
    assert notes.endswith("once more and hello\n* Noor (Tulip Co)")
    assert window.editor.toPlainText().endswith("once more and hello\n* Noor (Tulip Co)")


def test_a_long_burst_of_typing_in_a_huge_section_is_saved_as_it_goes(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = hosting(qtbot, clock)
    meeting_id = window.meeting.id
    qtbot.keyClicks(window.editor, " one")
    clock.now += 11  # ten seconds unsaved: a save is due however fast the host types
    window.tick()  # takes the typing in; the write waits for the next tick, not both in one turn
    assert not DraftStore().load(meeting_id).sections[0].notes.endswith("once more one")
    qtbot.keyClicks(window.editor, " two")
    window.tick()
    assert DraftStore().load(meeting_id).sections[0].notes.endswith("once more one")
    window.close()
    assert DraftStore().load(meeting_id).sections[0].notes.endswith("once more one two")


def test_a_section_switch_right_after_the_tick_took_typing_in_writes_the_draft_once(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = hosting(qtbot, clock)
    writes: list[str] = []
    window.owner.subscribe(lambda change: writes.append(change) if change == "saved" else None)
    qtbot.keyClicks(window.editor, " one")
    clock.now += 11
    window.tick()  # the typing taken in, its write left for the next tick
    window.select_section(1)  # the switch saves at once (and repaints the clocks)
    window.tick()
    assert writes == ["saved"]


def test_typing_on_while_the_preview_renders_on_its_thread_shows_the_line_and_loses_nothing(qtbot: QtBot) -> None:
    window = hosting(qtbot, FakeClock(), TaskRunner())  # the preview on a thread of its own
    meeting_id = window.meeting.id
    for word in (" alpha", " bravo", " charlie"):  # each burst handed over when the host pauses;
        qtbot.keyClicks(window.editor, word)  # the next typed as its render starts
        qtbot.waitUntil(lambda: not window.owner.holding, timeout=5_000)
    qtbot.waitUntil(lambda: "alpha bravo charlie" in window.preview.toPlainText(), timeout=10_000)
    pane = window.preview
    found = pane.document().find("alpha bravo charlie")
    assert 0 <= pane.cursorRect(found).top() < pane.viewport().height()  # where the host types
    window.close()
    assert DraftStore().load(meeting_id).sections[0].notes.endswith("once more alpha bravo charlie")
