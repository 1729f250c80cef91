"""A long paste put into the notes a slice per turn of the event loop, undone in one step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPlainTextEdit

# Qt takes in about 10 MB a second here: 256 KB a turn keeps each turn near 25 ms.
SLICE_CHARS = 256_000


class SlicedPaste(QObject):
    """Inserts `text` where the editor's cursor is (over its selection), a slice of whole
    lines per turn, so the window paints and takes keystrokes in between. The slices are
    joined in one undo step, and the cursor ends after the text, as after any paste.

    The editor's listeners hear of the paste once, on the turn after the last slice:
    each textChanged costs them a read of the whole text (tens of milliseconds at 10 MB),
    which after every slice would hold the window longer than the slices themselves.
    Highlighting follows each slice, as it listens to the document.

    Signals: finished() once all the text is in and textChanged was sent."""

    finished = Signal()

    def __init__(self, editor: QPlainTextEdit, text: str, slice_chars: int = SLICE_CHARS) -> None:
        super().__init__(editor)
        self.editor, self.text, self.slice_chars = editor, text, slice_chars
        self.done = 0  # characters inserted so far
        self.cursor = editor.textCursor()  # its own: follows edits made while it waits
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.step)

    def step(self) -> None:
        """Inserts the next slice, or, once all are in, tells the editor's listeners."""
        if self.done == len(self.text):
            self._announce()
            return
        end = self._slice_end()
        blocked = self.editor.blockSignals(True)
        try:
            if self.done:
                self.cursor.joinPreviousEditBlock()
            else:
                self.cursor.beginEditBlock()
            self.cursor.insertText(self.text[self.done : end])
            self.cursor.endEditBlock()
        finally:
            self.editor.blockSignals(blocked)
        self.done = end
        self._timer.start()

    def finish(self) -> None:
        """All the rest at once, and the listeners told: the text is needed whole now."""
        self._timer.stop()
        self.slice_chars = len(self.text)
        if self.done < len(self.text):
            self.step()
        self._timer.stop()
        self._announce()

    def _announce(self) -> None:
        self.editor.setTextCursor(self.cursor)
        self.editor.textChanged.emit()
        self.finished.emit()

    def _slice_end(self) -> int:
        """A slice ends after a line break when there is one, so no line is split (nor a
        Windows line break, which Qt would read as two)."""
        end = self.done + self.slice_chars
        if end >= len(self.text):
            return len(self.text)
        newline = self.text.rfind("\n", self.done, end)
        if newline >= self.done:
            return newline + 1
        return end - 1 if self.text[end - 1] == "\r" else end
