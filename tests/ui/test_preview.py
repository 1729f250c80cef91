"""The preview shows the notes as GitHub would: links, nesting, nothing unsafe."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from hostdesk.core.document import parse
from hostdesk.core.model import Meeting, Section
from hostdesk.core.render import render
from hostdesk.ui.preview import is_safe_link, to_html
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow


def test_bare_urls_become_links_as_on_github() -> None:
    html = to_html("* slides: https://example.org/talk.pdf and <https://example.org/b>\n")
    assert 'href="https://example.org/talk.pdf"' in html and 'href="https://example.org/b"' in html


def test_lists_nested_by_two_or_by_four_spaces_both_nest() -> None:
    for indent in (2, 4):
        html = to_html(f"* outer\n{' ' * indent}* inner\n{' ' * indent * 2}* innermost\n* next\n")
        assert re.search(r"<li>outer\s*<ul>\s*<li>inner\s*<ul>\s*<li>innermost</li>", html), html
        assert re.search(r"</ul>\s*</li>\s*<li>next</li>", html), html


def test_a_numbered_list_nests_under_its_text_column() -> None:
    html = to_html("1. first\n   * under first\n2. second\n")
    assert re.search(r"<li>first\s*<ul>\s*<li>under first</li>", html), html


def test_a_remote_image_shows_as_a_link_to_it() -> None:
    html = to_html("* chart: ![contributions](https://example.org/c.png)\n")
    assert '<a href="https://example.org/c.png">🖼 contributions</a>' in html and "<img" not in html


def test_nothing_unsafe_reaches_the_pane() -> None:
    html = to_html(
        "* [x](javascript:alert(1)) [y](file:///etc/passwd) <script>alert(2)</script>"
        " <img src=x onerror=alert(3)> [ok](mailto:host@example.org)\n"
    )
    assert "javascript:" not in html and "file:" not in html
    assert "<script" not in html and "onerror" not in html
    assert 'href="mailto:host@example.org"' in html
    assert [is_safe_link(u) for u in ("https://a.b", "mailto:a@b", "file:///x", "javascript:x")] == [
        True, True, False, False,
    ]


def test_every_link_in_a_real_notes_file_is_a_link_in_the_preview(garden_notes: str, corpus: Path) -> None:
    for text in (garden_notes, (corpus / "community-meeting-notes.md").read_text(encoding="utf-8")):
        for meeting in parse(text).meetings:
            block = render(meeting)
            urls = set(re.findall(r"https?://[^\s)\]>]+", block))
            html = to_html(block)
            html = html.replace("&amp;", "&")
            for url in urls:
                bare = url.rstrip(".,;:")
                assert f'href="{bare}' in html, url


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
