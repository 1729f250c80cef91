"""A whole notes file: its header, its meeting blocks, and splicing a meeting into it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Literal

from hostdesk.core.dates import nearest_year
from hostdesk.core.datetext import dates, find_date
from hostdesk.core.errors import NotesError
from hostdesk.core.house import HouseStyle
from hostdesk.core.meetings import HEADING, Outline, Start, outline
from hostdesk.core.model import AgendaItem, DateStyle, Meeting, Template
from hostdesk.core.parse import BULLET, DateHint, heading_date, indent_of, parse_meeting
from hostdesk.core.render import render
from hostdesk.core.style import in_house_style, laid_out_like, learn

HEADING_LINE = re.compile(r"^#{1,6}[ \t]", re.MULTILINE)
_TEMPLATE = re.compile(r"\**agenda template\**:?$", re.IGNORECASE)
_SKIP_IN_TEMPLATE = re.compile(r"\**(hosts?\s*:|attendees\b)", re.IGNORECASE)
_INTERVALS = [
    (re.compile(r"every three weeks|every 3 weeks", re.I), 21),
    (re.compile(r"every four weeks|every 4 weeks", re.I), 28),
    (re.compile(r"every other week|every other \w+day|every (?:two|2) weeks|bi-?weekly|fortnight", re.I), 14),
    (re.compile(r"every week|weekly|every \w+day", re.I), 7),
    (re.compile(r"monthly|every month", re.I), 28),
]


def interval_of(days: list[date]) -> int | None:
    """How often a series meets, from its newest meetings' dates: the commonest gap between
    them, the latest of equally common ones (two calls on one day are one), in whole weeks
    when it is within two days of them. None with fewer than three dates."""
    newest = sorted(set(days))[-9:]
    gaps = [(b - a).days for a, b in pairwise(newest)]
    if len(gaps) < 2:
        return None
    counts = Counter(gaps)
    common = max(reversed(gaps), key=lambda gap: counts[gap])  # ties: the latest wins
    weeks = round(common / 7)
    return weeks * 7 if weeks and abs(common - weeks * 7) <= 2 else common


Order = Literal["newest-first", "oldest-first"]


class Block:
    """One meeting's span in the file's text; what it says is read on first use.

    Finding the blocks is one cheap pass over the lines, so a 1 MB file opens at once;
    a meeting is parsed when something asks for it (its date and heading need not be).
    """

    def __init__(
        self, start: int, end: int, source: str, hint: DateHint, headless: bool, start_at: Start
    ) -> None:
        self.start, self.end = start, end
        self.heading, self.found = start_at.text, start_at.found
        self._source, self._hint, self._headless = source, hint, headless
        self.day, self.flag = heading_date(self.heading, hint, self.found)
        self.occurrence = 0
        self._meeting: Meeting | None = None

    @property
    def meeting(self) -> Meeting:
        if self._meeting is None:
            meeting = parse_meeting(self._source[self.start : self.end], self._hint, self._headless)
            meeting.date, meeting.heading_flag = self.day, self.flag
            meeting.layout.occurrence = self.occurrence
            self._meeting = meeting
        return self._meeting

    def __repr__(self) -> str:
        return f"Block({self.start}, {self.end}, {self.heading!r})"


@dataclass
class NotesDocument:
    text: str
    header: str
    blocks: list[Block] = field(default_factory=list)
    outline: Outline = field(default_factory=Outline)

    @property
    def order(self) -> Order:
        dated = [b.day for b in self.blocks if b.day]
        if len(dated) >= 2 and dated[0] < dated[-1]:
            return "oldest-first"
        return "newest-first"

    @property
    def meetings(self) -> list[Meeting]:
        return [b.meeting for b in self.blocks]

    def latest(self) -> Meeting | None:
        """The newest meeting that took place; found by the blocks' dates and headings, so
        only that one meeting is read."""
        dated = [b for b in self.blocks if b.day and "cancel" not in b.heading.lower()]
        return max(dated, key=lambda b: b.day or date.min).meeting if dated else None

    def date_style(self) -> DateStyle:
        styles: Counter[DateStyle] = Counter()
        for block in self.blocks:
            if block.found is not None:
                styles[style_of(block.found.pattern)] += 1
        return styles.most_common(1)[0][0] if styles else "long"

    def template(self, name: str = "Imported") -> Template:
        """The series' agenda: the header's "Agenda template" list, else the latest meeting's."""
        titles = _header_agenda(self.header)
        latest = self.latest()
        if not titles and latest:
            # `* Meeting date: 2022-11-22` dates its meeting; it is no item of the next agenda
            titles = [s.title for s in latest.sections if not dates(s.title, latest.date)]
        planned = {s.title: s.planned_minutes for s in latest.sections} if latest else {}
        # The header's word for it ("every other Tuesday") if the dates bear it out at least
        # once; else what the dates say; else a fortnight.
        days = sorted({b.day for b in self.blocks if b.day})
        worded = next((n for rx, n in _INTERVALS if rx.search(self.header)), None)
        kept = worded is not None and any((b - a).days == worded for a, b in pairwise(days))
        interval = (worded if kept else interval_of(days)) or worded or 14
        return Template(
            name=name,
            # a table agenda's duration column gives each topic its planned minutes
            agenda=[AgendaItem(title=t, planned_minutes=planned.get(t) or 10) for t in titles],
            date_style=self.date_style(),
            style=latest.style if latest else Template(name=name).style,
            interval_days=interval,
            house=house_style(self) if self.blocks else None,
        )


def style_of(pattern: str) -> DateStyle:
    """The nearest of hostdesk's own date styles to a learned heading pattern."""
    if "{yyyy}-{mm}-{dd}" in pattern:
        return "iso"
    if "{dth}" in pattern:
        return "ordinal"
    return "short" if "{Mon}" in pattern else "long"


def decode(data: bytes, name: str = "The file") -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotesError(f"{name} is not UTF-8 text (bad byte at offset {exc.start}).") from None


def parse(text: str, name: str = "") -> NotesDocument:
    """A notes file, read into its header and meeting blocks; never raises on a string.

    `name` is the file's path, whose date or year dates a per-meeting file.
    """
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    found = outline(text, name)
    hint = DateHint(found.date_hint, found.year_hint, found.date_source)
    starts = [s.offset for s in found.starts]
    headless = False
    if not starts and found.date_hint is not None:
        first = HEADING_LINE.search(text, found.front_matter_end)
        starts, headless = [first.start() if first else found.front_matter_end], first is None
    if not starts:
        return NotesDocument(text=text, header=text, outline=found)
    ends = [*starts[1:], len(text)]
    per_file = hint if len(starts) == 1 else DateHint(year=found.year_hint)
    known = {s.offset: s for s in found.starts}
    blocks = []
    for start, end in zip(starts, ends, strict=True):
        start_at = known.get(start)
        if start_at is None:  # a per-meeting file: its first heading, if it has one
            line_end = text.find("\n", start)
            m = HEADING.match(text[start : line_end if line_end >= 0 else end])
            m = m if m and not headless else None
            start_at = Start(start, len(m[1]) if m else 0, m[2] if m else "", None)
        blocks.append(Block(start, end, text, per_file, headless or len(starts) == 1, start_at))
    _settle_years(blocks)
    _number_twins(blocks)
    return NotesDocument(text=text, header=text[: starts[0]], blocks=blocks, outline=found)


def _number_twins(blocks: list[Block]) -> None:
    """Two meetings on one day with one heading: each knows which of them it is."""
    seen: Counter[tuple[date | None, str]] = Counter()
    for block in blocks:
        key = (block.day, block.heading.strip())
        block.occurrence = seen[key]
        seen[key] += 1


def _settle_years(blocks: list[Block]) -> None:
    """Give a year-less or mistyped heading the year its neighbours make likely."""
    for i, block in enumerate(blocks):
        found = block.found or find_date(block.heading)
        if block.day or not found or (found.year is not None and len(str(found.year)) == 4):
            continue
        before = next((b.day for b in reversed(blocks[:i]) if b.day), None)
        after = next((b.day for b in blocks[i + 1 :] if b.day), None)
        guess = nearest_year(found, [d for d in (before, after) if d])
        if guess:
            block.day = guess
            block.flag = f"{block.flag}; read as {guess.isoformat()}"


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


def own_block(doc: NotesDocument, meeting: Meeting) -> Block | None:
    """The meeting's block in the file; of two on one day, the one with its heading and place."""
    same = [b for b in doc.blocks if _same_block(b, meeting)]
    if len(same) > 1:
        same = [b for b in same if b.heading.strip() == meeting.heading.strip()] or same
        at = meeting.layout.occurrence
        same = [same[at]] if at < len(same) else same
    return same[0] if same else None


def _same_block(block: Block, meeting: Meeting) -> bool:
    if block.day and meeting.date:
        return block.day == meeting.date
    return block.heading.strip() == meeting.heading.strip()


# The newest meetings show how the file is written now; reading a dozen is enough.
STYLE_SAMPLE = 12


def house_style(doc: NotesDocument) -> HouseStyle:
    order = doc.order
    blocks = doc.blocks[:STYLE_SAMPLE] if order == "newest-first" else doc.blocks[-STYLE_SAMPLE:]
    return learn([b.meeting for b in blocks], "\r\n" in doc.text, order)


def splice(text: str, meeting: Meeting, name: str = "") -> str:
    """The file with the meeting's block replaced, or inserted where its date belongs.

    A replaced block keeps the blank lines the file had after it, so publishing an
    unchanged meeting again changes no byte; a new one is written in the file's style.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    doc = parse(text, name)
    work = doc.text
    own = own_block(doc, meeting)
    if doc.blocks and meeting.layout.lead is None:  # written by hostdesk, not read from a file
        meeting = in_house_style(meeting, house_style(doc))
        if (latest := doc.latest()) is not None:
            laid_out_like(meeting, latest)
    if own is not None:
        block = render(meeting, doc.date_style())
        old = work[own.start : own.end]
        kept = old[len(old.rstrip("\n")) :]
        if own.end < len(work):
            new = block.rstrip("\n") + (kept or ("\n" if block.endswith("\n") else ""))
        else:  # the file's last meeting: the file ends as it ended, final newline or none
            new = block.rstrip("\n") + kept
        result = work[: own.start] + new + work[own.end :]
    else:
        result = _insert(doc, render(meeting, doc.date_style()), meeting)
    return result.replace("\n", newline) if newline != "\n" else result


def _insert(doc: NotesDocument, block: str, meeting: Meeting) -> str:
    """Insert after the last block that comes before it in the file's own order.

    Judging by the last such block, not the first later one, keeps a single mistyped
    date near the top of a file from pulling every new meeting up to it.
    """
    work = doc.text
    newest_first = doc.order == "newest-first"
    dated = [(b, b.day) for b in doc.blocks if b.day]
    if meeting.date and dated:
        new = meeting.date
        before = [b for b, when in dated if (when > new if newest_first else when < new)]
        at = before[-1].end if before else dated[0][0].start
    elif doc.blocks and newest_first:
        at = doc.blocks[0].start
    else:
        at = len(work)
    head, rest = work[:at], work[at:]
    if doc.blocks and not rest:
        # Appended after the last meeting: the blank lines the file keeps between meetings
        # (the block's own tail) go before it, and the file ends as it ended.
        body = block.rstrip("\n")
        gap = block[len(body) :] or "\n"
        return head.rstrip("\n") + gap + body + ("\n" if work.endswith("\n") else "")
    if head and not head.endswith("\n"):
        head += "\n"  # the file's last line had no newline; the new block needs one
    if head.strip() and not doc.blocks and not head.endswith("\n\n"):
        head += "\n"  # a first meeting gets a blank line after the header's prose
    if rest and not block.endswith("\n\n"):
        block += "\n"
    return head + block + rest
