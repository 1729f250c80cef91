"""Where meetings start: the rules, each on a few lines of notes written for the test."""

from __future__ import annotations

from datetime import date

from hostdesk.core.document import parse


def _starts(text: str, name: str = "") -> list[str]:
    return [b.heading for b in parse(text, name).blocks]


def test_a_dated_heading_inside_a_meeting_is_not_a_meeting() -> None:
    text = "## May 7, 2024\n\nNotes.\n\n### Next call: May 21, 2024\n\nBring slides.\n"
    assert _starts(text) == ["May 7, 2024"]


def test_year_headings_close_the_meeting_above_and_are_not_meetings() -> None:
    text = "## 2021\n\n### 2021-11-02\n\n* a\n\n## 2022\n\n### 2022-01-11\n\n* b\n\n## 2022-03-08\n\n* c\n"
    assert _starts(text) == ["2021-11-02", "2022-01-11", "2022-03-08"]


def test_a_lone_dated_title_above_the_meetings_is_a_title() -> None:
    text = "# Summit 2023-09-11 to 2023-09-14\n\n## Sep 11, 2023\n\nx\n\n## Sep 12, 2023\n\ny\n\n## Sep 13, 2023\n"
    assert _starts(text) == ["Sep 11, 2023", "Sep 12, 2023", "Sep 13, 2023"]


def test_a_heading_inside_a_code_fence_is_not_a_meeting() -> None:
    text = "## May 7, 2024\n\n```\n## May 8, 2024\n```\n\n## May 21, 2024\n"
    assert _starts(text) == ["May 7, 2024", "May 21, 2024"]


def test_a_heading_that_is_not_a_date_stays_in_the_meeting_above() -> None:
    doc = parse("## May 7, 2024\n\n* a\n\n## Parking lot\n\n* later\n\n## April 23, 2024\n\n* b\n")
    assert [b.heading for b in doc.blocks] == ["May 7, 2024", "April 23, 2024"]
    assert "Parking lot" in doc.text[doc.blocks[0].start : doc.blocks[0].end]


def test_a_folded_meeting_is_read_and_written_back_with_its_summary_line() -> None:
    text = "# Circle\n\n<details><summary>April 23, 2024</summary>\n\n- one\n\n</details>\n"
    [block] = parse(text).blocks
    assert block.meeting.date == date(2024, 4, 23)
    assert text[block.start :] == "<details><summary>April 23, 2024</summary>\n\n- one\n\n</details>\n"


def test_a_heading_set_in_a_few_spaces_still_opens_its_meeting() -> None:
    text = "## 8.3.22\n\n- a\n  ## 8.10.22 Meeting Minutes\n\n- b\n"
    assert _starts(text) == ["8.3.22", "8.10.22 Meeting Minutes"]


def test_a_file_with_no_dated_heading_is_one_meeting_dated_by_its_name() -> None:
    [block] = parse("# Tern release sync\n\n## Present\n\n* Ivo\n", "notes/20220412.md").blocks
    assert block.meeting.date == date(2022, 4, 12) and block.meeting.heading == "Tern release sync"


def test_a_year_less_heading_takes_the_year_of_its_folder() -> None:
    [block] = parse("## Agenda for the February 11 call\n", "meetings/2021/ABC-02-11.md").blocks
    assert block.meeting.date == date(2021, 2, 11) and not block.meeting.heading_flag
