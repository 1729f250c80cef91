"""The attendee list of a meeting, wherever and however a file keeps it.

Introduced by a heading (`### Attendees`, `## Voting Representative Attendees`), a label
line (`**Attendees:**`, `Present`, `Roll call:`, `* Attendees: a, b`); listed as bullets,
numbered items, check boxes, a table, an inline comma list, lines without bullets, or a
fenced block; split into groups by sub-headings or `Group: a, b` lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hostdesk.core.meetings import FENCE, HEADING
from hostdesk.core.persons import PersonText, read_person

_LABEL = r"(?:attendees|attendance|attending|present|participants|roll[ -]?call|who(?:'s| is) here)"
# A heading names the list when the label ends it ("Other Attendees", "Roll call:").
_HEADING_LABEL = re.compile(
    rf"^[\W_]*(?:[\w-]+\s+){{0,3}}{_LABEL}[\s*_:]*(?:\([^)]*\)|\[[^\]]*\])?[\s*_:]*$", re.IGNORECASE
)
# Who a list holds, before its label: "Members present:", "Guests attending".
_WHOSE = r"(?:(?:members?|guests?|observers?|visitors|others?|voting members|non-voting members)\s+)?"
# A heading that names a group alone holds a list of people too: `### Guests`.
_GROUP_ONLY = re.compile(
    r"^[\W_]*(?:(?:voting|non-voting|other|core)\s+)?(?:members|guests|observers|visitors)[\s*_:]*$",
    re.IGNORECASE,
)
_LINE_LABEL = re.compile(
    rf"^\s*(?:[*+-]\s+|\d+[.)]\s+)?(?:\*\*|__)?{_WHOSE}{_LABEL}(?:\s*\[[^\]]*\])?\s*(?:\*\*|__)?\s*"
    rf"(?P<colon>:)?\s*(?:\*\*|__)?(?P<rest>.*)$",
    re.IGNORECASE,
)
_GROUP_HEADING = re.compile(
    r"\b(members?|attendees|guests?|observers?|participants|present|absent|regrets|apologies|voting|"
    r"representatives?|council|staff|maintainers|committers|contributors|leads?|chairs?|others?|visitors|team)\b",
    re.IGNORECASE,
)
_ITEM = re.compile(
    r"^(?P<indent>\s*)(?P<marker>[*+-]|\d+[.)])(?:\s+\[(?P<box>[ xX])\])?(?:\s+(?P<text>.*))?$"
)
_GROUP_LINE = re.compile(r"^(?P<label>[A-Za-z][\w /&-]{0,30}?)\s*:\s*(?P<rest>.+)$")
_GROUP_LABEL = re.compile(r"^[*_]*[A-Za-z][\w /&-]{0,30}[*_]*:[*_]*$")
_ITEM_TEXT = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")
_REMARK_LINE = re.compile(
    r"\b(in total|people|others|not noted|unavailable|nobody|none|n/a|tbd|template)\b|^\W*$", re.IGNORECASE
)
# Template and header rows: `[name] / affiliation / github username`, `**Name (Initials) (githubid)**`.
_TEMPLATE_LINE = re.compile(r"username|\[name\]|\bname\s*/|affiliation\s*/|^\W*name\W", re.IGNORECASE)
_BREAK = re.compile(r"^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|={3,})$")
# A line of its own, not bold, that introduces the agenda list below it: `Agenda:`, `Topics`.
AGENDA_LABEL = re.compile(
    r"^ {0,3}(?:agenda(?: items)?|topics|discussion topics)[ \t]*:?[ \t]*$", re.IGNORECASE
)
# A line of its own at the margin, plain or bold, that starts the notes taken after the agenda.
_NOTES_WORDS = r"(?:meeting )?(?:notes|minutes|discussion)"
NOTES_LABEL = re.compile(
    rf"^(?:{_NOTES_WORDS}:?|(?P<bold>\*\*|__){_NOTES_WORDS}:?(?P=bold):?)[ \t]*$", re.IGNORECASE
)
MAX_NAME_WORDS = 6


@dataclass
class Entry:
    """One person read from the list, and the line it came from."""

    person: PersonText
    line: int
    group: str = ""


@dataclass
class AttendeeList:
    """The span of lines `[start, end)` that holds the list, and what it says."""

    start: int
    end: int
    kind: str  # bullets, numbered, checkbox, table, inline, lines, fenced
    entries: list[Entry] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    inline_at: int = -1  # where the names start on the label's own line (`Attendees: a, b`)


def is_label_heading(text: str) -> bool:
    return bool(_HEADING_LABEL.match(text.strip()) or _GROUP_ONLY.match(text.strip()))


def label_line(line: str) -> re.Match[str] | None:
    """The match when a line (not a heading) introduces the attendee list."""
    if line.lstrip().startswith("#"):
        return None
    m = _LINE_LABEL.match(line)
    if m is None or (m["rest"].strip() and not m["colon"]):
        return None
    return m


def find_lists(lines: list[str]) -> list[AttendeeList]:
    """Every attendee list of a meeting body: members and guests, a second session's."""
    found: list[AttendeeList] = []
    at = 0
    while (more := find_list(lines, at)) is not None:
        if more.entries or not found:  # a label with no one under it adds no list
            found.append(more)
        at = max(more.end, more.start + 1)
    return found


def find_list(lines: list[str], start: int = 0) -> AttendeeList | None:
    """The first attendee list among a meeting body's lines from `start`, or None."""
    fence = ""
    for i, line in enumerate(lines[start:], start):
        if m := FENCE.match(line):
            fence = "" if fence and m[1].startswith(fence) else (fence or m[1][0] * 3)
            continue
        if fence:
            continue
        if (h := HEADING.match(line)) and is_label_heading(h[2]):
            return _read(lines, i + 1, _list_end(lines, i + 1, len(h[1])), i)
        if lab := label_line(line):
            if lab["rest"].strip():
                found = _read(lines, i + 1, i + 1, i, inline=lab["rest"])
                found.inline_at = lab.start("rest")
                end = i + 1
                while end < len(lines) and _is_group_line(_ITEM_TEXT.sub("", lines[end]).strip()):
                    end += 1  # more groups: `Observers: a, b` under `Council: c, d`
                more = _read(lines, i + 1, end, i)
                found.entries += more.entries
                found.end = end
                return found
            return _read(lines, i + 1, _list_end(lines, i + 1, None), i)
    return None


def _is_group_line(text: str) -> bool:
    g = _GROUP_LINE.match(text)
    return bool(g) and ("," in g["rest"] or bool(_GROUP_HEADING.search(g["label"])))  # type: ignore[index]


def _list_end(lines: list[str], at: int, level: int | None) -> int:
    """Where the list starting at line `at` ends: at a heading that is not one of its
    groups, a break, a bold label, or a blank line before matter of another shape."""
    kind, fence, blank = "", "", False
    for j in range(at, len(lines)):
        line = lines[j]
        if m := FENCE.match(line):
            if not fence:
                if kind and blank and kind != "fenced":
                    return j
                kind, fence, blank = kind or "fenced", m[1][0] * 3, False
            elif m[1].startswith(fence):
                fence = ""
            continue
        if fence:
            continue
        if h := HEADING.match(line):
            deeper = level is not None and len(h[1]) > level
            if level is not None and (is_label_heading(h[2]) or (deeper and _GROUP_HEADING.search(h[2]))):
                kind, blank = "", False
                continue
            return j
        if _BREAK.match(line) or _looks_like_label(line):
            return j
        if AGENDA_LABEL.match(line) or NOTES_LABEL.match(line):  # `Agenda:` is no group of people
            return j
        if _GROUP_LABEL.match(line.strip()):  # `Guests:` over the next group of people
            blank = False
            continue
        if not line.strip():
            if level is None and kind and kind != "fenced":
                return j  # a label's list is one block: a blank line ends it
            blank = True
            continue
        shape = _shape(line)
        item = _ITEM.match(line) if level is None and kind == "item" else None
        if item and not _name_like(item["text"] or ""):
            return j  # under a bold label, the agenda's bullets can follow the people's directly
        if not kind:
            kind = shape
        elif blank and (shape != kind or kind in ("lines", "fenced")):
            return j
        blank = False
    return len(lines)


_PARTICLES = frozenset("van von de da del der di du la le bin ibn al y and &".split())


def _name_like(text: str) -> bool:
    """`Ada Lovelace (Engines)`, `scott`, `@adal`: not `Code of Conduct` nor a sentence."""
    words = re.sub(r"\(.*?\)|\[.*?\]|\s[-/]\s.*$", "", text).split()
    if len(words) == 1 or not words:
        return True
    bare = [w.strip("*_~`") or "_" for w in words]
    return len(words) <= MAX_NAME_WORDS and all(
        not w[0].isalpha() or w[0].isupper() or w.lower() in _PARTICLES for w in bare
    )


def _shape(line: str) -> str:
    if line.lstrip().startswith("|"):
        return "table"
    return "item" if _ITEM.match(line) else "lines"


def _looks_like_label(line: str) -> bool:
    """`**Notes:**` and such: a bold label line that is not a person."""
    text = line.strip()
    return text.startswith(("**", "__")) and text.rstrip(" \\").endswith(("**", "__", ":"))


def _split_inline(text: str) -> list[tuple[str, str]]:
    """`a, b and c` into names; `Google (Devlin, Oliver)` into people of an organisation."""
    parts, depth, at = [], 0, 0
    for i, char in enumerate(text):
        depth += (char in "([" and 1) or (char in ")]" and -1) or 0
        if char in ",;" and depth == 0:
            parts.append(text[at:i])
            at = i + 1
    parts.append(text[at:])
    grouped = any("," in p and "(" in p for p in parts)
    out: list[tuple[str, str]] = []
    for part in parts:
        part = re.sub(r"^\s*(?:and|&)\s+", "", part.strip().rstrip("."))
        if " and " in part and "(" not in part:
            out += [(p, "") for p in part.split(" and ")]
            continue
        m = re.match(r"^(.*?)\s*\((.*)\)$", part)
        if grouped and m and m[1]:
            out += [(name.strip(), m[1].strip()) for name in m[2].split(",")]
        else:
            out.append((part, ""))
    return out


def _person(text: str, org: str = "") -> PersonText | None:
    text = text.strip()
    if not text or _TEMPLATE_LINE.search(text) or _REMARK_LINE.search(re.sub(r"\(.*?\)", "", text)):
        return None
    person = read_person(text)
    if person is None or len(re.sub(r"\(.*?\)|\[.*?\]", "", person.name).split()) > MAX_NAME_WORDS:
        return None
    if org and not person.affiliation:
        person.affiliation = org
    return person


def _read(lines: list[str], start: int, end: int, label: int, inline: str = "") -> AttendeeList:
    found = AttendeeList(start=label, end=end, kind="inline" if inline else "lines")
    if inline:
        found.entries += [Entry(p, label) for t, org in _split_inline(inline) if (p := _person(t, org))]
    group, fence, column = "", "", None
    kinds: list[str] = []
    for i in range(start, end):
        line = lines[i]
        if m := FENCE.match(line):
            fence = "" if fence and m[1].startswith(fence) else (fence or m[1][0] * 3)
            kinds.append("fenced")
            continue
        if not line.strip():
            continue
        if h := HEADING.match(line):
            group = h[2].strip(" #*_:")
            continue
        if line.lstrip().startswith("|"):
            kinds.append("table")
            _table_row(found, line, i, group)
            continue
        if item := _ITEM.match(line):
            indent = len(item["indent"].expandtabs(4))
            column = indent if column is None else column
            if indent > column:
                continue  # a note under the person above
            text = item["text"] or ""
            if _GROUP_LABEL.match(text):  # `- Maintainers:` over its people
                group, column = text.strip(" *_:"), None
                continue
            kinds.append(
                "checkbox" if item["box"] else "numbered" if item["marker"][0].isdigit() else "bullets"
            )
            if g := _GROUP_LINE.match(text):
                if "," in g["rest"] or _GROUP_HEADING.search(g["label"]):
                    found.entries += [
                        Entry(p, i, g["label"]) for t, o in _split_inline(g["rest"]) if (p := _person(t, o))
                    ]
                    continue
            if person := _person(text):
                if item["box"] is not None:
                    person.present = item["box"] in "xX"
                found.entries.append(Entry(person, i, group))
            continue
        text = line.strip()
        if _GROUP_LABEL.match(text):
            group = text.strip(" *_:")
            continue
        if g := _GROUP_LINE.match(text):
            found.entries += [
                Entry(p, i, g["label"]) for t, o in _split_inline(g["rest"]) if (p := _person(t, o))
            ]
            kinds.append("inline")
        elif text.count(",") >= 2:
            found.entries += [Entry(p, i, group) for t, o in _split_inline(text) if (p := _person(t, o))]
            kinds.append("inline")
        elif not _looks_like_label(line) and (person := _person(text.rstrip("\\ "))):
            found.entries.append(Entry(person, i, group))
            kinds.append("lines")
    if kinds:
        found.kind = max(set(kinds), key=kinds.count)
    return found


_COLUMNS = {
    "name": re.compile(r"^(name|who|person|attendee|member)s?\b", re.I),
    "affiliation": re.compile(r"affiliation|organi[sz]ation|company|employer|^org", re.I),
    "github": re.compile(r"github|handle|gh|username", re.I),
    "initials": re.compile(r"initials", re.I),
    "present": re.compile(r"attended|present|here|attendance", re.I),
}


def table_cells(line: str) -> list[str]:
    """A Markdown table row's cells, stripped; an escaped `\\|` stays inside its cell."""
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return [c.strip() for c in re.split(r"(?<!\\)\|", text)]


def _table_row(found: AttendeeList, line: str, i: int, group: str) -> None:
    if _TABLE_RULE.match(line):
        return
    cells = table_cells(line)
    if not found.columns:
        found.columns = [next((k for k, rx in _COLUMNS.items() if rx.search(c)), "") for c in cells]
        if "name" not in found.columns:
            found.columns[0] = "name"
        return
    if "github" in found.columns:  # a column of `@handle`s: written back with the `@`
        at = found.columns.index("github")
        if at < len(cells) and cells[at].startswith("@"):
            found.columns[at] = "@github"
    value = dict(zip(found.columns, cells, strict=False))
    value.setdefault("github", value.get("@github", ""))
    person = _person(value.get("name", ""))
    if person is None:
        return
    if org := value.get("affiliation", "").strip():
        person.affiliation = read_person(org).name if read_person(org) else org  # type: ignore[union-attr]
    if handle := value.get("github", "").strip().strip("`"):
        handle = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", handle).strip().lstrip("@").rsplit("/", 1)[-1]
        person.github = handle if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}", handle) else person.github
    if initials := value.get("initials", "").strip():
        person.initials = initials
    if "present" in found.columns:
        person.present = bool(value.get("present", "").strip())
    found.entries.append(Entry(person, i, group))
