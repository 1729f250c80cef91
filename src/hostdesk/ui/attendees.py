"""The attendees tab: a table, a quick-add field with the roster's names, last time's
people one keystroke away, welcome and undo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hostdesk.core.model import Attendee, Meeting
from hostdesk.core.people import parse_person
from hostdesk.core.roster import Roster
from hostdesk.core.series import still_expected
from hostdesk.ui.models import AttendeesModel

WELCOME = "Welcome new members"


class AttendeesPane(QWidget):
    """Edits the meeting's attendees; calls `changed` after every edit, `say` for a sentence."""

    def __init__(
        self, roster: Roster, changed: Callable[[], None], say: Callable[[str], None], settle: Callable[[], None]
    ) -> None:
        super().__init__()
        self.meeting = Meeting()
        self.roster = roster
        self.changed, self.say = changed, say
        self.settle = settle  # the notes editor hands over what it holds (OpenMeeting.hold)
        self.last_removed: tuple[int, Attendee] | None = None
        self.model = AttendeesModel(
            self.meeting, lambda name: self.roster.is_new(name, self.meeting.series, self.meeting.date)
        )
        self._refreshing = False
        self.model.dataChanged.connect(self._edited)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Attendees"))
        self.quick_add = QLineEdit()
        self.quick_add.setPlaceholderText(self.tr("Add: Name [Org], Name (Org) or Name, Org"))
        self.quick_add.setAccessibleName(self.tr("Add attendee"))
        self.quick_add.returnPressed.connect(self.add)
        self.completer = QCompleter()
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.quick_add.setCompleter(self.completer)
        # The regulars: most of a recurring meeting's list is who came last time.
        self.expected_label = QLabel(self.tr("Here last time (double-click or Enter adds):"))
        self.expected_list = QListWidget()
        self.expected_list.setAccessibleName(self.tr("Here last time"))
        self.expected_list.setMaximumHeight(6 * self.expected_list.fontMetrics().height() + 8)
        self.expected_list.itemActivated.connect(self.add_expected)
        self.welcome_button = QPushButton(self.tr("Add to welcome"))
        self.welcome_button.setToolTip(self.tr("List the selected people under “Welcome new members”"))
        self.welcome_button.clicked.connect(self.welcome_selected)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove)
        self.undo_button = QPushButton(self.tr("Undo remove"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_remove)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quick_add)
        layout.addWidget(self.expected_label)
        layout.addWidget(self.expected_list)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for button in (self.welcome_button, self.remove_button, self.undo_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.set_roster(roster)

    def set_roster(self, roster: Roster) -> None:
        self.roster = roster
        self.completer.setModel(QStringListModel([p.name for p in roster], self.completer))
        self._refreshing = True  # who is "(new)" may have changed; the notes have not
        self.model.refresh()
        self._refreshing = False

    def _edited(self) -> None:
        if not self._refreshing:
            self.changed()

    def set_meeting(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.model.set_meeting(meeting)
        self.last_removed = None
        self.undo_button.setEnabled(False)
        self.show_expected()

    def show_expected(self) -> None:
        self.expected_list.clear()
        for person in still_expected(self.meeting):
            shown = person.name + (f" ({person.affiliation})" if person.affiliation else "")
            item = QListWidgetItem(shown, self.expected_list)
            item.setData(Qt.ItemDataRole.UserRole, person.name)
        empty = self.expected_list.count() == 0
        self.expected_label.setHidden(empty)
        self.expected_list.setHidden(empty)

    def add_expected(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        person = next((p for p in still_expected(self.meeting) if p.name == name), None)
        if person is not None:
            self._append(person.model_copy(update={"present": True}))  # here now, whatever last time

    def add(self) -> None:
        text = self.quick_add.text().strip()
        if not text:
            return
        person = parse_person(text)
        known = self.roster.get(person.name)
        attendee = Attendee(
            name=known.name if known and not person.affiliation else person.name,
            affiliation=person.affiliation or (known.affiliation if known else ""),
            github=person.github or (known.github if known else ""),
        )
        self.quick_add.clear()
        if any(a.name.casefold() == attendee.name.casefold() for a in self.meeting.attendees):
            self.say(self.tr("%s is already on the list.") % attendee.name)
            return
        self._append(attendee)

    def _append(self, attendee: Attendee) -> None:
        self.model.add(attendee)
        self.table.selectRow(len(self.meeting.attendees) - 1)
        self.show_expected()
        self.changed()

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()} or {self.table.currentIndex().row()}
        return sorted(r for r in rows if 0 <= r < len(self.meeting.attendees))

    def welcome_section_notes(self) -> str | None:
        self.settle()  # the line goes after what the host just typed there, not over it
        section = next((s for s in self.meeting.sections if s.title.startswith(WELCOME)), None)
        if section is None:
            self.say(self.tr("This meeting has no “Welcome new members” section."))
            return None
        for row in self.selected_rows():
            person = self.meeting.attendees[row]
            line = f"* {person.name}" + (f" ({person.affiliation})" if person.affiliation else "")
            if line not in section.notes.split("\n"):
                section.notes = (section.notes + "\n" + line).strip("\n")
        return section.notes

    def welcome_selected(self) -> None:
        if self.welcome_section_notes() is not None:
            self.changed()

    def remove(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < len(self.meeting.attendees):
            self.last_removed = (row, self.model.remove(row))
            self.show_expected()
            self.undo_button.setEnabled(True)
            self.say(self.tr("Removed %s — Undo remove brings them back.") % self.last_removed[1].name)
            self.changed()

    def undo_remove(self) -> None:
        if self.last_removed:
            row, person = self.last_removed
            self.model.insert(row, person)
            self.show_expected()
            self.last_removed = None
            self.undo_button.setEnabled(False)
            self.changed()
