"""Each feature of the window, driven through its widgets as a host would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hostdesk.core.model import Attendee, Meeting, Section
from hostdesk.core.render import render
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.session import SessionMarker
from hostdesk.storage.settings import SettingsStore
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.clock import FakeClock
from tests.publish.github_server import GitHubState


def pond_meeting(day: date = date(2024, 5, 2)) -> Meeting:
    return Meeting(
        series="Pond keepers",
        date=day,
        heading=f"{day:%B} {day.day}, {day.year}",
        hosts=["Ada"],
        sections=[
            Section(title="Welcome new members", planned_minutes=5),
            Section(title="Water quality", planned_minutes=10, notes="* the pH is fine\n* frogs spotted"),
            Section(title="Open mic", planned_minutes=5, notes="* who brings the net?"),
        ],
    )


def open_window(qtbot: QtBot, meeting: Meeting | None = None, clock: FakeClock | None = None) -> MainWindow:
    window = MainWindow(clock=clock or FakeClock(), tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    window.show()
    if meeting is not None:
        DraftStore().save(meeting)
        window.open_meeting(meeting)
    return window


def action(window: MainWindow, keys: str):  # type: ignore[no-untyped-def]
    return next(a for a in window.actions() if a.shortcut().toString() == keys)


def test_every_documented_shortcut_is_there(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    keys = {a.shortcut().toString() for a in window.actions()}
    for wanted in ("Ctrl+N", "Ctrl+O", "Ctrl+S", "Ctrl+Shift+P", "Ctrl+Space", "Ctrl+Return", "Alt+Up", "Alt+Down", "Ctrl+F"):
        assert wanted in keys
    action(window, "Alt+Down").trigger()
    assert window.section_title.text() == "Water quality"
    action(window, "Alt+Up").trigger()
    assert window.section_title.text() == "Welcome new members"


def test_markdown_is_highlighted_as_typed(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    qtbot.keyClicks(window.editor, "* **vote** on [the pump](https://pumps.example)")
    window.editor.highlighter.rehighlight()
    ranges = window.editor.document().firstBlock().layout().formats()
    text = window.editor.toPlainText()
    bold = [r for r in ranges if r.format.fontWeight() == QFont.Weight.Bold and text[r.start : r.start + r.length] == "**vote**"]
    link = [r for r in ranges if r.format.fontUnderline() and "pumps.example" in text[r.start : r.start + r.length]]
    assert bold and link


def test_find_selects_the_word_and_moves_on_to_other_sections(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    window.select_section(1)
    action(window, "Ctrl+F").trigger()
    assert not window.find_bar.isHidden()
    qtbot.keyClicks(window.find_bar.field, "frogs")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.editor.textCursor().selectedText() == "frogs"
    window.find_bar.field.clear()
    qtbot.keyClicks(window.find_bar.field, "net")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.section_title.text() == "Open mic"
    assert window.editor.textCursor().selectedText() == "net"
    window.find_bar.field.clear()
    qtbot.keyClicks(window.find_bar.field, "otters")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.find_bar.result.text() == "Not found"
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Escape)
    assert window.find_bar.isHidden()


def test_open_lists_drafts_and_opens_the_one_picked(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting(date(2024, 5, 2)))
    DraftStore().save(pond_meeting(date(2024, 3, 7)))
    action(window, "Ctrl+O").trigger()
    box = window.files.open_box
    assert box.list.count() == 2
    qtbot.keyClicks(box.filter, "March")
    box.accept()
    assert window.meeting.title == "March 7, 2024"
    assert window.windowTitle() == "March 7, 2024 — hostdesk"


NOTES_FILE = """# Pond keepers

## May 16, 2024
* Host: Ada
* Attendees [name, affiliation]
  * Ada Byron (Pond Trust)
* Welcome new members
* Water quality
  * pump fixed

## May 2, 2024
* Host: Ada
* Water quality
  * the pH is fine
"""


def test_importing_a_notes_file_opens_its_latest_meeting_with_planned_times(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "pond-notes.md"
    path.write_text(NOTES_FILE, encoding="utf-8")
    window = open_window(qtbot)
    window.files.import_file_dialog()
    window.files.file_box.selectFile(str(path))
    window.files.file_box.accept()
    assert window.meeting.title == "May 16, 2024"
    assert window.statusBar().currentMessage().startswith("Imported 2 meetings")
    assert [s.planned_minutes for s in window.meeting.sections] == [5, 10]
    assert "of 5 min" in window.sections_model.data(window.sections_model.index(0))
    assert render(window.meeting) == NOTES_FILE.split("\n\n", 1)[1].split("## May 2")[0]


def test_importing_a_file_that_is_not_notes_says_so_and_changes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, pond_meeting())
    photo = tmp_path / "pond.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not text at all \xff\xfe")
    window.files.import_file(photo)
    assert "not UTF-8 text" in window.statusBar().currentMessage()
    shopping = tmp_path / "shopping.md"
    shopping.write_text("# Shopping\n\n* bread\n", encoding="utf-8")
    window.files.import_file(shopping)
    assert "has no meeting in it" in window.statusBar().currentMessage()
    assert window.meeting.title == "May 2, 2024" and len(DraftStore().ids()) == 1


def test_importing_from_github_makes_the_repository_the_series_home(qtbot: QtBot, github: GitHubState) -> None:
    github.add_repo("pond/notes", {"minutes.md": NOTES_FILE})
    window = open_window(qtbot)
    window.files.import_github_dialog()
    box = window.files.github_box
    qtbot.keyClicks(box.repo, "pond/notes")
    qtbot.keyClicks(box.path, "minutes.md")
    box.api_url.setText(github.base)
    box.accept()
    assert window.meeting.title == "May 16, 2024"
    assert window.target().repo == "pond/notes" and window.target().path == "minutes.md"


def test_planned_minutes_are_edited_per_section(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    window.planned.selectAll()
    qtbot.keyClicks(window.planned, "15")
    assert window.meeting.sections[0].planned_minutes == 15
    assert "of 15 min" in window.sections_model.data(window.sections_model.index(0))


def test_warnings_at_the_hosts_thresholds_by_text_and_an_optional_chime(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = open_window(qtbot, pond_meeting(), clock)
    window.preferences_dialog()
    box = window.prefs_box
    box.first.setValue(50)
    box.sound.setChecked(True)
    box.accept()
    assert SettingsStore().load().preferences.warn_at == [0.5, 1.0]
    window.select_section(1)  # Water quality, 10 minutes
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    clock.now += 5 * 60
    window.tick()
    assert window.agenda.alerts == ["⚠ “Water quality” has used 50% of its 10 minutes."]
    assert window.clock_detail.text().endswith("⚠ almost over")
    clock.now += 5 * 60
    window.tick()
    window.tick()  # a threshold is said once, not at every tick
    assert len(window.agenda.alerts) == 2 and "100%" in window.agenda.alerts[1]
    assert window.clock_detail.text().endswith("⏰ over time")
    assert window.agenda.chimes == 2


def test_marked_sections_and_unreached_ones_come_along_into_the_next_meeting(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    window.select_section(1)
    qtbot.mouseClick(window.next_time, Qt.MouseButton.LeftButton)
    assert window.meeting.sections[1].next_time
    window.select_section(0)
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)  # only the welcome is reached
    action(window, "Ctrl+N").trigger()
    assert window.meeting.date == date(2024, 5, 16)
    notes = {s.title: s.notes for s in window.meeting.sections}
    assert notes["Water quality"] == "* the pH is fine\n* frogs spotted"
    assert "Carried over from last time" in window.statusBar().currentMessage()


def test_the_timing_summary_goes_into_the_notes_when_asked(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = open_window(qtbot, pond_meeting(), clock)
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    clock.now += 6 * 60
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    clock.now += 8 * 60
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)  # pause
    assert "Timing" not in render(window.meeting)
    qtbot.mouseClick(window.agenda.timing_box, Qt.MouseButton.LeftButton)
    block = render(window.meeting)
    assert "* Timing (planned / actual minutes)\n  * Welcome new members: 5 / 6 min\n  * Water quality: 10 / 8 min\n" in block
    assert "Whole meeting: 20 / 14 min" in block
    assert "Whole meeting: 20 / 14 min" in window.preview.toPlainText()
    # The welcome ran a minute over; Water quality, paused within its plan, may still end on time.
    assert window.total_label.text() == "Meeting: 14:00 of 20:00 planned — 1:00 behind"


def test_the_total_says_how_far_behind_the_meeting_runs(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = open_window(qtbot, pond_meeting(), clock)
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    clock.now += 8 * 60  # the 5-minute welcome took 8
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.total_label.text() == "Meeting: 8:00 of 20:00 planned — 3:00 behind"


def test_window_size_splitter_and_tab_are_remembered(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    window.resize(1000, 700)
    window.splitter.setSizes([260, 400, 320])
    window.tabs.setCurrentIndex(1)
    QApplication.processEvents()  # let the layout settle, as it would on screen
    sizes = window.splitter.sizes()
    window.close()
    again = open_window(qtbot)
    again.start()  # the same meeting, so the panes' minimum widths are the same
    QApplication.processEvents()
    assert (again.width(), again.height()) == (1000, 700)
    assert again.splitter.sizes() == sizes
    assert again.tabs.currentIndex() == 1


def test_after_a_crash_the_draft_comes_back_with_a_word_about_it(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = open_window(qtbot, pond_meeting(), clock)
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.editor, "* Kim joined")
    clock.now += 2
    window.tick()  # the autosave
    # The process dies here: no closeEvent, so the session marker still says "open".
    again = open_window(qtbot, clock=clock)
    again.start()
    assert not again.banner.isHidden() and "did not close properly" in again.banner.label.text()
    assert again.meeting.sections[0].notes == "* Kim joined"
    assert again.meeting.sections[0].timer.started_at is not None  # still running, from its timestamp


def test_a_damaged_draft_after_a_crash_offers_its_backup(qtbot: QtBot, hostdesk_home: Path) -> None:
    store = DraftStore()
    meeting = pond_meeting()
    store.save(meeting)
    meeting.sections[0].notes = "* second save"
    store.save(meeting)
    SessionMarker(store.root).opened(meeting.id)
    store.path(meeting.id).write_text('{"schema_version": 1, "meeting": {"sections": 7', encoding="utf-8")
    window = open_window(qtbot)
    window.start()
    assert "could not be read" in window.banner.label.text()
    qtbot.mouseClick(window.banner.action, Qt.MouseButton.LeftButton)
    assert window.meeting.id == meeting.id and window.meeting.title == "May 2, 2024"
    assert "restored" in window.banner.label.text()


def test_a_draft_from_a_newer_hostdesk_opens_read_only(qtbot: QtBot) -> None:
    store = DraftStore()
    meeting = pond_meeting()
    store.save(meeting)
    raw = store.path(meeting.id).read_text(encoding="utf-8").replace('"schema_version":1', '"schema_version":99', 1)
    store.path(meeting.id).write_text(raw, encoding="utf-8")
    window = open_window(qtbot)
    window.files.open_draft(meeting.id)
    assert window.editor.isReadOnly() and "newer hostdesk" in window.banner.label.text()
    assert window.save() is False
    assert '"schema_version":99' in store.path(meeting.id).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["Team weekly", "Community sync"])
def test_a_new_meeting_from_a_builtin_template(qtbot: QtBot, name: str) -> None:
    window = open_window(qtbot)
    menu = next(a for a in window.menuBar().actions() if a.text() == "&Meeting").menu()
    templates = next(a for a in menu.actions() if a.text() == "New from &template").menu()
    templates.popup(window.mapToGlobal(window.rect().center()))  # the host opens the submenu
    next(a for a in templates.actions() if a.text() == name).trigger()
    templates.close()
    expected = SettingsStore().template(name).agenda
    assert [(s.title, s.planned_minutes) for s in window.meeting.sections] == [(i.title, i.planned_minutes) for i in expected]
    assert window.meeting.id in DraftStore().ids()


def test_agenda_titles_read_as_text_not_markdown(qtbot: QtBot) -> None:
    meeting = pond_meeting()
    meeting.sections[1].title = "Discuss [open RFCs](https://example.org/rfcs) **now**"
    window = open_window(qtbot, meeting)
    shown = window.sections_model.data(window.sections_model.index(1))
    assert "Discuss open RFCs now" in shown and "https" not in shown
    window.select_section(1)
    assert window.section_title.text() == "Discuss open RFCs now"
    assert "[open RFCs](https://example.org/rfcs)" in render(window.meeting)  # the notes keep the link


def test_a_doubtful_heading_date_is_flagged_until_the_host_edits_it(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "pond.md"
    path.write_text(NOTES_FILE.replace("## May 16, 2024", "## May 16, 20224"), encoding="utf-8")
    window = open_window(qtbot)
    window.files.import_file(path)
    assert window.meeting.heading == "May 16, 20224"
    assert not window.heading_flag.isHidden() and "Check the heading" in window.heading_flag.toolTip()
    window.heading_edit.selectAll()
    qtbot.keyClicks(window.heading_edit, "May 16, 2024")
    assert window.heading_flag.isHidden() and window.meeting.heading_flag == ""


def test_quitting_without_closing_the_window_still_ends_cleanly(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    qtbot.keyClicks(window.editor, "* last words")
    window.shutdown()  # what QApplication.aboutToQuit calls
    window.shutdown()
    assert SessionMarker(DraftStore().root).crashed_draft() is None
    assert DraftStore().load(window.meeting.id).sections[0].notes == "* last words"


def test_a_full_disk_is_said_and_the_notes_stay_on_screen(qtbot: QtBot, tmpfs) -> None:  # type: ignore[no-untyped-def]
    store = DraftStore(tmpfs("small", size="48k"))
    meeting = pond_meeting()
    store.save(meeting)
    window = MainWindow(store=store, clock=FakeClock(), tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting)
    window.editor.insertPlainText("* " + "long minutes " * 20_000)  # as pasted, ~260 KB
    assert window.save() is False
    assert "the disk is full" in window.statusBar().currentMessage()
    assert "nothing is lost" in window.statusBar().currentMessage()
    assert window.windowTitle().startswith("• ")  # still marked unsaved
    assert "long minutes" in window.editor.toPlainText()
    window.editor.setPlainText("* short again")
    assert window.save() is True
    assert store.load(meeting.id).sections[0].notes == "* short again"


def test_the_roster_loads_when_the_attendees_tab_is_first_picked_without_touching_the_draft(qtbot: QtBot) -> None:
    earlier = pond_meeting(date(2024, 4, 18))
    earlier.attendees = [Attendee(name="Ada Byron", affiliation="Pond Trust")]
    DraftStore().save(earlier)
    meeting = pond_meeting()
    meeting.attendees = [Attendee(name="Ada Byron"), Attendee(name="Kim Lee")]
    DraftStore().save(meeting)
    SessionMarker(DraftStore().root).closed_cleanly(meeting.id)
    window = MainWindow(clock=FakeClock(), tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    window.start()
    window.show()
    assert window.roster.get("Ada Byron") is None  # not at start-up: the notes come first
    window.tabs.setCurrentIndex(1)  # Attendees
    qtbot.waitUntil(lambda: window.roster.get("Kim Lee") is not None)  # and the host, Ada
    names = [window.people.model.data(window.people.model.index(r, 0)) for r in range(2)]
    assert names == ["Ada Byron", "Kim Lee  (new)"]
    assert not window.owner.autosave.dirty and not window.windowTitle().startswith("•")
