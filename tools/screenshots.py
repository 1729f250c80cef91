"""`make screenshots`: the main window on a real meeting, saved as PNG into docs/."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

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
    print(f"wrote {out}/main-window.png and {out}/attendees.png from {source.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs"))
