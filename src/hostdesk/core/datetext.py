"""Dates wherever hosts write them, and the pattern they were written in.

A heading such as `### Tuesday 6th august 2024 Meeting` is read into a date and a
pattern, `### {Weekday} {dth} {month} {yyyy} Meeting`, that writes the next meeting's
heading the same way. Every regular expression here is applied once per line searched,
so reading a file stays linear in its size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hostdesk.core.dates import MONTH_NAMES, MONTHS, ordinal

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MON = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_WD = (
    r"(?:(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thu|fri|sat|sun)\.?(?P<wdsep>,?\s+))?"
)
_ORD = r"(?P<ord>st|nd|rd|th)?h?"
_PATTERNS = [
    # July 11, 2023 / Tuesday, May 27th 2025 / Sep 11
    re.compile(
        rf"\b{_WD}{_MON}\b(?P<dot>\.?)(?P<s1>\s+)(?P<day>\d{{1,2}}){_ORD}(?![\d:])"
        r"(?:(?P<s2>,?\s*)(?P<year>\d{4,6})(?![\d:]))?",
        re.IGNORECASE,
    ),
    # 14 January 2025 / Tuesday 6th august 2024
    re.compile(
        rf"\b{_WD}(?P<day>\d{{1,2}}){_ORD}(?P<s1>\s+){_MON}\b(?P<dot>\.?)"
        r"(?:(?P<s2>,?\s*)(?P<year>\d{4,6})(?![\d:]))?",
        re.IGNORECASE,
    ),
    # 2025 December 16
    re.compile(
        rf"(?<!\d)(?P<year>\d{{4}})(?P<s1>\s+){_MON}\b(?P<dot>\.?)(?P<s2>\s+)(?P<day>\d{{1,2}}){_ORD}(?!\d)",
        re.I,
    ),
    # 2023-07-11, 2019.04.18, and a mistyped 20233-07-11 or month 13 (flagged)
    re.compile(r"(?<![\d.])(?P<year>\d{4,5})(?P<sep>[-./])(?P<num>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d])"),
    # 20230711
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<num>[01]\d)(?P<day>[0-3]\d)(?!\d)"),
    # 12.30.20, 7/11/2023 (month first, as US hosts write them)
    re.compile(
        r"(?<![\d.])(?P<num>\d{1,2})(?P<sep>[./])(?P<day>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})(?![\d.])"
    ),
]
_LONE_YEAR = re.compile(r"(?<![\d.-])((?:19|20)\d\d)(?![\d.-])")
_TOKEN = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class FoundDate:
    """A date read from text: where it stood, what it says and the pattern it was written in.

    `year` is None when the text gives none; `flag` says why a date is impossible.
    """

    start: int
    end: int
    month: int
    day: int
    year: int | None
    pattern: str
    flag: str = ""

    def on(self, year: int) -> date | None:
        try:
            return date(year, self.month, self.day)
        except ValueError:
            return None

    @property
    def date(self) -> date | None:
        return None if self.year is None or self.flag else self.on(self.year)


def _case(word: str, full: str) -> str:
    """The token for a month or weekday name written as `word`."""
    short = len(word) < len(full)
    key = ("Mon" if short else "Month") if full in MONTH_NAMES else ("Wkd" if short else "Weekday")
    if word.islower():
        return "{" + key.lower() + "}"
    if word.isupper() and len(word) > 1:
        return "{" + key.upper() + "}"
    return "{" + key + "}"


def _pattern(m: re.Match[str]) -> str:
    groups = m.groupdict()
    text = m[0]
    parts: list[tuple[int, int, str]] = []
    if groups.get("wd"):
        full = next(w for w in WEEKDAYS if w.lower().startswith(m["wd"].lower()[:3]))
        parts.append((m.start("wd"), m.end("wd"), _case(m["wd"], full)))
    if groups.get("mon"):
        full = MONTH_NAMES[MONTHS[m["mon"].lower()] - 1]
        parts.append((m.start("mon"), m.end("mon"), _case(m["mon"], full)))
    if groups.get("num"):
        # Year-first dates (2023-12-11, 20231211) are padded by convention; 12.30.20 need not be.
        padded = m["num"].startswith("0") or (m.start("year") < m.start("num") and len(m["num"]) == 2)
        parts.append((m.start("num"), m.end("num"), "{mm}" if padded else "{m}"))
    day_end = m.end("ord") if groups.get("ord") else m.end("day")
    day = "{dth}" if groups.get("ord") else ("{dd}" if len(m["day"]) == 2 and m["day"][0] == "0" else "{d}")
    year_first = "num" in groups and m.start("year") < m.start("num")
    if day == "{d}" and "num" in groups and len(m["day"]) == 2 and (year_first or m["num"][0] == "0"):
        day = "{dd}"
    parts.append((m.start("day"), day_end, day))
    if groups.get("year"):
        parts.append((m.start("year"), m.end("year"), "{yy}" if len(m["year"]) == 2 else "{yyyy}"))
    out, at = [], m.start()
    for start, end, token in sorted(parts):
        out.append(_escape(text[at - m.start() : start - m.start()]) + token)
        at = end
    out.append(_escape(text[at - m.start() :]))
    return "".join(out)


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _read(m: re.Match[str]) -> FoundDate:
    groups = m.groupdict()
    month = MONTHS[m["mon"].lower()] if groups.get("mon") else int(m["num"])
    day = int(m["day"])
    raw = groups.get("year")
    year = None if raw is None else int(raw)
    if raw is not None and len(raw) == 2:
        year = 2000 + int(raw)
    flag = ""
    if raw is not None and len(raw) > 4:
        flag = f"the year “{raw}” is not a real year"
    elif not 1 <= month <= 12:
        flag = f"there is no month {month}"
    elif date_or_none(year or 2000, month, day) is None:  # 2000 lets a year-less Feb 29 be
        flag = f"{MONTH_NAMES[month - 1]} has no day {day}"
    return FoundDate(m.start(), m.end(), month, day, year, _pattern(m), flag)


def date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> FoundDate | None:
    """The first date written in `text` (earliest, then longest), or None."""
    best: re.Match[str] | None = None
    for rx in _PATTERNS:
        m = rx.search(text)
        if m is None or (rx is _PATTERNS[-1] and not _numeric_ok(m)):
            continue
        if best is None or m.start() < best.start() or (m.start() == best.start() and m.end() > best.end()):
            best = m
    return _read(best) if best is not None else None


def _numeric_ok(m: re.Match[str]) -> bool:
    """`1.2.3` is a version, not a date: a numeric date must name a real month and day."""
    return 1 <= int(m["num"]) <= 12 and 1 <= int(m["day"]) <= 31


def heading_pattern(text: str, found: FoundDate) -> str:
    """The heading with its date (and a year standing apart from it) made into tokens."""
    before, after = _escape(text[: found.start]), _escape(text[found.end :])
    if found.year is None:
        before = _LONE_YEAR.sub("{yyyy}", before, count=1)
        if "{yyyy}" not in before:
            after = _LONE_YEAR.sub("{yyyy}", after, count=1)
    return before + found.pattern + after


def lone_year(text: str) -> int | None:
    """A year written on its own in the text ("Meetings 2024, May 9"), if any."""
    m = _LONE_YEAR.search(text)
    return int(m[1]) if m else None


def format_date(day: date, pattern: str) -> str:
    """`pattern` with its tokens filled in for `day`; `{{` and `}}` are literal braces."""
    month, weekday = MONTH_NAMES[day.month - 1], WEEKDAYS[day.weekday()]
    values = {
        "Month": month, "month": month.lower(), "MONTH": month.upper(),
        "Mon": month[:3], "mon": month[:3].lower(), "MON": month[:3].upper(),
        "Weekday": weekday, "weekday": weekday.lower(), "WEEKDAY": weekday.upper(),
        "Wkd": weekday[:3], "wkd": weekday[:3].lower(), "WKD": weekday[:3].upper(),
        "d": str(day.day), "dd": f"{day.day:02d}", "dth": ordinal(day.day),
        "m": str(day.month), "mm": f"{day.month:02d}", "yyyy": str(day.year), "yy": f"{day.year % 100:02d}",
    }  # fmt: skip
    out = _TOKEN.sub(lambda m: values.get(m[1], m[0]), pattern.replace("{{", "\0").replace("}}", "\1"))
    return out.replace("\0", "{").replace("\1", "}")


def dates(text: str, day: date | None) -> bool:
    """Whether the text names that day (`Meeting date: 2022-11-22` in that meeting): a date
    line, which belongs to its own meeting and never to the next one's agenda."""
    found = find_date(text)
    return day is not None and found is not None and found.date == day
