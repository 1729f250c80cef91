"""Find (Ctrl+F): searches the current section's notes, then the following sections."""

from __future__ import annotations

from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from hostdesk.storage.open_meeting import OpenMeeting


class FindBar(QWidget):
    """Searches `editor` (the section on screen), then the owner's other sections."""

    def __init__(self, editor: QPlainTextEdit, owner: OpenMeeting) -> None:
        super().__init__()
        self.editor, self.owner = editor, owner
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Find in the notes"))
        self.field.setAccessibleName(self.tr("Find"))
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.find_next)
        self.previous = QPushButton(self.tr("Previous"))
        self.next = QPushButton(self.tr("Next"))
        self.previous.clicked.connect(lambda: self.find_next(backward=True))
        self.next.clicked.connect(lambda: self.find_next())
        self.result = QLabel()
        self.result.setAccessibleName(self.tr("Find result"))
        close = QPushButton("✕")
        close.setAccessibleName(self.tr("Close find"))
        close.setFlat(True)
        close.clicked.connect(self.close_bar)
        for widget in (QLabel(self.tr("Find:")), self.field, self.previous, self.next, self.result):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(close)
        self.hide()

    def open_bar(self) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt  # not at import: see ui.models

        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def find_next(self, backward: bool = False) -> bool:
        """Select the next match, moving on to other sections and wrapping around."""
        needle = self.field.text()
        if not needle:
            return False
        editor = self.editor
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if editor.find(needle, flags):
            self.result.setText("")
            return True
        sections = self.owner.meeting.sections
        count = len(sections)
        step = -1 if backward else 1
        for offset in range(1, count + 1):
            row = (self.owner.current + step * offset) % count
            if needle.casefold() in sections[row].notes.casefold():
                self.owner.go_to(row)
                editor.moveCursor(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
                editor.find(needle, flags)
                self.result.setText(self.tr("in “%s”") % sections[row].title)
                return True
        self.result.setText(self.tr("Not found"))
        return False
