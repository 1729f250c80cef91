"""The meeting's header row: series, date, heading, hosts, and the publish state and button."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from hostdesk.core.dates import redate
from hostdesk.core.people import format_hosts, parse_hosts
from hostdesk.storage.open_meeting import OpenMeeting

if TYPE_CHECKING:
    from hostdesk.core.model import Meeting

NO_DATE = QDate(2000, 1, 1)  # the date picker's "no date"


class HeaderBar(QWidget):
    """Edits the meeting's date, heading and hosts through the owner, and shows whether
    it is published. `publish_button` is the window's to connect."""

    def __init__(self, owner: OpenMeeting) -> None:
        super().__init__()
        self.owner = owner
        form = QHBoxLayout(self)
        self.series_label = QLabel()
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        # A meeting read without a date shows "no date" (the minimum), not a made-up today.
        self.date_edit.setMinimumDate(NO_DATE)
        self.date_edit.setSpecialValueText(self.tr("no date"))
        self.heading_edit = QLineEdit()
        self.hosts_edit = QLineEdit()
        self.hosts_edit.setPlaceholderText(self.tr("Host / co-host"))
        for label, widget in (
            (self.tr("Series"), self.series_label),
            (self.tr("Date"), self.date_edit),
            (self.tr("Heading"), self.heading_edit),
            (self.tr("Hosts"), self.hosts_edit),
        ):
            widget.setAccessibleName(label)
            form.addWidget(QLabel(label + ":"))
            form.addWidget(widget, 2 if widget in (self.heading_edit, self.hosts_edit) else 0)
        self.heading_flag = QLabel()
        self.heading_flag.setAccessibleName(self.tr("Heading warning"))
        self.heading_flag.hide()  # shown for a doubtful heading date
        form.insertWidget(form.indexOf(self.heading_edit) + 1, self.heading_flag)
        self.publish_state = QLabel()
        self.publish_state.setAccessibleName(self.tr("Publish state"))
        self.publish_button = QPushButton(self.tr("Publish"))
        self.publish_button.setToolTip(self.tr("Publish the notes to GitHub (Ctrl+Shift+P)"))
        form.addWidget(self.publish_state)
        form.addWidget(self.publish_button)
        self._showing = False
        self.date_edit.dateChanged.connect(self._date_picked)
        self.heading_edit.textEdited.connect(self._heading_typed)
        self.hosts_edit.textEdited.connect(self._hosts_typed)
        # Once the notes differ from what was published, each keystroke would fingerprint
        # the whole meeting only to say so again: typing rechecks at most every 300 ms.
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(300)
        self._recheck.timeout.connect(self.show_state)
        self._changed_shown = False
        owner.subscribe(self._changed)

    def _changed(self, change: str) -> None:
        if change in ("opened", "replaced"):
            meeting = self.owner.meeting
            self.show_header(meeting.series, meeting.date, meeting.heading, meeting.hosts)
            self._show_flag()
            for field in (self.date_edit, self.heading_edit, self.hosts_edit):
                field.setReadOnly(bool(self.owner.read_only))
        if change == "notes" and self._changed_shown:
            if not self._recheck.isActive():
                self._recheck.start()
        elif change != "timers":
            self.show_state()

    def show_header(self, series: str, day: date | None, heading: str, hosts: Sequence[str]) -> None:
        self._showing = True
        self.series_label.setText(series or "—")
        self.date_edit.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)
        self.heading_edit.setText(heading)
        self.hosts_edit.setText(format_hosts(list(hosts)))
        self._showing = False

    def show_state(self, published: bool | None = None) -> None:
        """Published, changed since, or not yet; `published` is a glance's word for it."""
        if published is not None:
            if not published:
                self.publish_state.setText(self.tr("not published yet"))
            return
        meeting = self.owner.as_is  # typing held meanwhile comes with its own "notes"
        self._changed_shown = False
        if meeting.published is None:
            state = self.tr("not published yet")
        elif meeting.changed_since_published:
            state, self._changed_shown = self.tr("✎ changed since publishing"), True
        else:
            state = self.tr("✓ published")
        self.publish_state.setText(state)
        if meeting.published is not None:
            self.publish_state.setToolTip(meeting.published.url)

    def _show_flag(self) -> None:
        """A heading read from a file with a doubtful date says so, by sign and by words."""
        flag = self.owner.meeting.heading_flag
        self.heading_flag.setText("⚠" if flag else "")
        words = self.tr("Check the heading: %s") % flag if flag else ""
        self.heading_flag.setToolTip(words)
        self.heading_flag.setAccessibleDescription(words)
        self.heading_flag.setVisible(bool(flag))

    def _date_picked(self, picked: QDate) -> None:
        if self._showing or not self.owner.is_open:
            return
        meeting = self.owner.meeting
        day = None if picked == NO_DATE else date(picked.year(), picked.month(), picked.day())
        heading = redate(meeting.heading, meeting.date, day)
        if heading != meeting.heading:
            self.heading_edit.setText(heading)

        def apply(m: Meeting) -> None:
            m.date, m.heading = day, heading

        self.owner.edit("header", apply)

    def _heading_typed(self, text: str) -> None:
        if self.owner.is_open and self.owner.meeting.heading != text:

            def apply(m: Meeting) -> None:
                m.heading_flag = ""  # the host has looked at the heading
                m.heading = text

            self.owner.edit("header", apply)
            self._show_flag()

    def _hosts_typed(self, text: str) -> None:
        if self.owner.is_open:
            self.owner.edit("header", lambda m: setattr(m, "hosts", parse_hosts(text)))
