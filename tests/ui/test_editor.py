"""Pasting a long text into the notes, as a host does with a call's transcript: all of it
arrives, the window keeps turning while it does, and one undo takes it out again."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hostdesk.core.model import Section
from hostdesk.ui.editor import NotesEditor
from hostdesk.ui.paste import SLICE_CHARS
from hostdesk.ui.window import MainWindow
from tests.ui.test_features import open_window, pond_meeting
from tests.ui.test_highlighter import shown_editor

LINE = "Speaker 2 (00:14:07): we looked at the **flaky** test again, see https://example.org/x\n"


def transcript(chars: int) -> str:
    return LINE * (chars // len(LINE) + 1)


def editor_at_end(qtbot: QtBot, text: str) -> NotesEditor:
    editor = shown_editor(qtbot, text)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    return editor


def paste(editor: NotesEditor, text: str) -> None:
    QApplication.clipboard().setText(text)
    editor.paste()


def start_long_paste(window: MainWindow) -> str:
    """A transcript pasted at the end of the section on screen, still going in."""
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    pasted = "\n" + transcript(3 * SLICE_CHARS)
    paste(window.editor, pasted)
    assert window.editor.pasting
    return pasted


def test_a_long_paste_goes_in_whole_over_several_turns_and_undoes_in_one_step(qtbot: QtBot) -> None:
    editor = editor_at_end(qtbot, "* before the call\n")
    pasted = transcript(3 * SLICE_CHARS)
    turns, sizes = [0], []

    def probe() -> None:  # a turn of the event loop while the paste goes in
        turns[0] += 1
        sizes.append(editor.document().characterCount())

    ticks = QTimer()
    ticks.timeout.connect(probe)
    ticks.start(0)
    told: list[str] = []
    editor.textChanged.connect(lambda: told.append(editor.toPlainText()))
    paste(editor, pasted)
    assert editor.pasting  # the first slice is in; the window paints before the next
    qtbot.waitUntil(lambda: not editor.pasting, timeout=30_000)
    ticks.stop()
    assert editor.toPlainText() == "* before the call\n" + pasted
    assert len(set(sizes)) >= 3  # the text grew across turns, not in one
    assert told == ["* before the call\n" + pasted]  # the window reads the long text once
    assert editor.textCursor().position() == len(editor.toPlainText())  # after it, as any paste
    editor.undo()
    assert editor.toPlainText() == "* before the call\n"
    editor.redo()
    assert editor.toPlainText() == "* before the call\n" + pasted


def test_a_short_paste_goes_in_at_once_and_undoes_as_before(qtbot: QtBot) -> None:
    editor = editor_at_end(qtbot, "* typed ")
    paste(editor, "one line")
    assert not editor.pasting and editor.toPlainText() == "* typed one line"
    editor.undo()
    assert editor.toPlainText() == "* typed "


def test_a_long_paste_over_a_selection_replaces_it(qtbot: QtBot) -> None:
    editor = editor_at_end(qtbot, "keep REPLACE ME keep")
    cursor = editor.textCursor()
    cursor.setPosition(5)
    cursor.setPosition(15, cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    pasted = transcript(SLICE_CHARS + 1000)
    paste(editor, pasted)
    qtbot.waitUntil(lambda: not editor.pasting, timeout=30_000)
    assert editor.toPlainText() == "keep " + pasted + " keep"


def test_the_whole_paste_reaches_the_draft(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    window.select_section(1)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    pasted = "\n" + transcript(2 * SLICE_CHARS)
    paste(window.editor, pasted)
    qtbot.waitUntil(lambda: not window.editor.pasting, timeout=30_000)
    expected = Section(title="x", notes="* the pH is fine\n* frogs spotted" + pasted).notes
    assert window.meeting.sections[1].notes == expected


def test_replacing_the_text_mid_paste_first_puts_the_rest_in(qtbot: QtBot) -> None:
    editor = editor_at_end(qtbot, "")
    pasted = transcript(3 * SLICE_CHARS)
    told: list[str] = []
    editor.textChanged.connect(lambda: told.append(editor.toPlainText()))
    paste(editor, pasted)
    assert editor.pasting
    editor.setPlainText("* the next section")
    assert pasted in told  # listeners saw the whole paste before the text was replaced
    assert not editor.pasting and editor.toPlainText() == "* the next section"


def test_the_lines_on_screen_after_a_long_paste_are_highlighted(qtbot: QtBot) -> None:
    editor = editor_at_end(qtbot, "")
    highlighter = editor.start_highlighting()
    paste(editor, transcript(2 * SLICE_CHARS))
    qtbot.waitUntil(lambda: not editor.pasting, timeout=30_000)
    shown = editor.firstVisibleBlock()
    qtbot.waitUntil(lambda: bool(shown.layout().formats()), timeout=30_000)
    underlined = [r for r in shown.layout().formats() if r.format.fontUnderline()]
    assert underlined and shown.text()[underlined[0].start :].startswith("https://example.org/x")
    qtbot.waitUntil(lambda: not highlighter.pending, timeout=60_000)
    assert editor.document().firstBlock().layout().formats()


def test_clicking_away_mid_paste_first_hands_the_whole_paste_over(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    window.activateWindow()
    qtbot.waitActive(window)
    window.select_section(1)
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    pasted = start_long_paste(window)
    window.agenda.setFocus()  # what a click on another section does first
    window.select_section(2)
    assert window.meeting.sections[1].notes.endswith(pasted.rstrip("\n"))
    assert window.meeting.sections[2].notes == "* who brings the net?"


def test_switching_section_by_keyboard_mid_paste_keeps_the_whole_paste(qtbot: QtBot) -> None:
    """Alt+Down keeps the focus in the notes, so nothing else hands the paste over first."""
    window = open_window(qtbot, pond_meeting())
    window.select_section(1)
    pasted = start_long_paste(window)
    window.select_section(2)  # what Alt+Down calls
    assert window.meeting.sections[1].notes.endswith(pasted.rstrip("\n"))
    assert window.meeting.sections[2].notes == "* who brings the net?"
    assert window.editor.toPlainText() == "* who brings the net?"


def test_blank_lines_just_typed_stay_in_the_editor(qtbot: QtBot) -> None:
    """The model keeps notes without trailing blank lines; the editor must not take the
    host's new lines away while they type (nor re-lay a 10 MB paste to do so)."""
    window = open_window(qtbot, pond_meeting())
    window.select_section(1)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    window.editor.insertPlainText("\n\n")  # as a paste of two empty lines does
    assert window.editor.toPlainText() == "* the pH is fine\n* frogs spotted\n\n"
    assert window.editor.textCursor().position() == len(window.editor.toPlainText())
    assert window.meeting.sections[1].notes == "* the pH is fine\n* frogs spotted"
