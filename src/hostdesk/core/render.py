"""Write a meeting as a Markdown block in the community's format. The only place that does."""

from __future__ import annotations

import re

from hostdesk.core import timer
from hostdesk.core.agenda import is_label_section
from hostdesk.core.agenda_table import is_row, notes_below, notes_level, row_line
from hostdesk.core.body import shaped_list
from hostdesk.core.dates import format_heading
from hostdesk.core.model import Attendee, Meeting, MoreList, Section, Style
from hostdesk.core.people import format_hosts, format_person
from hostdesk.core.verbatim import reuse

HOST_LABEL = "Host"
ATTENDEES_LABEL = "Attendees [name, affiliation]"
MINUTES_HEADING = "### Minutes\n\n"
TIMING_TITLE = "Timing (planned / actual minutes)"
_RESERVED_TITLE = re.compile(r"^(\**hosts?\**\s*)(:)", re.IGNORECASE)
# A list item's marker, as a section's prefix ends with it: `- `, `1. `, `* [x] `.
_LIST_MARKER = re.compile(r" {0,3}(?:[*+-]|\d{1,3}[.)])(?:[ \t]+\[[ xX]\])?[ \t]")
# What opens a block of its own right under a list item's first line (CommonMark: a bullet,
# an ordered list from 1, a heading, a quote, a fence, HTML); anything else continues it.
_OWN_BLOCK = re.compile(r"(?:[*+-]|1[.)])(?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|```|~~~|<")


def indent_block(text: str, column: int) -> str:
    pad = " " * column
    return "".join(f"{pad}{line}\n" if line else "\n" for line in text.split("\n")) if text else ""


def heading_text(meeting: Meeting, date_style: str = "long") -> str:
    if meeting.heading.strip():
        return meeting.heading
    if meeting.date:
        return format_heading(meeting.date, date_style)  # type: ignore[arg-type]
    return "Untitled meeting"


def host_line(meeting: Meeting) -> str:
    hosts = meeting.hosts
    return reuse(meeting.layout.host_source, hosts) or (
        f"{meeting.style.prefix}{HOST_LABEL}: {format_hosts(hosts)}".rstrip() + "\n"
    )


def attendee_lines(attendee: Attendee, style: Style) -> str:
    kept = reuse(attendee.source, attendee.markdown_value())
    if kept is not None:
        return kept
    column = style.base + style.indent
    text = format_person(attendee.name, attendee.affiliation, attendee.github, style.brackets)
    line = f"{' ' * column}{style.bullet} {text}\n"
    return line + indent_block(attendee.note, column + style.indent)


def attendees_block(meeting: Meeting) -> str:
    people = _lists(meeting)[0]
    kept = reuse(meeting.layout.attendees_source, [a.markdown_value() for a in people])
    if kept is not None:
        return kept
    if meeting.layout.attendee_shape is not None:
        return shaped_list(people, meeting.layout.attendee_shape)
    label = f"{meeting.style.prefix}{ATTENDEES_LABEL}\n"
    source = meeting.layout.attendees_source
    if source is not None:  # keep the label line as the file wrote it
        label = source.text.split("\n", 1)[0] + "\n"
    return label + "".join(attendee_lines(a, meeting.style) for a in meeting.attendees)


def _lists(meeting: Meeting) -> list[list[Attendee]]:
    """The people of each attendee list: a person goes on the list of the one before them,
    so a late arrival the host adds at the end joins the last list (guests, the afternoon's)."""
    mores = meeting.layout.more_lists
    lists: list[list[Attendee]] = [[] for _ in range(len(mores) + 1)]
    at = 0
    for attendee in meeting.attendees:
        key = attendee.name.casefold()
        at = next((i + 1 for i, more in enumerate(mores) if key in more.people), at)
        lists[at].append(attendee)
    return lists


def more_list_block(meeting: Meeting, more: MoreList) -> str:
    """A further attendee list: as written while its people are unchanged, else in its shape."""
    people = _lists(meeting)[meeting.layout.more_lists.index(more) + 1]
    kept = reuse(more.source, [a.markdown_value() for a in people])
    return (kept if kept is not None else shaped_list(people, more.shape)) + more.gap + more.after


def section_block(section: Section, style: Style, label: bool = False) -> str:
    """`label`: the section is a `Notes` line after a list agenda, written as that line."""
    kept = reuse(section.source, section.markdown_value())
    if kept is not None:
        return kept
    prefix = section.prefix or ""
    if label:  # `Notes` on a line of its own, the notes from the margin below
        brk = "  " if _continues_title(section.notes) else ""
        return f"{section.title}{brk}\n" + (section.notes + "\n" if section.notes else "")
    if prefix.lstrip().startswith("#") and prefix.endswith(("# ", "#\t")):  # a sub-heading and its text
        return f"{section.prefix}{section.title}\n" + (section.notes + "\n" if section.notes else "")
    title = _RESERVED_TITLE.sub(r"\1\\\2", section.title)
    column = section.child_indent if section.child_indent is not None else 0
    marker = (section.prefix or style.prefix).rsplit("\n", 1)[-1]
    if column <= style.base + 1:  # under `1. ` notes start at 3, or they leave the item
        column = max(style.base + style.indent, len(marker))
    # A plain first line would continue the title's paragraph ("Welcome EARLY1"): a hard
    # line break (two spaces, which the reader strips from a title) puts it on its own line.
    brk = "  " if _continues_title(section.notes) else ""
    return f"{section.prefix or style.prefix}{title}{brk}\n" + indent_block(section.notes, column)


def _section(meeting: Meeting, index: int, out: list[str]) -> None:
    """A section; a table row (or one the host added after a row) as a row, and after
    the table's last row the notes of its rows."""
    sections, section = meeting.sections, meeting.sections[index]
    rows = _row_run(sections, index)
    if not rows:
        # Only after a list item is `Notes` read back as the notes' label (among bold topics
        # it is one more topic); right under the item, it would be read as the item's text.
        label = is_label_section(section) and index > 0 and _listed(sections[index - 1])
        if label and not "".join(out[-2:]).endswith("\n\n"):
            out.append("\n")
        out.append(section_block(section, meeting.style, label) + section.gap)
        return
    shaped = next(s for s in reversed(rows) if s.prefix is not None and s.suffix is not None)
    out.append(row_line(section, shaped) + section.gap)
    if index + 1 < len(sections) and _row_run(sections, index + 1):
        return
    level = notes_level(rows, meeting.layout.heading_level)
    for row in rows:
        block, new = notes_below(row, level)
        if new and not "".join(out[-2:]).endswith("\n\n"):
            out.append("\n")
        out.append(block + ("\n" if new and index + 1 < len(sections) else ""))


def _row_run(sections: list[Section], index: int) -> list[Section]:
    """The table rows up to `index` when it is one of them, else []."""
    if not is_row(sections[index]) and sections[index].prefix is not None:
        return []
    run: list[Section] = []
    for section in sections[: index + 1]:
        run = [*run, section] if is_row(section) or (section.prefix is None and run) else []
    return run


def _listed(section: Section) -> bool:
    """A section written as a list item: by its own marker, or the meeting's bullet."""
    marker = section.prefix.rsplit("\n", 1)[-1] if section.prefix is not None else "* "
    return section.suffix is None and bool(_LIST_MARKER.match(marker))


def _continues_title(notes: str) -> bool:
    first = notes.split("\n", 1)[0].lstrip()
    return bool(first) and not _OWN_BLOCK.match(first)


def timing_block(meeting: Meeting) -> str:
    """Planned against actual minutes per section, for hosts who publish how time went."""
    style = meeting.style
    pad = " " * (style.base + style.indent)
    lines = [f"{style.prefix}{TIMING_TITLE}"]
    for section in meeting.sections:
        actual = round(timer.settled(section) / 60)
        lines.append(f"{pad}{style.bullet} {section.title}: {section.planned_minutes} / {actual} min")
    planned = sum(s.planned_minutes for s in meeting.sections)
    actual = round(sum(timer.settled(s) for s in meeting.sections) / 60)
    lines.append(f"{pad}{style.bullet} Whole meeting: {planned} / {actual} min")
    return "\n".join(lines) + "\n"


def render(meeting: Meeting, date_style: str = "long") -> str:
    """The meeting's Markdown block, from its `## heading` through its trailing blank line."""
    layout, style = meeting.layout, meeting.style
    out = []
    if layout.heading_line:
        out.append(layout.heading_line.replace("{heading}", heading_text(meeting, date_style)) + "\n")
    elif layout.heading_level:
        out.append("#" * layout.heading_level + " " + heading_text(meeting, date_style) + "\n")
    if layout.lead is not None:
        out.append(layout.lead)
    elif style.blank_after_heading:
        out.append("\n")
    out.append(layout.wrapper)
    for index in range(len(meeting.sections) + 1):
        if layout.host_at == index or (
            index == 0 and layout.host_at is None and meeting.hosts and layout.write_host
        ):
            if meeting.hosts or layout.host_source is not None:
                out.append(host_line(meeting) + layout.host_gap)
        if layout.attendees_at == index or (index == 0 and layout.attendees_at is None and meeting.attendees):
            out.append(attendees_block(meeting) + layout.attendees_gap + layout.after_attendees)
        out += [more_list_block(meeting, more) for more in layout.more_lists if more.at == index]
        if index < len(meeting.sections):
            _section(meeting, index, out)
    if meeting.include_timing and meeting.sections:
        out.append(timing_block(meeting))
    heading = layout.minutes_heading
    if heading is None and meeting.minutes:
        if not "".join(out).endswith("\n\n"):
            out.append("\n")
        heading = MINUTES_HEADING
    if heading is not None:
        out.append(heading + (meeting.minutes + "\n" if meeting.minutes else ""))
    out.append(layout.closing + layout.trailer + layout.tail)
    text = "".join(out)
    return text if layout.final_newline else text.removesuffix("\n")
