"""A series' house style, learned from its notes files, and new meetings written in it.

A file that never had a `* Host:` or `* Attendees [...]` line never gets one: a new
meeting takes the heading level and wording, date pattern, attendee list shape, section
headings, bullets, blank lines and line endings that the file's own meetings use.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from hostdesk.core.agenda import is_label_section, is_wrapper
from hostdesk.core.agenda_table import as_rows, table_shape
from hostdesk.core.attendees import AGENDA_LABEL
from hostdesk.core.datetext import find_date, format_date, heading_pattern
from hostdesk.core.house import AttendeeShape, HouseLines, HouseStyle
from hostdesk.core.model import Meeting
from hostdesk.core.verbatim import Verbatim


def learn(meetings: list[Meeting], crlf: bool = False, order: str = "newest-first") -> HouseStyle:
    """The commonest habits of the meetings of a file (or of a folder's files)."""
    style = HouseStyle(crlf=crlf, order=order)
    if not meetings:
        return style
    # The newest meeting's level: a file that changed level over the years goes on in the new one.
    dated = [m for m in meetings if m.date is not None]
    newest = max(dated, key=lambda m: m.date or date.min) if dated else meetings[0]
    style.heading_level = newest.layout.heading_level
    style.heading_line, style.closing = newest.layout.heading_line, newest.layout.closing
    patterns: Counter[str] = Counter()
    for meeting in meetings:
        if (found := find_date(meeting.heading)) and not found.flag:
            patterns[heading_pattern(meeting.heading, found)] += 1
    if patterns:
        style.heading_pattern = patterns.most_common(1)[0][0]
    elif meetings[0].layout.date_source:
        style.heading_pattern = meetings[0].heading.replace("{", "{{").replace("}", "}}")
        style.date_source = meetings[0].layout.date_source
    style.host_line = any(m.layout.host_source is not None for m in meetings)
    style.attendee_bullet = any(m.layout.attendees_source and not m.layout.attendee_shape for m in meetings)
    sources = [m.layout.attendees_source for m in meetings if _flyte_list(m)]
    labels = [source.text.split("\n", 1)[0] for source in sources if source is not None]
    style.attendee_label = labels[0] if labels else ""
    shapes = [m.layout.attendee_shape for m in meetings if m.layout.attendee_shape is not None]
    if shapes:
        style.attendee_shape = shapes[0].model_copy(update={"outro": _closing(shapes[0].outro)})
    prefixes = Counter((s.prefix or "") for m in meetings for s in m.sections)
    if prefixes:
        top = prefixes.most_common(1)[0][0]
        style.section_prefix = top if top.lstrip().startswith("#") else ""
    # The newest agenda's list (`1. `, `- `), counted on from it; an empty meeting (the one
    # just added) has no say.
    agendas = [m for m in dated or meetings if m.sections]
    latest_agenda = max(agendas, key=lambda m: m.date or date.min) if agendas else None
    first = latest_agenda.sections[0].prefix if latest_agenda is not None else None
    if not style.section_prefix and first and _LIST_MARKER.match(_head_and_marker(first)[1]):
        style.section_prefix = first
    style.agenda_table = next((t for m in meetings if (t := table_shape(m.sections))), None)
    gaps = Counter(m.layout.tail for m in meetings[:-1]) or Counter(m.layout.tail for m in meetings)
    style.gap = gaps.most_common(1)[0][0]
    # A `---` after each meeting, learned where new meetings go on top: each then closes with one.
    trailers = Counter(m.layout.trailer for m in meetings[:-1])
    if order == "newest-first" and trailers and _BREAK.match(trailers.most_common(1)[0][0].strip()):
        style.separator = trailers.most_common(1)[0][0]
    return style


_BREAK = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")


def _flyte_list(meeting: Meeting) -> bool:
    return meeting.layout.attendees_source is not None and meeting.layout.attendee_shape is None


def _closing(outro: str) -> str:
    """Of what followed a list, only a closing fence belongs to the shape."""
    lines = [line for line in outro.split("\n") if line.strip()]
    return lines[0] + "\n" if lines and lines[0].lstrip().startswith(("```", "~~~")) else ""


# A series' house lines are those its latest files all have: three files tell a fixed
# `Call-in:` line from a `Facilitator:` line that changes from call to call.
HOUSE_SAMPLE = 3
HOUSE_YEARS = 1
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])(?:\s|$)")


def learn_house_lines(meetings: list[Meeting]) -> list[HouseLines]:
    """What every one of a per-meeting series' latest files has outside its agenda, in the
    same place: under the heading, or in the notes of a bullet before the first agenda
    heading (`* Scribes: …` then `Time: …`). A line counts with its date written as the
    meeting's date; a line that differs from file to file is that meeting's own.

    One file (or one of the last year) has nothing to compare with: what stands under its
    heading is taken whole, and of a leading bullet's notes the plain lines (no list item)."""
    dated = sorted((m for m in meetings if m.date is not None), key=lambda m: m.date or date.min)
    if not dated:
        return []
    newest = dated[-1].date or date.min
    # A file years older shows the house as it was, not as it is now.
    latest = [m for m in dated[-HOUSE_SAMPLE:] if (newest - (m.date or newest)).days <= HOUSE_YEARS * 366]
    places = [_places(m) for m in latest]
    out = []
    for at, lines in places[-1].items():
        if len(latest) == 1:
            kept = [x for x in lines if at < 0 or not _LIST_ITEM.match(x)]
        else:
            kept = [x for x in lines if not x.strip() or all(x in p.get(at, []) for p in places)]
        text = "\n".join(kept) + "\n" if kept == lines else _joined(kept)
        # Under the heading even nothing counts: the latest file's own lines stay out.
        if text.strip() or at < 0:
            out.append(HouseLines(after=at, text=text))
    return out



def _places(meeting: Meeting) -> dict[int, list[str]]:
    """The meeting's text outside its agenda, line by line with dates as tokens: under the
    heading (-1), and in the notes of each bullet before the agenda's first heading or label."""
    places: dict[int, list[str]] = {}
    if meeting.layout.lead:
        places[-1] = [_tokens(x) for x in meeting.layout.lead.removesuffix("\n").split("\n")]
    for at, section in enumerate(meeting.sections):
        lead = (section.prefix or "").split("\n")[:-1]  # an `Agenda:` line over the first topic
        if "#" in (section.prefix or "") or any(is_wrapper(x) for x in lead) or is_label_section(section):
            break
        if section.notes.strip():
            places[at] = [_tokens(x) for x in section.notes.removesuffix("\n").split("\n")]
    return places


def _tokens(line: str) -> str:
    found = find_date(line)
    if found is None or found.flag:
        return line.replace("{", "{{").replace("}", "}}")
    return heading_pattern(line, found)


def _joined(lines: list[str]) -> str:
    """Lines joined again, with the blank lines left by dropped ones made one."""
    out: list[str] = []
    for line in lines:
        if line.strip() or not out or out[-1].strip():
            out.append(line)
    return "\n".join(out) + "\n"


def heading_for(day: date, style: HouseStyle) -> str:
    return format_date(day, style.heading_pattern)


def in_house_style(meeting: Meeting, style: HouseStyle) -> Meeting:
    """A copy of a new meeting laid out as the series writes its meetings."""
    new = meeting.model_copy(deep=True)
    layout = new.layout
    layout.heading_level = style.heading_level or 1
    layout.heading_line, layout.closing = style.heading_line, style.closing
    if new.date is not None and (not new.heading.strip() or _default_heading(new)):
        new.heading = heading_for(new.date, style)
    layout.tail, layout.trailer = style.gap, style.separator
    if not style.host_line:
        layout.host_at, layout.write_host = None, False
    if style.attendee_bullet and style.attendee_label and layout.attendees_source is None:
        # A source that matches no value: its first line is kept as the list's label.
        layout.attendees_source = Verbatim(text=style.attendee_label + "\n", key="")
    if not style.attendee_bullet:
        layout.attendees_at = None if not new.attendees else 0
        if style.attendee_shape is not None:
            layout.attendee_shape = style.attendee_shape
        elif new.attendees:
            layout.attendee_shape = AttendeeShape(kind="bullets", intro="### Attendees\n\n")
        layout.attendees_gap = "\n" if new.attendees else ""
    if style.agenda_table is not None:
        as_rows(new.sections, style.agenda_table)
        new.style.blank_after_heading = True  # the table stands under its own heading or label
    elif style.section_prefix:
        # What introduces the agenda (`### Agenda`, `**Topics**`) stands over the first topic
        # only; a numbered agenda counts on from the first number.
        head, marker = _head_and_marker(style.section_prefix)
        gap = "\n" if marker.lstrip().startswith("#") else ""  # headings apart, list items together
        topics = [section for section in new.sections if section.source is None]
        for n, section in enumerate(topics):
            first = head if section is new.sections[0] else ""
            last = section is new.sections[-1]  # the blank lines after the meeting are its tail's
            section.prefix, section.child_indent = first + _numbered(marker, n), 0
            section.gap = "" if last else gap
        if marker.lstrip().startswith("#") or head:
            new.style.blank_after_heading = True
    return new


_NUMBER = re.compile(r"(\s*)(\d+)([.)]\s*)$")
_LIST_MARKER = re.compile(r"\s{0,3}(?:[*+-]|\d+[.)])[ \t]+$")


def _head_and_marker(prefix: str) -> tuple[str, str]:
    """`### Agenda\n\n1. ` as the lines over the first topic and the topic's own marker."""
    if "\n" not in prefix:
        return "", prefix
    head, marker = prefix.rsplit("\n", 1)
    return head + "\n", marker


def _numbered(marker: str, n: int) -> str:
    """The `n`th topic's marker after `marker`: `3. ` after `1. `; a bullet stays a bullet."""
    if found := _NUMBER.match(marker):
        return f"{found[1]}{int(found[2]) + n}{found[3]}"
    return marker


def laid_out_like(meeting: Meeting, latest: Meeting) -> None:
    """A new meeting laid out where the file's latest meeting has its own way: an `Agenda:`
    line over the first topic only (a topic laid out like one of the latest's may have
    brought it along), `Notes` on a line of its own (written as a bullet, it would be read
    back as one more topic), a second attendee list, an agenda label under the people."""
    labels = {s.title for s in latest.sections if is_label_section(s)}
    first = latest.sections[0].prefix or "" if latest.sections else ""
    topics = [s for s in meeting.sections if s.title not in labels and s.source is None]
    if "\n" in first and AGENDA_LABEL.match(first.split("\n", 1)[0]) and topics:
        marker = first.rsplit("\n", 1)[1]
        head = first.removesuffix(marker)
        for topic in topics:
            topic.prefix = (topic.prefix or marker).removeprefix(head)
        if topics[0] is meeting.sections[0]:
            topics[0].prefix = head + (topics[0].prefix or marker)
    for section in meeting.sections:
        if section.title in labels and section.source is None:
            section.prefix, section.child_indent = "", 0
    # Last time's guests (or afternoon session) on a list of their own: so again, where it
    # stood, for those of them who are here; a list none of them came to is left out.
    here = {a.name.casefold() for a in meeting.attendees}
    if not meeting.layout.more_lists and latest.layout.more_lists and meeting.sections:
        mores = [
            more.model_copy(update={"source": None, "at": min(more.at, len(meeting.sections))})
            for more in latest.layout.more_lists
            if here & set(more.people)
        ]
        meeting.layout.more_lists = mores
    # `**Topics**` between the people and the agenda: a new meeting with people has it too.
    wrapper = latest.layout.after_attendees
    if meeting.attendees and not meeting.layout.after_attendees and wrapper.strip():
        if is_wrapper(wrapper.strip().strip("*_:").strip()):
            meeting.layout.after_attendees = wrapper
            meeting.layout.attendees_gap = latest.layout.attendees_gap


def write_house_lines(meeting: Meeting, lines: list[HouseLines], day: date) -> None:
    """A per-meeting series' house lines, dated for this meeting, where its files keep
    them; what the host already wrote there stays."""
    for place in lines:
        text = format_date(day, place.text)
        if place.after < 0 and meeting.layout.lead is None:
            meeting.layout.lead = text
        elif 0 <= place.after < len(meeting.sections) and not meeting.sections[place.after].notes:
            meeting.sections[place.after].notes = text.rstrip("\n")


def _default_heading(meeting: Meeting) -> bool:
    """A heading hostdesk wrote itself from the date, not one the host typed."""
    from hostdesk.core.dates import format_heading

    assert meeting.date is not None
    styles = ("long", "short", "ordinal", "iso")
    return meeting.heading.strip() in {format_heading(meeting.date, s) for s in styles}  # type: ignore[arg-type]
