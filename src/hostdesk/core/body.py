"""A meeting body laid out under sub-headings and labels, as most communities write it.

The body is cut at its sub-headings and at plain `Agenda` label lines: the text before the
first is the lead, each heading starts an agenda section, and the attendee list (under a
heading or a label line, in any shape `core.attendees` reads) is taken out as the meeting's
people. Every piece keeps the text it came from, so an untouched meeting renders back byte
for byte; an edited list is written in the list's own shape.

Where a plain `Agenda` line introduces the agenda, the headings above it that come before
any section (`## Notetaker` and its names) are the meeting's text, not its agenda: they stay
where they stand, as the lead does. Headings beside an `## Agenda` heading are its peers,
often topics themselves (`## Reports and celebrations`): those stay sections.
"""

from __future__ import annotations

import re
from itertools import pairwise

from hostdesk.core.agenda import ITEM, Item, is_wrapper, split_items, to_section
from hostdesk.core.agenda_table import TABLE_LINE, attach_notes
from hostdesk.core.attendees import AGENDA_LABEL, AttendeeList, find_lists
from hostdesk.core.house import AttendeeShape
from hostdesk.core.meetings import FENCE, HEADING
from hostdesk.core.model import Attendee, Layout, Meeting, MoreList, Section
from hostdesk.core.people import person_key
from hostdesk.core.persons import PersonText, write_person
from hostdesk.core.verbatim import remember, reuse

# The words of a label that say it is a list, not whose list it is: "Guests present" → "Guests".
_GROUP_WORDS = re.compile(
    r"\b(attendees|attendance|attending|present|participants|roll[ -]?call)\b|\(.*?\)|\[.*?\]", re.IGNORECASE
)


def _text(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def _split_gap(lines: list[str]) -> tuple[list[str], str]:
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return lines[:end], _text(lines[end:])


def _headings(body: list[str], labels: bool = False) -> list[int]:
    """The lines that cut the body: its headings, and with `labels` its agenda labels."""
    out, fence = [], ""
    for i, line in enumerate(body):
        if m := FENCE.match(line):
            fence = "" if fence and m[1].startswith(fence) else (fence or m[1][0] * 3)
        elif not fence and (HEADING.match(line) or (labels and _agenda_label(body, i))):
            out.append(i)
    return out


def _agenda_label(body: list[str], at: int) -> bool:
    """A plain `Agenda` line on its own, with the agenda's list or table right below it."""
    if not AGENDA_LABEL.match(body[at]) or (at and body[at - 1].strip() and not HEADING.match(body[at - 1])):
        return False
    below = next((line for line in body[at + 1 :] if line.strip()), "")
    return bool(ITEM.match(below) or TABLE_LINE.match(below))


def _cut_title(line: str) -> str:
    """What a cut line says: a heading's text, or a label line as written."""
    h = HEADING.match(line)
    return h[2] if h is not None else line.strip()


def _free_text(layout: Layout, text: str) -> None:
    """Text that is no section, after whatever stands last before the sections."""
    if layout.more_lists:
        layout.more_lists[-1].after += text
    elif layout.attendees_at is not None:
        layout.after_attendees += text
    else:
        layout.lead = (layout.lead or "") + text


def _attendee(entry_person: PersonText, group: str) -> Attendee:
    p = entry_person
    return Attendee(
        name=p.name, affiliation=p.affiliation, github=p.github, note=p.note, role=p.role,
        initials=p.initials, group=group, present=p.present,
    )  # fmt: skip


def _shape(found: AttendeeList, body: list[str]) -> AttendeeShape:
    lines = [e.line for e in found.entries]
    first, last = (min(lines), max(lines)) if lines else (found.start + 1, found.start)
    intro = _text(body[found.start : first]) if first > found.start else ""
    if found.inline_at >= 0:  # names on the label's own line: keep the label, rewrite the names
        intro = body[found.start][: found.inline_at]
    part, _ = _split_gap(body[found.start : found.end])
    outro = _text(part[last + 1 - found.start :]) if last + 1 - found.start < len(part) else ""
    marker = _marker(found, body)
    separators = [e.person.separator for e in found.entries if e.person.affiliation]
    label = body[found.start]
    label = label[: found.inline_at] if found.inline_at >= 0 else HEADING.sub(r"\2", label.strip())
    return AttendeeShape(
        kind=found.kind, intro=intro, outro=outro, marker=marker, columns=found.columns,
        separator=max(set(separators), key=separators.count) if separators else "(",
        group=_GROUP_WORDS.sub("", label).strip(" *_:#-+"), groups=_group_intros(found, body),
    )  # fmt: skip


def _group_intros(found: AttendeeList, body: list[str]) -> dict[str, str]:
    """The lines before the first person of each group after the first (`Guests:`), so an
    edited list keeps its groups apart; lines set in under the person above are theirs."""
    if found.kind not in ("bullets", "numbered", "checkbox", "lines"):
        return {}
    intros: dict[str, str] = {}
    entries = sorted(found.entries, key=lambda e: e.line)
    for before, entry in pairwise(entries):
        if entry.group and entry.group != before.group and entry.group not in intros:
            lines = body[before.line + 1 : entry.line]
            while lines and lines[0][:1] in (" ", "\t"):
                lines = lines[1:]
            intros[entry.group] = _text(lines)
    return intros


def _marker(found: AttendeeList, body: list[str]) -> str:
    """The text before a person on their line: `- `, ` 1. `, `- [x] `; `* ` before a group."""
    if found.kind == "inline":  # a comma paragraph has none; group lines keep their bullet
        grouped = [e.line for e in found.entries if e.group and e.line != found.start]
        if not grouped:
            return ""
        sample = body[grouped[0]]
        bare = sample.lstrip()
        return sample[: len(sample) - len(bare)] + (bare[:2] if bare[:2] in ("* ", "- ", "+ ") else "")
    if not found.entries or found.kind not in ("bullets", "numbered", "checkbox"):
        return "- "
    sample = body[found.entries[0].line]
    if found.kind == "checkbox":
        return sample[: sample.find("]", sample.find("[")) + 2]
    bare = sample.lstrip()
    return sample[: len(sample) - len(bare)] + bare.split(" ", 1)[0] + " "


def read_sectioned(meeting: Meeting, layout: Layout, body: list[str]) -> None:
    """Fill the meeting's people and sections from a body cut at its sub-headings."""
    lists = find_lists(body)
    found = lists[0] if lists else None
    starts = {lst.start: lst for lst in lists}
    ends = {lst.end: lst for lst in lists}
    heads = [c for c in _headings(body, labels=True) if not any(lst.start <= c < lst.end for lst in lists)]
    cuts = sorted({c for c in [*heads, *starts, *ends] if c < len(body)})
    first = cuts[0] if cuts else len(body)
    names = {person_key(e.person.name) for lst in lists for e in lst.entries}
    # Under an `## Agenda` heading, the agenda is its items: logistics bullets above stay text.
    wrapped = any(is_wrapper(_cut_title(body[c])) for c in heads)
    labelled = next((c for c in heads if not HEADING.match(body[c])), -1)  # the first `Agenda` line
    pre, items = _agenda_items(body[:first], names) if not wrapped else (body[:first], [])
    layout.lead = _text(pre)
    layout.host_at = layout.attendees_at = None
    sections = [to_section(item) for item in items]
    waiting = ""  # an agenda wrapper heading with nothing of its own, for the section below
    for at, end in zip(cuts, [*cuts[1:], len(body)][: len(cuts)], strict=True):
        piece, gap = _split_gap(body[at:end])
        if at in starts:
            _take_list(meeting, layout, starts[at], body, piece, gap, len(sections))
        elif at in ends and at not in heads:
            pre, items = _agenda_items(body[at:end], names)
            if ends[at] is found:
                layout.after_attendees = _text(pre)
            else:
                layout.more_lists[-1].after = _text(pre)
            sections += [to_section(item) for item in items]
        elif not sections and not waiting and at < labelled:
            _free_text(layout, _text(body[at:end]))  # `## Notetaker` above an `Agenda` line: no topic
        else:
            title = _cut_title(body[at])
            wrapper = is_wrapper(title)
            pre, items = _agenda_items(body[at + 1 : end], names, wrapper)
            if wrapper and items:
                lead = waiting + _text([body[at], *pre])
                sections += [to_section(item, lead if i == 0 else "") for i, item in enumerate(items)]
            elif wrapper and not "".join(piece[1:]).strip():
                waiting += _text(body[at:end])
            else:
                sections.append(_heading_section(body[at], title, piece, gap, waiting))
            waiting = "" if not (wrapper and not items) else waiting
    if waiting:  # a wrapper with nothing below it stays a section of its own, by its name
        line, _, rest = waiting.rstrip("\n").partition("\n")
        h = HEADING.match(line)
        if h is not None and not rest and h[2] == h[2].strip():
            sections.append(Section(title=h[2], prefix=line[: len(line) - len(h[2])], gap="\n"))
        else:
            sections.append(Section(title="", prefix=waiting.rstrip("\n"), gap="\n"))
    meeting.sections = attach_notes(sections)


def heading_sections(lines: list[str]) -> list[Section]:
    """A section per heading of `lines` (which open with one), its text as its notes."""
    cuts = _headings(lines)
    sections = []
    for at, end in zip(cuts, [*cuts[1:], len(lines)], strict=True):
        piece, gap = _split_gap(lines[at:end])
        h = HEADING.match(lines[at])
        assert h is not None
        sections.append(_heading_section(lines[at], h[2], piece, gap, ""))
    return sections


def _agenda_items(lines: list[str], names: set[str], wrapped: bool = False) -> tuple[list[str], list[Item]]:
    """The items of a stretch of lines, unless they list people: those are never the agenda."""
    pre, items = split_items(lines, wrapped)
    people = sum(person_key(i.title.strip(" *_:")) in names for i in items)
    if items and (people * 2 >= len(items) if names else _all_short_names(items)):
        return lines, []
    kept: list[Item] = []
    for item in items:  # a person's bullet among topics: their update, under the topic above
        if person_key(item.title.strip(" *_:")) in names:
            (kept[-1].lines if kept else pre).extend([item.prefix + item.title, *item.lines])
        else:
            kept.append(item)
    return pre, kept


def _all_short_names(items: list[Item]) -> bool:
    """Bullets that are each one or two capitalised words with notes below: people's updates."""
    return len(items) > 1 and all(
        1 <= len(i.title.split()) <= 2 and i.title[:1].isupper() and i.lines for i in items
    )


def _heading_section(line: str, title: str, piece: list[str], gap: str, lead: str) -> Section:
    title_at = line.index(title) if title else len(line)
    notes = "\n".join(piece[1:])
    section = Section(title=title, notes=notes, prefix=lead + line[:title_at], child_indent=0, gap=gap)
    section.source = remember(lead + _text(piece), section.markdown_value())
    return section


def _people(found: AttendeeList, body: list[str], shape: AttendeeShape, seen: set[str]) -> list[Attendee]:
    """The list's people not `seen` on it or an earlier list (a name written twice is one
    person), each remembering its line."""
    people = []
    for entry in found.entries:
        key = entry.person.name.casefold()
        if key in seen:
            continue
        seen.add(key)
        attendee = _attendee(entry.person, entry.group or shape.group)
        if found.kind not in ("inline",) and entry.line != found.start:
            attendee.source = remember(body[entry.line] + "\n", attendee.markdown_value())
        people.append(attendee)
    return people


def _take_list(
    meeting: Meeting,
    layout: Layout,
    found: AttendeeList,
    body: list[str],
    piece: list[str],
    gap: str,
    at: int,
) -> None:
    """A list's people join the meeting's, each once. The first list is the meeting's own;
    a further one (guests, a second session's) is kept where it stood, as a `MoreList`."""
    shape = _shape(found, body)
    first = layout.attendees_at is None
    people = _people(found, body, shape, set() if first else {a.name.casefold() for a in meeting.attendees})
    source = remember(_text(piece), [a.markdown_value() for a in people])
    meeting.attendees = people if first else [*meeting.attendees, *people]
    if first:
        layout.attendees_at, layout.attendee_shape, layout.attendees_source = at, shape, source
        layout.attendees_gap = gap
    else:
        names = [a.name.casefold() for a in people]
        more = MoreList(at=at, people=names, shape=shape, source=source, gap=gap)
        layout.more_lists = [*layout.more_lists, more]


def person_of(attendee: Attendee, separator: str) -> PersonText:
    return PersonText(
        name=attendee.name, affiliation=attendee.affiliation, github=attendee.github, role=attendee.role,
        initials=attendee.initials, note=attendee.note, present=attendee.present, separator=separator,
    )  # fmt: skip


def _row(attendee: Attendee, columns: list[str]) -> str:
    values = {
        "name": attendee.name, "affiliation": attendee.affiliation, "github": attendee.github,
        "@github": "@" + attendee.github if attendee.github else "",
        "initials": attendee.initials, "present": "x" if attendee.present else "",
    }  # fmt: skip
    cells = (values.get(c, "") for c in columns)
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|\n"  # an empty cell `| |`


def _inline_lines(attendees: list[Attendee], shape: AttendeeShape) -> list[str]:
    """Comma lists: on the label's line, else one line per group (`Council: a, b`)."""
    groups: dict[str, list[str]] = {}
    for attendee in attendees:
        group = "" if attendee.group == shape.group else attendee.group  # the label says it already
        groups.setdefault(group, []).append(write_person(person_of(attendee, shape.separator)))
    lines = []
    for group, names in groups.items():
        if not group and shape.intro and not shape.intro.endswith("\n"):
            lines.append(", ".join(names) + "\n")
        else:
            lines.append(f"{shape.marker}{group + ': ' if group else ''}{', '.join(names)}\n")
    return lines


def _entry_line(attendee: Attendee, shape: AttendeeShape) -> str:
    """One new or edited person, on a line of the list's own kind."""
    person = person_of(attendee, shape.separator)
    marker = {"lines": "", "fenced": "- "}.get(shape.kind, shape.marker)
    if shape.kind == "checkbox":  # the box says who came
        box = "[x]" if attendee.present else "[ ]"
        marker = marker.replace("[ ]", box).replace("[x]", box).replace("[X]", box)
        person.present = True
    return marker + write_person(person) + "\n"


_FIRST_NUMBER = re.compile(r"^(\s*)(\d+)(?=[.)])")


def shaped_list(attendees: list[Attendee], shape: AttendeeShape) -> str:
    """The attendee list in the file's own shape, each unchanged person as written."""
    out = [shape.intro]
    if shape.kind == "inline":
        out += _inline_lines(attendees, shape)
    group = attendees[0].group if attendees else ""
    number = _FIRST_NUMBER.match(shape.marker) if shape.kind == "numbered" else None
    count = int(number[2]) if number else 0
    for attendee in attendees if shape.kind != "inline" else []:
        if attendee.group != group and attendee.group in shape.groups:
            out.append(shape.groups[attendee.group])  # `Guests:` over the guests, as written
        group = attendee.group or group
        kept = reuse(attendee.source, attendee.markdown_value())
        if kept is not None:
            line = kept
        elif shape.kind == "table":
            line = _row(attendee, shape.columns)
        else:
            line = _entry_line(attendee, shape)
        if number:  # counted on down the list, whoever was added where
            line = _FIRST_NUMBER.sub(rf"\g<1>{count}", line, count=1)
            count += 1
        out.append(line)
    out.append(shape.outro)
    return "".join(out)
