"""Meeting headings: reading the date a host typed (typos included) and writing one."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

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

class Yearless(Protocol):
    def on(self, year: int) -> date | None: ...


def nearest_year(found: Yearless, neighbours: list[date]) -> date | None:
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
