"""The notes editor: Markdown highlighting; Enter continues a bullet, Tab and Shift+Tab
indent and outdent; a URL pasted over selected text becomes a link."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

_BULLET = re.compile(r"^(\s*)([*+-]|\d+[.)])(\s+)(.*)$")
_URL = re.compile(r"^(https?://|mailto:)\S+$")


class NotesEditor(QPlainTextEdit):
    indent = 2

    def __init__(self) -> None:
        super().__init__()
        from hostdesk.ui.highlighter import MarkdownHighlighter

        self.highlighter = MarkdownHighlighter(self.document(), self.palette())
        self.setTabChangesFocus(False)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the desktop went light or dark
            self.highlighter.set_palette(self.palette())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        cursor = self.textCursor()
        line = cursor.block().text()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if m := _BULLET.match(line):
                if not m[4].strip():  # Enter on an empty bullet ends the list
                    cursor.select(QTextCursor.SelectionType.LineUnderCursor)
                    cursor.removeSelectedText()
                    return
                marker = m[2] if not m[2][0].isdigit() else f"{int(m[2][:-1]) + 1}{m[2][-1]}"
                cursor.insertText(f"\n{m[1]}{marker}{m[3]}")
                return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and _BULLET.match(line):
            start = cursor.block().position()
            edit = QTextCursor(self.document())
            edit.setPosition(start)
            if key == Qt.Key.Key_Tab:
                edit.insertText(" " * self.indent)
            else:
                spaces = len(line) - len(line.lstrip(" "))
                edit.setPosition(start + min(spaces, self.indent), QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:  # type: ignore[no-untyped-def]
        """Pasting a URL over selected text makes a Markdown link of it."""
        text = source.text().strip() if source.hasText() else ""
        cursor = self.textCursor()
        if cursor.hasSelection() and _URL.match(text):
            cursor.insertText(f"[{cursor.selectedText()}]({text})")
            return
        super().insertFromMimeData(source)
