"""Markdown highlighting for the notes editor: bullets, headings, emphasis, code, links.

Colours come from the palette's link and mid-tone roles, so light and dark themes both read;
the editor hands over its new palette when the desktop switches theme.

A keystroke's line is coloured at once. A change of many lines (a paste, a new section,
a new palette) is coloured in slices on later turns of the event loop, each stopping
once its time budget is spent, the lines on screen first: a 10 MB paste never holds the
window while the lines below the screen take their colours.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtGui import QColor, QFont, QPalette, QTextBlock, QTextCharFormat, QTextDocument, QTextLayout

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPlainTextEdit

_RULES = (
    ("bullet", re.compile(r"^\s*(?:[*+-]|\d+[.)])(?=\s)")),
    ("heading", re.compile(r"^#{1,6}\s.*$")),
    ("bold", re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")),
    ("italic", re.compile(r"(?<![*\w])([*_])(?=\S)([^*_]+?)(?<=\S)\1(?![*\w])")),
    ("code", re.compile(r"`[^`\n]+`")),
    ("link", re.compile(r"\[[^\]\n]+\]\([^)\s]+\)|<?(?:https?://|mailto:)[^\s<>)]+>?")),
    ("mention", re.compile(r"(?<![\w/])@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")),
)

SLICE_SECONDS = 0.004  # a slice's budget, checked after each line: about what a key coming meanwhile waits
AT_ONCE_CHARS = 4000  # a change this small (a keystroke, a line) is coloured before it paints


def _formats(palette: QPalette) -> dict[str, QTextCharFormat]:
    link, muted = palette.color(QPalette.ColorRole.Link), palette.color(QPalette.ColorRole.PlaceholderText)
    out = {name: QTextCharFormat() for name, _ in _RULES}
    out["bullet"].setForeground(muted)
    out["bullet"].setFontWeight(QFont.Weight.Bold)
    out["heading"].setFontWeight(QFont.Weight.Bold)
    out["heading"].setForeground(link)
    out["bold"].setFontWeight(QFont.Weight.Bold)
    out["italic"].setFontItalic(True)
    out["code"].setFontFamilies(["monospace"])
    out["code"].setBackground(QColor(127, 127, 127, 40))
    out["link"].setForeground(link)
    out["link"].setFontUnderline(True)
    out["mention"].setForeground(link)
    return out


class MarkdownHighlighter(QObject):
    """Colours a document's Markdown, as QSyntaxHighlighter would, but never more than a
    slice's budget of it per turn of the event loop. `view`, when given, is the editor
    showing the document: its visible lines are coloured first. `clock` is injected so
    tests can count the work done per turn."""

    def __init__(
        self,
        document: QTextDocument,
        palette: QPalette,
        view: QPlainTextEdit | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        super().__init__(document)
        self.document, self.view, self.clock = document, view, clock
        self.formats = _formats(palette)
        self.highlighted = 0  # lines coloured so far, for tests and benchmarks to count
        self._dirty: list[tuple[int, int]] = []  # character ranges still to colour, in order
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)
        document.contentsChange.connect(self._changed)
        self.rehighlight()

    @property
    def pending(self) -> bool:
        """Whether some lines still wait for their colours."""
        return bool(self._dirty)

    def set_palette(self, palette: QPalette) -> None:
        self.formats = _formats(palette)
        self.rehighlight()

    def rehighlight(self) -> None:
        """Colours the whole document again: the lines on screen now, the rest in slices."""
        self._dirty = [(0, self.document.characterCount())]
        self._slice()

    def highlight_block(self, block: QTextBlock) -> None:
        text = block.text()
        ranges = []
        for name, pattern in _RULES:
            for match in pattern.finditer(text):
                fmt = QTextLayout.FormatRange()
                fmt.start, fmt.length, fmt.format = match.start(), match.end() - match.start(), self.formats[name]
                ranges.append(fmt)
        block.layout().setFormats(ranges)
        self.highlighted += 1

    # -- what changed, and what is left

    def _changed(self, at: int, removed: int, added: int) -> None:
        """The text from `at` changed: ranges after it move, the changed lines are due."""
        shift = added - removed
        moved = []
        for start, end in self._dirty:
            if end <= at:
                moved.append((start, end))
            elif start >= at + removed:
                moved.append((start + shift, end + shift))
            else:  # overlaps the change: keep its untouched ends
                moved.append((min(start, at), max(end + shift, at + added)))
        if added <= AT_ONCE_CHARS:
            self._colour(at, at + added, budget=None)
        else:
            moved.append((at, at + added))
        self._dirty = _merged(moved)
        if self._dirty:
            self._timer.start()

    def _slice(self) -> None:
        """Colours dirty lines until the budget is spent: on screen first, then in order."""
        if not self._dirty:
            return
        start, end = self._dirty[0]
        shown = self._shown()
        if shown is not None:
            for first, last in self._dirty:
                if first < shown[1] and last > shown[0]:
                    start, end = max(first, shown[0]), min(last, shown[1])
                    break
        done = self._colour(start, end, budget=self.clock() + SLICE_SECONDS)
        self._dirty = _merged(_without(self._dirty, start, done))
        if self._dirty:
            self._timer.start()

    def _colour(self, start: int, end: int, budget: float | None) -> int:
        """Colours the lines from the one holding `start` through the one holding `end`,
        or until the clock passes `budget`; returns where it stopped."""
        block = self.document.findBlock(start)
        if not block.isValid():  # past the end: the text it stood for is gone
            return end
        first = block.position()
        stop = first
        while block.isValid() and block.position() <= end:
            self.highlight_block(block)
            stop = block.position() + block.length()
            block = block.next()
            if budget is not None and self.clock() > budget:
                break
        if stop > first:  # the layout redraws what changed colour; no textChanged is sent
            self.document.markContentsDirty(first, stop - first)
        return stop

    def _shown(self) -> tuple[int, int] | None:
        if self.view is None or not self.view.isVisible():
            return None
        top = self.view.firstVisibleBlock().position()
        bottom = self.view.cursorForPosition(QPoint(0, self.view.viewport().height())).block()
        return top, bottom.position() + bottom.length()


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _without(ranges: list[tuple[int, int]], start: int, stop: int) -> list[tuple[int, int]]:
    """`ranges` less the characters from `start` to `stop`, now coloured."""
    out = []
    for first, last in ranges:
        out += [(first, min(last, start)), (max(first, stop), last)]
    return out
