"""The preview pane's content, rendered off the GUI thread as GitHub would show it."""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from hostdesk.core.html import is_safe_link, notice_html, safe_html
from hostdesk.ui.preview_edit import Shown, TextEdit, text_edit
from hostdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from hostdesk.core.model import Meeting

__all__ = [
    "EXCERPT_CHARS",
    "STYLE",
    "WHOLE_MEETING_LIMIT",
    "PreviewRenderer",
    "Room",
    "html_document",
    "is_safe_link",
    "preview_markdown",
    "preview_source",
    "to_html",
]

STYLE = """
<style>
body { font-family: sans-serif; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
ul { margin-top: 2px; margin-bottom: 2px; }
code { background: rgba(127,127,127,0.15); }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: 2px 6px; }
</style>
"""

# Past this many characters of notes the whole meeting takes Qt longer to lay out than a
# host waits for a keystroke to show (~20 ms at 20 KB, ~50 ms at 50 KB, ~300 ms at 200 KB,
# on a worker: docs/benchmarks.md), so the preview follows the section being typed in
# instead. The largest meeting in a year of a real community's notes is 5 KB.
WHOLE_MEETING_LIMIT = 20_000
# A section past this (a pasted transcript) previews this much around the cursor: about
# three screens, so that showing it costs the GUI thread a few milliseconds per keystroke.
EXCERPT_CHARS = 6_000


def to_html(markdown_text: str) -> str:
    """Safe HTML for the preview pane: only http, https and mailto links survive."""
    return STYLE + safe_html(markdown_text)


@functools.cache
def _blank() -> QTextDocument:
    """An empty document to clone: a document PySide constructs counts a reference to None
    each time Qt lays out a list in it (PySide 6.11, +3 per render of a bulleted meeting),
    while a clone is Qt's own and does not. Never written to, so any thread may clone it."""
    return QTextDocument()


@dataclass(frozen=True)
class Room:
    """The pane's viewport as a render starts: its width and height, and its scroll bar's
    width and whether it shows (the viewport is that much narrower while it does)."""

    width: int = -1
    height: int = -1
    bar: int = 0
    barred: bool = False

    @staticmethod
    def of(pane: QTextBrowser) -> Room:
        viewport, bar = pane.viewport(), pane.verticalScrollBar()
        return Room(viewport.width(), viewport.height(), bar.sizeHint().width(), bar.isVisible())


def html_document(html: str, font: QFont, room: Room | None = None) -> QTextDocument:
    """The pane's document for the preview's HTML, built on whichever thread calls this
    and handed to the GUI thread (Qt's rich-text parsing is what costs, not showing it).
    Laid out here at the width the pane's viewport will have (if known), so that the GUI
    thread does not lay it out again in timer steps, each repainting the scroll bar; the
    viewport narrows when the scroll bar comes with this document, and widens when it
    goes."""
    document = _blank().clone()
    document.setUndoRedoEnabled(False)  # keystrokes edit it in place: no history to keep
    document.setDefaultFont(font)
    document.setHtml(html)
    if room is not None and room.width > 0:
        document.setTextWidth(room.width)
        height = document.size().height()  # lays the whole document out now
        if room.barred and height <= room.height:  # fits: the bar goes, the viewport widens
            document.setTextWidth(room.width + room.bar)
            document.size()
        elif not room.barred and room.bar and 0 < room.height < height:  # the bar comes
            document.setTextWidth(room.width - room.bar)
            document.size()
    app = QCoreApplication.instance()
    if app is not None:
        document.moveToThread(app.thread())
    return document


def preview_runner() -> TaskRunner:
    """A thread of the preview's own: a render never waits behind a publish in the shared
    pool, and on a two-core laptop the preview never takes both cores from the typing."""
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    pool.setExpiryTimeout(-1)
    return TaskRunner(pool=pool)


def preview_source(meeting: Meeting, current: int, caret: int = -1) -> str | Callable[[], str]:
    """What the pane shows, taken on the GUI thread (the meeting is live there): the whole
    meeting's Markdown; for a long one, a job that makes the section's Markdown from its
    notes as they are now (a str: the worker may read it while the host types on), so a
    long section costs the GUI thread nothing per keystroke. See `preview_markdown`."""
    from hostdesk.core.render import render

    if sum(len(s.notes) for s in meeting.sections) + len(meeting.minutes) <= WHOLE_MEETING_LIMIT:
        return render(meeting)
    if not 0 <= current < len(meeting.sections):
        return ""
    section = meeting.sections[current]
    return functools.partial(_section_markdown, section.title, section.notes, caret)


def preview_markdown(meeting: Meeting, current: int, caret: int = -1) -> str:
    """What the pane shows: the whole meeting; for a long one the section the host is in
    (its title and notes as they are, with no re-indenting to pay); for a long section
    (a pasted transcript) its notes around the caret (`caret`: a position in the notes,
    -1 for their end). A first line says which."""
    made = preview_source(meeting, current, caret)
    return made() if callable(made) else made


class Excerpt(str):
    """Markdown of a long section's notes around the caret, so that the pane shows that
    part: `caret_at` is where the caret is in it, from 0 (its start) to 1 (its end), and
    `caret_words` words of the caret's line as they will read in the preview, if any."""

    caret_at = 0.0
    caret_words = ""


# A run of a line's words with no Markdown in it: they read the same in the preview.
_PLAIN_RUN = re.compile(r"(?:[^\W_]|[ ,.;:'\"!?()-]){8,}")


def caret_y(document: QTextDocument, excerpt: Excerpt) -> float:
    """Where the caret's line is in the laid-out `document`, in pixels from its top: of
    the caret's words found on either side of the caret's share of it (a transcript
    repeats its lines), the nearer; else that share of its height."""
    guess = excerpt.caret_at * document.size().height()
    if not excerpt.caret_words:
        return guess
    near = int(excerpt.caret_at * document.characterCount())
    backward = QTextDocument.FindFlag.FindBackward
    found = (document.find(excerpt.caret_words, near), document.find(excerpt.caret_words, near, backward))
    tops = [_top(document, cursor) for cursor in found if not cursor.isNull()]
    return min(tops, key=lambda top: abs(top - guess), default=guess)


def _top(document: QTextDocument, cursor: QTextCursor) -> float:
    """How far down the laid-out document the cursor's selection starts, in pixels: its
    block's top and, in a paragraph of many lines, its line's."""
    block = cursor.block()
    line = block.layout().lineForTextPosition(cursor.selectionStart() - block.position())
    layout = document.documentLayout()
    top = layout.blockBoundingRect(block).top()
    # PySide keeps this wrapper on after Qt deletes the document and its layout with it:
    # a document built later at the same address came back as this layout object.
    shiboken6.invalidate(layout)
    return top + (line.y() if line.isValid() else 0.0)


def _section_markdown(title: str, notes: str, caret: int) -> str:
    if len(notes) <= EXCERPT_CHARS:
        note = QCoreApplication.translate(
            "PreviewRenderer", "The meeting is long: the preview follows the section you are in."
        )
        return f"_{note}_\n\n### {title}\n\n{notes}\n"
    note = QCoreApplication.translate(
        "PreviewRenderer", "The section is long: the preview shows its notes around the cursor."
    )
    caret = len(notes) if caret < 0 else min(caret, len(notes))
    start, end = excerpt_span(notes, caret)
    made = Excerpt(f"_{note}_\n\n### {title}\n\n{textwrap.dedent(notes[start:end])}\n")
    made.caret_at = (caret - start) / max(1, end - start)
    # The caret's line, up to 200 characters either side: a paste may be one line of megabytes.
    before, after = max(0, caret - 200), caret + 200
    newline = notes.rfind("\n", before, caret)
    line_end = notes.find("\n", caret, after)
    line = notes[newline + 1 if newline >= 0 else before : line_end if line_end >= 0 else after]
    runs = [" ".join(run.split()) for run in _PLAIN_RUN.findall(line)]
    made.caret_words = max(runs, key=len, default="")
    return made


def excerpt_span(text: str, caret: int, size: int = EXCERPT_CHARS) -> tuple[int, int]:
    """Where a long section's preview cuts its notes: whole lines around `caret`, about
    half to three quarters of `size` before it and, where the notes go on, to `size` past
    the start (dedented then, so that a cut list does not become a code block); a line
    longer than that (a paste of one line) is cut where the size ends. The start moves in
    steps of a quarter of `size` as the caret does, so that while the host types the
    excerpt stays put and each key's change is edited into the shown preview."""
    step = size // 4
    start = max(0, caret - size // 2) // step * step
    if start:
        newline = text.rfind("\n", max(0, start - size), start)
        start = newline + 1 if newline >= 0 else start
    limit = start + 2 * size
    end = text.find("\n", start + size, limit)
    if end < 0:  # the text ends first, or the line goes on past the limit: cut it, after the caret
        end = len(text) if len(text) <= limit else max(start + size, caret)
    return start, end


# A render's result: its text; a new document or an edit of the shown one; what the pane
# will show then; for an excerpt, how far down the caret's line is.
_Made = tuple[str, QTextDocument | TextEdit, Shown, float | None]


class PreviewRenderer(QObject):
    """Keeps a QTextBrowser showing the latest Markdown without rendering on the GUI
    thread. At most one render is in flight; requests meanwhile leave one pending render,
    which reads its text from `source` only when it starts (as ReText does), so a burst
    of keystrokes costs two renders and the Markdown is produced once for each.

    A render whose HTML differs from what the pane shows only in a run of one paragraph's
    text (a typed character, most keystrokes) edits the shown document in place
    (`preview_edit`); any other builds a document afresh with `build`.

    A finished render is shown even when another is pending (it is nearer than what is
    on screen), unless `reset` was called since it started (another meeting opened).
    By default it renders on a thread of its own (`preview_runner`); tests pass an
    inline or deferred TaskRunner.

    Signals: shown(str) — the pane now shows this Markdown; failed(str) — a render
    failed, with the sentence the pane shows instead.
    """

    shown = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        pane: QTextBrowser,
        source: Callable[[], str | Callable[[], str]] = str,
        tasks: TaskRunner | None = None,
        build: Callable[[str, QFont, Room], QTextDocument] = html_document,
    ) -> None:
        super().__init__(pane)
        self.pane = pane
        self.source = source
        # On its own thread a render starts a turn of the event loop later: after the rest
        # of the keystroke's handling and the editor's repaint, not beside them fighting
        # for the GIL (which cost the keystroke and the render up to 5 ms each).
        self._later = tasks is None
        self.tasks = tasks or preview_runner()
        self.build = build
        self._epoch = 0
        self._running = False
        self._wanted: str | None = None  # text asked for by `request(text)`
        self._pending = False
        self._shown: QTextDocument | None = None  # the document of ours the pane shows
        self._made: Shown | None = None  # what it was made from, while it is unchanged since

    @property
    def busy(self) -> bool:
        return self._running

    def request(self, text: str | None = None) -> None:
        """Show `text` soon, or, without it, what `source` gives when the render starts.
        Cheap: call it on every change."""
        self._wanted, self._pending = text, True
        if not self._running:
            self._schedule()

    def reset(self) -> None:
        """Forget renders under way: what they show belongs to what was open before."""
        self._epoch += 1
        self._pending = False

    def _schedule(self) -> None:
        """Start a render: on the preview's own thread a turn of the event loop from now."""
        self._running = True
        if self._later:
            QTimer.singleShot(0, self, self._start)
        else:
            self._start()

    def _start(self) -> None:
        if not self._pending:  # reset since it was asked for
            self._running = False
            return
        epoch = self._epoch
        try:
            wanted = self._wanted if self._wanted is not None else self.source()
        except Exception as exc:  # said in the pane like a failed render; the next one runs
            self._wanted, self._pending = None, False
            self._failed(epoch, exc)
            return
        self._wanted, self._pending = None, False
        font = QFont(self.pane.font())  # a copy: the worker must not share the pane's
        room = Room.of(self.pane)
        base = self._made

        def work() -> _Made:
            text = wanted() if callable(wanted) else wanted
            html = to_html(text)
            edit = None if base is None else text_edit(base, html, font.key())
            if edit is not None:
                return text, edit, edit.after, None
            document = self.build(html, font, room)  # (the GUI thread's now, but not yet shown)
            made = Shown.of(document, html, font.key())
            return text, document, made, caret_y(document, text) if isinstance(text, Excerpt) else None

        def done(result: _Made) -> None:
            text, change, made, at = result
            if epoch != self._epoch:
                if isinstance(change, QTextDocument):  # Qt's to delete, on this thread: the
                    change.setParent(self.pane)  # worker may hold the last Python reference
                    change.deleteLater()
            elif isinstance(change, QTextDocument):
                self._show(change, at)
                self._made = made
                self.shown.emit(text)
            elif self._shown is not None:  # renders run one at a time: the document it was made for
                change.apply(self._shown)
                self._made = made
                if isinstance(text, Excerpt):  # it follows the caret
                    self._centre(caret_y(self._shown, text))
                self.shown.emit(text)
            self._next()

        self.tasks.run(work, done, lambda exc: self._failed(epoch, exc))

    def _failed(self, epoch: int, exc: Exception) -> None:
        if epoch == self._epoch:
            self._made = None  # the pane shows the sentence now
            sentence = self.tr("The preview could not be drawn: %s") % exc
            self.pane.setHtml(STYLE + notice_html(sentence))
            self.failed.emit(sentence)
        self._next()

    def _next(self) -> None:
        self._running = False
        if self._pending:
            self._schedule()

    def _show(self, document: QTextDocument, caret_top: float | None = None) -> None:
        """On the GUI thread: swap the document in, keeping where the host scrolled; or,
        for an excerpt (which moves with the caret), with the caret's line (`caret_top`
        pixels from its top) in the middle."""
        bar = self.pane.verticalScrollBar()
        keep = bar.value()
        document.setParent(self.pane)
        if not bar.isVisible() and document.size().height() > self.pane.viewport().height():
            # Laid out for the viewport beside the scroll bar it brings: with the bar shown
            # first Qt lays it out once, not at the width without it and again with it
            # (a long meeting's first render in a narrow pane: 14 ms to 5).
            from PySide6.QtCore import Qt  # built by now: this follows the meeting's opening

            policy = self.pane.verticalScrollBarPolicy()
            self.pane.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            self.pane.setDocument(document)
            self.pane.setVerticalScrollBarPolicy(policy)
        else:
            self.pane.setDocument(document)
        if self._shown is not None:
            self._shown.deleteLater()  # the render before's; Qt deletes only its own
        self._shown = document
        bar.setValue(keep)
        if caret_top is not None:
            self._centre(caret_top)

    def _centre(self, caret_top: float) -> None:
        """Scroll the caret's line (`caret_top` pixels from the document's top) to the middle."""
        self.pane.verticalScrollBar().setValue(round(caret_top - self.pane.viewport().height() / 2))
