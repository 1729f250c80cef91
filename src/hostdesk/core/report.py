"""What an import found and what it left unread, so a host sees at once if anything is missed.

One report, two views: the command line prints `report_lines`, the window shows the
same `summary`, `file_summary` and `details` (ui/import_report.py). Text quoted from a
file is returned as the file has it; each view makes control characters harmless.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hostdesk.core.datetext import find_date
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
    date_lines: list[str] = field(default_factory=list)  # every one; views quote the first few
    headings: list[str] = field(default_factory=list)
    style: HouseStyle | None = None

    @property
    def meetings(self) -> int:
        return self.dated + self.undated


def report_file(doc: NotesDocument, name: str, crlf: bool = False) -> FileReport:
    """`crlf`: the file's line endings before parsing made them `\\n`."""
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
    # Front matter is read (its date and year date the meetings): only the text after it counts.
    text = doc.header[doc.outline.front_matter_end :] if doc.blocks else ""
    header = [line.strip() for line in text.split("\n") if line.strip()]
    out.header_lines = len(header)
    out.date_lines = _unread_dates(doc, header)
    if doc.blocks:
        out.style = house_style(doc).model_copy(update={"crlf": crlf})
    return out


def _unread_dates(doc: NotesDocument, header: list[str]) -> list[str]:
    """Lines with a date that dated no meeting: in the header, or a plain date line."""
    used = {m.heading.strip() for m in doc.meetings}
    if any(m.layout.date_source == "date line" for m in doc.meetings):
        # the date line a meeting took its date from was read, not left
        used |= {line for line in doc.outline.date_lines if _day(line) == doc.outline.date_hint}
    seen: list[str] = []
    for line in [*doc.outline.date_lines, *header]:
        if line not in used and line not in seen and _day(line) is not None:
            seen.append(line)
    return seen


def _day(line: str) -> date | None:
    found = find_date(line)
    return found.date if found is not None and found.year is not None else None


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def file_summary(f: FileReport) -> str:
    """One line per file: what was found, or why nothing was."""
    if not f.meetings:
        seen = "; ".join(f.headings) or "no headings"
        return f"no meeting found (looked for dated headings; saw: {seen})"
    return (
        f"{_count(f.meetings, 'meeting')} ({f.dated} dated, {f.undated} undated, "
        f"{len(f.flagged)} flagged), {_count(f.people, 'person', 'people')} present, {f.absent} absent, "
        f"{_count(f.sections, 'agenda section')}"
    )


def details(f: FileReport) -> list[tuple[str, str]]:
    """What to check in a file, as (kind, text): the style learned, flagged headings,
    and what was left unread."""
    if not f.meetings:
        return []
    out: list[tuple[str, str]] = []
    if f.style is not None:
        out.append(("style", describe_style(f.style)))
    out += [("flagged", flag) for flag in f.flagged[:_SHOWN]]
    if len(f.flagged) > _SHOWN:
        out.append(("flagged", f"… and {len(f.flagged) - _SHOWN} more"))
    if f.header_lines:
        out.append(("left unread", f"{_count(f.header_lines, 'line')} of header before the first meeting"))
    out += [("left unread, looks like a date", line) for line in f.date_lines[:_SHOWN]]
    if len(f.date_lines) > _SHOWN:
        out.append(("left unread, looks like a date", f"… and {len(f.date_lines) - _SHOWN} more"))
    return out


def summary(files: list[FileReport]) -> str:
    """The whole import in one line: totals, then whether anything needs a look."""
    total = sum(f.meetings for f in files)
    people = sum(f.people for f in files)
    flagged = sum(len(f.flagged) for f in files)
    dates = sum(len(f.date_lines) for f in files)
    empty = sum(not f.meetings for f in files)
    line = (
        f"{_count(total, 'meeting')}, {_count(people, 'person', 'people')} present, "
        f"in {_count(len(files), 'file')}"
    )
    check = [
        _count(flagged, "flagged heading") if flagged else "",
        _count(dates, "line that looks like a date", "lines that look like a date") + " left unread"
        if dates
        else "",
    ]
    check = [c for c in check if c]
    if check:
        line += "; check " + ", ".join(check)
    elif total:
        line += "; nothing looks missed"
    # A folder's index or README holds no meeting, and is passed over: said, not a worry.
    return line + (f"; {_count(empty, 'file')} with no meeting passed over" if empty else "")


def describe_style(style: HouseStyle) -> str:
    heading = "(no heading)"
    if style.heading_level:
        heading = "#" * style.heading_level + " " + style.heading_pattern
    people = (
        "`* Attendees` bullet"
        if style.attendee_bullet
        else (style.attendee_shape.kind if style.attendee_shape else "no attendee list")
    )
    marker = style.section_prefix.rsplit("\n", 1)[-1].lstrip()
    agenda = (
        "a table" if style.agenda_table
        else "sub-headings" if marker.startswith("#")
        else "a numbered list" if marker[:1].isdigit()
        else "bullets"
    )
    endings = "CRLF" if style.crlf else "LF"
    host = ", host line" if style.host_line else ""
    return f"{heading}; {style.order}; attendees as {people}; agenda as {agenda}{host}; {endings}"


def report_lines(files: list[FileReport]) -> list[str]:
    """The report as the command line prints it, one file after another, then totals."""
    lines: list[str] = []
    for f in files:
        lines.append(f"{f.name}: {file_summary(f)}")
        lines += [f"  {kind}: {text}" for kind, text in details(f)]
    lines.append("total: " + summary(files))
    return lines
