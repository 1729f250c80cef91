"""A section's notes as GitHub shows them: a line typed without `* ` stays its own line."""

from __future__ import annotations

import re
from datetime import date

from hostdesk.core.document import parse
from hostdesk.core.html import gfm_html
from hostdesk.core.model import Meeting, Section
from hostdesk.core.render import render


def _meeting(notes: str, prefix: str | None = None) -> Meeting:
    return Meeting(
        date=date(2026, 4, 14),
        heading="April 14, 2026",
        hosts=["Marisol"],
        sections=[
            Section(title="Welcome new members", notes=notes, prefix=prefix),
            Section(title="Seed swap", notes="* bring envelopes"),
        ],
    )


def _text_of(html: str) -> str:
    return re.sub(r"<(?!br)[^>]+>", "", html)


def test_a_plain_first_line_shows_on_its_own_line_under_the_title() -> None:
    markdown = render(_meeting("Priya joined from the allotment\n* tour next week"))
    shown = _text_of(gfm_html(markdown))
    assert "Welcome new members Priya" not in shown
    assert re.search(r"Welcome new members<br ?/?>\s*Priya joined from the allotment", shown)


def test_a_plain_first_line_under_a_numbered_item_shows_on_its_own_line() -> None:
    markdown = render(_meeting("Priya joined", prefix="1. "))
    assert re.search(r"Welcome new members<br ?/?>\s*Priya joined", _text_of(gfm_html(markdown)))


def test_the_section_reads_back_the_same_and_renders_to_the_same_bytes() -> None:
    meeting = _meeting("Priya joined from the allotment\nand Tomás from the school garden")
    markdown = render(meeting)
    [again] = parse(markdown).meetings
    assert [(s.title, s.notes) for s in again.sections] == [(s.title, s.notes) for s in meeting.sections]
    assert render(again) == markdown


def test_notes_that_open_with_a_bullet_are_written_as_before() -> None:
    markdown = render(_meeting("* Priya joined"))
    assert "* Welcome new members\n  * Priya joined\n" in markdown
