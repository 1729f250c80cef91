"""`make screenshots`: the main window on a real meeting, saved as PNG into docs/."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QApplication, QWidget

    from hostdesk.ui.window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "flyte-community" / "community-meeting-notes.md"
OWN = ROOT / "tests" / "data" / "garden-club-notes.md"


def main(out: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["HOSTDESK_HOME"] = tempfile.mkdtemp(prefix="hostdesk-shot-")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from hostdesk.core.document import parse
    from hostdesk.storage.importing import import_document
    from hostdesk.ui.tasks import TaskRunner
    from hostdesk.ui.window import MainWindow

    app = QApplication(sys.argv)
    source = CORPUS if CORPUS.exists() else OWN
    series = "Flyte community" if source == CORPUS else "Garden tooling"
    imported = import_document(parse(source.read_text(encoding="utf-8")), series)  # as a host would
    meeting = next(m for m in imported if m.attendees)
    clock = [1_700_000_000.0]
    window = MainWindow(clock=lambda: clock[0], tasks=TaskRunner(inline=True))
    window.open_meeting(meeting)
    window.toggle_timer()
    clock[0] += 200
    window.next_section()
    clock[0] += 430
    window.select_section(1)
    window.tick()
    window.show()
    window.editor.setFocus()
    QTimer.singleShot(300, app.quit)  # let the window finish what follows its first paint
    app.exec()
    Path(out).mkdir(parents=True, exist_ok=True)
    window.grab().save(str(Path(out) / "main-window.png"))
    window.tabs.setCurrentIndex(1)
    app.processEvents()
    window.grab().save(str(Path(out) / "attendees.png"))
    keyboard_flow(app, window, Path(out))
    print(f"wrote main-window, attendees, caret-after-switch, attendee-shortcut, import-dialog and "
          f"import-report PNGs into {out} from {source.name}")
    return 0


def keyboard_flow(app: QApplication, window: MainWindow, out: Path) -> None:
    """The keyboard during a call, at 1280x800: the caret waiting at the end of a section
    moved into with Alt+Down, the attendee field reached with Ctrl+Shift+A, and the
    import-from-GitHub dialog with nothing cut."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.resize(1280, 800)
    window.tabs.setCurrentIndex(0)
    window.hide()  # the offscreen platform activates a window as it is shown, and only then
    window.show()
    QTest.qWaitForWindowActive(window, 2000)  # shortcuts go to the active window only
    window.editor.setFocus()
    alt = Qt.KeyboardModifier.AltModifier
    QTest.keyClick(window.editor, Qt.Key.Key_Up, alt)
    QTest.keyClick(window.editor, Qt.Key.Key_Down, alt)
    window.editor.setCursorWidth(3)  # a caret that shows in a still picture
    app.processEvents()
    window.grab().save(str(out / "caret-after-switch.png"))
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(window.editor, Qt.Key.Key_A, ctrl_shift)
    QTest.keyClicks(window.people.quick_add, "Ada Lovelace (Analytical Engines)")
    app.processEvents()
    window.grab().save(str(out / "attendee-shortcut.png"))
    window.files.import_github_dialog()
    box = window.files.github_box
    assert box is not None
    box.api_url.setText("https://github.example.org/api/v3")
    box.path.setText("community/meetings/2024-notes.md")
    box.adjustSize()
    app.processEvents()
    shot = framed(window, box)
    shot.save(str(out / "import-dialog.png"))
    box.reject()
    import_report(app, window, out)


def import_report(app: QApplication, window: MainWindow, out: Path) -> None:
    """The report after importing a file with impossible dates, over the 1280x800 window."""
    window.files.import_file(ROOT / "tests" / "data" / "formats" / "pebble-impossible-dates.md")
    box = window.files.report_box
    assert box is not None
    app.processEvents()
    framed(window, box).save(str(out / "import-report.png"))
    box.reject()


def framed(window: QWidget, box: QWidget) -> QPixmap:
    """Offscreen there is no window manager to draw a dialog's frame: the dialog is shown
    centred over the window, its title written above it as a frame would."""
    from PySide6.QtGui import QColor, QPainter

    shot = window.grab()
    painter = QPainter(shot)
    inner = box.grab()
    caption = painter.fontMetrics().height() + 10
    left, top = (shot.width() - inner.width()) // 2, (shot.height() - inner.height()) // 2
    frame = QColor("#3c3c3c")
    painter.fillRect(left - 1, top - caption, inner.width() + 2, inner.height() + caption + 1, frame)
    painter.setPen(QColor("white"))
    painter.drawText(left + 8, top - 6, box.windowTitle())
    painter.drawPixmap(left, top, inner)
    painter.end()
    return shot


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs"))
