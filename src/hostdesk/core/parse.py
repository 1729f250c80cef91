"""Read a meeting block, as people really write them, into a Meeting that renders it back."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from hostdesk.core.attendees import label_line
from hostdesk.core.body import heading_sections, read_sectioned
from hostdesk.core.datetext import FoundDate, find_date, lone_year
from hostdesk.core.errors import NotesError
from hostdesk.core.meetings import FENCE, SUMMARY
from hostdesk.core.model import Attendee, Brackets, Layout, Meeting, Section, Style
from hostdesk.core.people import parse_hosts, parse_person, strip_bold
from hostdesk.core.verbatim import remember

BULLET = re.compile(r"( *)([*+-])(?:[ \t]+(.*?))?[ \t]*$")
HEADING = re.compile(r"(#{1,6})[ \t]+(.*)$")
_HOST = re.compile(r"\**hosts?\**\s*:\**\s*(.*)$", re.IGNORECASE)
_ATTENDEES = re.compile(r"\**attendees\b", re.IGNORECASE)
_ESCAPED_HOST = re.compile(r"^(\**hosts?\**\s*)\\:", re.IGNORECASE)
_WRAPPER = re.compile(r"\**agenda\**:?$", re.IGNORECASE)
_MINUTES = re.compile(r"(#{1,6}\s*|\*\*|__)?minutes(\*\*|__)?:?\s*$", re.IGNORECASE)
_BREAK = re.compile(r"(?:-[ \t]*){3,}$|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$")
_YEAR_HEADING = re.compile(r"[\s*_]*(?:19|20)\d\d[\s*_:]*$")


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def dedent_lines(lines: list[str]) -> tuple[str, int]:
    """The lines with their common indent removed, and that indent."""
    column = min((indent_of(line) for line in lines if line.strip()), default=0)
    return "\n".join(line[column:] if line.strip() else "" for line in lines), column


@dataclass
class _Item:
    prefix: str
    title: str
    lines: list[str] = field(default_factory=list)

    def split_gap(self) -> tuple[list[str], str]:
        """Child lines without the trailing blank lines, and those blank lines as written."""
        end = len(self.lines)
        while end and not self.lines[end - 1].strip():
            end -= 1
        return self.lines[:end], "".join(line + "\n" for line in self.lines[end:])

    def text(self, children: list[str]) -> str:
        return "".join(line + "\n" for line in [self.prefix + self.title, *children])


def _heading(line: str, headless: bool) -> tuple[int, str]:
    m = HEADING.match(line)
    if not m and (folded := SUMMARY.match(line)):
        return -1, folded["text"]
    indent = len(line) - len(line.lstrip(" "))
    if not m and 0 < indent <= 3 and (m := HEADING.match(line[indent:])):
        return -2, m[2]
    if not m:
        if headless:
            return 0, ""
        raise NotesError("A meeting block must start with a heading such as “## July 11, 2023”.")
    return len(m[1]), m[2]


def heading_date(heading: str, hint: DateHint, found: FoundDate | None = None) -> tuple[date | None, str]:
    """The heading's date (year from the heading, else the file), else the file's date.

    `found`: the date already read from the heading, if any.
    """
    found = found or find_date(heading)
    if found is None:
        if hint.day is not None:
            return hint.day, ""
        return None, "the heading is not a date"
    if found.flag:
        return None, found.flag
    if found.year is not None:
        return found.date, ""
    year = lone_year(heading[: found.start] + " " + heading[found.end :]) or hint.year
    if year is not None:
        return found.on(year), ""
    return None, "the heading has no year"


@dataclass(frozen=True)
class DateHint:
    """What the file says about a meeting's date apart from its heading."""

    day: date | None = None
    year: int | None = None
    source: str = ""


def _split_items(body: list[str]) -> tuple[str, str, list[_Item], list[str], int]:
    """Lead text, wrapper, the top-level items, the lines of the minutes, and the item column."""
    first = next((i for i, line in enumerate(body) if BULLET.match(line)), len(body))
    for i, line in enumerate(body[:first]):
        if line.startswith("#"):
            first = i
            break
    lead = "".join(line + "\n" for line in body[:first])
    wrapper = ""
    items: list[_Item] = []
    if first == len(body) or not BULLET.match(body[first]):
        return lead, wrapper, items, body[first:], 0
    i = first
    m = BULLET.match(body[i])
    assert m is not None
    nxt = next((j for j in range(i + 1, len(body)) if body[j].strip()), None)
    if (
        _WRAPPER.match((m[3] or "").strip())
        and nxt is not None
        and (wrapped := BULLET.match(body[nxt]))
        and len(wrapped[1]) > len(m[1])
    ):
        wrapper = "".join(line + "\n" for line in body[i:nxt])
        i = nxt
        m = wrapped
    base = len(m[1])
    column = m.start(3) if m[3] else len(m[0])
    minutes: list[str] = []
    previous = ""
    for j in range(i, len(body)):
        line = body[j]
        bullet = BULLET.match(line)
        indent = indent_of(line)
        if bullet and indent < max(column, base + 2):
            text_at = bullet.start(3) if bullet[3] is not None else len(line.rstrip())
            items.append(_Item(line[:text_at], line[text_at:]))
        elif (
            line.strip()
            and indent == 0
            and (line.startswith("#") or not previous.strip() or _BREAK.match(line))
        ):
            minutes = body[j:]
            break
        else:
            items[-1].lines.append(line)
        previous = line
    return lead, wrapper, items, minutes, base


def _flyte_attendees(title: str) -> bool:
    """Flyte's `* Attendees [name, affiliation]` bullet, its people below it, not inline."""
    lab = label_line(title)
    return bool(_ATTENDEES.match(title.strip())) and not (lab and lab["rest"].strip())


def _attendees(children: list[str]) -> list[Attendee]:
    column = min((indent_of(line) for line in children if line.strip()), default=0)
    groups: list[list[str]] = []
    for line in children:
        bullet = BULLET.match(line)
        if bullet and indent_of(line) == column:
            groups.append([line])
        elif groups and (not line.strip() or indent_of(line) > column):
            groups[-1].append(line)
        else:
            groups.append([line])
    found = []
    for group in groups:
        bullet = BULLET.match(group[0])
        if not bullet or not (bullet[3] or "").strip():
            continue  # placeholders and stray prose stay in the block's remembered text
        person = parse_person(bullet[3])
        if not person.name:
            continue
        while len(group) > 1 and not group[-1].strip():
            group.pop()
        note, _ = dedent_lines(group[1:])
        affiliation, github = person.affiliation, person.github
        if not github and re.fullmatch(r"@[A-Za-z0-9][\w-]{0,38}", affiliation):
            affiliation, github = "", affiliation[1:]  # `Name (@handle)`: a handle, not an org
        attendee = Attendee(name=person.name, affiliation=affiliation, github=github, note=note)
        attendee.source = remember("".join(x + "\n" for x in group), attendee.markdown_value())
        found.append(attendee)
    return found


def _trailer(body: list[str], end: int, level: int) -> tuple[int, str]:
    """Where the meeting's own text ends in `body[:end]`, and the text after it that is not
    the meeting's: a `## 2022` heading grouping the meetings below it by year, any heading
    shallower than the meeting's own, and a `---` separator before the next meeting."""
    at, fence = end, ""
    for i, line in enumerate(body[:end]):
        if m := FENCE.match(line):
            fence = "" if fence and m[1].startswith(fence) else (fence or m[1][0] * 3)
        elif not fence and level >= 1 and (h := HEADING.match(line)):
            if len(h[1]) < level or (len(h[1]) == level and _YEAR_HEADING.match(h[2])):
                at = i
                break
    before = at
    while before and not body[before - 1].strip():
        before -= 1
    # `text` right above `---` makes it a heading underline, not a separator
    if before and _BREAK.match(body[before - 1]) and (before < 2 or not body[before - 2].strip()):
        at = before - 1
    content_end = at
    while content_end and not body[content_end - 1].strip():
        content_end -= 1
    return content_end, "".join(line + "\n" for line in body[content_end:end])


def parse_meeting(block: str, hint: DateHint | None = None, headless: bool = False) -> Meeting:
    """One meeting block, from its heading to the next meeting's heading.

    `headless`: the block is a whole per-meeting file, which may have no heading at all.
    """
    hint = hint or DateHint()
    lines = block.replace("\r\n", "\n").split("\n")
    final_newline = lines[-1] == ""
    if final_newline:
        lines.pop()
    if not lines:
        raise NotesError("The meeting block is empty.")
    level, heading = _heading(lines[0], headless)
    body = lines[1:] if level else lines
    end = len(body)
    while end and not body[end - 1].strip():
        end -= 1
    tail = "".join(line + "\n" for line in body[end:])
    end, trailer = _trailer(body, end, level)
    heading_line, closing = "", ""
    if level == -2:  # a heading set in by a few spaces: written back so
        bare = lines[0].lstrip(" ")
        heading_line = lines[0][: len(lines[0]) - len(bare)] + bare[: bare.index(heading)] + "{heading}"
        heading_line += bare[bare.index(heading) + len(heading) :]
    if level == -1:  # `<details><summary>date</summary>`: the opener is the heading line
        folded = SUMMARY.match(lines[0])
        assert folded is not None
        heading_line = folded["open"] + "{heading}" + folded["close"] + lines[0][folded.end("close") :]
        if end and body[end - 1].strip() == "</details>":
            content_end = end - 1
            while content_end and not body[content_end - 1].strip():
                content_end -= 1
            closing = "".join(line + "\n" for line in body[content_end:end])
            end = content_end
    lead, wrapper, items, minutes_lines, base = _split_items(body[:end])
    day, flag = heading_date(heading, hint)
    meeting = Meeting(date=day, heading=heading, heading_flag=flag, cancelled="cancel" in heading.lower())
    layout = Layout(
        heading_level=max(level, 0), lead=lead, wrapper=wrapper, tail=tail, final_newline=final_newline
    )
    layout.heading_line, layout.closing, layout.trailer = heading_line, closing, trailer
    if hint.day is not None and day == hint.day and not find_date(heading):
        layout.date_source = hint.source
    if not any(_HOST.match(i.title.strip()) or _flyte_attendees(i.title) for i in items):
        read_sectioned(meeting, layout, body[:end])
        meeting.layout = layout
        meeting.style = _style(items, Counter(), Counter(), base, lead)
        return meeting
    layout.host_at = layout.attendees_at = None
    sections: list[Section] = []
    indents: Counter[int] = Counter()
    brackets: Counter[Brackets] = Counter()
    for item in items:
        children, gap = item.split_gap()
        if children:
            indents[min(indent_of(c) for c in children if c.strip()) - base] += 1
        if layout.host_at is None and (host := _HOST.match(item.title.strip())):
            meeting.hosts = parse_hosts(strip_bold(host[1]))
            layout.host_at, layout.host_gap = len(sections), gap
            layout.host_source = remember(item.text(children), meeting.hosts)
        elif layout.attendees_at is None and _ATTENDEES.match(item.title.strip()):
            meeting.attendees = _attendees(children)
            for child in children:
                if (b := BULLET.match(child)) and b[3]:
                    person = parse_person(b[3])
                    if person.brackets:
                        brackets[person.brackets] += 1
            layout.attendees_at, layout.attendees_gap = len(sections), gap
            value = [a.markdown_value() for a in meeting.attendees]
            layout.attendees_source = remember(item.text(children), value)
        else:
            notes, column = dedent_lines(children)
            section = Section(
                title=_ESCAPED_HOST.sub(r"\1:", item.title, count=1),
                notes=notes,
                prefix=item.prefix,
                child_indent=column,
                gap=gap,
            )
            section.source = remember(item.text(children), section.markdown_value())
            sections.append(section)
    if minutes_lines and (h := HEADING.match(minutes_lines[0])) and not _MINUTES.match(h[0].strip()):
        sections += heading_sections(minutes_lines)  # `## Follow-ups`: a section the host sees
    elif minutes_lines:
        first = minutes_lines[0]
        heading_end = 0
        if _MINUTES.match(first.strip()):
            heading_end = 1
            while heading_end < len(minutes_lines) and not minutes_lines[heading_end].strip():
                heading_end += 1
        layout.minutes_heading = "".join(line + "\n" for line in minutes_lines[:heading_end])
        meeting.minutes = "\n".join(minutes_lines[heading_end:])
    meeting.sections = sections
    meeting.style = _style(items, indents, brackets, base, lead)
    meeting.layout = layout
    return meeting


def _style(
    items: list[_Item], indents: Counter[int], brackets: Counter[Brackets], base: int, lead: str
) -> Style:
    bullet = items[0].prefix.strip()[:1] if items else "*"
    indent = indents.most_common(1)[0][0] if indents else 2
    return Style(
        bullet="-" if bullet == "-" else "+" if bullet == "+" else "*",
        indent=indent if 0 < indent <= 8 else 2,
        base=base,
        blank_after_heading=lead.startswith("\n"),
        brackets=brackets.most_common(1)[0][0] if brackets else "(",
    )
