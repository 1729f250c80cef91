"""A whole meeting, as a host runs one: from the template to the notes on GitHub."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hostdesk.core.model import Target
from hostdesk.core.render import render
from hostdesk.core.series import from_template
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.settings import SettingsStore
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.clock import FakeClock
from tests.publish.github_server import GitHubState


def make_window(qtbot: QtBot, clock: FakeClock) -> MainWindow:
    window = MainWindow(clock=clock, tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    return window


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

    reopened = first_meeting(again.store, again.config.settings)
    again.open_meeting(reopened)
    assert render(reopened) == expected
    assert [s.timer for s in reopened.sections][:3] == [s.timer for s in meeting.sections][:3]
    # Publish to the local GitHub server.
    again.set_target(Target(repo="garden/notes", path="notes.md", api_url=github.base))
    again.show()
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(again.editor, Qt.Key.Key_P, ctrl_shift)
    assert again.statusBar().currentMessage().startswith("Published: ")
    text = github.text("garden/notes", "notes.md")
    assert (
        text
        == "# Garden\n\n"
        + expected
        + "## March 14, 2024\n* Host: Tomás Ruiz\n* Attendees [name, affiliation]\n  * Tomás Ruiz (Seedbank)\n"
    )
