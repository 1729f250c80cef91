"""The window: keystroke to preview, start-up against a bare PySide6 window, memory.

Runs offscreen. Start-up is measured from just before the process is spawned to the
window's first paint, for hostdesk (the real `hostdesk` entry point, opening a draft of the
largest corpus meeting), for a bare QMainWindow, and for a bare QMainWindow showing one
line of text (what any window with words in it pays: Qt reads the fontconfig setup for
its first text). The three alternate so all see the same machine.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import notes_file, p99, report

CHILD = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def rss_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0

class FirstPaint(QObject):
    # The moment the main window is first painted: what the host sees appear.
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(time.time(), rss_kib(), obj.windowTitle(), flush=True)
            obj.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

real_exec = QApplication.exec
watcher = FirstPaint()

def exec_watched(*_args):
    # On the main window only: a filter on the whole application would run Python for
    # every event of every widget, and time the bench instead of the window.
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow):
            widget.installEventFilter(watcher)
    return real_exec()

QApplication.exec = exec_watched
if sys.argv[1] in ("bare", "text"):
    app = QApplication(sys.argv)
    window = QMainWindow()
    if sys.argv[1] == "text":
        from PySide6.QtWidgets import QLabel
        window.setCentralWidget(QLabel("July 11, 2023 - hostdesk"))
    window.resize(1280, 800)
    window.show()
    sys.exit(app.exec())
else:
    from hostdesk.cli import main
    sys.argv = ["hostdesk"]
    sys.exit(main())
"""


def user_dirs(home: Path) -> dict[str, str]:
    """A host's own data and config folders, found the way a host's are (platformdirs,
    from the XDG variables), not through the HOSTDESK_HOME shortcut the tests use."""
    os.environ.pop("HOSTDESK_HOME", None)
    return {"XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}


def start_once(kind: str, env: dict[str, str], title: str = "") -> tuple[float, int]:
    began = time.time()
    done = subprocess.run([sys.executable, "-c", CHILD, kind], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"the {kind} window did not start: {done.stderr.strip()[-400:]}")
    out = done.stdout.split(maxsplit=2)
    if title and out[2].strip() != title:  # a fast empty window would be no figure at all
        raise RuntimeError(f"the first frame showed {out[2].strip()!r}, not {title!r}")
    return (float(out[0]) - began) * 1000, int(out[1])


def startup(home: Path, title: str) -> None:
    import hostdesk

    # As installed for a host: pip writes bytecode at install time and Python on first run.
    # This machine sets PYTHONDONTWRITEBYTECODE, which would otherwise compile every hostdesk
    # module on every start (about 25 ms) and measure something no host sees.
    compileall.compile_dir(Path(hostdesk.__file__).parent, quiet=1)
    env = {**os.environ, **user_dirs(home), "QT_QPA_PLATFORM": "offscreen"}
    runs: dict[str, list[tuple[float, int]]] = {"bare": [], "text": [], "hostdesk": []}
    titles = {"hostdesk": f"{title} — hostdesk"}
    for _ in range(2):  # warm the file cache
        for kind in runs:
            start_once(kind, env, titles.get(kind, ""))
    for _ in range(15):
        for kind in runs:
            runs[kind].append(start_once(kind, env, titles.get(kind, "")))
    bare = statistics.median(t for t, _ in runs["bare"])
    text = statistics.median(t for t, _ in runs["text"])
    app = statistics.median(t for t, _ in runs["hostdesk"])
    report("start to window shown: bare PySide6 window", [t for t, _ in runs["bare"]])
    report("start to window shown: bare window with one line of text", [t for t, _ in runs["text"]])
    report("start to window shown: hostdesk with a draft open", [t for t, _ in runs["hostdesk"]])
    print(f"{'  start-up ratio hostdesk / bare (medians)':58} {app / bare:8.2f}       target: at most 1.5")
    print(f"{'  floor: one line of text / bare (medians)':58} {text / bare:8.2f}")
    bare_rss = statistics.median(r for _, r in runs["bare"]) / 1024
    app_rss = statistics.median(r for _, r in runs["hostdesk"]) / 1024
    print(f"{'resident memory when shown: bare / hostdesk':58} {bare_rss:6.1f} MB / {app_rss:.1f} MB"
          f"   (+{app_rss - bare_rss:.1f} MB, x{app_rss / bare_rss:.2f})")


def keystrokes(home: Path, meeting_id: str) -> None:
    os.environ.update(user_dirs(home))
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from hostdesk.storage.drafts import DraftStore
    from hostdesk.ui.models import plain
    from hostdesk.ui.window import MainWindow

    app = QApplication.instance() or QApplication([])
    meeting = DraftStore().load(meeting_id)
    window = MainWindow()
    window.start()
    window.show()
    busiest = max(range(len(meeting.sections)), key=lambda i: len(meeting.sections[i].notes))
    window.select_section(busiest)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    app.processEvents()
    times = []
    for n in range(300):
        key = Qt.Key.Key_Backspace if n % 4 == 3 else Qt.Key.Key_A
        start = time.perf_counter()
        QTest.keyClick(window.editor, key)  # the preview is re-rendered before this returns
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    shown = window.preview.toPlainText()
    assert plain(meeting.sections[busiest].title) in shown, "the preview does not show the section typed in"
    report(f"keystroke to preview updated ({len(window.editor.toPlainText())} B section)", times,
           "target: p99 under 16 ms")
    slow = sum(t > 16 for t in times)
    print(f"{'  keystrokes over 16 ms':58} {slow} of {len(times)} (p99 {p99(times):.1f} ms)")
    window.close()


def run() -> None:
    from hostdesk.core.document import parse
    from hostdesk.core.render import render
    from hostdesk.storage.drafts import DraftStore
    from hostdesk.storage.importing import import_document
    from hostdesk.storage.session import SessionMarker

    name, text = notes_file("contributors-meeting-notes.md")
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        os.environ.update(user_dirs(home))
        # As a host who imported their series: every meeting of the file is a draft, and
        # the largest one was open last.
        meetings = import_document(parse(text), "Contributors")
        largest = max(meetings, key=lambda m: len(render(m)))
        SessionMarker(DraftStore().root).closed_cleanly(largest.id)
        size = len(render(largest))
        print(f"({len(meetings)} drafts from {name}; open: {largest.title}, {size} B of Markdown)")
        startup(home, largest.title)
        keystrokes(home, largest.id)
