"""Per-meeting series: the file-naming pattern, and the index line a new meeting adds.

Learned from the series' own paths (`2024-05-08.md`, `2021/WASI-02-11.md` under a year
folder, `20220412.md`, `notes/2024-07-02/index.md`) and its index (a README list or
table, possibly grouped by year in `<details>`): a new meeting's file is named the same
way, and its index line is a copy of the nearest entry with the date and link changed.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from itertools import pairwise

from hostdesk.core.agenda_table import as_rows
from hostdesk.core.datetext import FoundDate, find_date, format_date
from hostdesk.core.document import NotesDocument, house_style, parse
from hostdesk.core.house import AgendaTable, HouseLines
from hostdesk.core.model import Meeting
from hostdesk.core.render import render
from hostdesk.core.style import in_house_style, laid_out_like, learn_house_lines, write_house_lines

_MONTH_DAY = re.compile(r"(?<!\d)(\d{2})-(\d{2})(?!\d)")
_YEAR_DIR = re.compile(r"(?:^|/)((?:19|20)\d\d)/")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_YEAR_MONTH = re.compile(r"(?<![\d-])((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![\d-])")


def _path_pattern(path: str) -> str | None:
    """A path with its date made into tokens, or None when it holds no date."""
    folder, _, name = path.rpartition("/")
    found = find_date(path)
    year = _YEAR_DIR.search(path)
    if found is not None and found.year is not None and not found.flag:
        pattern = _tokens(path, found)
        if year and year.end(1) <= found.start and int(year[1]) == found.year:
            # `2023/2023-07-26.md`: the year folder changes with the year too
            pattern = pattern[: year.start(1)] + "{yyyy}" + pattern[year.end(1) :]
        return pattern
    at = len(folder) + 1 if folder else 0
    md = _MONTH_DAY.search(name)
    if year and md:
        pattern = path[: at + md.start()] + "{mm}-{dd}" + path[at + md.end() :]
        return pattern[: year.start(1)] + "{yyyy}" + pattern[year.end(1) :]
    if ym := _YEAR_MONTH.search(name):  # a monthly series: `2022-02.md`
        return path[: at + ym.start()] + "{yyyy}-{mm}" + path[at + ym.end() :]
    return None


def _tokens(text: str, found: FoundDate) -> str:
    return text[: found.start] + found.pattern + text[found.end :]


def naming_pattern(paths: list[str]) -> str:
    """The commonest way the series names its files, of two as common the one its newest
    file uses (a series that renamed its files goes on the new way); "" when undated."""
    dated = [(p, _date_of(path, p) or date.min) for path in paths if (p := _path_pattern(path))]
    patterns = Counter(p for p, _ in dated)
    newest = {p: max(day for q, day in dated if q == p) for p in patterns}
    return max(patterns, key=lambda p: (patterns[p], newest[p])) if patterns else ""


def meeting_path(pattern: str, day: date) -> str:
    return format_date(day, pattern)


def index_entries(index: str) -> list[tuple[int, str, date]]:
    """Index lines that link to a dated meeting file: line number, link target, date."""
    out = []
    for number, line in enumerate(index.split("\n")):
        for target in _LINK.findall(line):
            if (pattern := _path_pattern(target)) is None:
                continue
            day = _date_of(target, pattern)
            if day is not None:
                out.append((number, target, day))
                break
    return out


def latest_file(paths: list[str], pattern: str, before: date) -> str | None:
    """Of the paths named by the series' pattern, the newest dated before `before`
    (else the newest of all): the file a new meeting's file is written like."""
    dated = [(day, p) for p in paths if _path_pattern(p) == pattern and (day := _date_of(p, pattern))]
    earlier = [d for d in dated if d[0] < before] or dated
    return max(earlier)[1] if earlier else None


def _date_of(path: str, pattern: str) -> date | None:
    found = find_date(path)
    if found is not None and found.date is not None:
        return found.date
    name = path.rpartition("/")[2]
    year, md = _YEAR_DIR.search(path), _MONTH_DAY.search(name)
    if year and md:
        try:
            return date(int(year[1]), int(md[1]), int(md[2]))
        except ValueError:
            return None
    if ym := _YEAR_MONTH.search(name):
        return date(int(ym[1]), int(ym[2]), 1)
    return None


def add_index_line(index: str, day: date, path: str, first: str = "") -> str:
    """The index with a line for the meeting at `path`, written like its nearest entry.

    An index that already links to `path` is returned unchanged; one with no dated entry
    gets `first` (else a plain `* [date](path)` line) at its end.
    """
    if f"]({path})" in index:
        return index
    lines = index.split("\n")
    entries = index_entries(index)
    if not entries:
        while lines and not lines[-1].strip():
            lines.pop()
        return "\n".join([*lines, "", first or f"* [{day.isoformat()}]({path})", ""])
    # The order next to each other, not end to end: year groups may run newest first while
    # the entries inside each run oldest first.
    steps = [b[2] > a[2] for a, b in pairwise(entries)]
    newest_first = steps.count(True) <= steps.count(False)
    number, target, when = min(entries, key=lambda e: abs((e[2] - day).days))
    line = lines[number].replace(f"]({target})", f"]({path})", 1)
    rest = line.replace(f"]({path})", "", 1)
    if (found := find_date(rest)) is not None:
        at = line.find(rest[found.start : found.end])
        line = line[:at] + format_date(day, found.pattern) + line[at + found.end - found.start :]
    after = (day < when) if newest_first else (day > when)
    lines.insert(number + 1 if after else number, line)
    return "\n".join(lines)


def new_meeting_file(
    previous: str, previous_name: str, meeting: Meeting, house_lines: list[HouseLines] | None = None
) -> str:
    """The next per-meeting file, written like the series' latest file.

    The latest file's header (front matter, a title above the meeting) comes along with
    its dates changed to the new meeting's, and the series' house lines (`Time: …`,
    `Call-in: …`) where its files keep them: as learned from its latest files, else as the
    latest file has them. The meeting is written in the file's style.
    """
    doc = parse(previous, previous_name)
    day = meeting.date
    header = doc.header
    if day is not None:
        header = "\n".join(_redated(line, day) for line in header.split("\n"))
    block = render(written_like(meeting, doc, house_lines))
    text = header + block.rstrip("\n") + "\n"
    return text.replace("\n", "\r\n") if "\r\n" in previous else text


def written_like(
    meeting: Meeting, doc: NotesDocument, house_lines: list[HouseLines] | None = None
) -> Meeting:
    """A copy of a new meeting laid out as the file's latest meeting is: the house style,
    the house lines, and the shape of each section they share."""
    style = house_style(doc)
    styled = in_house_style(meeting, style)
    latest = doc.blocks[-1].meeting if doc.blocks else None
    if latest is None:
        return styled
    _sections_like(styled, latest, style.agenda_table)
    laid_out_like(styled, latest)  # the `Agenda:` line over whichever topic comes first
    if meeting.date is not None:
        write_house_lines(styled, house_lines or learn_house_lines([latest]), meeting.date)
    at = latest.layout.attendees_at
    if styled.attendees and latest.attendees and at is not None and at <= len(styled.sections):
        styled.layout.attendees_at = at  # the list where the latest file keeps it
    return styled


def _sections_like(new: Meeting, latest: Meeting, table: AgendaTable | None) -> None:
    """A section the latest file also had is written as it wrote it: an item of its
    numbered list under `## Agenda items`, a `## Notes` heading; the others, in a series
    that keeps its agenda as a table, are that table's rows."""
    shapes = {section.title: section for section in latest.sections}
    for section in new.sections:
        old = shapes.get(section.title)
        if section.source is not None:
            continue
        if old is not None and old.suffix is None:
            section.prefix, section.child_indent, section.gap = old.prefix, old.child_indent, old.gap
            section.suffix = None
        elif section.suffix is not None:
            section.prefix = section.suffix = None  # laid out again below, with the rows' head
    if table is not None:
        as_rows(new.sections, table)


def _redated(line: str, day: date) -> str:
    found = find_date(line)
    if found is None or found.flag:
        return line
    return line[: found.start] + format_date(day, found.pattern) + line[found.end :]
