"""Markdown to safe HTML: GitHub's parser, GitHub's extensions, nothing unsafe, no freeze."""

from __future__ import annotations

import re
import time
from pathlib import Path

from hostdesk.core.html import MAX_CHARS, MAX_DEPTH, is_safe_link, safe_html

DATA = Path(__file__).resolve().parent.parent / "data"


def features() -> str:
    return safe_html((DATA / "preview-features.md").read_text(encoding="utf-8"))


def test_lists_nest_by_two_spaces_by_four_and_under_a_number() -> None:
    html = features()
    assert re.search(r"<li>two-space nesting under a star bullet\s*<ul>\s*<li>and a third level", html)
    assert re.search(r"</ul>\s*</li>\s*<li>back to the second level</li>", html)
    assert re.search(r"<li>four-space nesting, as some editors write it\s*<ul>\s*<li>and its own third level", html)
    assert re.search(r"<li>Numbered first\s*<ul>\s*<li>nested under the numbered", html)
    assert "<pre>" not in html.split("<table>")[0]  # no indented item fell into a code block


def test_bare_urls_are_links_as_on_github_but_not_inside_code() -> None:
    html = features()
    assert '<a href="https://garden.example.org/rota?week=14&amp;plot=3">' in html
    assert '<a href="http://www.garden.example.org/seeds">' in html
    assert '<a href="https://garden.example.org/angle">' in html
    assert 'href="https://garden.example.org/in-code"' not in html


def test_tables_task_lists_and_strikethrough_render() -> None:
    html = features()
    assert re.search(r"<table>\s*<thead>\s*<tr>\s*<th>Plot</th>", html)
    assert '<td align="right"><del>no</del> yes</td>' in html
    assert "<li>☐ order more mulch</li>" in html and "<li>☑ fix the shed door</li>" in html
    assert "<del>Cancelled</del>" in html and "<del>struck once</del>" in html


def test_raw_html_is_filtered_and_unsafe_links_lose_their_target() -> None:
    html = features()
    assert "<script" not in html and "<iframe" not in html and "onclick" not in html
    assert "<b>bold kept</b>" in html  # harmless markup stays, as on GitHub
    assert "javascript:" not in html and "file:" not in html
    assert "<a>do not follow</a>" in html
    assert '<a href="mailto:club@garden.example.org">write to us</a>' in html


def test_a_remote_image_shows_as_a_link_to_it() -> None:
    html = safe_html("* chart: ![contributions](https://example.org/c.png)\n")
    assert '<a href="https://example.org/c.png">🖼 contributions</a>' in html and "<img" not in html


def test_only_web_and_mail_links_are_safe_to_open() -> None:
    assert [is_safe_link(u) for u in ("https://a.b", "HTTP://a.b", "mailto:a@b", "file:///x", "javascript:x")] == [
        True, True, True, False, False,
    ]


def test_notes_too_long_to_preview_get_a_one_line_notice_at_once() -> None:
    pasted = "* a pasted transcript line with https://example.org/x\n" * (MAX_CHARS // 40)
    began = time.perf_counter()
    html = safe_html(pasted)
    assert time.perf_counter() - began < 0.5  # nothing is parsed, sanitised or laid out
    assert html.count("\n") == 1 and "Too long to preview" in html and "kept" in html


def test_notes_nested_too_deep_get_a_one_line_notice() -> None:
    by_list = "".join("  " * n + "* level\n" for n in range(MAX_DEPTH + 5))
    for deep in ("> " * 5000 + "x\n", by_list, "<div>" * 5000 + "\n\nx\n"):
        html = safe_html(deep)
        assert html.count("\n") == 1 and "too deep to preview" in html, deep[:40]
    ordinary = "".join("  " * n + "* level\n" for n in range(20))
    assert safe_html(ordinary).count("<ul>") == 20
