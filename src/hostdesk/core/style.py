"""A series' house style, learned from its notes files, and new meetings written in it.

A file that never had a `* Host:` or `* Attendees [...]` line never gets one: a new
meeting takes the heading level and wording, date pattern, attendee list shape, section
headings, bullets, blank lines and line endings that the file's own meetings use.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from hostdesk.core.agenda_table import as_rows, table_shape
from hostdesk.core.datetext import find_date, format_date, heading_pattern
from hostdesk.core.house import AttendeeShape, HouseStyle
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
        for section in new.sections:
            if section.source is None:
                section.prefix, section.child_indent, section.gap = style.section_prefix, 0, "\n"
        new.style.blank_after_heading = True
    return new


def _default_heading(meeting: Meeting) -> bool:
    """A heading hostdesk wrote itself from the date, not one the host typed."""
    from hostdesk.core.dates import format_heading

    assert meeting.date is not None
    styles = ("long", "short", "ordinal", "iso")
    return meeting.heading.strip() in {format_heading(meeting.date, s) for s in styles}  # type: ignore[arg-type]
