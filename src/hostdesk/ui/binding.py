"""A check of the installed Qt binding: does it lose references to None?

PySide6 6.12.0 drops one reference to None on each Qt call that returns nothing
(upstream PYSIDE-3474). On Python 3.11 None is still reference-counted, so a window that
makes such calls twice a second aborts with "deallocating None" within a meeting. Python
3.12 made None immortal (PEP 683), where the loss cannot matter.
"""

from __future__ import annotations

import gc
import sys

NONE_IS_IMMORTAL = sys.version_info >= (3, 12)


def lost_none_references(calls: int = 1000) -> int:
    """How many references to None `calls` ordinary void Qt calls lose (0 for a sound
    binding). Needs a QApplication."""
    from PySide6.QtWidgets import QLabel, QProgressBar

    label, bar = QLabel(), QProgressBar()
    gc.collect()
    before = sys.getrefcount(None)
    for i in range(calls):
        label.setText("tick")
        bar.setValue(i % 100)
    after = sys.getrefcount(None)
    return max(0, (before - after) // 2)  # two calls a turn


def binding_problem() -> str | None:
    """A sentence for the host when the binding would abort the window, else None."""
    if NONE_IS_IMMORTAL:
        return None
    lost = lost_none_references(200)
    if lost < 100:  # a sound binding loses none; a leaking one loses one a call
        return None
    from PySide6 import __version__ as pyside

    return (
        f"This PySide6 ({pyside}) loses references on Python {sys.version_info.major}."
        f"{sys.version_info.minor} and would stop the window within an hour; install "
        "PySide6-Essentials older than 6.12 or run hostdesk on Python 3.12 or newer."
    )


def self_test_line() -> tuple[str, bool]:
    """What `hostdesk --self-test` says of the binding, and whether it is sound."""
    from PySide6 import __version__ as pyside

    lost = lost_none_references(1000)
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    sound = NONE_IS_IMMORTAL or lost == 0
    verdict = "sound" if sound else "loses references to None and would abort the window"
    return (
        f"Qt binding: PySide6 {pyside} on Python {python}: {lost} of 1000 calls lost a reference; {verdict}",
        sound,
    )
