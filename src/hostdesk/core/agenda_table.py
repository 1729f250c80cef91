"""An agenda kept as a table (`| Time | Topic | Lead |`): each row's topic is a section.

A row is written back as it stood, its other cells untouched, with the section's title in
the topic cell. Notes a host types under a row cannot live in a table cell: they are
written below the table under a sub-heading named like the row, and read back into the
row (as is any heading or bold label right below the table that repeats a row's title).
"""

from __future__ import annotations

import re

from hostdesk.core.attendees import table_cells
from hostdesk.core.house import AgendaTable
from hostdesk.core.model import Section
from hostdesk.core.verbatim import remember, reuse

TABLE_LINE = re.compile(r"^ {0,3}\|")
_RULE = re.compile(r"^ {0,3}\|?(?:\s*:?-+:?\s*\|)+\s*(?::?-+:?\s*)?$")
_PIPE = re.compile(r"(?<!\\)\|")
_TOPIC_HEADER = re.compile(r"\b(topics?|items?|agenda|subjects?|titles?|discussion|what)\b", re.IGNORECASE)
_TIME_HEADER = re.compile(r"\b(time|duration|when|start|end|length|slot|mins?|minutes)\b", re.IGNORECASE)
_NUMBER_HEADER = re.compile(r"^(#|no\.?|nr\.?|num(ber)?|order|n)$", re.IGNORECASE)
_PERSON_HEADER = re.compile(
    r"\b(lead|owner|presenter|who|names?|speakers?|person|host|facilitator|driver|by|champion|assignee|"
    r"attendees?)\b",
    re.IGNORECASE,
)
_TIME_CELL = re.compile(
    r"^(\d{1,2}[:.h]\d{2}\b.*|\d+\s*(m|min|mins|minutes|h|hrs?|hours?)\.?|-+|—)$", re.IGNORECASE
)
_NUMBER_CELL = re.compile(r"^\d+[.)]?$")
_DURATION = re.compile(r"^(\d{1,3})\s*(?:m|min|mins|minutes)\.?$", re.IGNORECASE)


# A row: the text before its topic, the topic, the text after it, its planned minutes.
Row = tuple[str, str, str, int]


def topic_column(header: list[str], rows: list[list[str]], wrapped: bool) -> int | None:
    """The column that names the topic: by its header's words, else (under an `Agenda`
    heading) the first that holds neither times, numbers nor people; None: no agenda."""
    for i, name in enumerate(header):
        if _TOPIC_HEADER.search(name) and not _TIME_HEADER.search(name):
            return i
    if not wrapped:
        return None
    for i, name in enumerate(header):
        if _TIME_HEADER.search(name) or _NUMBER_HEADER.match(name) or _PERSON_HEADER.search(name):
            continue
        values = [r[i] for r in rows if i < len(r) and r[i]]
        if values and not all(_TIME_CELL.match(v) or _NUMBER_CELL.match(v) for v in values):
            return i
    return None


def read_table(lines: list[str], at: int, wrapped: bool) -> tuple[int, list[Row]] | None:
    """The agenda rows of a table whose header is `lines[at]`, and the line after it."""
    if at + 1 >= len(lines) or not _RULE.match(lines[at + 1]):
        return None
    end = at + 2
    while end < len(lines) and TABLE_LINE.match(lines[end]):
        end += 1
    body = lines[at + 2 : end]
    column = topic_column(table_cells(lines[at]), [table_cells(line) for line in body], wrapped)
    if column is None or not body:
        return None
    rows = []
    for line in body:
        pipes = [m.start() for m in _PIPE.finditer(line)]
        lead = 1 if line.lstrip().startswith("|") else 0
        if column - 1 + lead >= len(pipes):  # a short row: its topic cell is missing
            start = stop = len(line.rstrip())
        else:
            start = pipes[column - 1 + lead] + 1 if column - 1 + lead >= 0 else 0
            stop = pipes[column + lead] if column + lead < len(pipes) else len(line)
        raw = line[start:stop]
        title = raw.strip()
        start += len(raw) - len(raw.lstrip())
        stop = start + len(title)
        minutes = next((int(m[1]) for c in table_cells(line) if (m := _DURATION.match(c))), 0)
        rows.append((line[:start], title.replace("\\|", "|"), line[stop:], minutes))
    return end, rows


def is_row(section: Section) -> bool:
    return section.suffix is not None


def row_line(section: Section, previous: Section | None) -> str:
    """The row of a section, or (a section the host added among rows) a row like the one above."""
    title = section.title.replace("|", "\\|")
    if section.prefix is not None and section.suffix is not None:
        return f"{section.prefix}{title}{section.suffix}\n"
    assert previous is not None and previous.prefix is not None and previous.suffix is not None
    before = previous.prefix.rsplit("\n", 1)[-1]  # the row above, without the table's head
    return f"{_blank(before)}{title}{_blank(previous.suffix)}\n"


def _blank(text: str) -> str:
    """Cells emptied: `| 5 min | ` becomes `|  | `."""
    return re.sub(r"[^|]+", lambda m: m[0] if not m[0].strip() else " ", text)


def notes_below(section: Section, level: int) -> tuple[str, bool]:
    """A row's notes, below its table: as they were written, else (True) under a heading
    of `level` named like the row."""
    kept = reuse(section.source, section.markdown_value())
    if kept is not None:
        return kept, False
    if not section.notes:
        return "", False
    return f"{'#' * level} {section.title}\n\n{section.notes}\n", True


def notes_level(rows: list[Section], meeting_level: int) -> int:
    """Row notes go one level below the heading over the table, else below the meeting's."""
    head = (rows[0].prefix or "").split("\n")
    levels = [len(line) - len(line.lstrip("#")) for line in head if line.startswith("#")]
    return min(6, (levels[-1] if levels else max(meeting_level, 1)) + 1)


def attach_notes(sections: list[Section]) -> list[Section]:
    """Sections right below a table that repeat a row's title become that row's notes."""
    out: list[Section] = []
    rows: dict[str, Section] = {}
    for section in sections:
        if is_row(section):
            rows = rows if out and is_row(out[-1]) else {}
            rows[_key(section.title)] = section
            out.append(section)
            continue
        row = rows.get(_key(section.title))
        if row is None or row.notes or section.source is None or (section.prefix or "").strip("# "):
            rows = {}
            out.append(section)
            continue
        row.notes = section.notes.lstrip("\n")
        row.source = remember(section.source.text + section.gap, row.markdown_value())
    return out


def _key(title: str) -> str:
    return " ".join(title.strip(" *_:").casefold().split())


def table_shape(sections: list[Section]) -> AgendaTable | None:
    """The shape of a meeting's table agenda, learned from its rows, to write new rows."""
    rows = [s for s in sections if is_row(s) and s.prefix is not None]
    if not rows or rows[0].prefix is None or "\n" not in rows[0].prefix:
        return None
    first = rows[0]
    assert first.prefix is not None and first.suffix is not None
    intro, before = first.prefix.rsplit("\n", 1)
    topic = len(table_cells(before + "x")) - 1
    kinds = ["minutes" if _DURATION.match(c) else "" for c in table_cells(before + "x" + first.suffix)]
    kinds[topic] = "topic"
    return AgendaTable(intro=intro + "\n", cells=kinds)


def as_rows(sections: list[Section], shape: AgendaTable) -> None:
    """New sections (read from no file) laid out as rows of the series' table agenda."""
    new = [s for s in sections if s.source is None and s.prefix is None]
    for i, section in enumerate(new):
        minutes = f"{section.planned_minutes} min" if section.planned_minutes else ""
        values = [minutes if kind == "minutes" else "" for kind in shape.cells]
        topic = shape.cells.index("topic")
        section.prefix = (shape.intro if i == 0 else "") + "| " + "".join(v + " | " for v in values[:topic])
        section.suffix = "".join(" | " + v for v in values[topic + 1 :]) + " |"
        section.gap = "\n" if section is new[-1] and section is not sections[-1] else ""
