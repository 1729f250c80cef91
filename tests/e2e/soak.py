"""A long meeting in the real window, on a fake clock: `python -m tests.e2e.soak --hours 4`.

Ticks the window as its 500 ms timer would for the whole meeting, types thousands of keys
across the sections, switches sections, adds and removes attendees and publishes to the
local GitHub test server on a real worker thread. After each simulated hour it records the
process's resident memory and None's reference count, and prints one JSON line at the end.
tests/e2e/test_soak.py runs it in a child process, so a fatal error is seen as a death.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TICK = 0.5  # seconds: the window's repaint interval
TOKEN = "ghp_hostdeskSOAK0123456789abcdefghijklmn"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def none_refs() -> int:
    gc.collect()
    return sys.getrefcount(None)


def soak(hours: int, keys_per_hour: int) -> dict[str, object]:
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from hostdesk.core.model import Target
    from hostdesk.core.series import from_template
    from hostdesk.storage.drafts import DraftStore
    from hostdesk.storage.settings import SettingsStore
    from hostdesk.ui.tasks import TaskRunner
    from hostdesk.ui.window import MainWindow
    from tests.clock import FakeClock
    from tests.publish.github_server import GitHubServer

    app = QApplication.instance() or QApplication([])
    report: dict[str, object] = {
        "python": f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}",
        "pyside": pyside,
    }
    with GitHubServer() as github:
        github.add_token(TOKEN)
        github.add_repo("garden/notes", {"notes.md": "# Garden\n\n## March 14, 2024\n* Host: Tomás\n"})
        os.environ["GITHUB_TOKEN"] = TOKEN
        clock = FakeClock()
        meeting = from_template(
            SettingsStore().template("Community sync"), date(2024, 3, 28), series="Garden", hosts=["Ingrid"]
        )
        DraftStore().save(meeting)
        window = MainWindow(clock=clock, tasks=TaskRunner())  # a real worker thread publishes
        window.open_meeting(meeting)
        window.show()
        app.processEvents()
        window.set_target(Target(repo="garden/notes", path="notes.md", api_url=github.base))
        ticks_per_hour = int(3600 / TICK)
        key_every = max(1, ticks_per_hour // keys_per_hour)
        rss, refs, keys, switches, people = [], [], 0, 0, 0
        published = False
        started = time.monotonic()
        for hour in range(hours):
            for t in range(ticks_per_hour):
                clock.now += TICK
                window.tick()
                if t % key_every == 0:
                    QTest.keyClick(window.editor, "abcdefghij"[keys % 10])
                    keys += 1
                    if keys % 40 == 0:
                        QTest.keyClick(window.editor, Qt.Key.Key_Return)
                    if keys % 250 == 0:  # the next section, or back to the first
                        if window.current < len(window.meeting.sections) - 1:
                            QTest.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
                        else:
                            window.select_section(0)
                        window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
                        switches += 1
                    if keys % 500 == 0:  # someone joins, and the one before leaves
                        window.people.quick_add.setText(f"Guest {people} [Org {people % 7}]")
                        QTest.keyClick(window.people.quick_add, Qt.Key.Key_Return)
                        people += 1
                        if people > 1:
                            window.people.table.selectRow(0)
                            window.people.remove()
                if t % 200 == 0:
                    app.processEvents()
            if hour == 0:  # after the first hour, so the baseline below includes what it loads
                window.publish()
                deadline = time.monotonic() + 60
                while window.flow.busy and time.monotonic() < deadline:
                    app.processEvents()
                    time.sleep(0.01)  # waiting on a real worker thread, not on a timer
                published = "## March 28, 2024" in github.text("garden/notes", "notes.md")
            app.processEvents()
            rss.append(rss_mb())
            refs.append(none_refs())
        for _ in range(100):  # the preview renders on a thread of its own: let it land
            app.processEvents()
            if window.meeting.sections[window.current].title in window.preview.toPlainText():
                break
            time.sleep(0.01)
        preview = window.preview.toPlainText()
        previewed = window.meeting.sections[window.current].title in preview and "could not" not in preview
        window.close()
        app.processEvents()
    report.update(
        hours=hours,
        ticks=hours * ticks_per_hour,
        keystrokes=keys,
        section_switches=switches,
        attendees_added=people,
        published=published,
        previewed=previewed,
        rss_mb=[round(r, 1) for r in rss],
        none_refcount=refs,
        seconds=round(time.monotonic() - started, 1),
    )
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hours", type=int, default=4)
    parser.add_argument("--keys-per-hour", type=int, default=1000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as home:
        os.environ["HOSTDESK_HOME"] = home
        report = soak(args.hours, args.keys_per_hour)
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
