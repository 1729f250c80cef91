"""The window driven as a host drives it: typing, clicking, a fake clock, a real server."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hostdesk.core.model import Target
from hostdesk.core.render import render
from hostdesk.core.series import from_template
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.settings import SettingsStore
from hostdesk.ui.models import AttendeesModel, SectionsModel
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.publish.github_server import GitHubState


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def make_window(qtbot: QtBot, clock: FakeClock) -> MainWindow:
    window = MainWindow(clock=clock, tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    return window


def test_models_pass_the_model_tester(qtbot: QtBot, qtmodeltester, garden_notes: str) -> None:  # type: ignore[no-untyped-def]
    from hostdesk.core.document import parse

    meeting = parse(garden_notes).meetings[0]
    qtmodeltester.check(SectionsModel(meeting, lambda: 0.0))
    qtmodeltester.check(AttendeesModel(meeting, lambda name: False))


def test_a_whole_meeting_played_and_published(qtbot: QtBot, github: GitHubState, hostdesk_home: Path) -> None:
    github.add_repo(
        "garden/notes",
        {
            "notes.md": "# Garden\n\n## March 14, 2024\n* Host: Tomás Ruiz\n* Attendees [name, affiliation]\n  * Tomás Ruiz (Seedbank)\n"
        },
    )
    clock = FakeClock()
    settings = SettingsStore()
    meeting = from_template(
        settings.template("Community sync"), date(2024, 3, 28), series="Garden", hosts=["Ingrid"]
    )
    DraftStore().save(meeting)
    window = make_window(qtbot, clock)
    window.open_meeting(meeting)
    window.show()
    # Someone seen before, and two new people, added with the quick-add field.
    from hostdesk.core.document import parse
    from hostdesk.core.roster import Roster

    roster = Roster.from_meetings([*parse(github.text("garden/notes", "notes.md")).meetings])
    for m in roster._people.values():
        m.series.add("Garden")
    window.people.set_roster(roster)
    for text in ("Tomás Ruiz", "Zoë Dupont [Pollinate]", "Kim Lee, Acme"):
        window.people.quick_add.insert(text)  # as pasted: QTest types ASCII only
        qtbot.keyClick(window.people.quick_add, Qt.Key.Key_Return)
    assert [(a.name, a.affiliation) for a in meeting.attendees] == [
        ("Tomás Ruiz", "Seedbank"),
        ("Zoë Dupont", "Pollinate"),
        ("Kim Lee", "Acme"),
    ]
    assert window.people.model.data(window.people.model.index(1, 0)).endswith("(new)")
    window.people.table.selectRow(1)
    qtbot.mouseClick(window.people.welcome_button, Qt.MouseButton.LeftButton)
    assert meeting.sections[0].notes == "* Zoë Dupont (Pollinate)"
    # Every section timed on the fake clock, with notes typed in each.
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    for i, section in enumerate(meeting.sections):
        assert window.current == i
        window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
        if section.notes:
            qtbot.keyClick(window.editor, Qt.Key.Key_Return)
        else:
            qtbot.keyClicks(window.editor, "* ")
        qtbot.keyClicks(window.editor, f"point {i}")
        clock.now += 60 * (section.planned_minutes + (1 if i == 2 else 0))
        window.tick()
        if i < len(meeting.sections) - 1:
            qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.clock_detail.text().startswith("0:00 left")
    assert window.clock_detail.text().endswith("⏰ over time")  # at 100% of the plan, by text too
    assert meeting.sections[1].notes == "* point 1"
    assert [round(s.timer.elapsed_before) for s in meeting.sections[:3]] == [300, 600, 660]
    assert "⏰" in window.sections_model.data(window.sections_model.index(2))
    # Close, open again: content and timers intact.
    expected = render(meeting)
    window.close()
    again = make_window(qtbot, clock)
    from hostdesk.ui.meeting_files import first_meeting

    reopened = first_meeting(again.store, again.settings)
    again.open_meeting(reopened)
    assert render(reopened) == expected
    assert [s.timer for s in reopened.sections][:3] == [s.timer for s in meeting.sections][:3]
    # Publish to the local GitHub server.
    again.set_target(Target(repo="garden/notes", path="notes.md", api_url=github.base))
    publish = next(a for a in again.actions() if a.shortcut().toString() == "Ctrl+Shift+P")
    publish.trigger()  # the Ctrl+Shift+P action; offscreen windows never hold keyboard focus
    assert again.statusBar().currentMessage().startswith("Published: ")
    text = github.text("garden/notes", "notes.md")
    assert (
        text
        == "# Garden\n\n"
        + expected
        + "## March 14, 2024\n* Host: Tomás Ruiz\n* Attendees [name, affiliation]\n  * Tomás Ruiz (Seedbank)\n"
    )


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


@pytest.fixture(autouse=True)
def _no_timer_autostart(hostdesk_home: Path) -> None:
    """Each window test starts from default preferences in its own home."""
