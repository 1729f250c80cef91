"""A whole notes file: its header, its meeting blocks, and splicing a meeting into it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from hostdesk.core.dates import nearest_year, read_heading
from hostdesk.core.errors import NotesError
from hostdesk.core.model import AgendaItem, DateStyle, Meeting, Template
from hostdesk.core.parse import BULLET, HEADING, indent_of, parse_meeting
from hostdesk.core.render import render

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_TEMPLATE = re.compile(r"\**agenda template\**:?$", re.IGNORECASE)
_SKIP_IN_TEMPLATE = re.compile(r"\**(hosts?\s*:|attendees\b)", re.IGNORECASE)
_INTERVALS = [
    (re.compile(r"every other week|every other \w+day|bi-?weekly|fortnight", re.I), 14),
    (re.compile(r"every week|weekly|every \w+day", re.I), 7),
    (re.compile(r"monthly|every month", re.I), 28),
]
Order = Literal["newest-first", "oldest-first"]


@dataclass
class Block:
    """One meeting's span in the file's text, and what it says."""

    start: int
    end: int
    meeting: Meeting


@dataclass
class NotesDocument:
    text: str
    header: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def order(self) -> Order:
        dated = [b.meeting.date for b in self.blocks if b.meeting.date]
        if len(dated) >= 2 and dated[0] < dated[-1]:
            return "oldest-first"
        return "newest-first"

    @property
    def meetings(self) -> list[Meeting]:
        return [b.meeting for b in self.blocks]

    def latest(self) -> Meeting | None:
        dated = [m for m in self.meetings if m.date and not m.cancelled]
        return max(dated, key=lambda m: m.date or date.min) if dated else None

    def date_style(self) -> DateStyle:
        styles: Counter[DateStyle] = Counter()
        for block in self.blocks:
            if found := read_heading(block.meeting.heading):
                styles[found.style] += 1
        return styles.most_common(1)[0][0] if styles else "long"

    def template(self, name: str = "Imported") -> Template:
        """The series' agenda: the header's "Agenda template" list, else the latest meeting's."""
        titles = _header_agenda(self.header)
        latest = self.latest()
        if not titles and latest:
            titles = [s.title for s in latest.sections]
        interval = next((days for rx, days in _INTERVALS if rx.search(self.header)), 14)
        return Template(
            name=name,
            agenda=[AgendaItem(title=t, planned_minutes=10) for t in titles],
            date_style=self.date_style(),
            style=latest.style if latest else Template(name=name).style,
            interval_days=interval,
        )


def decode(data: bytes, name: str = "The file") -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotesError(f"{name} is not UTF-8 text (bad byte at offset {exc.start}).") from None


def _meeting_headings(text: str) -> list[int]:
    """Offsets of the lines that open a meeting: a date heading, outside code fences."""
    starts: list[int] = []
    level = 0
    fence = ""
    offset = 0
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\n")
        if m := _FENCE.match(bare):
            if not fence:
                fence = m[1][0] * 3
            elif m[1].startswith(fence):
                fence = ""
        elif not fence and (h := HEADING.match(bare.lstrip("\ufeff"))):
            if (not level or len(h[1]) == level) and read_heading(h[2]):
                level = len(h[1])
                starts.append(offset)
        offset += len(line)
    return starts


def parse(text: str) -> NotesDocument:
    """A notes file, read into its header and meeting blocks; never raises on a string."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    starts = _meeting_headings(text)
    if not starts:
        return NotesDocument(text=text, header=text)
    ends = [*starts[1:], len(text)]
    blocks = []
    for start, end in zip(starts, ends, strict=True):
        blocks.append(Block(start, end, parse_meeting(text[start:end])))
    _settle_years(blocks)
    return NotesDocument(text=text, header=text[: starts[0]], blocks=blocks)


def _settle_years(blocks: list[Block]) -> None:
    """Give a year-less or mistyped heading the year its neighbours make likely."""
    for i, block in enumerate(blocks):
        meeting = block.meeting
        found = read_heading(meeting.heading)
        if meeting.date or not found or found.year is not None:
            continue
        before = next((b.meeting.date for b in reversed(blocks[:i]) if b.meeting.date), None)
        after = next((b.meeting.date for b in blocks[i + 1 :] if b.meeting.date), None)
        guess = nearest_year(found, [d for d in (before, after) if d])
        if guess:
            meeting.date = guess
            meeting.heading_flag = f"{found.flag}; read as {guess.isoformat()}"


def _header_agenda(header: str) -> list[str]:
    lines = header.split("\n")
    for i, line in enumerate(lines):
        m = BULLET.match(line)
        if not (m and _TEMPLATE.match((m[3] or "").strip())):
            continue
        titles: list[str] = []
        column = None
        for child in lines[i + 1 :]:
            c = BULLET.match(child)
            if not child.strip():
                continue
            if not c or indent_of(child) <= indent_of(line):
                break
            column = indent_of(child) if column is None else column
            title = (c[3] or "").strip()
            if indent_of(child) == column and title and not _SKIP_IN_TEMPLATE.match(title):
                titles.append(title)
        return titles
    return []


def same_meeting(a: Meeting, b: Meeting) -> bool:
    if a.date and b.date:
        return a.date == b.date
    return a.heading.strip() == b.heading.strip()


def splice(text: str, meeting: Meeting) -> str:
    """The file with the meeting's block replaced, or inserted where its date belongs."""
    newline = "\r\n" if "\r\n" in text else "\n"
    doc = parse(text)
    work = doc.text
    own = next((b for b in doc.blocks if same_meeting(b.meeting, meeting)), None)
    block = render(meeting, doc.date_style())
    if own is not None:
        result = work[: own.start] + block + work[own.end :]
    else:
        result = _insert(doc, block, meeting)
    return result.replace("\n", newline) if newline != "\n" else result


def _insert(doc: NotesDocument, block: str, meeting: Meeting) -> str:
    """Insert after the last block that comes before it in the file's own order.

    Judging by the last such block, not the first later one, keeps a single mistyped
    date near the top of a file from pulling every new meeting up to it.
    """
    work = doc.text
    newest_first = doc.order == "newest-first"
    dated = [(b, b.meeting.date) for b in doc.blocks if b.meeting.date]
    if meeting.date and dated:
        new = meeting.date
        before = [b for b, when in dated if (when > new if newest_first else when < new)]
        at = before[-1].end if before else dated[0][0].start
    elif doc.blocks and newest_first:
        at = doc.blocks[0].start
    else:
        at = len(work)
    head, rest = work[:at], work[at:]
    if head and not head.endswith("\n"):
        head += "\n"  # the file's last line had no newline; the new block needs one
    if head.strip() and not doc.blocks and not head.endswith("\n\n"):
        head += "\n"  # a first meeting gets a blank line after the header's prose
    if rest and not block.endswith("\n\n"):
        block += "\n"
    return head + block + rest
