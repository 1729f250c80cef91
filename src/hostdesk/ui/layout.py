"""The window's size, splitter and tab, remembered between runs in the config folder."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget

from hostdesk.storage.paths import config_root


class WindowLayout:
    """Restores a window's geometry at once and its splitter once the window has its real
    width (`settle`, from its showEvent and when a pane is added); saves all three."""

    def __init__(self, window: QMainWindow, splitter: QSplitter, tabs: QTabWidget) -> None:
        self.window, self.splitter, self.tabs = window, splitter, tabs
        self._pending: QByteArray | None = None

    def _store(self) -> QSettings:
        return QSettings(str(config_root() / "window.ini"), QSettings.Format.IniFormat)

    def restore(self) -> None:
        saved = self._store()
        geometry, splitter = saved.value("geometry"), saved.value("splitter")
        if isinstance(geometry, QByteArray):
            self.window.restoreGeometry(geometry)
        self._pending = splitter if isinstance(splitter, QByteArray) else None
        tab = saved.value("tab")
        if tab is not None:
            self.tabs.blockSignals(True)  # the notes keep the keyboard at start
            self.tabs.setCurrentIndex(int(str(tab)))
            self.tabs.blockSignals(False)

    def settle(self, final: bool) -> None:
        # Restored earlier, a resize would share out the difference again. `final`: the
        # last pane (which sets the right-hand pane's minimum width) is in.
        if self._pending is not None and self.window.isVisible():
            self.splitter.restoreState(self._pending)
            if final:
                self._pending = None

    def save(self) -> None:
        saved = self._store()
        saved.setValue("geometry", self.window.saveGeometry())
        saved.setValue("splitter", self.splitter.saveState())
        saved.setValue("tab", self.tabs.currentIndex())
        saved.sync()
