"""The import report in the window: after importing, the host sees what was found, what
was flagged and what was left unread, through the real dialog and widgets."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from hostdesk.ui.window import MainWindow
from tests.clock import FakeClock
from tests.conftest import DATA
from tests.publish.github_server import GitHubState
from tests.ui.conftest import DeferredTasks

PEBBLE = DATA / "formats" / "pebble-impossible-dates.md"
HERON = DATA / "formats" / "heron-unread-dates.md"


def window_with(qtbot: QtBot, tasks: DeferredTasks) -> MainWindow:
    window = MainWindow(clock=FakeClock(), tasks=tasks)
    qtbot.addWidget(window)
    window.show()
    return window


def import_through_dialog(window: MainWindow, tasks: DeferredTasks, path: Path) -> None:
    """File, Import notes file…, pick the file: as a host does; then the worker finishes."""
    window.files.import_file_dialog()
    box = window.files.file_box
    assert box is not None
    box.selectFile(str(path))
    box.accept()
    tasks.finish()


def test_flagged_headings_are_counted_and_quoted_in_the_report(qtbot: QtBot, deferred: DeferredTasks) -> None:
    window = window_with(qtbot, deferred)
    import_through_dialog(window, deferred, PEBBLE)
    report = window.files.report_box
    assert report is not None and report.isVisible()
    headline = report.headline.text()
    assert "6 meetings" in headline and "check 3 flagged headings" in headline
    shown = report.details.toPlainText()
    assert "6 meetings (4 dated, 2 undated, 3 flagged), 11 people present" in shown
    for flagged in ("February 30, 2024 (February has no day 30)", "2024-13-26 (there is no month 13)", "April 9, 20244"):
        assert flagged in shown
    assert "style: ## {Month} {d}, {yyyy}; oldest-first" in shown
    assert report.windowTitle().endswith("pebble-impossible-dates.md")


def test_lines_that_look_like_dates_are_listed_as_left_unread(qtbot: QtBot, deferred: DeferredTasks) -> None:
    window = window_with(qtbot, deferred)
    import_through_dialog(window, deferred, HERON)
    report = window.files.report_box
    assert report is not None
    assert "2 lines that look like a date left unread" in report.headline.text()
    shown = report.details.toPlainText()
    assert "left unread, looks like a date: Next call: 2024-06-19, same room." in shown
    assert "left unread, looks like a date: The call of May 1, 2024 was moved to the forum." in shown
    assert "2 meetings (2 dated, 0 undated, 0 flagged), 4 people present" in shown
    assert window.meeting.title == "June 5, 2024"  # the latest meeting is open beside it


def test_the_window_stays_free_while_the_import_runs(qtbot: QtBot, deferred: DeferredTasks) -> None:
    window = window_with(qtbot, deferred)
    window.files.import_file(PEBBLE)
    assert deferred.pending and window.files.report_box is None  # on a worker, not done yet
    assert "Reading pebble-impossible-dates.md" in window.statusBar().currentMessage()
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "* typed meanwhile")
    assert "typed meanwhile" in window.editor.toPlainText()
    deferred.finish()
    assert window.files.report_box is not None and window.files.report_box.isVisible()


def test_control_characters_in_headings_are_shown_as_escapes(
    qtbot: QtBot, deferred: DeferredTasks, tmp_path: Path
) -> None:
    hostile = tmp_path / "hostile.md"
    hostile.write_text(
        "# Hostile notes\n\n## June 5, 2024 \x1b]0;pwned\x07\n\n* Agenda\n\n"
        "## February 30, 2024 \x1b[2J\n\n* More\n",
        encoding="utf-8",
    )
    window = window_with(qtbot, deferred)
    import_through_dialog(window, deferred, hostile)
    report = window.files.report_box
    assert report is not None
    shown = report.details.toPlainText()
    assert "February 30, 2024 \\x1b[2J (February has no day 30)" in shown
    assert "\x1b" not in shown + report.headline.text() + report.windowTitle()
    assert "\x07" not in shown


def test_an_import_from_github_shows_its_report_too(
    qtbot: QtBot, deferred: DeferredTasks, github: GitHubState
) -> None:
    github.add_repo("pebble/infra", {"meetings.md": PEBBLE.read_text(encoding="utf-8")})
    window = window_with(qtbot, deferred)
    window.files.import_github("pebble/infra", "meetings.md", "", github.base)
    deferred.finish()
    report = window.files.report_box
    assert report is not None and report.windowTitle().endswith("pebble/infra/meetings.md")
    assert "check 3 flagged headings" in report.headline.text()
