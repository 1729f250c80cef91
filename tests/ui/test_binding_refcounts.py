"""The Qt binding under the window must not lose references to None: on Python 3.11 that
aborts the window half an hour into a meeting (PySide6 6.12.0, PYSIDE-3474).

The check runs in a child interpreter, so a leaking binding fails this test with the count
instead of aborting the test run. HOSTDESK_CHECK_PYTHON points it at another interpreter
(say, a venv holding PySide6 6.12.0) to see it fail.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = """
from PySide6.QtWidgets import QApplication
import PySide6, sys
app = QApplication([])
from hostdesk.ui.binding import binding_problem, lost_none_references
print(PySide6.__version__, sys.version_info[0], sys.version_info[1], lost_none_references(1000), flush=True)
print(binding_problem() or "", flush=True)
import os; os._exit(0)  # a leaking binding would abort at exit; the count is what matters
"""


def test_the_installed_qt_binding_keeps_its_references_to_none() -> None:
    python = os.environ.get("HOSTDESK_CHECK_PYTHON", sys.executable)
    done = subprocess.run(
        [python, "-c", CHECK],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    counts, warning = done.stdout.split("\n", 1)
    pyside, major, minor, lost = counts.split()
    if (int(major), int(minor)) >= (3, 12):
        print(f"Python {major}.{minor}: None is immortal, a loss cannot abort the window (PySide6 {pyside})")
    # The window's own check (a banner at start) agrees with the count.
    assert bool(warning.strip()) == (int(lost) > 0 and (int(major), int(minor)) < (3, 12)), warning
    assert int(lost) == 0, (
        f"PySide6 {pyside} on Python {major}.{minor} lost {lost} references to None in 1,000 calls"
    )
