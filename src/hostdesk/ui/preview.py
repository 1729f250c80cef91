"""The meeting as GitHub will show it: python-markdown, bare URLs linked, sanitised by nh3."""

from __future__ import annotations

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

        # tab_length 2: lists nested by 2 spaces nest, as on GitHub (4 still do).
        _converter = markdown.Markdown(
            extensions=["tables", "fenced_code", "pymdownx.magiclink", "pymdownx.tilde"],
            tab_length=2,
        )
    return _converter


def to_html(markdown_text: str) -> str:
    """Safe HTML for the preview pane: only http, https and mailto links survive."""
    import nh3

    converter = _markdown()
    converter.reset()
    html = converter.convert(markdown_text)
    clean = nh3.clean(html, url_schemes={"http", "https", "mailto"}, link_rel=None)
    return STYLE + clean


def is_safe_link(url: str) -> bool:
    return url.lower().startswith(("http://", "https://", "mailto:"))
