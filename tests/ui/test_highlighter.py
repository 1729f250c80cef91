"""Highlighting as a host sees it: what they type is coloured at once, a long text is
coloured on screen first and then all of it, and no turn of the event loop does more
than a slice of the work (counted with an injected clock, never timed)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFont, QPalette, QTextBlock
from pytestqt.qtbot import QtBot

from hostdesk.ui.editor import NotesEditor
from hostdesk.ui.highlighter import SLICE_SECONDS, MarkdownHighlighter


class TickingClock:
    """A clock that moves a millisecond each time it is read: a line takes that long."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.001
        return self.now


def shown_editor(qtbot: QtBot, text: str = "") -> NotesEditor:
    editor = NotesEditor()
    qtbot.addWidget(editor)
    editor.resize(600, 400)
    editor.setPlainText(text)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def coloured(block: QTextBlock) -> bool:
    return bool(block.layout().formats())


def bold_spans(block: QTextBlock) -> list[str]:
    text = block.text()
    return [
        text[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.fontWeight() == QFont.Weight.Bold
    ]


def test_typed_markdown_is_coloured_before_the_next_paint(qtbot: QtBot) -> None:
    editor = shown_editor(qtbot, "* earlier line\n")
    editor.start_highlighting()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "* a **vote** now")
    # no waiting: the line a host types in is coloured inside the keystroke itself
    assert "**vote**" in bold_spans(editor.document().lastBlock())


def test_a_long_text_is_coloured_on_screen_first_then_all_a_slice_a_turn(qtbot: QtBot) -> None:
    lines = 3000
    editor = shown_editor(qtbot, "\n".join(f"* item **{n}** see https://example.org/{n}" for n in range(lines)))
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum() // 2)
    highlighter = MarkdownHighlighter(editor.document(), editor.palette(), view=editor, clock=TickingClock())

    per_turn: list[int] = []
    seen = [highlighter.highlighted]

    def probe() -> None:  # another turn of the event loop: how many lines since the last?
        per_turn.append(highlighter.highlighted - seen[0])
        seen[0] = highlighter.highlighted

    ticks = QTimer()
    ticks.timeout.connect(probe)
    ticks.start(0)
    first_shown = editor.firstVisibleBlock()
    qtbot.waitUntil(lambda: coloured(first_shown) and coloured(first_shown.next().next()), timeout=5000)
    assert highlighter.pending  # the lines on screen came first: others still wait
    assert not coloured(editor.document().lastBlock())
    qtbot.waitUntil(lambda: not highlighter.pending, timeout=60_000)
    ticks.stop()
    block, uncoloured = editor.document().firstBlock(), 0
    while block.isValid():
        uncoloured += not coloured(block)
        block = block.next()
    assert uncoloured == 0
    # each slice stops once its budget (a line a millisecond) is spent; a turn may see two
    assert max(per_turn) <= 2 * (round(SLICE_SECONDS * 1000) + 2)
    assert highlighter.highlighted >= lines


def test_a_new_palette_recolours_the_links(qtbot: QtBot) -> None:
    editor = shown_editor(qtbot, "see https://pumps.example for the pump")
    highlighter = editor.start_highlighting()
    palette = QPalette(editor.palette())
    palette.setColor(QPalette.ColorRole.Link, QColor("#c0ffee"))
    highlighter.set_palette(palette)
    qtbot.waitUntil(lambda: not highlighter.pending)
    links = [r for r in editor.document().firstBlock().layout().formats() if r.format.fontUnderline()]
    assert links and links[0].format.foreground().color() == QColor("#c0ffee")


def test_highlighting_changes_no_words(qtbot: QtBot) -> None:
    editor = shown_editor(qtbot, "* **bold** and `code`\n" * 50)
    changed: list[str] = []
    editor.textChanged.connect(lambda: changed.append(editor.toPlainText()))
    highlighter = editor.start_highlighting()
    qtbot.waitUntil(lambda: not highlighter.pending)
    assert "**bold**" in bold_spans(editor.document().firstBlock())
    assert changed == []  # colours alone tell the window nothing changed
