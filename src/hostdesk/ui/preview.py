"""The meeting as GitHub will show it: python-markdown, bare URLs linked, sanitised by nh3."""

from __future__ import annotations

import re
from typing import Any

_converter: Any = None

STYLE = """
<style>
body { font-family: sans-serif; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
ul { margin-top: 2px; margin-bottom: 2px; }
code { background: rgba(127,127,127,0.15); }
</style>
"""


def _markdown() -> Any:
    global _converter
    if _converter is None:  # imported on first use: keeps start-up light
        import markdown

        _converter = markdown.Markdown(
            extensions=["tables", "fenced_code", "pymdownx.magiclink", "pymdownx.tilde"],
        )
    return _converter


def to_html(markdown_text: str) -> str:
    """Safe HTML for the preview pane: only http, https and mailto links survive."""
    import nh3

    converter = _markdown()
    converter.reset()
    html = converter.convert(nest_lists(markdown_text))
    clean = nh3.clean(html, url_schemes={"http", "https", "mailto"}, link_rel=None)
    return STYLE + _IMAGE.sub(_image_link, clean)


# The pane fetches nothing from the network, so a remote image would show as a broken
# icon; it shows as a link to the image instead.
_IMAGE = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'\b(src|alt)="([^"]*)"')


def _image_link(match: re.Match[str]) -> str:
    attrs = dict(_ATTR.findall(match[0]))
    label = f"🖼 {attrs.get('alt') or 'image'}"
    src = attrs.get("src", "")
    return f'<a href="{src}">{label}</a>' if src else label


_ITEM = re.compile(r"^( *)([*+-]|\d{1,9}[.)])( +|$)")
_FENCE = re.compile(r"^ *(```|~~~)")


def nest_lists(text: str) -> str:
    """List indents as GitHub reads them, rewritten as python-markdown reads them.

    GitHub (CommonMark) nests an item under the one before when it is indented at least
    to where that item's text starts: 2 spaces under "* ", 4 under "1. ", and the corpus
    uses both 2 and 4. python-markdown nests by a fixed 4. So each item's depth is worked
    out the CommonMark way and written back as 4 spaces a level; the text is not changed.
    """
    out: list[str] = []
    columns: list[int] = []  # where the text of each open item starts
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            out.append(line)
            continue
        if fenced:
            out.append(line)
            continue
        if not line.strip():
            out.append("")
            continue
        indent = len(line) - len(line.lstrip(" "))
        item = _ITEM.match(line)
        if item:
            while columns and indent < columns[-1]:
                columns.pop()
            gap = len(item[3]) if 0 < len(item[3]) <= 4 else 1
            out.append("    " * len(columns) + line.lstrip(" "))
            columns.append(indent + len(item[2]) + gap)
            continue
        if indent == 0 and (not out or not out[-1]):
            columns = []  # a paragraph after a blank line ends the lists
        depth = sum(1 for column in columns if column <= indent)
        out.append("    " * depth + line.lstrip(" ") if depth else line)
    return "\n".join(out)


def is_safe_link(url: str) -> bool:
    return url.lower().startswith(("http://", "https://", "mailto:"))
