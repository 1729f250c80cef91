"""Start-up stays light: the first frame shows the draft before the model, publishing or
the preview have loaded, and the draft is open for editing right after."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostdesk.core.document import parse
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.session import SessionMarker

# Starts the real `hostdesk` entry point and reports what the window shows, and which
# modules are loaded, at its first paint and once the event loop has settled.
FIRST_PAINT = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def shown(window):
    return {
        "title": window.windowTitle(),
        "notes": window.editor.toPlainText(),
        "editable": not window.editor.isReadOnly(),
        "agenda": window.sections_model.rowCount(),
        "modules": sorted(sys.modules),
        # PySide builds a class's enums when the class is first named; the Qt namespace
        # has over a hundred of them (12 ms).
        "qt namespace": "Qt" in vars(sys.modules["PySide6.QtCore"]),
    }

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            report = {"first paint": shown(obj)}
            def settled():
                report["settled"] = shown(obj)
                report["settled"]["preview"] = obj.preview.toPlainText()
                print(json.dumps(report))
                QApplication.instance().quit()
            QTimer.singleShot(200, settled)
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
def test_the_first_frame_shows_the_draft_and_editing_follows_at_once(
    hostdesk_home: Path, garden_notes: str
) -> None:
    meeting = parse(garden_notes).meetings[0]
    store = DraftStore()
    store.save(meeting)
    SessionMarker(store.root).closed_cleanly(meeting.id)
    env = {**os.environ, "HOSTDESK_HOME": str(hostdesk_home)}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    first, settled = report["first paint"], report["settled"]
    assert first["title"] == f"{meeting.title} — hostdesk"
    assert first["agenda"] == len(meeting.sections)
    assert first["notes"] == meeting.sections[0].notes
    assert [m for m in LATER if m in first["modules"]] == []
    assert not first["qt namespace"]
    assert not first["editable"]  # a glance of the file until the model has it
    assert settled["editable"] and settled["notes"] == first["notes"]
    assert settled["title"] == first["title"]
    assert meeting.sections[0].title in settled["preview"]
