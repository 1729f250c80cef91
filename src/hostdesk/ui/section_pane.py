"""The section the host is in: its title, planned minutes, "next time" mark, the notes
editor and the find bar. Each section keeps its caret; one not yet visited opens at the
end of its notes, ready for the next line."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from hostdesk.storage.glance import Glance
from hostdesk.storage.open_meeting import OpenMeeting, save_typed_into
from hostdesk.ui.editor import NotesEditor
from hostdesk.ui.findbar import FindBar
from hostdesk.ui.models import plain

# Past this many characters (a pasted transcript) reading the section whole costs more
# than a keystroke may (~5 ms a megabyte to read, ~1 more to normalise), so typing is
# handed to the meeting when the host pauses, at least every HAND_OVER_LATEST_MS while
# they type on, and whenever anything reads the meeting.
READ_EVERY_KEY_CHARS = 500_000
HAND_OVER_PAUSE_MS = 300
HAND_OVER_LATEST_MS = 2_000


class Painted(NamedTuple):
    """The section the first frame shows, of the meeting about to open."""

    meeting_id: str
    row: int
    notes: str
    title: str  # the meeting's


class SectionPane(QWidget):
    """Shows the owner's current section and writes the host's edits through it."""

    def __init__(self, owner: OpenMeeting, say: Callable[[str], None]) -> None:
        super().__init__()
        self.owner, self.say = owner, say
        self.carets: dict[int, int] = {}  # caret per section, this meeting
        self._next_carets: dict[int, int] = {}
        self._shown = -1
        self._showing = False
        self._typing = False  # the owner is telling us of our own keystroke
        self._glance: Painted | None = None  # what the first frame shows
        self._kept = ""  # where typing into the first frame went, if another meeting opened
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
        self._pause, self._latest = QTimer(self), QTimer(self)
        for wait, ms in ((self._pause, HAND_OVER_PAUSE_MS), (self._latest, HAND_OVER_LATEST_MS)):
            wait.setSingleShot(True)
            wait.setInterval(ms)
            wait.timeout.connect(owner.settle)
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
        typed, elsewhere = False, None
        if change == "opened":
            typed, elsewhere = self._place_first_frame_typing()
            self.carets, self._next_carets, self._shown = self._next_carets, {}, -1
            if typed:
                self.carets[self.owner.current] = self.caret()  # where the host is typing
            self.editor.setReadOnly(bool(self.owner.read_only))
            for part in (self.planned, self.next_time):
                part.setEnabled(not self.owner.read_only)
        if change in ("opened", "section"):
            self._show(self.owner.current, keep_notes=typed)
        elif change in ("attendees", "replaced") or (change == "notes" and not self._typing):
            self._refresh()
        if typed:
            self._typed()  # what the host typed before the model came is the section's notes
        if elsewhere is not None:
            self._keep(*elsewhere)

    def show_glance(self, glance: Glance, row: int, caret: int, editable: bool) -> None:
        """The first frame: the section as the draft's file says, the caret where opening
        the meeting puts it. If `editable`, the host types at once; what they type is
        handed to the owner when the meeting opens."""
        section = glance.sections[row]
        self._show_parts(section.title, section.notes, section.planned_minutes, section.next_time)
        self._glance = Painted(glance.id, row, section.notes, glance.title)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(caret, len(section.notes)))
        self.editor.setTextCursor(cursor)
        self.editor.setReadOnly(not editable)

    def first_frame_notice(self) -> str:
        """Where the first frame's typing went when another meeting opened than the one
        typed into (saved into its draft, or kept here if that was damaged, say), as a
        sentence; "" if nowhere. Asked once, by whoever opened the meeting, to say with
        what else it has to say."""
        kept, self._kept = self._kept, ""
        return kept

    def _place_first_frame_typing(self) -> tuple[bool, tuple[str, str, int] | None]:
        """Where what the host typed into the first frame goes. Returns whether it was typed
        into the section that is opening (it stays in the editor), and what to keep here
        instead, if anything.

        When another meeting opens, the text is saved into the first frame's draft if that
        draft can take it (`save_typed_into`). If it cannot, this returns the first frame's
        title and the text and caret the editor holds (the draft's notes, read from a file
        that may now be set aside, and the typing), for `_keep`."""
        glance, self._glance = self._glance, None
        self.editor.finish_paste()  # a long paste into the first frame lands whole first
        text = self.editor.toPlainText()
        if glance is None or text == glance.notes:
            return False, None
        if (glance.meeting_id, glance.row) == (self.owner.meeting.id, self.owner.current) and not self.owner.read_only:
            return True, None
        if not text:  # emptied: the file still has what was there
            return False, None
        elsewhere = glance.meeting_id != self.owner.meeting.id  # not this window's own
        if elsewhere and save_typed_into(self.owner.store, glance.meeting_id, glance.row, glance.notes, text):
            self._kept = self.tr("What you typed into “%s” while it was loading is saved there.") % glance.title
            return False, None
        return False, (glance.title, text, self.caret())

    def _keep(self, title: str, held: str, caret: int) -> None:
        """The first frame's text after the notes of the section that opened, saved like
        typing; on the clipboard if this window may not write the meeting."""
        sections, row = self.owner.meeting.sections, self.owner.current
        if self.owner.read_only or not 0 <= row < len(sections):
            QGuiApplication.clipboard().setText(held)
            self._kept = self.tr(
                "The notes you typed into while “%s” was loading could not be kept in this meeting; "
                "they are on the clipboard."
            ) % title
            return
        own = sections[row].notes.rstrip("\n")
        lead = own + "\n" if own else ""  # on the next line: a list there goes on, and stays tight
        self.owner.edit("notes", lambda m: setattr(m.sections[row], "notes", lead + held))
        cursor = self.editor.textCursor()
        cursor.setPosition(min(len(lead) + caret, len(self.editor.toPlainText())))  # where the keys went
        self.editor.setTextCursor(cursor)
        self._kept = self.tr("The notes you typed into while “%s” was loading are kept in “%s” here.") % (
            title, sections[row].title
        )

    def _show(self, row: int, keep_notes: bool = False) -> None:
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
        notes = self.editor.toPlainText() if keep_notes else section.notes
        self._show_parts(section.title, notes, section.planned_minutes, section.next_time, keep_notes)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(self.carets.get(row, len(notes)), len(notes)))
        self.editor.setTextCursor(cursor)

    def _show_parts(self, title: str, notes: str, planned: int, next_time: bool, keep_notes: bool = False) -> None:
        self._showing = True
        self.section_title.setText(plain(title))
        self.section_title.setToolTip(title)
        if not keep_notes:  # (kept: the host's typing, and its undo, stay as they are)
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
        if self.editor.document().characterCount() > READ_EVERY_KEY_CHARS:
            self.owner.hold(self._hand_over)  # see READ_EVERY_KEY_CHARS
            self._pause.start()  # (again: from this key)
            if not self._latest.isActive():
                self._latest.start()
            return
        self._hand_over()

    def _hand_over(self) -> None:
        """The notes on screen, into the meeting (if they are not there already)."""
        self._pause.stop()
        self._latest.stop()
        if self._showing or not self.owner.is_open or self._shown < 0:
            return
        text, row = self.editor.toPlainText(), self._shown
        if text != self.owner.meeting.sections[row].notes:  # not just new colours
            # The model keeps the notes normalised (no trailing blank lines, no common
            # indent); the editor keeps what was typed, so this echo is not shown back:
            # that would undo a newline just typed and, after a 10 MB paste, re-lay it all.
            self._typing = True
            try:
                self.owner.edit("notes", lambda m: setattr(m.sections[row], "notes", text))
            finally:
                self._typing = False

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
