"""Dates wherever hosts write them, and headings written back in the same pattern."""

from __future__ import annotations

from datetime import date

import pytest

from hostdesk.core.datetext import find_date, format_date, heading_pattern

NEXT = date(2024, 8, 20)
HEADINGS = [
    ("July 11, 2023", date(2023, 7, 11), "August 20, 2024"),
    ("Jul 11, 2023", date(2023, 7, 11), "Aug 20, 2024"),
    ("July 11th, 2023", date(2023, 7, 11), "August 20th, 2024"),
    ("11 July 2023", date(2023, 7, 11), "20 August 2024"),
    ("2023-07-11", date(2023, 7, 11), "2024-08-20"),
    ("20230711", date(2023, 7, 11), "20240820"),
    ("20231211", date(2023, 12, 11), "20240820"),
    ("2023-12-11", date(2023, 12, 11), "2024-08-20"),
    ("2025 December 16", date(2025, 12, 16), "2024 August 20"),
    ("12.30.20 Meeting Minutes", date(2020, 12, 30), "8.20.24 Meeting Minutes"),
    ("Tuesday 6th august 2024 Meeting", date(2024, 8, 6), "Tuesday 20th august 2024 Meeting"),
    ("Agenda for the July 11, 2023 call of the ABC group", date(2023, 7, 11),
     "Agenda for the August 20, 2024 call of the ABC group"),
    ("Documentation meeting (February 7, 2022)", date(2022, 2, 7), "Documentation meeting (August 20, 2024)"),
    # "May" is a whole month name, so the next one is written whole
    ("WECG Meetings 2024, Public Notes, May 9", None, "WECG Meetings 2024, Public Notes, August 20"),
]  # fmt: skip


@pytest.mark.parametrize(("heading", "day", "written"), HEADINGS)
def test_a_heading_is_read_and_the_next_written_the_same_way(heading: str, day: date | None, written: str) -> None:
    found = find_date(heading)
    assert found is not None
    assert found.date == day
    assert format_date(NEXT, heading_pattern(heading, found)) == written


@pytest.mark.parametrize(
    ("heading", "flag"),
    [("February 30, 2024", "February has no day 30"), ("2024-13-26", "no month 13"), ("April 9, 20244", "20244")],
)
def test_an_impossible_date_is_flagged_never_read_as_another(heading: str, flag: str) -> None:
    found = find_date(heading)
    assert found is not None and found.date is None and flag in found.flag


@pytest.mark.parametrize("text", ["Release 1.2.3 notes", "Attendees", "Agenda", "Room 12"])
def test_text_without_a_date_has_none(text: str) -> None:
    assert find_date(text) is None


def test_a_compact_date_stays_eight_digits_in_any_month() -> None:
    found = find_date("20231211")
    assert found is not None
    assert format_date(date(2024, 1, 5), heading_pattern("20231211", found)) == "20240105"
