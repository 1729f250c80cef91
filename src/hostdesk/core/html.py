"""Markdown to safe HTML as GitHub shows it: GitHub's own parser (cmark-gfm), then nh3."""

from __future__ import annotations

import re
from typing import Any

# Beyond these the preview shows a one-line notice instead of the notes. cmark-gfm is
# linear, but the sanitiser is not in nesting depth (10,000 nested quotes: 0.4 s) and Qt
# builds a rich-text document superlinearly in size (200 KB of notes: 0.3 s; 1 MB: 8 s);
# see docs/benchmarks.md. GitHub itself stops showing a file's rendering long before.
MAX_CHARS = 300_000
MAX_DEPTH = 100

SAFE_SCHEMES = ("http://", "https://", "mailto:")

# The extensions github.com enables for Markdown files, with raw HTML passed through to
# the sanitiser as GitHub does (its own sanitiser drops what is unsafe, as nh3 does here).
GFM_EXTENSIONS = ("table", "strikethrough", "autolink", "tasklist", "tagfilter")


def is_safe_link(url: str) -> bool:
    """Whether a link may leave the app: web and mail links only."""
    return url.lower().startswith(SAFE_SCHEMES)


def gfm_html(markdown_text: str) -> str:
    """GitHub's rendering of the Markdown, before sanitising (raw HTML left in)."""
    from cmarkgfm.cmark import Options  # imported on first use: keeps start-up light

    from hostdesk.core.cmark import render_html

    options = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_GITHUB_PRE_LANG
    return render_html(markdown_text, options, GFM_EXTENSIONS)


def too_big(markdown_text: str) -> str:
    """A one-line reason the text is too large to preview, or "" when it is not."""
    if len(markdown_text) > MAX_CHARS:
        return (
            f"Too long to preview as you type ({len(markdown_text) // 1000:,} KB of notes; "
            f"the preview shows up to {MAX_CHARS // 1000} KB). The notes themselves are kept."
        )
    return ""


def may_nest_deep(markdown_text: str) -> bool:
    """Whether the Markdown could nest past MAX_DEPTH: a line nests no deeper than its
    prefix of indents, markers and ">" allows (a tab may stand for two levels), and raw
    HTML only as deep as it opens blocks. Cheap: the exact count walks every tag."""
    raw_blocks = sum(markdown_text.count(tag) for tag in ("<div", "<blockquote", "<ul", "<ol", "<table"))
    return raw_blocks > MAX_DEPTH or _DEEP_PREFIX.search(markdown_text) is not None


def too_deep(html: str) -> str:
    """A one-line reason the rendered notes nest too deeply to preview, or ""."""
    depth = deepest = 0
    for match in _NESTING.finditer(html):
        depth += -1 if match[1] else 1
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return (
                f"Nested more than {MAX_DEPTH} levels deep, too deep to preview; "
                "the notes themselves are kept."
            )
    return ""


def sanitise(html: str) -> str:
    """GitHub-rendered HTML made safe for the pane: only web and mail links survive, no
    script, no style, no attribute that runs anything."""
    import nh3

    html = _CHECKBOX.sub(_checkbox_glyph, html)
    clean: str = nh3.clean(html, url_schemes={"http", "https", "mailto"}, link_rel=None)
    return _IMAGE.sub(_image_link, clean)


def safe_html(markdown_text: str) -> str:
    """The preview's HTML for the Markdown, or a one-line notice when it is too big or
    too deep to show without freezing the window."""
    if notice := too_big(markdown_text):
        return notice_html(notice)
    html = gfm_html(markdown_text)
    if may_nest_deep(markdown_text) and (notice := too_deep(html)):
        return notice_html(notice)
    return sanitise(html)


def notice_html(notice: str) -> str:
    import html

    return f"<p><em>{html.escape(notice)}</em></p>\n"


_DEEP_PREFIX = re.compile(rf"^[ \t>*+\-\d.)]{{{MAX_DEPTH // 2}}}", re.MULTILINE)

# Block containers: each level of a nested list or quote opens one of these.
_NESTING = re.compile(r"<(/?)(?:ul|ol|blockquote|div|table|details)\b", re.IGNORECASE)

# The pane has no form controls: a task list's checkbox shows as the glyph it stands for.
_CHECKBOX = re.compile(r'<input\b[^>]*type="checkbox"[^>]*>\s?', re.IGNORECASE)


def _checkbox_glyph(match: re.Match[str]) -> str:
    return "☑ " if "checked" in match[0] else "☐ "


# The pane fetches nothing from the network, so a remote image would show as a broken
# icon; it shows as a link to the image instead.
_IMAGE = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'\b(src|alt)="([^"]*)"')


def _image_link(match: re.Match[str]) -> str:
    attrs: dict[str, Any] = dict(_ATTR.findall(match[0]))
    label = f"🖼 {attrs.get('alt') or 'image'}"
    src = attrs.get("src", "")
    return f'<a href="{src}">{label}</a>' if src else label
