"""A keystroke's change edited into the shown preview reads exactly as a fresh render."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextBrowser
from pytestqt.qtbot import QtBot

from hostdesk.core.document import parse
from hostdesk.core.model import Meeting, Section
from hostdesk.core.render import render
from hostdesk.ui.preview import PreviewRenderer, Room, html_document, preview_markdown, to_html
from hostdesk.ui.preview_edit import Shown, positions, text_edit
from hostdesk.ui.tasks import TaskRunner
from tests.conftest import DATA, SHARED, need_shared

pytestmark = pytest.mark.usefixtures("qapp")  # Qt's fonts and documents need the application


class Typing:
    """A preview kept up to date as a host would type, edited in place where it can be;
    after each keystroke it must hold what a fresh render of the new text holds."""

    def __init__(self, markdown: str) -> None:
        self.markdown = markdown
        self.font = QFont()
        html = to_html(markdown)
        self.document = html_document(html, self.font)
        self.made = Shown.of(self.document, html, self.font.key())
        self.edited = self.built = 0

    def change(self, at: int, removed: int, inserted: str) -> None:
        self.markdown = self.markdown[:at] + inserted + self.markdown[at + removed :]
        html = to_html(self.markdown)
        edit = text_edit(self.made, html, self.font.key())
        fresh = html_document(html, self.font)
        if edit is None:
            self.document, self.built = fresh, self.built + 1
        else:
            edit.apply(self.document)
            self.edited += 1
            assert self.document.toHtml() == fresh.toHtml(), f"after {inserted!r} at {at}"
            assert positions(self.document) == edit.after.raw
        self.made = Shown.of(self.document, html, self.font.key())

    def type(self, at: int, keys: str) -> None:
        for n, key in enumerate(keys):
            self.change(at + n, 0, key)

    def backspace(self, at: int, times: int) -> None:
        for n in range(times):
            self.change(at - n - 1, 1, "")


FEATURES = (DATA / "preview-features.md").read_text(encoding="utf-8")
SENTENCE = "the host types on, while 3 people talk"


@pytest.mark.parametrize(
    ("after", "builds"),
    [
        ("and a third level, still two spaces further", 0),  # a nested bullet's end
        ("four-space", 0),  # mid-line, in a list four spaces deep: a space typed before a space
        ("Numbered first", 0),  # an item with a list under it
        ("fix the shed door", 0),  # a task
        ("## April 4, 2025", 0),  # the heading
        ("[the plan]", 1),  # after a link's text: the link becomes text
        ("| Tomas ", 1),  # a table's cell: its first word starts a text of its own
    ],
)
def test_typing_a_sentence_anywhere_in_a_meeting_edits_the_preview_as_a_fresh_render_shows_it(
    after: str, builds: int
) -> None:
    typing = Typing(FEATURES)
    at = FEATURES.index(after) + len(after)
    typing.type(at, " " + SENTENCE)
    typing.backspace(at + len(SENTENCE) + 1, 12)
    assert typing.built == builds and typing.edited == len(SENTENCE) + 13 - builds


@pytest.mark.parametrize("after", ["~~Cancelled", "keeps https://garden.example.org/in-code"])
def test_typing_where_spaces_change_the_markup_or_count_still_shows_what_a_fresh_render_shows(after: str) -> None:
    """Inside struck text each space undoes the strike until the next word; in code a
    space beside a space is a character of its own."""
    typing = Typing(FEATURES)
    at = FEATURES.index(after) + len(after)
    typing.type(at, " " + SENTENCE)
    typing.backspace(at + len(SENTENCE) + 1, 12)
    assert typing.edited and typing.built


def test_keys_that_change_the_markup_are_rendered_afresh_and_still_read_right() -> None:
    typing = Typing(FEATURES)
    at = FEATURES.index("* Seed swap") + len("* Seed swap")
    typing.type(at, " *bold* and `code` & <b>x</b> _a_b www.example.org &amp; 1. ")
    typing.backspace(at + 10, 10)
    assert typing.built  # each of "*bold*"'s closing star, "`", "&", "<" changes the markup


def test_a_link_url_typed_into_edits_its_address_too() -> None:
    typing = Typing(FEATURES)
    at = FEATURES.index("www.garden.example.org/seeds") + len("www.garden.example.org/seeds")
    typing.type(at, "/more")
    assert "seeds/more" in typing.document.toHtml()  # the link's address, not only its text


def test_text_typed_right_after_a_link_is_not_part_of_the_link() -> None:
    markdown = "* see [the plan](https://garden.example.org/plan) for the beds\n"
    typing = Typing(markdown)
    typing.type(markdown.index(" for the beds"), ", twice,")
    assert typing.edited == 8 and typing.built == 0  # each key an edit, in the plain text's format


def test_a_character_replaced_inside_an_entity_is_never_matched_to_text_that_reads_like_the_entity() -> None:
    """Selecting "<" and typing ">" turns `&lt;` into `&gt;`: what changed is "l" in the
    middle of an entity, and the first item reads "x &lt; as typed" in the preview."""
    markdown = "* x &amp;lt; as typed\n* x < as typed\n"
    typing = Typing(markdown)
    typing.change(markdown.index("< as typed"), 1, ">")
    assert typing.built == 1 and "x &lt; as typed" in typing.document.toRawText()


def test_text_found_in_two_places_is_rendered_afresh_not_edited_in_the_wrong_one() -> None:
    markdown = "* same words\n* same words\n"
    typing = Typing(markdown)
    typing.type(len("* same words\n* same words"), "!")
    assert typing.built == 1 and typing.edited == 0
    assert typing.document.toRawText().count("same words!") == 1


@pytest.mark.parametrize("seed", range(4))
def test_random_keystrokes_in_a_meeting_of_our_own_always_read_as_a_fresh_render(seed: int) -> None:
    hostile_keys = "abc XYZ 123 ,.;:!?*_`~[]()<>&#|\\-+=\"'\t\u00a0é🌱"
    chooser = random.Random(seed)
    typing = Typing(FEATURES)
    for _ in range(150):
        at = chooser.randrange(len(typing.markdown))
        if chooser.random() < 0.2 and at:
            typing.change(at - 1, 1, "")
        else:
            typing.change(at, 0, chooser.choice(hostile_keys))
    assert typing.edited


def test_meetings_of_every_community_take_typed_words_as_a_fresh_render_would(corpus: Path) -> None:
    chooser = random.Random(7)
    wild = need_shared(SHARED / "corpus" / "wild-dev")
    for path in sorted([*corpus.glob("*.md"), *wild.rglob("*.md")]):
        if path.name.lower().startswith(("readme", "license")):
            continue
        notes = parse(path.read_text(encoding="utf-8"))
        for meeting in notes.meetings[:: max(1, len(notes.meetings) // 12)]:
            markdown = render(meeting)
            typing = Typing(markdown)
            for _ in range(3):
                line_end = markdown.find("\n", chooser.randrange(len(markdown)))
                typing.type(line_end if line_end >= 0 else len(typing.markdown), " " + SENTENCE[:12])
            assert typing.edited > typing.built, (path.name, meeting.title)


def test_the_pane_shows_each_key_edited_in_and_only_builds_when_the_markup_changes(qtbot: QtBot) -> None:
    built: list[str] = []

    def counted(html: str, font: QFont, room: object) -> QTextDocument:
        built.append(html)
        return html_document(html, font)

    pane = QTextBrowser()
    qtbot.addWidget(pane)
    renderer = PreviewRenderer(pane, tasks=TaskRunner(inline=True), build=counted)
    shown = pane.document()
    text = "* Agenda\n  * notes "
    renderer.request(text)
    for key in "the host types":
        text += key
        renderer.request(text)
        assert pane.toPlainText().rstrip().endswith(text.split("* ")[-1].rstrip())
    assert len(built) == 1 and pane.document() is not shown  # one build, then edits of it
    renderer.request(text + "\n  * a new point")
    assert len(built) == 2 and "a new point" in pane.toPlainText()


def test_on_its_own_thread_the_preview_follows_typing_by_editing_the_document_it_shows(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    pane = QTextBrowser()
    qtbot.addWidget(pane)
    renderer = PreviewRenderer(pane, editor.toPlainText)  # the window's: a thread of its own
    editor.textChanged.connect(renderer.request)
    editor.setPlainText("* Agenda\n  * notes ")
    qtbot.waitUntil(lambda: "notes" in pane.toPlainText() and not renderer.busy, timeout=10_000)
    shown = pane.document()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "typed while it renders")
    done = "notes typed while it renders"
    qtbot.waitUntil(lambda: not renderer.busy and pane.toPlainText().rstrip().endswith(done), timeout=10_000)
    assert pane.document() is shown  # edited in place, never built again


def test_typing_at_the_end_of_a_long_section_edits_its_preview_with_the_line_on_screen(qtbot: QtBot) -> None:
    said = "\n".join(f"* Speaker {n % 3} (00:{n % 60:02d}): we went over the flaky test again" for n in range(900))
    meeting = Meeting(heading="May 2, 2024", sections=[Section(title="Call", notes=said + "\n* the host says")])
    built: list[str] = []

    def counted(html: str, font: QFont, room: Room) -> QTextDocument:
        built.append(html)
        return html_document(html, font, room)

    pane = QTextBrowser()
    qtbot.addWidget(pane)
    pane.resize(400, 300)
    pane.show()
    renderer = PreviewRenderer(pane, lambda: preview_markdown(meeting, 0, -1), TaskRunner(inline=True), counted)
    renderer.request()
    typed = " it is fixed now" + "".join(f", point {n} done" for n in range(40))  # the line wraps on and on
    for key in typed:
        meeting.sections[0].notes += key
        renderer.request()
    assert len(built) <= 2  # the excerpt stayed put (it moves on a step at most): the keys were edits
    found = pane.document().find("point 39 done")
    assert not found.isNull() and 0 <= pane.cursorRect(found).top() < pane.viewport().height()
