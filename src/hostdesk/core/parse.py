"""Read a meeting block, as people really write them, into a Meeting that renders it back."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from hostdesk.core.dates import read_heading
from hostdesk.core.errors import NotesError
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


def _heading(line: str) -> tuple[int, str]:
    m = HEADING.match(line)
    if not m:
        raise NotesError("A meeting block must start with a heading such as “## July 11, 2023”.")
    return len(m[1]), m[2]


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
        attendee = Attendee(name=person.name, affiliation=person.affiliation, github=person.github, note=note)
        attendee.source = remember("".join(x + "\n" for x in group), attendee.markdown_value())
        found.append(attendee)
    return found


def parse_meeting(block: str) -> Meeting:
    """One meeting block, from its heading to the next meeting's heading."""
    lines = block.replace("\r\n", "\n").split("\n")
    final_newline = lines[-1] == ""
    if final_newline:
        lines.pop()
    if not lines:
        raise NotesError("The meeting block is empty.")
    level, heading = _heading(lines[0])
    body = lines[1:]
    end = len(body)
    while end and not body[end - 1].strip():
        end -= 1
    tail = "".join(line + "\n" for line in body[end:])
    lead, wrapper, items, minutes_lines, base = _split_items(body[:end])
    found = read_heading(heading)
    meeting = Meeting(
        date=found.date if found else None,
        heading=heading,
        heading_flag=found.flag if found else "the heading is not a date",
        cancelled="cancel" in heading.lower(),
    )
    layout = Layout(heading_level=level, lead=lead, wrapper=wrapper, tail=tail, final_newline=final_newline)
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
    meeting.sections = sections
    if minutes_lines:
        first = minutes_lines[0]
        heading_end = 0
        if _MINUTES.match(first.strip()):
            heading_end = 1
            while heading_end < len(minutes_lines) and not minutes_lines[heading_end].strip():
                heading_end += 1
        layout.minutes_heading = "".join(line + "\n" for line in minutes_lines[:heading_end])
        meeting.minutes = "\n".join(minutes_lines[heading_end:])
    bullet = items[0].prefix.strip()[:1] if items else "*"
    indent = indents.most_common(1)[0][0] if indents else 2
    meeting.style = Style(
        bullet="-" if bullet == "-" else "+" if bullet == "+" else "*",
        indent=indent if 0 < indent <= 8 else 2,
        base=base,
        blank_after_heading=lead.startswith("\n"),
        brackets=brackets.most_common(1)[0][0] if brackets else "(",
    )
    meeting.layout = layout
    return meeting
