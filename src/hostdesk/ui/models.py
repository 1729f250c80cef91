"""Qt item models: adapters over the meeting's sections and attendees, holding no data."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex

from hostdesk.core import timer

if TYPE_CHECKING:
    from hostdesk.core.model import Attendee, Meeting

Index = QModelIndex | QPersistentModelIndex
# Qt.ItemDataRole's values as ints. The agenda is painted in the first frame, and naming
# the Qt namespace there would first build all its hundred-odd enums (22-56 ms).
DISPLAY, EDIT, TOOLTIP, ACCESSIBLE_TEXT, USER = 0, 2, 3, 11, 256
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|`)(.+?)\1")


def plain(markdown_line: str) -> str:
    """A title as a host reads it: link text without its URL, no emphasis marks."""
    return _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", markdown_line)).strip()
STATE_MARK = {
    timer.TimerState.NOT_STARTED: "○",
    timer.TimerState.RUNNING: "▶",
    timer.TimerState.PAUSED: "⏸",
    timer.TimerState.WARNING: "⚠",
    timer.TimerState.OVER: "⏰",
    timer.TimerState.DONE: "✓",
}


class SectionsModel(QAbstractListModel):
    """The agenda: one row per section with planned and elapsed time and its state. It
    reads the meeting, or a draft's file at a glance while the model loads."""

    def __init__(self, meeting: timer.Agenda, clock: Callable[[], float], warn_at: float = 0.8) -> None:
        super().__init__()
        self.meeting, self.clock, self.warn_at = meeting, clock, warn_at

    def set_meeting(self, meeting: timer.Agenda) -> None:
        self.beginResetModel()
        self.meeting = meeting
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.meeting.sections)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self.meeting.sections):
            return None
        section = self.meeting.sections[index.row()]
        now = self.clock()
        state = timer.state(section, now, self.warn_at)
        if role == DISPLAY:
            spent = timer.clock_text(timer.elapsed(section, now))
            title = plain(section.title)
            return f"{STATE_MARK[state]}  {title}\n     {spent} of {section.planned_minutes} min · {state.value}"
        if role == TOOLTIP:
            return f"{section.title}: {state.value}"
        if role == ACCESSIBLE_TEXT:
            return f"{plain(section.title)}, {state.value}"
        if role == USER:
            return state
        return None

    def refresh(self) -> None:
        if self.meeting.sections:
            self.dataChanged.emit(self.index(0), self.index(len(self.meeting.sections) - 1))


class AttendeesModel(QAbstractTableModel):
    """Name, affiliation and GitHub handle, editable in place; "new" people are marked."""

    HEADERS = ("Name", "Affiliation", "GitHub")

    def __init__(self, meeting: Meeting, is_new: Callable[[str], bool]) -> None:
        super().__init__()
        self.meeting, self.is_new = meeting, is_new

    def set_meeting(self, meeting: Meeting) -> None:
        self.beginResetModel()
        self.meeting = meeting
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.meeting.attendees)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: QtCore.Qt.Orientation, role: int = DISPLAY
    ) -> Any:
        if role == DISPLAY and orientation == QtCore.Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self.meeting.attendees):
            return None
        person = self.meeting.attendees[index.row()]
        value = (person.name, person.affiliation, person.github)[index.column()]
        if role in (DISPLAY, EDIT):
            if role == DISPLAY and index.column() == 0 and self.is_new(person.name):
                return f"{value}  (new)"
            return value
        return None

    def flags(self, index: Index) -> QtCore.Qt.ItemFlag:
        if not index.isValid():
            return super().flags(index)
        return super().flags(index) | QtCore.Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid():
            return False
        field = ("name", "affiliation", "github")[index.column()]
        try:
            setattr(self.meeting.attendees[index.row()], field, str(value))
        except ValueError:
            return False
        self.dataChanged.emit(index, index)
        return True

    def refresh(self) -> None:
        if self.meeting.attendees:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.meeting.attendees) - 1, 2))

    def add(self, attendee: Attendee) -> None:
        row = len(self.meeting.attendees)
        self.beginInsertRows(QModelIndex(), row, row)
        self.meeting.attendees.append(attendee)
        self.endInsertRows()

    def remove(self, row: int) -> Attendee:
        self.beginRemoveRows(QModelIndex(), row, row)
        person = self.meeting.attendees.pop(row)
        self.endRemoveRows()
        return person

    def insert(self, row: int, attendee: Attendee) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self.meeting.attendees.insert(row, attendee)
        self.endInsertRows()
