"""A keystroke's change to the preview, made in the document the pane already shows.

Most keystrokes change one run of text inside one paragraph: the new HTML is the old with
a few characters of one text node changed. Building the whole document again for that
costs Qt's HTML parsing and layout of the whole meeting (~4 ms at 5 KB); editing those
characters in place costs a tenth of a millisecond, and Qt lays out only their paragraph.
Anything else (a tag or an entity in the change, whitespace Qt might drop, text that
cannot be found in exactly one place) is built afresh, so the edited document always holds
what a fresh build of the new HTML would (tests/ui/test_preview_edit.py checks it key by key).
"""

from __future__ import annotations

import html as entities
import re
from dataclasses import dataclass

from PySide6.QtGui import QTextCursor, QTextDocument


@dataclass(frozen=True)
class Shown:
    """What a document of the pane's was made from, and its text as `positions` gives it."""

    html: str
    raw: str
    font: str

    @staticmethod
    def of(document: QTextDocument, html: str, font: str) -> Shown:
        return Shown(html, positions(document), font)


def positions(document: QTextDocument) -> str:
    """The document's text with each character at its position in the document: its
    blocks' texts, a separator after each (a table's cells are blocks too), and a
    character beyond the BMP (an emoji) twice, as Qt counts it (`toRawText` does not)."""
    texts = []
    block = document.begin()
    while block.isValid():
        texts.append(_units(block.text()))
        block = block.next()
    return "\u2029".join(texts)


_SECOND_HALF = "\ufdd1"  # what follows a character beyond the BMP, as its second UTF-16 unit
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _units(text: str) -> str:
    """`text` with one character per UTF-16 unit, as Qt counts positions."""
    return _ASTRAL.sub(lambda m: m[0] + _SECOND_HALF, text) if max(text, default="") > "\uffff" else text


@dataclass(frozen=True)
class TextEdit:
    """Replace `removed` positions at document position `at` by `inserted`, in the format
    a cursor at position `like` has, to turn the shown document into `after`'s."""

    after: Shown
    at: int = 0
    removed: int = 0
    inserted: str = ""
    like: int = -1

    def apply(self, document: QTextDocument) -> None:
        if not self.removed and not self.inserted:
            return
        cursor = QTextCursor(document)
        cursor.setPosition(self.like)  # a cursor's format is the character's before it
        form = cursor.charFormat()
        cursor.setPosition(self.at)
        cursor.setPosition(self.at + self.removed, QTextCursor.MoveMode.KeepAnchor)
        if self.inserted:
            cursor.insertText(self.inserted, form)
        else:
            cursor.removeSelectedText()


# Where a text node's text stops reading in the document as it is written in the HTML:
# Qt collapses a run of whitespace, and turns a line break or a tab into a space.
_BREAK = re.compile(r"\s\s|[^\S ]")


def text_edit(before: Shown, html: str, font: str) -> TextEdit | None:
    """The in-place edit that turns the document of `before` into that of `html`, or None
    when it must be built afresh."""
    old, new = before.html, html
    if font != before.font:
        return None
    after = Shown(new, before.raw, font)
    if old == new:
        return TextEdit(after)
    start = _common_prefix(old, new)
    end_old, end_new = _common_tails(old, new, start)
    gone, come = old[start:end_old], new[start:end_new]
    # The change must lie in one text node: after a tag's ">", before the next "<".
    node = new.rfind(">", 0, start) + 1
    if not node or new.rfind("<", 0, start) >= node:
        return None
    node_end = new.find("<", end_new)
    if node_end < 0 or 0 <= new.find(">", end_new) < node_end:
        return None
    lead_html, trail_html = new[node:start], new[end_new:node_end]
    if new.rfind("<pre", 0, node) <= new.rfind("</pre>", 0, node):  # not code: runs of spaces show as one
        lead_html, gone, come, trail_html = _collapsed(lead_html, gone, come, trail_html)
        if not gone and not come:
            return TextEdit(after)
    prior = _inline_before(new, node) + lead_html  # what reads before the change in its paragraph
    if not (_plain(gone, prior, trail_html) and _plain(come, prior, trail_html)):
        return None
    own = bool(_after_break(lead_html).lstrip())  # the change's own text precedes it: its format
    lead_html = _after_break(prior).lstrip()
    found = _BREAK.search(trail_html)
    trail_html = trail_html[: found.start() if found else None].rstrip()
    if lead_html.rfind("&") > lead_html.rfind(";"):  # the change is inside an entity
        return None
    lead, trail = entities.unescape(lead_html), entities.unescape(trail_html)
    if not own and not trail:
        return None
    lead, gone_units, trail = _units(lead), _units(gone), _units(trail)
    needle = lead + gone_units + trail
    found_at = before.raw.find(needle)
    if found_at < 0 or before.raw.find(needle, found_at + 1) >= 0:
        return None  # not in the document as written, or in more than one place
    at = found_at + len(lead)
    end = at + len(gone_units)
    raw = before.raw[:at] + _units(come) + before.raw[end:]
    like = at if own else end + (2 if trail[1:2] == _SECOND_HALF else 1)
    return TextEdit(Shown(new, raw, font), at, len(gone_units), come, like)


_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace


def _collapsed(lead: str, gone: str, come: str, trail: str) -> tuple[str, str, str, str]:
    """A change in a text node as it shows where each run of whitespace shows as a space:
    a space typed before a space changes nothing; the word typed between them, itself."""
    old, new = _SPACES.sub(" ", lead + gone + trail), _SPACES.sub(" ", lead + come + trail)
    start = _common_prefix(old, new)
    end_old, end_new = _common_tails(old, new, start)
    lead, gone, come, trail = new[:start], old[start:end_old], new[start:end_new], new[end_new:]
    if lead.endswith(" ") and all(run.endswith(" ") for run in (gone, come) if run):
        # "first |t |" as "first| t| ": a word typed at a text's end, not a space before a tag
        lead, gone, come, trail = lead[:-1], gone and " " + gone[:-1], come and " " + come[:-1], " " + trail
    return lead, gone, come, trail


def _after_break(text: str) -> str:
    return text[max((m.end() for m in _BREAK.finditer(text)), default=0) :]


# Tags that leave their text in the paragraph's flow, adding no character of their own.
_INLINE = frozenset("a em strong code del s b i u sup sub span kbd ins".split())
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")


def _inline_before(html: str, node: int, limit: int = 80) -> str:
    """The HTML of the text that reads right before the text node at `node`, across inline
    tags (a link, emphasis) up to any other tag, about `limit` characters of it: it makes
    the text to find the change by longer, and so found in one place more often."""
    parts: list[str] = []
    length = 0
    while length < limit:
        tag = html.rfind("<", 0, node)
        found = _TAG.fullmatch(html, tag, node) if tag >= 0 else None
        if found is None or found[1].lower() not in _INLINE:
            break
        node = html.rfind(">", 0, tag) + 1
        parts.append(html[node:tag])
        length += tag - node
        if not node or "<" in parts[-1]:
            break
    return "".join(reversed(parts))


def _plain(run: str, lead: str, trail: str) -> bool:
    """Whether `run`, after `lead` (its paragraph's text before it) and before `trail` (its
    text node's after it), reads in the document exactly as written: printable characters,
    no markup or entity, and no whitespace that Qt would collapse with another or drop at
    a block's edge (`<` and `>` stand for the edges)."""
    if any(c in "<>&\ufffc" or (c != " " and (c.isspace() or not c.isprintable())) for c in run):
        return False
    seam = (lead[-1:] or "<") + run + (trail[:1] or ">")
    return _COLLAPSES.search(seam) is None


_COLLAPSES = re.compile(r"\s\s|<\s|\s>")


def _common_prefix(a: str, b: str) -> int:
    """How many characters `a` and `b` share at their start (comparing halves in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_tails(a: str, b: str, start: int) -> tuple[int, int]:
    """Where the ends `a` and `b` share begin in each, not before `start`."""
    low, high = 0, min(len(a), len(b)) - start
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle : len(a) - low] == b[len(b) - middle : len(b) - low]:
            low = middle
        else:
            high = middle - 1
    return len(a) - low, len(b) - low
