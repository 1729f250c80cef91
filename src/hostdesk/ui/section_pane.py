"""The section the host is in: its title, planned minutes, "next time" mark, the notes
editor and the find bar. Each section keeps its caret; one not yet visited opens at the
end of its notes, ready for the next line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from hostdesk.storage.glance import GlanceSection
from hostdesk.storage.open_meeting import OpenMeeting
from hostdesk.ui.editor import NotesEditor
from hostdesk.ui.findbar import FindBar
from hostdesk.ui.models import plain


class SectionPane(QWidget):
    """Shows the owner's current section and writes the host's edits through it."""

    def __init__(self, owner: OpenMeeting, say: Callable[[str], None]) -> None:
        super().__init__()
        self.owner, self.say = owner, say
        self.carets: dict[int, int] = {}  # caret per section, this meeting
        self._next_carets: dict[int, int] = {}
        self._shown = -1
        self._showing = False
        self.section_title = QLabel()
        self.section_title.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.section_title.setWordWrap(True)
        self.planned = QSpinBox(minimum=0, maximum=600, suffix=self.tr(" min planned"))
        self.planned.setAccessibleName(self.tr("Planned minutes"))
        self.planned.valueChanged.connect(self._planned_changed)
        self.next_time = QCheckBox(self.tr("Carry to next meeting"))
        self.next_time.setToolTip(self.tr("These notes come along into the next meeting of the series"))
        self.next_time.toggled.connect(self._next_time_changed)
        self.editor = NotesEditor()
        self.editor.setAccessibleName(self.tr("Section notes"))
        self.editor.textChanged.connect(self._typed)
        self.find_bar = FindBar(self.editor, owner)
        cv = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.section_title, 1)
        top.addWidget(self.planned)
        top.addWidget(self.next_time)
        cv.addLayout(top)
        cv.addWidget(self.editor, 1)
        cv.addWidget(self.find_bar)
        owner.subscribe(self._changed)

    def expect_carets(self, carets: dict[int, int]) -> None:
        """Where the caret was in the meeting about to open (from the last session)."""
        self._next_carets = carets

    def caret(self) -> int:
        return self.editor.textCursor().position()

    def _changed(self, change: str) -> None:
        if change == "opened":
            self.carets, self._next_carets, self._shown = self._next_carets, {}, -1
            self.editor.setReadOnly(bool(self.owner.read_only))
            for part in (self.planned, self.next_time):
                part.setEnabled(not self.owner.read_only)
        if change in ("opened", "section"):
            self._show(self.owner.current)
        elif change in ("notes", "attendees", "replaced"):
            self._refresh()

    def show_glance(self, section: GlanceSection) -> None:
        """The first frame: the section as the draft's file says, not yet editable."""
        self._show_parts(section.title, section.notes, section.planned_minutes, section.next_time)
        self.editor.setReadOnly(True)

    def _show(self, row: int) -> None:
        # A long paste still going in belongs to the section on screen: let it land there
        # before another section's notes replace it (a switch by keyboard keeps the focus).
        self.editor.finish_paste()
        sections = self.owner.meeting.sections
        if not 0 <= row < len(sections):
            return
        if 0 <= self._shown < len(sections):
            self.carets[self._shown] = self.caret()
        section = sections[row]
        self._shown = row
        self._show_parts(section.title, section.notes, section.planned_minutes, section.next_time)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(self.carets.get(row, len(section.notes)), len(section.notes)))
        self.editor.setTextCursor(cursor)

    def _show_parts(self, title: str, notes: str, planned: int, next_time: bool) -> None:
        self._showing = True
        self.section_title.setText(plain(title))
        self.section_title.setToolTip(title)
        self.editor.setPlainText(notes)
        self.planned.setValue(planned)
        self.next_time.setChecked(next_time)
        self._showing = False

    def _refresh(self) -> None:
        """The notes changed elsewhere (a welcome line, their version): show them, caret kept."""
        sections = self.owner.meeting.sections
        if not 0 <= self._shown < len(sections) or self._shown != self.owner.current:
            self._shown = -1
            self._show(self.owner.current)
            return
        notes, shown = sections[self._shown].notes, self.editor.toPlainText()
        if shown != notes:
            caret = self.caret()
            self._showing = True
            self.editor.setPlainText(notes)
            self._showing = False
            cursor = self.editor.textCursor()
            cursor.setPosition(moved_caret(shown, notes, caret))
            self.editor.setTextCursor(cursor)

    def _typed(self) -> None:
        if self._showing or not self.owner.is_open or self._shown < 0:
            return
        text, row = self.editor.toPlainText(), self._shown
        if text != self.owner.meeting.sections[row].notes:  # not just new colours
            self.owner.edit("notes", lambda m: setattr(m.sections[row], "notes", text))

    def _planned_changed(self, minutes: int) -> None:
        if not self._showing and self._shown >= 0:
            row = self._shown
            self.owner.edit("plan", lambda m: setattr(m.sections[row], "planned_minutes", minutes))

    def _next_time_changed(self, checked: bool) -> None:
        if self._showing or self._shown < 0:
            return
        row = self._shown
        self.owner.edit("plan", lambda m: setattr(m.sections[row], "next_time", checked))
        title = self.owner.meeting.sections[row].title
        self.say(
            self.tr("“%s” will come along into the next meeting.") % title
            if checked
            else self.tr("“%s” stays with this meeting.") % title
        )

    def go_to_notes(self) -> None:
        self.editor.setFocus()
        self.editor.ensureCursorVisible()



def moved_caret(old: str, new: str, caret: int) -> int:
    """Where the caret goes when the text changes under it: it stays put if the change
    came after it, else it keeps its distance from the end (where typing usually is)."""
    if old[:caret] == new[:caret]:
        return min(caret, len(new))
    return max(0, len(new) - (len(old) - caret))
