"""Start-up stays light: what the first frame needs, and nothing heavier, is loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hostdesk.core.document import parse
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.session import SessionMarker

# Starts the real `hostdesk` entry point and reports, at the window's first paint, which
# modules are loaded by then and what the window shows.
FIRST_PAINT = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            QApplication.instance().removeEventFilter(self)
            print(json.dumps({"title": obj.windowTitle(), "modules": sorted(sys.modules)}))
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

watcher = FirstPaint()
real_exec = QApplication.exec
def exec_watched(*_args):
    QApplication.instance().installEventFilter(watcher)
    return real_exec()
QApplication.exec = exec_watched
from hostdesk.cli import main
sys.argv = ["hostdesk"]
sys.exit(main())
"""

# Needed only to publish, to render the preview or to read the keyring: none of them may
# delay the window.
LATER = ["httpx", "keyring", "markdown", "pymdownx", "nh3", "hostdesk.ui.publishing",
         "hostdesk.publish.client", "hostdesk.ui.open_dialog"]


def test_first_paint_shows_the_draft_before_loading_publishing_or_preview(
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
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["title"].startswith(meeting.title)
    loaded = set(shown["modules"])
    assert [m for m in LATER if m in loaded] == []
