"""Starting the window: a sentence instead of Qt's abort when there is no display."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hostdesk.ui.window import MainWindow

APP_ID = "io.github.hostdesk.Hostdesk"


def set_icon() -> None:
    from importlib.resources import files

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    QApplication.setWindowIcon(QIcon(str(files("hostdesk") / "resources" / "icons" / "hostdesk.svg")))


def has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def warn_of_binding(window: MainWindow) -> None:
    """A Qt binding that would abort the window mid-meeting is said at once, with the fix."""
    from hostdesk.ui.binding import binding_problem

    problem = binding_problem()
    if problem is not None:
        window.banner.say(problem)


def after_opening(window: MainWindow, job: Callable[[], object]) -> None:
    """Run `job` on a turn of its own once the first meeting has opened."""
    waiting = True

    def opened(change: str) -> None:
        nonlocal waiting
        if change == "opened" and waiting:
            waiting = False
            window.turns.add(job)

    window.owner.subscribe(opened)


def _ignore(_result: object) -> None:
    pass


def _said_on_stderr(exc: Exception) -> None:
    print(f"hostdesk: {exc}", file=sys.stderr)


def launch(self_test: bool = False, after_paint: Callable[[], object] | None = None) -> int:
    """The window. `after_paint` (the log file, on a worker) and the app's icon are set up
    once it is on screen."""
    if not has_display():
        print(
            "hostdesk needs a display; on a machine without one, run it as `xvfb-run hostdesk` "
            "(or `xvfb-run make run`).",
            file=sys.stderr,
        )
        return 2
    from PySide6.QtCore import QTimer

    from hostdesk.ui.feature_hook import keep_no_sources

    keep_no_sources()  # first: every module imported from here on would be kept as text
    from PySide6.QtWidgets import QApplication

    from hostdesk import __version__
    from hostdesk.ui.window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("hostdesk")
    app.setOrganizationName("hostdesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # matches packaging/<APP_ID>.desktop, for the launcher's icon
    window = MainWindow()
    if self_test:
        from hostdesk.ui.binding import self_test_line

        line, sound = self_test_line()
        print(line)
        if not sound:
            return 1
        window.start()
    else:
        window.start_painting_first()  # the draft appears first; the model follows
    # Not needed to type: after the meeting has opened, so as not to take the GIL from the
    # worker loading it (at a self-test it is open already).
    for job in (set_icon, lambda: warn_of_binding(window)):
        if self_test:
            window.after_first_paint(job)
        else:
            after_opening(window, job)
    if after_paint is not None:  # on a worker: importing `logging` alone is ~12 ms of Python
        window.after_first_paint(lambda: window.tasks.run(after_paint, _ignore, _said_on_stderr))
    app.aboutToQuit.connect(window.shutdown)  # a quit that closes no window still ends cleanly
    window.show()
    if not self_test:
        # What was queued offline goes out in a worker, once the window is up and idle; the
        # lambda keeps the publishing modules from loading before the first paint.
        QTimer.singleShot(1500, lambda: window.flow.retry_outbox())
    if self_test:
        from PySide6.QtCore import QEventLoop

        rendered = QEventLoop()
        window.preview.renderer.shown.connect(rendered.quit)
        QTimer.singleShot(30_000, rendered.quit)  # a render that never ends fails the test
        window.preview.show_meeting()
        rendered.exec()  # the preview renders on a thread of its own
        window.owner.edit("notes")  # as if the host typed: a new meeting is saved once touched
        ok = window.save() and bool(window.preview.toPlainText())
        window.close()
        return 0 if ok else 1
    return app.exec()
