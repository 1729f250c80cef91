"""The keyboard between the notes, the tabs and the attendee field: focus follows the tab
the host picks, a shortcut reaches the attendee field, and Esc goes back to the notes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTabWidget

from hostdesk.ui.section_pane import SectionPane

if TYPE_CHECKING:
    from hostdesk.ui.attendees import AttendeesPane

ATTENDEES_TAB = 1


class KeyboardFlow(QObject):
    """`people` builds the attendees tab when first asked."""

    def __init__(self, tabs: QTabWidget, notes: SectionPane, people: Callable[[], AttendeesPane]) -> None:
        super().__init__(tabs)
        self.tabs, self.notes, self.people = tabs, notes, people
        tabs.currentChanged.connect(self.tab_picked)

    def watch(self, pane: AttendeesPane) -> None:
        pane.quick_add.installEventFilter(self)

    def tab_picked(self, index: int) -> None:
        """A name typed after picking Attendees is a name, not notes."""
        if index == ATTENDEES_TAB:
            self.people().quick_add.setFocus()
        else:
            self.notes.go_to_notes()

    def step(self, by: int) -> None:
        """Ctrl+Tab and Ctrl+Shift+Tab, from wherever the keyboard is."""
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + by) % self.tabs.count())

    def to_attendees(self) -> None:
        self.tabs.setCurrentIndex(ATTENDEES_TAB)
        self.people().quick_add.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import Qt

        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and not self.people().completer.popup().isVisible()  # type: ignore[union-attr]
        ):
            self.notes.go_to_notes()
            return True
        return super().eventFilter(watched, event)
