"""The host's keyboard during a call: carets kept per section and across a restart, focus
following the tabs, the attendee field and back, and every key of the README's keyboard
table pressed for real."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hostdesk.core.model import Attendee, Meeting
from hostdesk.storage.drafts import DraftStore
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.clock import FakeClock
from tests.conftest import ROOT
from tests.publish.github_server import GitHubState
from tests.ui.test_features import pond_meeting


def active(qtbot: QtBot, meeting: Meeting | None = None, save: bool = True) -> MainWindow:
    window = MainWindow(clock=FakeClock(), tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    window.show()
    if meeting is not None:
        if save:
            DraftStore().save(meeting)
        window.open_meeting(meeting)
    else:
        window.start()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def press(qtbot: QtBot, keys: str) -> None:
    """The key as the keyboard sends it, to whatever has the focus."""
    combo = QKeySequence(keys)[0]
    key, mods = combo.key(), combo.keyboardModifiers()
    if key == Qt.Key.Key_Tab and mods & Qt.KeyboardModifier.ShiftModifier:
        key = Qt.Key.Key_Backtab  # what a keyboard sends for Shift+Tab
    if key == Qt.Key.Key_Enter:
        mods |= Qt.KeyboardModifier.KeypadModifier
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, mods)


def test_each_section_keeps_its_caret_and_a_new_one_opens_at_the_end(qtbot: QtBot) -> None:
    window = active(qtbot, pond_meeting())
    window.select_section(1)
    assert window.editor.textCursor().position() == len("* the pH is fine\n* frogs spotted")  # end
    cursor = window.editor.textCursor()
    cursor.setPosition(4)
    window.editor.setTextCursor(cursor)
    press(qtbot, "Alt+Down")
    assert window.editor.textCursor().position() == len("* who brings the net?")
    press(qtbot, "Alt+Up")
    assert window.editor.textCursor().position() == 4
    qtbot.keyClicks(window.editor, "x")
    assert window.meeting.sections[1].notes.startswith("* thx")


def test_reopening_returns_to_the_section_and_caret_the_host_was_in(qtbot: QtBot) -> None:
    window = active(qtbot, pond_meeting())
    window.select_section(2)
    cursor = window.editor.textCursor()
    cursor.setPosition(6)
    window.editor.setTextCursor(cursor)
    window.close()
    again = active(qtbot)  # a bare start, as after a restart
    assert again.current == 2 and again.section_title.text() == "Open mic"
    assert again.editor.textCursor().position() == 6
    assert QApplication.focusWidget() is again.editor


def test_focus_follows_the_tab_and_a_key_reaches_the_attendee_field_and_back(qtbot: QtBot) -> None:
    window = active(qtbot, pond_meeting())
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())  # "Attendees"
    assert QApplication.focusWidget() is window.people.quick_add
    qtbot.keyClicks(QApplication.focusWidget(), "Ada Lovelace")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert [a.name for a in window.meeting.attendees] == ["Ada Lovelace"]
    assert window.meeting.sections[0].notes == ""  # the name did not land in the notes
    press(qtbot, "Esc")
    assert QApplication.focusWidget() is window.editor
    press(qtbot, "Ctrl+Shift+A")
    assert QApplication.focusWidget() is window.people.quick_add and window.tabs.currentIndex() == 1


def test_ctrl_tab_switches_tabs_and_never_indents(qtbot: QtBot) -> None:
    window = active(qtbot, pond_meeting())
    window.select_section(1)
    before = window.editor.toPlainText()
    press(qtbot, "Ctrl+Tab")
    assert window.tabs.currentIndex() == 1
    press(qtbot, "Esc")
    press(qtbot, "Ctrl+Shift+Tab")
    assert window.tabs.currentIndex() == 0 and window.editor.toPlainText() == before


def test_enter_in_an_empty_section_starts_a_bullet(qtbot: QtBot) -> None:
    window = active(qtbot, pond_meeting())
    assert window.editor.toPlainText() == ""
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "Zoe joined")
    assert window.meeting.sections[0].notes == "* Zoe joined"


def test_a_meeting_never_touched_leaves_no_draft_behind_an_import(qtbot: QtBot, tmp_path: object) -> None:
    from pathlib import Path

    window = active(qtbot)  # a first start: an empty "Community sync" of today
    notes = Path(str(tmp_path)) / "pond.md"
    notes.write_text("# Pond keepers\n\n## May 2, 2024\n* Water quality\n  * fine\n", encoding="utf-8")
    window.files.import_file(notes)
    assert [DraftStore().load(i).title for i in DraftStore().ids()] == ["May 2, 2024"]


def test_the_host_of_last_time_is_not_new_this_time(qtbot: QtBot) -> None:
    last = pond_meeting(date(2024, 4, 18))
    last.hosts = ["Ingrid Sørensen"]
    DraftStore().save(last)
    window = active(qtbot, pond_meeting())
    window.meeting.attendees.append(Attendee(name="Ingrid Sørensen"))
    window.people.set_meeting(window.meeting)
    assert window.people.model.data(window.people.model.index(0, 0)) == "Ingrid Sørensen"


def test_hosts_are_read_and_written_as_the_notes_file_does(qtbot: QtBot) -> None:
    window = active(qtbot, pond_meeting())
    window.hosts_edit.selectAll()
    qtbot.keyClicks(window.hosts_edit, r"Ada, Bo & Cy \/ Dee")
    assert window.meeting.hosts == ["Ada", "Bo", "Cy / Dee"]
    again = active(qtbot, window.meeting.model_copy(deep=True), save=False)
    assert again.hosts_edit.text() == r"Ada / Bo / Cy \/ Dee"


def readme_keys() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("### Keyboard", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in table.splitlines() if line.startswith("| ") and "keys" not in line]
    return sorted({k.strip() for row in rows for k in re.split(r" / |, ", row) if k.strip()})


def test_every_key_in_the_readme_works_pressed_for_real(qtbot: QtBot, github: GitHubState) -> None:
    from hostdesk.core.model import Target

    github.add_repo("pond/notes", {"notes.md": "# Pond\n"})
    window = active(qtbot, pond_meeting())
    window.set_target(Target(repo="pond/notes", path="notes.md", api_url=github.base))
    pressed: set[str] = set()

    def key(keys: str) -> None:
        press(qtbot, keys)
        pressed.add(keys)

    qtbot.keyClicks(window.editor, "* Ada")
    key("Ctrl+S")
    assert DraftStore().load(window.meeting.id).sections[0].notes == "* Ada"
    key("Ctrl+Space")
    assert window.start_button.text() == "Pause"
    key("Alt+Down")
    assert window.current == 1
    key("Alt+Up")
    assert window.current == 0
    key("Ctrl+Enter")
    assert window.current == 1
    key("Ctrl+F")
    qtbot.keyClicks(window.find_bar.field, "net")
    key("F3")
    assert window.section_title.text() == "Open mic" and window.editor.textCursor().selectedText() == "net"
    key("Esc")
    assert window.find_bar.isHidden() and QApplication.focusWidget() is window.editor
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, " and the pole")
    key("Ctrl+Z")
    assert window.editor.toPlainText() == "* who brings the net?"
    key("Ctrl+Shift+Z")
    assert window.editor.toPlainText() == "* who brings the net? and the pole"
    key("Ctrl+Shift+A")
    assert QApplication.focusWidget() is window.people.quick_add
    key("Esc")
    assert QApplication.focusWidget() is window.editor
    assert window.tabs.currentIndex() == 1  # Esc left the attendees on show
    key("Ctrl+Tab")
    assert window.tabs.currentIndex() == 0
    key("Ctrl+Shift+Tab")
    assert window.tabs.currentIndex() == 1 and window.editor.toPlainText() == "* who brings the net? and the pole"
    window.editor.setFocus()
    key("Ctrl+Shift+P")
    assert window.statusBar().currentMessage().startswith("Published: ")
    assert "the pole" in github.text("pond/notes", "notes.md")
    key("Ctrl+O")
    assert window.files.open_box is not None and window.files.open_box.isVisible()
    window.files.open_box.reject()
    first = window.meeting.id
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.editor.setFocus()
    key("Ctrl+N")
    assert window.meeting.id != first and window.meeting.date is not None and window.meeting.date > date(2024, 5, 2)
    assert sorted(pressed) == readme_keys()


def test_the_import_dialog_shows_its_title_and_fields_whole_at_1280_by_800(qtbot: QtBot) -> None:
    window = active(qtbot, pond_meeting())
    window.resize(1280, 800)
    window.files.import_github_dialog()
    box = window.files.github_box
    assert box is not None
    box.api_url.setText("https://github.example.org/api/v3")
    box.path.setText("community/meetings/2024-notes.md")
    qtbot.waitExposed(box)
    frame = 2 * 90  # a window manager's buttons and margins beside the title
    assert box.width() >= box.fontMetrics().horizontalAdvance(box.windowTitle()) + frame
    for field in (box.repo, box.path, box.branch, box.api_url):
        assert field.width() > field.fontMetrics().horizontalAdvance(field.text()) + 8, field.accessibleName()
    assert box.width() <= 1280 and box.height() <= 800
    box.reject()
