"""The preview shows the notes as GitHub would, and never holds up the typing."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextBrowser
from pytestqt.qtbot import QtBot

from hostdesk.core.document import parse
from hostdesk.core.html import sanitise
from hostdesk.core.model import Meeting, Section
from hostdesk.core.render import render
from hostdesk.ui.preview import (
    EXCERPT_CHARS,
    STYLE,
    WHOLE_MEETING_LIMIT,
    PreviewRenderer,
    Room,
    html_document,
    preview_markdown,
    to_html,
)
from hostdesk.ui.tasks import TaskRunner, run_now
from hostdesk.ui.window import MainWindow

# A bare URL is a link on GitHub at a line's start, after a space or after one of *_~(
# (but a "(" after "]" holds a named link's target, not a bare URL).
_BARE_URL = re.compile(r"(?:^|(?<=[\s*_~])|(?<=[^\]]\())(https?://[^\s<>]+)", re.MULTILINE)


def linked_part(url: str) -> str:
    """What GFM links of a bare URL: without trailing ?!.,:*_~ or an unmatched ")"."""
    url = url.rstrip("?!.,:*_~")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip("?!.,:*_~")
    return url


# A list item indented under another, by 2 or 4 spaces (or a tab).
_NESTED_ITEM = re.compile(r"^(?:  |    |\t)(?:[*+-]|\d{1,9}[.)]) +\S", re.MULTILINE)


def assert_previews_as_github(markdown_text: str, what: str) -> None:
    """The preview is GitHub's rendering, sanitised; nested items nest (none lost to a
    code block); every bare URL GitHub links is a link."""
    html = to_html(markdown_text)
    github = cmarkgfm.github_flavored_markdown_to_html(markdown_text, options=Options.CMARK_OPT_UNSAFE)
    assert html == STYLE + sanitise(github), what
    if "```" not in markdown_text:
        assert "<pre>" not in html, f"{what}: an indented item became code"
    if _NESTED_ITEM.search(markdown_text):
        assert re.search(r"<li>(?:[^<]|<(?!/?li\b)[^>]*>)*<ul>", html), f"{what}: nothing nests"
    unescaped = html.replace("&amp;", "&")
    for url in _BARE_URL.findall(markdown_text):
        assert f'href="{linked_part(url)}' in unescaped, (what, url)


def test_every_corpus_meeting_previews_exactly_as_github_renders_it(corpus: Path) -> None:
    nested = {2: 0, 4: 0}
    meetings = 0
    for name in ("community-meeting-notes.md", "contributors-meeting-notes.md"):
        for meeting in parse((corpus / name).read_text(encoding="utf-8")).meetings:
            block = render(meeting)
            assert_previews_as_github(block, meeting.title)
            for indent in nested:
                nested[indent] += bool(re.search(rf"^ {{{indent}}}[*-] ", block, re.MULTILINE))
            meetings += 1
    print(f"{meetings} meetings; with 2-space nesting: {nested[2]}, with 4-space: {nested[4]}")
    assert meetings >= 70 and nested[2] > 0 and nested[4] > 0


def test_the_projects_own_notes_preview_exactly_as_github_renders_them(garden_notes: str) -> None:
    for meeting in parse(garden_notes).meetings:
        assert_previews_as_github(render(meeting), meeting.title)
    features = (Path(__file__).resolve().parent.parent / "data" / "preview-features.md").read_text(encoding="utf-8")
    assert_previews_as_github(features.split("```")[0], "preview-features.md")


def test_typing_keeps_the_preview_where_the_host_scrolled_it(qtbot: QtBot) -> None:
    long_notes = "\n".join(f"* point {n}" for n in range(200))
    meeting = Meeting(heading="May 2, 2024", sections=[Section(title="Updates", notes=long_notes)])
    window = MainWindow(tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting)
    bar = window.preview.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    qtbot.keyClicks(window.editor, "typed")
    assert "typed" in window.preview.toPlainText()
    assert bar.value() == kept


class DeferredRunner(TaskRunner):
    """Holds each job until the test finishes it: a render that is still "running"."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None]]] = []

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None]) -> None:
        self.jobs.append((work, on_done, on_error))

    def finish(self) -> None:
        run_now(*self.jobs.pop(0))


def pane_and_renderer(qtbot: QtBot, tasks: TaskRunner, **kwargs: Any) -> tuple[QTextBrowser, PreviewRenderer]:
    pane = QTextBrowser()
    qtbot.addWidget(pane)
    return pane, PreviewRenderer(pane, tasks=tasks, **kwargs)


def test_keystrokes_during_a_render_cost_one_more_render_of_the_latest_text(qtbot: QtBot) -> None:
    runner = DeferredRunner()
    typed = ["* first"]
    reads: list[str] = []

    def source() -> str:
        reads.append(typed[-1])
        return typed[-1]

    pane, renderer = pane_and_renderer(qtbot, runner, source=source)
    renderer.request()
    for text in ("* first s", "* first se", "* first sec"):
        typed.append(text)
        renderer.request()
        assert len(runner.jobs) == 1  # one render in flight, none started beside it
    with qtbot.waitSignal(renderer.shown) as shown:
        runner.finish()
    assert shown.args == ["* first"] and pane.toPlainText().strip() == "first"
    assert len(runner.jobs) == 1  # exactly one more, for the latest text
    runner.finish()
    assert pane.toPlainText().strip() == "first sec" and not runner.jobs and not renderer.busy
    assert reads == ["* first", "* first sec"]  # the Markdown is made once per render


def test_a_render_for_the_meeting_open_before_is_never_shown(qtbot: QtBot) -> None:
    runner = DeferredRunner()
    pane, renderer = pane_and_renderer(qtbot, runner)
    renderer.request("* old meeting")
    renderer.reset()  # another meeting opens while the old one renders
    renderer.request("* new meeting")
    runner.finish()
    assert "old meeting" not in pane.toPlainText()
    runner.finish()
    assert pane.toPlainText().strip() == "new meeting"


def test_a_long_meeting_previews_the_section_being_typed_in(qtbot: QtBot) -> None:
    old = "\n".join(["* an old point"] * (WHOLE_MEETING_LIMIT // 14 + 1))
    meeting = Meeting(heading="May 2, 2024", sections=[
        Section(title="Archive", notes=old), Section(title="Updates", notes="* the point being typed"),
    ])
    pane, renderer = pane_and_renderer(qtbot, TaskRunner(inline=True), source=lambda: preview_markdown(meeting, 1))
    renderer.request()
    shown = pane.toPlainText()
    assert "the point being typed" in shown and "an old point" not in shown
    assert "the preview follows the section you are in" in shown
    meeting.sections[0].notes = "* a short archive"
    renderer.request()
    assert "May 2, 2024" in pane.toPlainText() and "a short archive" in pane.toPlainText()  # the whole meeting


def long_section_pane(qtbot: QtBot, notes: str, caret: int, size: tuple[int, int] | None = None) -> QTextBrowser:
    """A pane showing a long section's preview around `caret` (shown at `size`, if given)."""
    meeting = Meeting(heading="May 2, 2024", sections=[Section(title="Call", notes=notes)])
    pane, renderer = pane_and_renderer(
        qtbot, TaskRunner(inline=True), source=lambda: preview_markdown(meeting, 0, caret)
    )
    if size is not None:
        pane.resize(*size)
        pane.show()
    renderer.request()
    return pane


def test_a_pasted_transcript_previews_the_notes_around_the_cursor(qtbot: QtBot) -> None:
    lines = [f"* transcript line {n}" for n in range(WHOLE_MEETING_LIMIT // 10)]
    meeting = Meeting(heading="May 2, 2024", sections=[Section(title="Call", notes="\n".join(lines))])
    caret = meeting.sections[0].notes.index("transcript line 1000\n")
    pane, renderer = pane_and_renderer(
        qtbot, TaskRunner(inline=True), source=lambda: preview_markdown(meeting, 0, caret)
    )
    renderer.request()
    shown = pane.toPlainText()
    assert "transcript line 1000\n" in shown and "transcript line 0\n" not in shown
    assert "The section is long" in shown and "<pre>" not in to_html(preview_markdown(meeting, 0, caret))
    assert len(shown) < EXCERPT_CHARS * 1.2  # a few screens: showing it costs the GUI thread little


@pytest.mark.parametrize("line", [1000, 1999])  # in the middle; the last, where the host types on
def test_a_pasted_transcripts_preview_shows_the_cursors_line_on_screen(qtbot: QtBot, line: int) -> None:
    notes = "\n".join(f"* transcript line {n}" for n in range(2000))
    pane = long_section_pane(qtbot, notes, notes.index(f"transcript line {line}") + 5, (400, 300))
    found = pane.document().find(f"transcript line {line}")
    assert not found.isNull()
    assert 0 <= pane.cursorRect(found).top() < pane.viewport().height()


def test_a_transcripts_preview_finds_the_cursors_line_among_lines_alike(qtbot: QtBot) -> None:
    """A recording's transcript: lines alike, one paragraph in the preview."""
    said = "Speaker 2 (00:14:07): we went through the checklist again"
    lines = [said] * 600
    lines[401] = "NEXTLINE " + said  # the line after the cursor's
    pane = long_section_pane(qtbot, "\n".join(lines), len("\n".join(lines[:400])) + 10, (400, 300))
    found = pane.document().find("NEXTLINE")
    assert not found.isNull() and found.block().layout().lineCount() > 50  # the lines: one paragraph
    assert 0 <= pane.cursorRect(found).top() < pane.viewport().height()


def test_a_paste_of_one_line_of_megabytes_previews_a_few_screens_of_it_around_the_cursor(qtbot: QtBot) -> None:
    notes = " ".join(f"w{n}" for n in range(400_000))  # ~2.7 MB, no line break
    shown = long_section_pane(qtbot, notes, notes.index(" w200000 ")).toPlainText()
    assert "w200000" in shown and " w0 " not in shown and "w399999" not in shown
    assert len(shown) < EXCERPT_CHARS * 1.2  # not the whole line: that held the GIL ~250 ms


def test_typing_on_at_the_end_of_a_pasted_transcript_keeps_its_preview_drawing(qtbot: QtBot) -> None:
    """Each key re-centres the excerpt on the caret's line and retires the document before;
    a document built later at a retired one's address must not come back as a stale object."""
    said = "\n".join(f"Speaker {n % 3} (00:{n % 60:02d}): we went over the flaky test again" for n in range(900))
    meeting = Meeting(heading="May 2, 2024", sections=[Section(title="Call", notes=said + "\n")])
    pane = QTextBrowser()
    qtbot.addWidget(pane)
    renderer = PreviewRenderer(pane, lambda: preview_markdown(meeting, 0, -1))  # on its own thread
    failures: list[str] = []
    renderer.failed.connect(failures.append)
    for n in range(200):
        meeting.sections[0].notes += "the host types on "[n % 18]
        with qtbot.waitSignals([renderer.shown], raising=False, timeout=5_000):
            renderer.request()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the retired documents go
    assert failures == []
    assert pane.toPlainText().rstrip().endswith(meeting.sections[0].notes[-30:].rstrip())


def test_a_failed_render_says_so_in_the_pane_and_the_next_one_still_runs(qtbot: QtBot) -> None:
    def fragile(html: str, font: QFont, room: Room) -> QTextDocument:
        if "boom" in html:
            raise ValueError("the parser gave up")
        return html_document(html, font, room)

    pane, renderer = pane_and_renderer(qtbot, TaskRunner(inline=True), build=fragile)
    renderer.request("boom")
    assert "The preview could not be drawn: the parser gave up" in pane.toPlainText()
    renderer.request("* fine again")
    assert pane.toPlainText().strip() == "fine again"


def test_typing_during_a_render_on_a_worker_keeps_every_character_and_shows_the_latest(qtbot: QtBot) -> None:
    gate = threading.Event()
    threads: list[int] = []

    def held(html: str, font: QFont, room: Room) -> QTextDocument:
        threads.append(threading.get_ident())
        gate.wait(10)  # the first render is still running while the host types on
        return html_document(html, font, room)

    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    pane, renderer = pane_and_renderer(qtbot, TaskRunner(), source=editor.toPlainText, build=held)
    editor.textChanged.connect(renderer.request)
    editor.show()
    qtbot.keyClicks(editor, "* notes typed ")
    assert renderer.busy  # the keystrokes above all arrived while a render ran
    qtbot.keyClicks(editor, "while it renders")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "* and more")  # a new item: built afresh, not edited in
    gate.set()
    typed = "* notes typed while it renders\n* and more"
    shown = "notes typed while it renders\nand more"
    qtbot.waitUntil(lambda: not renderer.busy and pane.toPlainText().strip() == shown, timeout=10_000)
    assert editor.toPlainText() == typed
    assert len(threads) == 2 and threading.get_ident() not in threads  # two renders, off the GUI thread


def test_the_pane_keeps_where_the_host_scrolled_across_renders(qtbot: QtBot) -> None:
    pane, renderer = pane_and_renderer(qtbot, TaskRunner(inline=True))
    pane.resize(400, 300)
    pane.show()
    notes = "\n".join(f"* point {n}" for n in range(200))
    renderer.request(notes)
    bar = pane.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    renderer.request(notes + "\n* one more")
    assert bar.value() == kept and "one more" in pane.toPlainText()


def test_on_its_own_thread_a_preview_whose_markdown_fails_says_so_and_the_next_change_still_shows(
    qtbot: QtBot,
) -> None:
    """The window's renderer, as it runs: on the preview's thread, started a turn later."""
    notes = ["boom"]

    def source() -> str:
        if notes[-1] == "boom":
            raise ValueError("the notes could not be read")
        return notes[-1]

    pane = QTextBrowser()
    qtbot.addWidget(pane)
    renderer = PreviewRenderer(pane, source)
    with qtbot.waitSignal(renderer.failed):
        renderer.request()
    assert "could not be drawn: the notes could not be read" in pane.toPlainText()
    notes.append("* fine again")
    with qtbot.waitSignal(renderer.shown):
        renderer.request()
    assert pane.toPlainText().strip() == "fine again" and not renderer.busy


def test_a_render_is_laid_out_at_the_width_the_pane_shows_it_whether_its_scroll_bar_comes_or_goes(
    qtbot: QtBot,
) -> None:
    laid_out: list[float] = []

    def measured(html: str, font: QFont, room: Room) -> QTextDocument:
        document = html_document(html, font, room)
        laid_out.append(document.textWidth())
        return document

    pane, renderer = pane_and_renderer(qtbot, TaskRunner(inline=True), build=measured)
    pane.resize(220, 300)
    pane.show()
    qtbot.waitExposed(pane)
    long = "\n".join(f"* point {n} of a long meeting, written out" for n in range(80))
    for text, bar in (("* short", False), (long, True), ("* short\n* again", False)):
        renderer.request(text)
        assert pane.verticalScrollBar().isVisible() == bar
        assert laid_out[-1] == pane.viewport().width()  # the GUI thread had no layout to redo
