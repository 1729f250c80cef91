"""The notes editor: Markdown highlighting; Enter starts a bullet in an empty section and
continues one, Tab and Shift+Tab indent and outdent (Ctrl+Tab is left to the window); a
URL pasted over selected text becomes a link; a long paste goes in a slice per turn of
the event loop, so the window keeps painting and taking keys."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from hostdesk.ui import qt_namespace

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData

    from hostdesk.ui.highlighter import MarkdownHighlighter
    from hostdesk.ui.paste import SlicedPaste

_BULLET = re.compile(r"^(\s*)([*+-]|\d+[.)])(\s+)(.*)$")
_URL = re.compile(r"^(https?://|mailto:)\S+$")
# Qt.Key's Shift, Control, Meta, Alt, CapsLock and AltGr as ints: `event.key()` is one, and
# naming Qt.Key would build the whole namespace (see ui.qt_namespace).
_MODIFIER_KEYS = frozenset((0x01000020, 0x01000021, 0x01000022, 0x01000023, 0x01000024, 0x01001103))


class NotesEditor(QPlainTextEdit):
    indent = 2

    def __init__(self) -> None:
        super().__init__()
        self._highlighter: MarkdownHighlighter | None = None
        self._paste: SlicedPaste | None = None
        self.setTabChangesFocus(False)

    def start_highlighting(self) -> MarkdownHighlighter:
        """Switched on once the window is up: the colours' brushes need the Qt namespace,
        which the first frame does without."""
        if self._highlighter is None:
            from hostdesk.ui.highlighter import MarkdownHighlighter

            self._highlighter = MarkdownHighlighter(self.document(), self.palette(), view=self)
        return self._highlighter

    @property
    def highlighter(self) -> MarkdownHighlighter:
        return self.start_highlighting()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._highlighter is not None:
            self._highlighter.set_palette(self.palette())  # the desktop went light or dark

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if (text and text.isprintable()) or (not text and event.key() in _MODIFIER_KEYS):
            # A character, or Shift before a capital: Qt's to type, without naming the Qt
            # namespace, so not waiting for its build on a worker at start-up (ui.qt_namespace).
            super().keyPressEvent(event)
            return
        qt_namespace.wait()  # at start-up PySide may be building it on a worker
        from PySide6.QtCore import Qt  # not at import: see ui.models

        key = event.key()
        cursor = self.textCursor()
        line = cursor.block().text()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.ignore()  # Ctrl+Tab switches tabs; it never indents
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self._blank():  # a section's first line is a bullet
                self.selectAll()
                self.insertPlainText("* ")
                return
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

    def _blank(self) -> bool:
        """Whether the notes are only whitespace: line by line, so that Enter under a
        pasted transcript reads its first line, not all of it."""
        block = self.document().firstBlock()
        while block.isValid():
            if block.text().strip():
                return False
            block = block.next()
        return True

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Pasting a URL over selected text makes a Markdown link of it; a long text goes
        in slices (see ui.paste); anything else is pasted as Qt pastes it."""
        from hostdesk.ui.paste import SLICE_CHARS, SlicedPaste

        text = source.text() if source.hasText() else ""
        cursor = self.textCursor()
        url = text.strip() if cursor.hasSelection() and len(text) < 4096 else ""
        if _URL.match(url):
            cursor.insertText(f"[{cursor.selectedText()}]({url})")
            return
        if len(text) <= SLICE_CHARS:
            super().insertFromMimeData(source)
            return
        self.finish_paste()  # a second long paste follows the first
        self._paste = SlicedPaste(self, text)
        self._paste.finished.connect(self._paste_done)
        self._paste.step()

    @property
    def pasting(self) -> bool:
        """Whether a long paste is still going in."""
        return self._paste is not None

    def finish_paste(self) -> None:
        """Puts the rest of a long paste in at once: call before the text is replaced."""
        if self._paste is not None:
            self._paste.finish()

    def _paste_done(self) -> None:
        # Left to its parent, the editor: a deferred delete of it crashed the tests now and
        # then once the editor itself was gone (one small object per long paste).
        self._paste = None

    def setPlainText(self, text: str) -> None:
        self.finish_paste()  # its rest belongs to the text on screen, not the next one
        super().setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.finish_paste()  # before a click elsewhere (another section) acts on the notes
        super().focusOutEvent(event)
