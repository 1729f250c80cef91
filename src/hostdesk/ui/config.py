"""The host's settings as the window uses them, read late and never stopping a meeting:
preferences, a series' template and publish target."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from hostdesk.storage.errors import StorageError

if TYPE_CHECKING:  # pydantic loads after the first paint
    from hostdesk.core.model import Target, Template
    from hostdesk.storage.settings import Preferences, SettingsStore


class Config:
    """Reads and writes settings; a failure is said through `warn` (lasting: a banner) or
    `say` (a status line), and defaults carry on."""

    def __init__(
        self, settings: SettingsStore | None, warn: Callable[[str], None], say: Callable[[str], None]
    ) -> None:
        self._settings = settings
        self._prefs: Preferences | None = None
        self.warn, self.say = warn, say

    @property
    def settings(self) -> SettingsStore:
        if self._settings is None:
            from hostdesk.storage.settings import SettingsStore

            self._settings = SettingsStore()
        return self._settings

    @property
    def prefs(self) -> Preferences:
        """Read once: the first read of the settings file, so a damaged one is set aside
        and said here, before anything else reads it."""
        if self._prefs is None:
            from hostdesk.storage.settings import Preferences

            try:
                self._prefs = self.settings.load().preferences
            except StorageError as exc:
                self.warn(str(exc))
                self._prefs = Preferences()
        return self._prefs

    def set_prefs(self, prefs: Preferences) -> None:
        try:
            self.settings.update(lambda saved: setattr(saved, "preferences", prefs))
        except StorageError as exc:
            self.say(str(exc))
        self._prefs = prefs

    def warn_at(self) -> float:
        return min(self.prefs.warn_at or [0.8])

    def series_template(self, series: str) -> Template | None:
        """The series' own template, or None; unreadable settings must not stop a meeting."""
        if not series:
            return None
        try:
            return self.settings.load().series.get(series)
        except StorageError as exc:
            self.warn(str(exc))
            return None

    def template(self, name: str) -> Template | None:
        try:
            return self.settings.template(name)
        except StorageError as exc:
            self.say(str(exc))
            return None

    def target(self, series: str) -> Target:
        try:
            return self.settings.target(series)
        except StorageError as exc:
            from hostdesk.core.model import Target

            self.say(str(exc))
            return Target()

    def set_target(self, series: str, target: Target) -> None:
        try:
            self.settings.set_target(series, target)
        except StorageError as exc:
            self.say(str(exc) + " The target is used now but not remembered.")
