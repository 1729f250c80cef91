"""When to save while the host types: soon after a pause, regularly during a long burst."""

from __future__ import annotations

from collections.abc import Callable

IDLE_SECONDS = 1.0
MAX_UNSAVED_SECONDS = 10.0


class AutosavePolicy:
    """Decides, from an injected clock, whether the draft is due for a save.

    At most 1 s after the last change, at least every 10 s of continuous typing, and at
    once on section switch, focus loss and quit (the caller saves then and calls `saved`).
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.first_unsaved: float | None = None
        self.last_change: float | None = None
        self.last_saved: float | None = None

    @property
    def dirty(self) -> bool:
        return self.first_unsaved is not None

    def changed(self) -> None:
        now = self.clock()
        if self.first_unsaved is None:
            self.first_unsaved = now
        self.last_change = now

    def due(self) -> bool:
        if self.first_unsaved is None or self.last_change is None:
            return False
        now = self.clock()
        return now - self.last_change >= IDLE_SECONDS or now - self.first_unsaved >= MAX_UNSAVED_SECONDS

    def saved(self) -> None:
        self.first_unsaved = self.last_change = None
        self.last_saved = self.clock()

    def seconds_since_save(self) -> float | None:
        return None if self.last_saved is None else self.clock() - self.last_saved
