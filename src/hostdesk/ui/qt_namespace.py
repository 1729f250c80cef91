"""PySide's `Qt` namespace, built on the model's worker at start-up.

The first naming of `Qt`, or of any value of its enums (a key's modifiers, a mouse button),
makes PySide build its hundred-odd enums as Python enum classes: 22-56 ms in one piece,
which held the window that long once the meeting had opened. On a worker it is Python code
like any other, and the GUI thread gets the GIL back within the switch interval.

Meanwhile the GUI thread must not name it: it would find it half built (measured: `Qt.Key`
missing, an AttributeError that loses the key). Nothing on the GUI thread names it by
itself before the meeting opens, which is after the build; what a host can set off
sooner (a key that is not a character, a menu item or its shortcut, the attendees tab)
calls `wait()` first.
"""

from __future__ import annotations

import threading

_built = threading.Event()
_built.set()  # nothing under way: naming it builds it here, as PySide always does
_building = False
WAIT_SECONDS = 5.0  # a worker that never started the build (a stopped pool): go on here


def expect_build() -> None:
    """On the GUI thread, before handing `build` to a worker: `wait` waits from now on,
    unless the namespace is built already (a second window)."""
    from PySide6 import QtCore

    if "Qt" not in vars(QtCore):
        _built.clear()


def build() -> None:
    """On the worker: build the namespace (a no-op once built), then let `wait` go."""
    global _building
    _building = True
    try:
        from PySide6.QtCore import Qt

        Qt.Key  # noqa: B018 -- the naming builds it whole
    finally:
        _building = False
        _built.set()


def building() -> bool:
    """Whether a worker is building it at this moment (for the start-up test)."""
    return _building


def wait() -> None:
    """On the GUI thread, before naming `Qt`: a build under way on the worker first ends.
    A worker that has not even begun within WAIT_SECONDS is not waited for again."""
    if not _built.wait(WAIT_SECONDS):
        _built.set()


def never_mind() -> None:
    """The build was expected but will not run (its worker could not be started)."""
    _built.set()
