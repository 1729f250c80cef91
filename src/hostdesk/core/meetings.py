"""Where the meetings of a notes file start, and where its date lives when no heading says.

One pass over the lines: front matter, fenced code (whose `#` lines are not headings), and
every heading with a date in it. Meetings are the dated headings at the file's meeting
level (the commonest level among dated headings, levels 1 to 3); a shallower dated heading
is a meeting too (files change level over the years), except a lone one above all the
others, which titles the file. A file with no dated heading is one meeting, dated by its
front matter, a date line near its top, or its file name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from hostdesk.core.datetext import FoundDate, find_date, lone_year

FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*$")
# A meeting folded away: `<details><summary>April 23, 2024</summary>`, read as a heading.
SUMMARY = re.compile(r"^(?P<open><details[^>]*>\s*<summary>\s*)(?P<text>[^<]*?)(?P<close>\s*</summary>)\s*$")
SUMMARY_LEVEL = 1
# Headings that name another meeting than their own: "Next meeting: May 3, 2024".
_OTHER = re.compile(r"\b(next|previous|last|upcoming|prior|past)\b", re.IGNORECASE)
_DATE_LINE = re.compile(r"^\s*(?:[*+-]\s+)?(?:\**[\w ]{0,30}?date\**\s*:\**\s*)?(.*?)\s*$", re.IGNORECASE)
_FRONT_KEY = re.compile(r"^(date|title|year)\s*:\s*[\"']?(.*?)[\"']?\s*$", re.IGNORECASE)
_PATH_YEAR = re.compile(r"(?:^|/)((?:19|20)\d\d)(?:/|\.\w+$|$)")
_MAY_MATTER = frozenset("# `~\ufeff\t<")  # first characters of a fence or a heading line
# How far into a per-meeting file a bare date line may stand and still date it.
_DATE_LINE_REACH = 40


@dataclass(frozen=True)
class Start:
    """A meeting's first line: its offset, heading level (0: no heading) and the date read."""

    offset: int
    level: int
    text: str
    found: FoundDate | None


@dataclass
class Outline:
    """What one pass over a file found."""

    starts: list[Start] = field(default_factory=list)
    front_matter_end: int = 0
    date_hint: date | None = None
    date_source: str = ""  # "front matter", "date line", "file name"
    year_hint: int | None = None
    headings: list[str] = field(default_factory=list)
    date_lines: list[str] = field(default_factory=list)


def front_matter_end(text: str) -> int:
    """The offset after a leading `---` … `---` YAML block, else 0."""
    if not text.startswith("---\n"):
        return 0
    end = text.find("\n---\n", 3)
    if end < 0:
        return len(text) if text.endswith("\n---") else 0
    return end + 5


def _dated(found: FoundDate | None, year: int | None) -> date | None:
    if found is None:
        return None
    if found.date is not None:
        return found.date
    return found.on(year) if year and not found.flag else None


def outline(text: str, name: str = "") -> Outline:
    """Meeting starts and date hints of `text` (newlines already `\\n`), in one pass."""
    out = Outline(front_matter_end=front_matter_end(text))
    front = text[: out.front_matter_end]
    for line in front.split("\n"):
        if (m := _FRONT_KEY.match(line)) and out.year_hint is None:
            out.year_hint = lone_year(m[2])
        if (m := _FRONT_KEY.match(line)) and (found := find_date(m[2])):
            out.date_hint = out.date_hint or found.date
            out.date_source = out.date_source or "front matter"
            out.year_hint = out.year_hint or found.year
    candidates: list[Start] = []
    headings: list[tuple[int, int]] = []
    fence = ""
    offset = out.front_matter_end
    body = text[offset:]
    for number, line in enumerate(body.split("\n")):
        if line[:1] not in _MAY_MATTER and number >= _DATE_LINE_REACH:
            offset += len(line) + 1  # most lines: prose or bullets, neither fence nor heading
            continue
        if m := FENCE.match(line):
            if not fence:
                fence = m[1][0] * 3
            elif m[1].startswith(fence):
                fence = ""
        elif not fence and (h := HEADING.match(_unindented(line))):
            if len(out.headings) < 5:
                out.headings.append(line.strip())
            headings.append((offset, len(h[1])))
            found = find_date(h[2]) if len(h[1]) <= 3 else None
            if found and len(h[1]) <= 3 and not _OTHER.search(h[2][: found.start]):
                candidates.append(Start(offset, len(h[1]), h[2], found))
            elif out.year_hint is None and len(h[1]) == 1:
                out.year_hint = lone_year(h[2])
        elif not fence and line.startswith("<details") and (d := SUMMARY.match(line)):
            headings.append((offset, SUMMARY_LEVEL))
            if found := find_date(d["text"]):
                candidates.append(Start(offset, SUMMARY_LEVEL, d["text"], found))
        elif not fence and number < _DATE_LINE_REACH and line.strip() and out.date_hint is None:
            bare = _DATE_LINE.match(line)
            if bare and (found := find_date(bare[1])) and found.start == 0 and found.end == len(bare[1]):
                out.date_lines.append(line.strip())
                if found.date:
                    out.date_hint, out.date_source = found.date, "date line"
        offset += len(line) + 1
    out.starts = _meeting_starts(candidates, headings)
    if name:
        _name_hints(out, name)
    return out


def _unindented(line: str) -> str:
    """A heading line may stand up to three spaces in (or after a byte-order mark)."""
    bare = line.lstrip("\ufeff")
    return bare.lstrip(" ") if bare[:1] == " " and len(bare) - len(bare.lstrip(" ")) <= 3 else bare


def _meeting_starts(candidates: list[Start], headings: list[tuple[int, int]]) -> list[Start]:
    """The dated headings that open meetings, in one walk over every heading.

    A dated heading opens a meeting unless it sits inside a meeting opened by a shallower
    dated heading (`### Next call: May 3` under `## April 19`). A heading that is not a
    date closes that meeting only when it is shallower (`## 2022` year headings), so a
    same-level `## Agenda` stays inside it. A dated heading deeper than the file's usual
    level must be little more than a date; a lone dated title above all others is a title.
    """
    if not candidates:
        return []
    levels = Counter(c.level for c in candidates)
    usual = min(levels, key=lambda lv: (-levels[lv], lv))
    first = candidates[0]
    if len(candidates) > 2 and all(c.level > first.level for c in candidates[1:]):
        candidates = candidates[1:]  # the file's dated title, above its meetings
    by_offset = {c.offset: c for c in candidates}
    starts: list[Start] = []
    open_level = 0
    for offset, level in headings:
        found = by_offset.get(offset)
        if found is None:
            if open_level and level < open_level:
                open_level = 0
            continue
        if open_level and level > open_level:
            continue
        if level > usual and not _date_only(found):
            continue
        starts.append(found)
        open_level = level
    return starts


_FILLER = re.compile(r"\b(meeting|minutes|notes|call|sync|weekly|monthly|agenda)\b|[\W\d_]", re.IGNORECASE)


def _date_only(start: Start) -> bool:
    assert start.found is not None
    rest = start.text[: start.found.start] + start.text[start.found.end :]
    return not _FILLER.sub("", rest).strip()


def _name_hints(out: Outline, name: str) -> None:
    """A per-meeting file's date from its name (`2024-05-08.md`, `2021/WASI-02-11.md`)."""
    stem = name.replace("\\", "/")
    if (found := find_date(stem.rsplit("/", 1)[-1])) is None:
        found = find_date(stem)
    year = _PATH_YEAR.search(stem)
    if out.year_hint is None and year:
        out.year_hint = int(year[1])
    if found is not None:
        day = found.date or (found.on(out.year_hint) if out.year_hint and not found.flag else None)
        if day and out.date_hint is None:
            out.date_hint, out.date_source = day, "file name"
        if out.year_hint is None:
            out.year_hint = found.year


def meeting_date(start: Start, year_hint: int | None) -> date | None:
    """A heading's date, with the file's year when the heading gives none."""
    return _dated(start.found, year_hint)
