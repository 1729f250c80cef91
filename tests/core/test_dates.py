"""Headings and dates: a new date rewrites a date heading in its own style, nothing else."""

from __future__ import annotations

from datetime import date

import pytest

from hostdesk.core.dates import redate

MAY_2, MAY_3 = date(2024, 5, 2), date(2024, 5, 3)


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("May 2, 2024", "May 3, 2024"),
        ("May 2nd, 2024", "May 3rd, 2024"),
        ("2024-05-02", "2024-05-03"),
        ("May 2, 2024 (rescheduled)", "May 3, 2024 (rescheduled)"),
        ("Spring planning", "Spring planning"),
        ("May 12, 2024", "May 12, 2024"),  # a different date the host typed on purpose
    ],
)
def test_a_new_date_rewrites_a_heading_that_was_the_old_date(heading: str, expected: str) -> None:
    assert redate(heading, MAY_2, MAY_3) == expected


def test_without_a_date_on_either_side_the_heading_stays() -> None:
    assert redate("May 2, 2024", None, MAY_3) == "May 2, 2024"
    assert redate("May 2, 2024", MAY_2, None) == "May 2, 2024"
