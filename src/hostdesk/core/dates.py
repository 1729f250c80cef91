"""Meeting headings: reading the date a host typed (typos included) and writing one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hostdesk.core.model import DateStyle

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

_WORDY = re.compile(
    r"(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2})(?P<ord>st|nd|rd|th)?\b"
    r"(?:,?\s*(?P<year>\d{2,6})\b)?"
)
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")
_SLASHED = re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\b")


@dataclass(frozen=True)
class HeadingDate:
    """What a heading says about its date. `year` is None when it is missing or unreal."""

    month: int
    day: int
    year: int | None
    style: DateStyle
    flag: str = ""

    def on(self, year: int) -> date | None:
        try:
            return date(year, self.month, self.day)
        except ValueError:
            return None

    @property
    def date(self) -> date | None:
        return None if self.year is None else self.on(self.year)


def read_heading(text: str) -> HeadingDate | None:
    """The date at the start of a heading, or None when the heading is not a date."""
    text = text.strip().strip("*_").strip()
    if m := _ISO.match(text) or _SLASHED.match(text):
        style: DateStyle = "iso" if m.re is _ISO else "long"
        month, day, year = int(m["month"]), int(m["day"]), int(m["year"])
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        return _checked(month, day, year, style)
    m = _WORDY.match(text)
    if not m or m["month"].lower() not in MONTHS or not 1 <= int(m["day"]) <= 31:
        return None
    month, day = MONTHS[m["month"].lower()], int(m["day"])
    style = "ordinal" if m["ord"] else ("long" if len(m["month"]) > 3 else "short")
    if m["year"] is None:
        return HeadingDate(month, day, None, style, "the heading has no year")
    year = int(m["year"])
    if len(m["year"]) != 4 or not 1900 <= year <= 2999:
        return HeadingDate(month, day, None, style, f"the year “{m['year']}” is not a real year")
    return _checked(month, day, year, style)


def _checked(month: int, day: int, year: int, style: DateStyle) -> HeadingDate:
    found = HeadingDate(month, day, year, style)
    if found.date is None:
        return HeadingDate(month, day, None, style, f"{MONTH_NAMES[month - 1]} has no day {day}")
    return found


def nearest_year(found: HeadingDate, neighbours: list[date]) -> date | None:
    """The date a year-less or mistyped heading most likely meant, judged by its neighbours."""
    best: date | None = None
    for near in neighbours:
        for year in (near.year - 1, near.year, near.year + 1):
            guess = found.on(year)
            if guess and (best is None or abs(guess - near) < abs(best - near)):
                best = guess
    return best


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def format_heading(day: date, style: DateStyle = "long") -> str:
    month = MONTH_NAMES[day.month - 1]
    if style == "iso":
        return day.isoformat()
    if style == "short":
        return f"{month[:3]} {day.day}, {day.year}"
    if style == "ordinal":
        return f"{month} {ordinal(day.day)}, {day.year}"
    return f"{month} {day.day}, {day.year}"


def redate(heading: str, old: date | None, new: date | None) -> str:
    """The heading after the host picks another date: a heading that began with the old
    date, in any style, begins with the new one in that style; any other stays as typed."""
    if old is None or new is None:
        return heading
    styles: tuple[DateStyle, ...] = ("long", "short", "ordinal", "iso")
    for style in styles:
        written = format_heading(old, style)
        if heading.startswith(written):
            return format_heading(new, style) + heading[len(written) :]
    return heading


def meeting_title(heading: str, day: date | None) -> str:
    """The heading a host sees, e.g. "July 11, 2023"."""
    return heading.strip() or (day.isoformat() if day else "Untitled meeting")
