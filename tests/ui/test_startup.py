"""Start-up: the first frame shows the draft before the model, publishing or the preview
have loaded, and takes typing at once; what the host types before the meeting has opened
reaches the draft, in order, with the caret where the keys went; the roster comes from the
drafts index, not from reading every draft."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from hostdesk.core.document import parse
from hostdesk.core.model import Attendee
from hostdesk.storage.draft_lock import DraftLock
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.session import SessionMarker
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.clock import FakeClock
from tests.ui.conftest import DeferredTasks
from tests.ui.test_features import pond_meeting

TYPED = " and the heron came back"
# Starts the real `hostdesk` entry point, reports what the window shows and which modules
# are loaded at its first paint; from that frame on it types TYPED, a key every 20 ms,
# until the meeting has opened and the preview shows it; then closes the window. On the
# turn of the event loop on which start-up's worker is building PySide's Qt namespace
# (ui.qt_namespace), it presses Enter and "x": Enter is a key that is not a character, whose handling
# names the namespace, which the GUI thread must not find half built.
FIRST_PAINT = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from hostdesk.ui import qt_namespace

TYPED = sys.argv[1]

def shown(window):
    return {
        "title": window.windowTitle(),
        "notes": window.editor.toPlainText(),
        "caret": window.editor.textCursor().position(),
        "editable": not window.editor.isReadOnly(),
        "agenda": window.sections_model.rowCount(),
        "modules": sorted(sys.modules),
        # PySide builds a class's enums when the class is first named; the Qt namespace
        # has over a hundred of them (22-56 ms on the development machine).
        "qt namespace": "Qt" in vars(sys.modules["PySide6.QtCore"]),
    }

class FirstPaint(QObject):
    def eventFilter(self, window, event):
        if event.type() != QEvent.Type.Paint:
            return False
        window.removeEventFilter(self)
        report = {"first paint": shown(window), "typed before it opened": 0, "pressed": ""}
        keys = list(TYPED)

        def press(text):
            from PySide6.QtTest import QTest

            if not window.owner.is_open:
                report["typed before it opened"] += 1
            report["pressed"] += text
            QTest.keyClicks(window.editor, text)

        def enter_while_building():
            if qt_namespace.building() and "Qt" in vars(sys.modules["PySide6.QtCore"]):  # half built
                report["enter while building"] = True
                press("\\rx")
            if not window.owner.is_open:
                QTimer.singleShot(0, enter_while_building)

        def type_on():
            if keys:
                press(keys.pop(0))
                QTimer.singleShot(20, type_on)
            elif window.owner.is_open and window.preview.toPlainText():
                report["settled"] = shown(window)
                report["settled"]["preview"] = window.preview.toPlainText()
                window.close()
                print(json.dumps(report))
                QApplication.instance().quit()
            else:
                QTimer.singleShot(20, type_on)

        QTimer.singleShot(0, type_on)  # the first key as soon as the frame is on screen
        QTimer.singleShot(0, enter_while_building)
        return False

watcher = FirstPaint()
real_exec = QApplication.exec
def exec_watched(*_args):
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow):
            widget.installEventFilter(watcher)
    return real_exec()
QApplication.exec = exec_watched
from hostdesk.cli import main
sys.argv = ["hostdesk"]
sys.exit(main())
"""

# Needed only to edit, publish, render the preview or read the keyring: none of them may
# delay the window.
LATER = ["pydantic", "httpx", "keyring", "cmarkgfm", "nh3", "hostdesk.core.model",
         "hostdesk.ui.publishing", "hostdesk.publish.client", "hostdesk.ui.open_dialog"]


@pytest.mark.slow
def test_keys_typed_from_the_first_frame_reach_the_draft(hostdesk_home: Path, garden_notes: str) -> None:
    meeting = parse(garden_notes).meetings[0]
    store = DraftStore()
    store.save(meeting)
    SessionMarker(store.root).closed_cleanly(meeting.id)
    env = {**os.environ, "HOSTDESK_HOME": str(hostdesk_home)}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, TYPED], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    first, settled = report["first paint"], report["settled"]
    notes = meeting.sections[0].notes
    assert first["title"] == f"{meeting.title} — hostdesk"
    assert first["agenda"] == len(meeting.sections)
    assert first["notes"] == notes and first["caret"] == len(notes)  # ready for the next line
    assert [m for m in LATER if m in first["modules"]] == []
    assert not first["qt namespace"]
    assert first["editable"]  # before the model has loaded
    assert report["typed before it opened"] >= 1
    assert report.get("enter while building"), "no turn of the event loop came while the worker built Qt"
    typed = notes + report["pressed"].replace("\r", "\n* ")  # Enter continued the bullet
    assert settled["editable"] and settled["notes"] == typed
    assert settled["caret"] == len(typed)
    assert meeting.sections[0].title in settled["preview"]
    assert DraftStore().load(meeting.id).sections[0].notes == typed
    log = hostdesk_home / "hostdesk.log"  # set up on a worker once the window is on screen
    assert log.exists() and log.stat().st_mode & 0o777 == 0o600


def launching(qtbot: QtBot, tasks: TaskRunner) -> MainWindow:
    """A window as `hostdesk` launches it, on screen, its draft not opened until `tasks` say."""
    window = MainWindow(clock=FakeClock(), tasks=tasks)
    qtbot.addWidget(window)
    window.start_painting_first()
    window.show()
    return window


def test_typing_before_and_after_the_meeting_opens_is_kept_in_order_at_the_caret(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    meeting = pond_meeting()
    DraftStore().save(meeting)
    marker = SessionMarker(DraftStore().root)
    marker.remember_place(meeting.id, 1, len("* the pH is fine"))  # where the host left off
    marker.closed_cleanly(meeting.id)
    interval = sys.getswitchinterval()
    window = launching(qtbot, deferred)
    qtbot.waitUntil(lambda: bool(deferred.pending))  # painted; the model loads on a worker
    assert not window.owner.is_open and not window.editor.isReadOnly()
    assert sys.getswitchinterval() <= 0.001  # meanwhile the typing gets the GIL back soon
    qtbot.keyClicks(window.editor, " (7.2)")
    deferred.finish()  # the meeting opens
    assert window.owner.is_open
    assert sys.getswitchinterval() == interval  # and after, Python's own again
    qtbot.keyClicks(window.editor, ", checked")
    expected = "* the pH is fine (7.2), checked\n* frogs spotted"
    assert window.meeting.sections[1].notes == expected
    assert window.editor.toPlainText() == expected
    assert window.editor.textCursor().position() == len("* the pH is fine (7.2), checked")
    assert window.windowTitle().startswith("•")
    window.close()
    assert DraftStore().load(meeting.id).sections[1].notes == expected


def test_a_draft_open_in_another_window_takes_no_typing_in_the_first_frame(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    meeting = pond_meeting()
    store = DraftStore()
    store.save(meeting)
    SessionMarker(store.root).closed_cleanly(meeting.id)
    other = DraftLock(store.folder / f"{meeting.id}.lock")
    assert other.acquire() is None  # another window has it
    try:
        window = launching(qtbot, deferred)
        qtbot.waitUntil(lambda: bool(deferred.pending))
        assert window.editor.isReadOnly()  # nothing typed here could be kept
        deferred.finish()
        assert window.editor.isReadOnly() and "another hostdesk window" in window.banner.label.text()
    finally:
        other.release()


def test_the_roster_comes_from_the_drafts_index_without_reading_every_draft(qtbot: QtBot) -> None:
    store = DraftStore()
    earlier = pond_meeting()
    earlier.id, earlier.date = "earlier", earlier.date.replace(month=4)
    earlier.attendees = [Attendee(name="Ada Byron", affiliation="Pond Trust")]
    store.save(earlier)
    meeting = pond_meeting()
    store.save(meeting)
    SessionMarker(store.root).closed_cleanly(meeting.id)
    store.summaries()  # the index, as a host who has used hostdesk has it
    # The earlier draft changes on disk without its size or time changing: only a read of
    # the draft itself would see it.
    path = store.path(earlier.id)
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Ada Byron", "Eve Byron"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    window = launching(qtbot, TaskRunner())  # a real worker thread, as at launch
    qtbot.waitUntil(lambda: window.owner.is_open, timeout=20_000)
    window.keys.to_attendees()  # the attendees tab, and with it the roster, when first asked for
    qtbot.waitUntil(lambda: window.roster.get("Ada Byron") is not None, timeout=20_000)
    assert window.roster.get("Eve Byron") is None
    assert window.people.completer.model().stringList() == ["Ada", "Ada Byron"]  # the host too


def test_keys_typed_and_the_window_closed_before_the_meeting_opened_are_kept(qtbot: QtBot) -> None:
    meeting = pond_meeting()
    DraftStore().save(meeting)
    SessionMarker(DraftStore().root).closed_cleanly(meeting.id)
    window = launching(qtbot, TaskRunner())  # a real worker: closing waits for it
    qtbot.waitExposed(window)
    qtbot.keyClicks(window.editor, "* Bea")  # the section the host was in: the first, empty
    window.close()
    assert DraftStore().load(meeting.id).sections[0].notes == "* Bea"
    assert SessionMarker(DraftStore().root).crashed_draft() is None  # a clean exit


def test_work_queued_for_after_the_first_paint_runs_whether_asked_before_or_after_it(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    ran: list[str] = []
    window = MainWindow(clock=FakeClock(), tasks=deferred)
    qtbot.addWidget(window)
    window.after_first_paint(lambda: ran.append("before"))
    QCoreApplication.processEvents()
    assert ran == []  # nothing runs until the window is on screen
    window.show()
    qtbot.waitUntil(lambda: ran == ["before"])
    window.after_first_paint(lambda: ran.append("after"))
    qtbot.waitUntil(lambda: ran == ["before", "after"])
