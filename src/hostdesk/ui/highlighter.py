"""Markdown highlighting for the notes editor: bullets, headings, emphasis, code, links.

Colours come from the palette's link and mid-tone roles, so light and dark themes both read;
the editor hands over its new palette when the desktop switches theme.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

_RULES = (
    ("bullet", re.compile(r"^\s*(?:[*+-]|\d+[.)])(?=\s)")),
    ("heading", re.compile(r"^#{1,6}\s.*$")),
    ("bold", re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")),
    ("italic", re.compile(r"(?<![*\w])([*_])(?=\S)([^*_]+?)(?<=\S)\1(?![*\w])")),
    ("code", re.compile(r"`[^`\n]+`")),
    ("link", re.compile(r"\[[^\]\n]+\]\([^)\s]+\)|<?(?:https?://|mailto:)[^\s<>)]+>?")),
    ("mention", re.compile(r"(?<![\w/])@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")),
)


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


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self.formats = _formats(palette)

    def set_palette(self, palette: QPalette) -> None:
        self.formats = _formats(palette)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        for name, pattern in _RULES:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), self.formats[name])
