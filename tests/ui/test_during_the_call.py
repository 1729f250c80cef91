"""What a host does with the window during the call: start-up, header, editor, people,
timers, the status bar, accessibility and the palette, driven through the widgets."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QMimeData, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hostdesk.core.model import Attendee, Meeting
from hostdesk.core.render import render
from hostdesk.core.roster import Roster
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.session import SessionMarker
from hostdesk.storage.settings import Preferences
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.clock import FakeClock
from tests.ui.test_features import action, open_window, pond_meeting


def started(qtbot: QtBot, clock: FakeClock | None = None) -> MainWindow:
    """A window as a bare `hostdesk` starts it."""
    window = MainWindow(clock=clock or FakeClock(), tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    window.start()
    window.show()
    return window


# -- start-up and the title


def test_a_first_start_opens_a_new_meeting_from_the_community_sync_agenda(qtbot: QtBot) -> None:
    window = started(qtbot)
    assert [s.title for s in window.meeting.sections] == [
        "Welcome new members",
        "News from the ecosystem",
        "Community/project updates",
        "Roadmap/release updates",
        "Guest presentation (show & tell)",
        "Open mic/questions",
    ]
    assert window.meeting.date == date.today()
    assert DraftStore().ids() == []  # nothing kept for a meeting the host never touched
    qtbot.keyClicks(window.editor, "* Ada")
    assert window.save() and DraftStore().ids() == [window.meeting.id]


def test_a_bare_start_opens_the_draft_open_last_else_the_newest(qtbot: QtBot) -> None:
    store = DraftStore()
    march, may = pond_meeting(date(2024, 3, 7)), pond_meeting(date(2024, 5, 2))
    store.save(march)
    store.save(may)
    assert started(qtbot).meeting.id == may.id
    SessionMarker(store.root).closed_cleanly(march.id)
    again = started(qtbot)
    assert again.meeting.id == march.id
    assert again.windowTitle() == "March 7, 2024 — hostdesk"
    assert again.banner.isHidden()  # a clean close is not a crash
    assert again.focusWidget() is again.editor  # typing goes into the notes at once


def test_closing_before_the_draft_has_opened_keeps_it_for_next_time(qtbot: QtBot) -> None:
    store = DraftStore()
    meeting = pond_meeting()
    store.save(meeting)
    SessionMarker(store.root).closed_cleanly(meeting.id)
    window = MainWindow(clock=FakeClock(), tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    window.start_painting_first()  # as at launch: the file is shown, the model not loaded yet
    window.show()
    assert window.windowTitle() == "May 2, 2024 — hostdesk"
    window.close()
    assert store.ids() == [meeting.id]  # no empty meeting saved in its place
    assert started(qtbot).meeting.id == meeting.id


def test_a_damaged_draft_open_last_is_said_and_its_backup_offered(qtbot: QtBot) -> None:
    store = DraftStore()
    march, may = pond_meeting(date(2024, 3, 7)), pond_meeting(date(2024, 5, 2))
    store.save(march)
    store.save(may)
    may.sections[1].notes = "* later notes"
    store.save(may)  # the first version is now its backup
    store.path(may.id).write_text('{"schema_version": 1, "meeting": {"id": 7}}', encoding="utf-8")
    SessionMarker(store.root).closed_cleanly(may.id)
    window = started(qtbot)
    assert window.meeting.id == march.id  # the host gets a meeting to work in
    assert "could not be read" in window.banner.label.text()
    qtbot.mouseClick(window.banner.action, Qt.MouseButton.LeftButton)  # "Restore the backup"
    assert window.meeting.id == may.id and window.meeting.sections[1].notes == "* the pH is fine\n* frogs spotted"


def test_the_title_marks_unsaved_notes_until_the_autosave_and_the_status_bar_counts(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = open_window(qtbot, pond_meeting(), clock)
    qtbot.keyClicks(window.editor, "* Ada")
    assert window.windowTitle() == "• May 2, 2024 — hostdesk"
    assert DraftStore().load(window.meeting.id).sections[0].notes == ""
    clock.now += 1.2  # a pause in the typing
    window.tick()
    assert window.windowTitle() == "May 2, 2024 — hostdesk"
    assert DraftStore().load(window.meeting.id).sections[0].notes == "* Ada"
    clock.now += 3
    window.tick()
    assert window.statusBar().currentMessage() == "Saved 3 s ago"


def test_ctrl_s_saves_at_once(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    qtbot.keyClicks(window.editor, "* kept")
    action(window, "Ctrl+S").trigger()
    assert DraftStore().load(window.meeting.id).sections[0].notes == "* kept"
    assert not window.windowTitle().startswith("•")


def test_header_edits_reach_the_notes(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    window.heading_edit.end(False)
    qtbot.keyClicks(window.heading_edit, " (moved)")
    window.hosts_edit.selectAll()
    qtbot.keyClicks(window.hosts_edit, "Ada / Grace")
    window.date_edit.setDate(QDate(2024, 5, 3))  # the heading follows the date it spelled
    assert window.meeting.date == date(2024, 5, 3)
    assert window.meeting.hosts == ["Ada", "Grace"]
    assert window.heading_edit.text() == "May 3, 2024 (moved)"
    assert render(window.meeting).startswith("## May 3, 2024 (moved)\n* Host: Ada / Grace\n")
    assert window.windowTitle() == "• May 3, 2024 (moved) — hostdesk"


def test_an_undated_meeting_stays_undated_until_the_host_picks_a_date(qtbot: QtBot) -> None:
    meeting = pond_meeting()
    meeting.date, meeting.heading = None, "Spring planning"
    window = open_window(qtbot, meeting)
    window.hosts_edit.selectAll()
    qtbot.keyClicks(window.hosts_edit, "Grace")
    assert window.meeting.date is None  # typing elsewhere does not make up a date
    assert window.date_edit.text() == "no date"
    window.date_edit.setDate(QDate(2024, 4, 4))
    assert window.meeting.date == date(2024, 4, 4)
    assert window.meeting.heading == "Spring planning"


# -- the editor


def test_a_url_pasted_over_selected_text_makes_a_link_and_undo_takes_it_back(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    qtbot.keyClicks(window.editor, "* read the minutes")
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    cursor.movePosition(cursor.MoveOperation.PreviousWord, cursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    QApplication.clipboard().setText("https://pond.example/minutes")
    qtbot.keyClick(window.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.meeting.sections[0].notes == "* read the [minutes](https://pond.example/minutes)"
    assert 'href="https://pond.example/minutes"' in window.preview.toHtml()
    assert "read the minutes" in window.preview.toPlainText()
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.meeting.sections[0].notes == "* read the minutes"
    qtbot.keyClick(
        window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.meeting.sections[0].notes == "* read the [minutes](https://pond.example/minutes)"


def test_pasting_plain_text_over_a_selection_replaces_it(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    qtbot.keyClicks(window.editor, "* frogs")
    window.editor.selectAll()
    mime = QMimeData()
    mime.setText("* newts")
    window.editor.insertFromMimeData(mime)
    assert window.meeting.sections[0].notes == "* newts"


def test_the_preview_follows_the_typing_and_leaves_the_keyboard_in_the_editor(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_section(2)
    qtbot.keyClick(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "Bea brings it")
    assert window.meeting.sections[2].notes == "* who brings the net?\n* Bea brings it"
    assert "Bea brings it" in window.preview.toPlainText()
    assert QApplication.focusWidget() is window.editor


# -- attendees


def test_quick_add_reads_each_form_and_the_roster_fills_the_rest(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    known = Meeting(series="Pond keepers", date=date(2024, 4, 4),
                    attendees=[Attendee(name="Ada Byron", affiliation="Pond Trust", github="adab")])
    window.people.set_roster(Roster.from_meetings([known]))
    quick = window.people.quick_add
    for text in ("Grace Hopper (Navy)", "Kim Lee [Acme]", "Sam Roe, Frog Watch", "Ada Byron"):
        qtbot.keyClicks(quick, text)
        qtbot.keyClick(quick, Qt.Key.Key_Return)
    people = [(a.name, a.affiliation, a.github) for a in window.meeting.attendees]
    assert people == [
        ("Grace Hopper", "Navy", ""),
        ("Kim Lee", "Acme", ""),
        ("Sam Roe", "Frog Watch", ""),
        ("Ada Byron", "Pond Trust", "adab"),
    ]
    model = window.people.model
    assert model.data(model.index(0, 0)).endswith("(new)")
    assert not model.data(model.index(3, 0)).endswith("(new)")
    qtbot.keyClicks(quick, "ada byron")
    qtbot.keyClick(quick, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == "Ada Byron is already on the list."
    assert len(window.meeting.attendees) == 4 and quick.text() == ""


def test_the_quick_add_field_completes_names_the_series_has_seen(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    known = Meeting(series="Pond keepers", date=date(2024, 4, 4), attendees=[Attendee(name="Ada Byron")])
    window.people.set_roster(Roster.from_meetings([known]))
    completer = window.people.completer
    completer.setCompletionPrefix("byr")  # what the field asks as the host types "byr"
    assert completer.completionCount() == 1 and completer.currentCompletion() == "Ada Byron"


def test_a_removed_attendee_comes_back_with_undo(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    for name in ("Grace", "Kim", "Sam"):
        qtbot.keyClicks(window.people.quick_add, name)
        qtbot.keyClick(window.people.quick_add, Qt.Key.Key_Return)
    window.people.table.selectRow(1)
    qtbot.mouseClick(window.people.remove_button, Qt.MouseButton.LeftButton)
    assert [a.name for a in window.meeting.attendees] == ["Grace", "Sam"]
    assert "Kim" not in render(window.meeting)
    assert window.statusBar().currentMessage().startswith("Removed Kim")
    qtbot.mouseClick(window.people.undo_button, Qt.MouseButton.LeftButton)
    assert [a.name for a in window.meeting.attendees] == ["Grace", "Kim", "Sam"]
    assert not window.people.undo_button.isEnabled()


def test_the_next_meeting_offers_last_times_people_one_keystroke_away(qtbot: QtBot) -> None:
    last = pond_meeting()
    last.attendees = [Attendee(name="Ada Byron", affiliation="Pond Trust"), Attendee(name="Grace", present=False)]
    window = open_window(qtbot, last)
    action(window, "Ctrl+N").trigger()
    assert window.meeting.date == date(2024, 5, 16) and window.meeting.attendees == []
    offered = window.people.expected_list
    assert [offered.item(i).text() for i in range(offered.count())] == ["Ada Byron (Pond Trust)", "Grace"]
    offered.setCurrentRow(0)
    qtbot.keyClick(offered, Qt.Key.Key_Return)
    assert [(a.name, a.affiliation) for a in window.meeting.attendees] == [("Ada Byron", "Pond Trust")]
    assert [offered.item(i).text() for i in range(offered.count())] == ["Grace"]
    offered.setCurrentRow(0)
    qtbot.keyClick(offered, Qt.Key.Key_Return)
    assert window.meeting.attendees[1].present  # sent regrets last time, here this time
    assert offered.isHidden()  # everyone from last time is here
    window.people.table.selectRow(1)
    qtbot.mouseClick(window.people.remove_button, Qt.MouseButton.LeftButton)
    assert not offered.isHidden() and offered.item(0).text() == "Grace"


# -- timers


def test_the_timer_keys_work_while_the_host_types(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = open_window(qtbot, pond_meeting(), clock)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClicks(window.editor, "* hello")
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, ctrl)
    assert window.start_button.text() == "Pause"
    clock.now += 60
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, ctrl)
    assert window.current == 1 and window.meeting.sections[0].notes == "* hello"  # no stray newline
    qtbot.keyClick(window.editor, Qt.Key.Key_Enter, ctrl | Qt.KeyboardModifier.KeypadModifier)
    assert window.current == 2
    qtbot.keyClick(window.editor, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.current == 1
    qtbot.keyClick(window.editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current == 2


def test_ctrl_space_starts_and_pauses_and_time_comes_from_the_clock(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = open_window(qtbot, pond_meeting(), clock)
    action(window, "Ctrl+Space").trigger()
    assert window.start_button.text() == "Pause"
    clock.now += 90
    window.tick()
    assert window.clock_label.text() == "1:30"
    assert window.clock_detail.text().startswith("3:30 left")
    action(window, "Ctrl+Space").trigger()
    clock.now += 600  # paused: the clock stands still
    window.tick()
    assert window.clock_label.text() == "1:30" and window.start_button.text() == "Start"


def test_moving_into_a_section_starts_its_timer_unless_the_host_turned_that_off(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = open_window(qtbot, pond_meeting(), clock)
    action(window, "Ctrl+Space").trigger()
    clock.now += 60
    action(window, "Alt+Down").trigger()
    sections = window.meeting.sections
    assert sections[0].timer.done and sections[1].timer.started_at == clock.now
    window.set_preferences(Preferences(start_timer_on_enter=False))
    clock.now += 60
    action(window, "Alt+Down").trigger()
    assert sections[2].timer.started_at is None and sections[1].timer.started_at is not None


def test_ctrl_enter_moves_on_and_the_agenda_says_which_ran_over(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = open_window(qtbot, pond_meeting(), clock)
    action(window, "Ctrl+Space").trigger()
    clock.now += 6 * 60  # one minute over the 5 planned
    action(window, "Ctrl+Return").trigger()
    assert window.current == 1 and window.section_title.text() == "Water quality"
    first = window.sections_model.data(window.sections_model.index(0))
    assert "⏰" in first and "6:00" in first
    assert window.total_label.text().endswith("1:00 behind")


def test_a_running_timer_survives_a_restart_and_a_sleeping_laptop(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = open_window(qtbot, pond_meeting(), clock)
    window.select_section(1)
    action(window, "Ctrl+Space").trigger()
    clock.now += 120
    window.close()
    clock.now += 45 * 60  # the laptop slept through the rest of the call
    again = started(qtbot, clock)
    assert again.current == 1 and again.start_button.text() == "Pause"
    again.tick()
    assert again.clock_label.text() == "47:00"
    assert again.clock_detail.text().endswith("⏰ over time")


# -- accessibility and the palette


def test_every_field_and_list_has_an_accessible_name(qtbot: QtBot) -> None:
    window = open_window(qtbot, pond_meeting())
    kinds = (QLineEdit, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit, QTextEdit)
    unnamed = [
        f"{type(w).__name__} {w.objectName()}"
        for w in window.findChildren(QWidget)
        if isinstance(w, kinds) and not isinstance(w.parent(), kinds) and not w.accessibleName()
    ]
    assert unnamed == []


def test_the_editor_follows_a_switch_to_a_dark_palette_without_touching_the_notes(qtbot: QtBot) -> None:
    meeting = pond_meeting()
    meeting.sections[0].notes = "* see https://pond.example"
    window = open_window(qtbot, meeting)
    light = QApplication.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e0e0e0"))
    dark.setColor(QPalette.ColorRole.Link, QColor("#7ab7ff"))
    QApplication.setPalette(dark)
    try:

        def link_colour() -> str:
            line = window.editor.document().firstBlock().layout().formats()
            return next((r.format.foreground().color().name() for r in line if r.format.fontUnderline()), "")

        qtbot.waitUntil(lambda: link_colour() == "#7ab7ff")  # Qt hands the palette on by event
        assert window.windowTitle() == "May 2, 2024 — hostdesk"  # new colours are no edit
    finally:
        QApplication.setPalette(light)


# -- files that cannot be read or written at start


def test_damaged_settings_are_kept_aside_and_said(qtbot: QtBot, hostdesk_home) -> None:  # type: ignore[no-untyped-def]
    config = hostdesk_home / "config"
    config.mkdir(parents=True)
    (config / "settings.json").write_text("{ not json", encoding="utf-8")
    window = started(qtbot)
    assert not window.banner.isHidden()
    assert "settings.damaged.json" in window.banner.label.text()
    assert (config / "settings.damaged.json").read_text(encoding="utf-8") == "{ not json"
    assert len(window.meeting.sections) == 6  # the meeting opens all the same


def test_unreadable_settings_do_not_stop_the_meeting(qtbot: QtBot, hostdesk_home) -> None:  # type: ignore[no-untyped-def]
    (hostdesk_home / "config" / "settings.json").mkdir(parents=True)  # cannot be read as a file
    window = started(qtbot)
    assert "Could not read" in window.banner.label.text()
    assert window.meeting.sections[0].title == "Welcome new members"
    action(window, "Ctrl+N").trigger()
    assert window.meeting.date is not None and len(window.meeting.sections) == 6


def test_a_read_only_data_folder_still_opens_the_window_and_says_so(
    qtbot: QtBot, tmpfs, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    import subprocess

    home = tmpfs("home")
    subprocess.run(["mount", "-o", "remount,ro", str(home)], check=True)
    monkeypatch.setenv("HOSTDESK_HOME", str(home))
    window = started(qtbot)
    assert window.meeting.sections[0].title == "Welcome new members"
    assert "read-only" in window.banner.label.text()
    qtbot.keyClicks(window.editor, "* still typing")
    assert window.save() is False and "read-only" in window.statusBar().currentMessage()
    assert window.meeting.sections[0].notes == "* still typing"
