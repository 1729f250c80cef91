"""What an import found and what it left unread, so a host sees at once if anything is missed."""

from __future__ import annotations

from dataclasses import dataclass, field

from hostdesk.core.document import NotesDocument, house_style
from hostdesk.core.house import HouseStyle

_SHOWN = 3  # lines quoted per kind of thing left unread


@dataclass
class FileReport:
    name: str
    dated: int = 0
    undated: int = 0
    flagged: list[str] = field(default_factory=list)
    people: int = 0
    absent: int = 0
    sections: int = 0
    header_lines: int = 0
    date_lines: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    style: HouseStyle | None = None

    @property
    def meetings(self) -> int:
        return self.dated + self.undated


def report_file(doc: NotesDocument, name: str) -> FileReport:
    out = FileReport(name=name, headings=doc.outline.headings[:_SHOWN])
    for meeting in doc.meetings:
        if meeting.date is None:
            out.undated += 1
        else:
            out.dated += 1
        if meeting.heading_flag and (meeting.date is None or "read as" in meeting.heading_flag):
            out.flagged.append(f"{meeting.heading.strip()} ({meeting.heading_flag})")
        out.people += sum(a.present for a in meeting.attendees)
        out.absent += sum(not a.present for a in meeting.attendees)
        out.sections += len(meeting.sections)
    out.header_lines = sum(1 for line in doc.header.split("\n") if line.strip())
    used = {m.heading.strip() for m in doc.meetings}
    out.date_lines = [line for line in doc.outline.date_lines if line not in used][:_SHOWN]
    out.style = house_style(doc) if doc.blocks else None
    return out


def describe_style(style: HouseStyle) -> str:
    heading = "(no heading)"
    if style.heading_level:
        heading = "#" * style.heading_level + " " + style.heading_pattern
    people = (
        "`* Attendees` bullet"
        if style.attendee_bullet
        else (style.attendee_shape.kind if style.attendee_shape else "no attendee list")
    )
    agenda = "sub-headings" if style.section_prefix else "bullets"
    endings = "CRLF" if style.crlf else "LF"
    host = ", host line" if style.host_line else ""
    return f"{heading}; {style.order}; attendees as {people}; agenda as {agenda}{host}; {endings}"


def report_lines(files: list[FileReport]) -> list[str]:
    """The report as the command line prints it, one file after another, then totals."""
    lines: list[str] = []
    for f in files:
        if not f.meetings:
            seen = "; ".join(f.headings) or "no headings"
            lines.append(f"{f.name}: no meeting found (looked for dated headings; saw: {seen})")
            continue
        lines.append(
            f"{f.name}: {f.meetings} meetings ({f.dated} dated, {f.undated} undated, "
            f"{len(f.flagged)} flagged), {f.people} people present, {f.absent} absent, "
            f"{f.sections} agenda sections"
        )
        if f.style is not None:
            lines.append(f"  style: {describe_style(f.style)}")
        lines += [f"  flagged: {flag}" for flag in f.flagged[:_SHOWN]]
        if f.header_lines:
            lines.append(f"  left unread: {f.header_lines} lines of header before the first meeting")
        lines += [f"  left unread, looks like a date: {line}" for line in f.date_lines]
    total = sum(f.meetings for f in files)
    people = sum(f.people for f in files)
    lines.append(f"total: {total} meetings, {people} people present, in {len(files)} files")
    return lines
