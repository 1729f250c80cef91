"""Agenda sections in every shape: top-level bullets or numbers, bold labels, sub-headings,
table rows.

A heading or label named `Agenda`, `Agenda items` or `Topics` introduces the agenda: its
list items (or the sub-headings below it) are the sections, and the wrapper's own text
rides in front of the first one, so an untouched meeting still renders byte for byte.
A `Notes`, `Minutes`, `Discussion` or `Meeting notes` label after the agenda's list starts
the notes taken: one section titled like the label holds everything below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hostdesk.core.agenda_table import TABLE_LINE, read_table
from hostdesk.core.attendees import AGENDA_LABEL, NOTES_LABEL
from hostdesk.core.meetings import FENCE
from hostdesk.core.model import Section
from hostdesk.core.verbatim import remember

ITEM = re.compile(r"^(?P<pre> {0,3}(?:[*+-]|\d{1,3}[.)])(?:[ \t]+\[[ xX]\])?[ \t]+)(?P<title>\S.*)$")
BOLD_LABEL = re.compile(r"^(?P<pre>)(?P<title>(?:\*\*|__)[^*_\s][^*_]*(?:\*\*|__):?)[ \t]*$")
WRAPPER = re.compile(r"^[\s#*_]*(agenda(?: items)?|topics|discussion topics)\b[\s*_:]*$", re.IGNORECASE)


@dataclass
class Item:
    prefix: str
    title: str
    lines: list[str] = field(default_factory=list)
    suffix: str | None = None  # a table row's cells after its topic
    head: str = ""  # a table's header and rule lines, before its first row
    minutes: int = 0


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def split_items(lines: list[str], wrapped: bool = False) -> tuple[list[str], list[Item]]:
    """Text before the first top-level item, and the items with the lines under each.

    `wrapped`: the lines stand under an `Agenda` heading, so a table there is the agenda
    even when no column is headed `Topic`."""
    column: int | None = None
    pre: list[str] = []
    items: list[Item] = []
    fence = ""
    previous = ""
    at = 0
    while at < len(lines):
        line = lines[at]
        at += 1
        if m := FENCE.match(line):
            fence = "" if fence and m[1].startswith(fence) else (fence or m[1][0] * 3)
        if not fence and not previous.strip() and _listed(items) and NOTES_LABEL.match(line):
            items.append(Item("", line, lines[at:]))  # the notes taken, to the end
            break
        item = None if fence else ITEM.match(line)
        table = read_table(lines, at - 1, wrapped) if not fence and TABLE_LINE.match(line) else None
        if table is not None:
            end, rows = table
            head = _text(lines[at - 1 : at + 1])
            for i, (prefix, title, suffix, minutes) in enumerate(rows):  # the head rides on the first
                items.append(Item(prefix, title, [], suffix, head if i == 0 else "", minutes))
            at, previous = end, lines[end - 1]
            continue
        if item and (column is None or _indent(line) == column):
            column = _indent(line)
            items.append(Item(item["pre"], item["title"]))
        elif not fence and not previous.strip() and (bold := BOLD_LABEL.match(line)):
            if is_wrapper(bold["title"]):  # `**Topics**`: the items below are the agenda
                (items[-1].lines if items else pre).append(line)
                wrapped = True
            else:
                items.append(Item("", bold["title"]))
        elif items:
            items[-1].lines.append(line)
        else:
            pre.append(line)
        previous = line
    return pre, items


def _listed(items: list[Item]) -> bool:
    """Items that are all list items (no table rows, no bold labels): an agenda list."""
    return bool(items) and all(i.prefix.strip() and i.suffix is None for i in items)


def _text(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def to_section(item: Item, lead: str = "") -> Section:
    """A section from an item; `lead` is text written before it (a wrapper heading)."""
    if item.suffix is not None:
        return _row_section(item, lead)
    end = len(item.lines)
    while end and not item.lines[end - 1].strip():
        end -= 1
    body, gap = item.lines[:end], _text(item.lines[end:])
    column = min((_indent(line) for line in body if line.strip()), default=0)
    notes = "\n".join(line[column:] if line.strip() else "" for line in body)
    section = Section(title=item.title, notes=notes, prefix=lead + item.prefix, child_indent=column, gap=gap)
    text = lead + item.prefix + item.title + "\n" + _text(body)
    section.source = remember(text, section.markdown_value())
    return section


def _row_section(item: Item, lead: str) -> Section:
    """A table row: the blank lines right after it are its gap; what follows the table
    (only the last row has lines) is its notes, written below the table."""
    start = 0
    while start < len(item.lines) and not item.lines[start].strip():
        start += 1
    body = item.lines[start:]
    column = min((_indent(line) for line in body if line.strip()), default=0)
    notes = "\n".join(line[column:] if line.strip() else "" for line in body)
    section = Section(
        title=item.title, notes=notes, prefix=lead + item.head + item.prefix, suffix=item.suffix,
        planned_minutes=item.minutes, gap=_text(item.lines[:start]),
    )  # fmt: skip
    if body:
        section.source = remember(_text(body), section.markdown_value())
    return section


def is_wrapper(title: str) -> bool:
    return bool(WRAPPER.match(title))


def is_label_section(section: Section) -> bool:
    """A section read from a `Notes` line (plain or bold) or a plain `Agenda` line: written
    back as that line, its notes from the margin below it."""
    title = section.title
    return section.prefix == "" and bool(NOTES_LABEL.match(title) or AGENDA_LABEL.match(title))
