"""Small jobs for the GUI thread, one per turn of the event loop."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Turns:
    """Runs jobs in order, one per turn, so that timers (the clock, a keystroke's repaint)
    get through between them. Jobs posted with QTimer.singleShot(0) all run in one go,
    before any timer fires: a handful of 20 ms jobs is then one 100 ms freeze."""

    def __init__(self, parent: QObject) -> None:
        self._jobs: deque[Callable[[], object]] = deque()
        self._timer = QTimer(parent)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)

    @property
    def idle(self) -> bool:
        """Whether every job given has run."""
        return not self._jobs

    def add(self, job: Callable[[], object]) -> None:
        self._jobs.append(job)
        if not self._timer.isActive():
            self._timer.start()

    def _next(self) -> None:
        if self._jobs:
            self._jobs.popleft()()
        if not self._jobs:
            self._timer.stop()
