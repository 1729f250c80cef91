"""The window's models, links and editor keys, driven as a host drives them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hostdesk.ui.models import AttendeesModel, SectionsModel
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.clock import FakeClock


def make_window(qtbot: QtBot, clock: FakeClock) -> MainWindow:
    window = MainWindow(clock=clock, tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    return window


def test_models_pass_the_model_tester(qtbot: QtBot, qtmodeltester, garden_notes: str) -> None:  # type: ignore[no-untyped-def]
    from hostdesk.core.document import parse

    meeting = parse(garden_notes).meetings[0]
    qtmodeltester.check(SectionsModel(meeting, lambda: 0.0))
    qtmodeltester.check(AttendeesModel(meeting, lambda name: False))


def test_links_open_only_outside_and_only_safe_ones(qtbot: QtBot) -> None:
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices

    class Browser(QObject):
        """Stands in for the system browser, which cannot run here."""

        def __init__(self) -> None:
            super().__init__()
            self.opened: list[str] = []

        @Slot(QUrl)
        def show(self, url: QUrl) -> None:
            self.opened.append(url.toString())

    window = make_window(qtbot, FakeClock())
    browser = Browser()
    for scheme in ("https", "file", "javascript"):
        QDesktopServices.setUrlHandler(scheme, browser, "show")
    try:
        for url in ("https://example.org/x", "file:///etc/passwd", "javascript:alert(1)"):
            window.preview.anchorClicked.emit(QUrl(url))
    finally:
        for scheme in ("https", "file", "javascript"):
            QDesktopServices.unsetUrlHandler(scheme)
    assert browser.opened == ["https://example.org/x"]


def test_editor_continues_and_indents_bullets(qtbot: QtBot) -> None:
    from hostdesk.ui.editor import NotesEditor

    editor = NotesEditor()
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor, "* first")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, "nested")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    qtbot.keyClicks(editor, "back")
    assert editor.toPlainText() == "* first\n  * nested\n* back"
