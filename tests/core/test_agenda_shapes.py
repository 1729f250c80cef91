"""Agendas kept as tables, headings that are not a meeting's, and meetings with two lists
of people: read from the project's own notes files, edited, written back and read again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hostdesk.core.document import NotesDocument, decode, parse, splice
from hostdesk.core.house import HOUSE_STYLE_VERSION, HouseStyle
from hostdesk.core.index import new_meeting_file
from hostdesk.core.model import Attendee, Meeting, Section
from hostdesk.core.render import render

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"


def _read(name: str) -> tuple[str, NotesDocument]:
    raw = decode((FORMATS / name).read_bytes(), name)
    return raw, parse(raw, name=name)


def _edited(name: str, index: int, meeting: Meeting) -> tuple[str, Meeting]:
    """The file with one meeting rendered as edited, and that meeting read back from it."""
    _, doc = _read(name)
    block = doc.blocks[index]
    text = doc.text[: block.start] + render(meeting) + doc.text[block.end :]
    return text, parse(text, name=name).blocks[index].meeting


def test_an_edited_table_agenda_stays_a_table_and_its_notes_come_back_to_their_rows() -> None:
    _, doc = _read("quill-ordinal-checkboxes.md")
    meeting = doc.blocks[0].meeting.model_copy(deep=True)
    assert [s.planned_minutes for s in meeting.sections] == [5, 20, 10]  # from the Time column
    meeting.sections[1].notes = "* Greta showed the benchmark\n* merge next week"
    meeting.sections[2].title = "Issue triage | short"
    meeting.sections.append(Section(title="Release date", notes="Early September"))
    text, again = _edited("quill-ordinal-checkboxes.md", 0, meeting)
    assert "| 20 min | Parser rewrite | Greta |\n| 10 min | Issue triage \\| short | Arjun |\n" in text
    assert [(s.title, s.notes) for s in again.sections] == [(s.title, s.notes) for s in meeting.sections]
    assert render(again) == render(meeting)


def test_a_table_agendas_durations_are_the_series_planned_minutes() -> None:
    _, doc = _read("quill-ordinal-checkboxes.md")
    plan = [(i.title, i.planned_minutes) for i in doc.template().agenda]
    assert plan == [("Parser rewrite", 15), ("Plugin marketplace", 15)]


def test_a_new_meeting_in_a_table_agenda_series_gets_its_agenda_as_table_rows() -> None:
    raw, _ = _read("quill-ordinal-checkboxes.md")
    sections = [Section(title="Welcome", planned_minutes=5), Section(title="Roadmap")]
    once = splice(raw, Meeting(date=date(2023, 8, 8), sections=sections), name="quill-ordinal-checkboxes.md")
    assert "| Time | Topic | Lead |\n| ---- | ----- | ---- |\n| 5 min | Welcome |  |\n|  | Roadmap |  |\n" in once
    again = parse(once, name="quill-ordinal-checkboxes.md")
    new = next(m for m in again.meetings if m.date == date(2023, 8, 8))
    assert [s.title for s in new.sections] == ["Welcome", "Roadmap"]
    assert splice(once, new, name="quill-ordinal-checkboxes.md") == once


def test_the_next_file_of_a_per_meeting_series_keeps_its_table_agenda_and_its_notes_heading() -> None:
    latest = (
        "# Sync 2024-05-08\n\n## Agenda\n\n| Time | Topic | Lead |\n|---|---|---|\n"
        "| 5 min | Welcome | Ana |\n| 20 min | Roadmap | Bo |\n\n## Notes\n\nWe met.\n"
    )
    sections = [Section(title="Welcome", planned_minutes=5), Section(title="Roadmap"), Section(title="Notes")]
    new = new_meeting_file(latest, "2024-05-08.md", Meeting(date=date(2024, 5, 22), sections=sections))
    assert "|---|---|---|\n| 5 min | Welcome |  |\n|  | Roadmap |  |\n\n## Notes\n" in new
    [meeting] = parse(new, name="2024-05-22.md").meetings
    assert [s.title for s in meeting.sections] == ["Welcome", "Roadmap", "Notes"]


def test_a_table_that_names_no_topic_outside_an_agenda_is_left_as_text() -> None:
    text = "## 2024-02-06\n\n| When | Where |\n| --- | --- |\n| 16:00 UTC | the usual room |\n\n* Budget\n"
    [meeting] = parse(text).meetings
    assert [s.title for s in meeting.sections] == ["Budget"]
    assert render(meeting) == text


def test_a_year_heading_or_a_separator_between_meetings_is_in_no_meetings_notes() -> None:
    _, harbor = _read("harbor-mixed-levels.md")
    before_2022 = harbor.meetings[1]
    assert "2022" not in "".join(s.title + s.notes for s in before_2022.sections) + before_2022.minutes
    _, lantern = _read("lantern-h2-newest-first.md")
    assert all("---" not in m.minutes + "".join(s.notes for s in m.sections) for m in lantern.meetings)
    follow_ups = lantern.meetings[1].sections[-1]
    assert follow_ups.title == "Follow-ups" and "Oskar to book the sprint room" in follow_ups.notes


def test_a_new_meeting_on_top_of_a_file_that_closes_each_meeting_with_a_rule_gets_one_too() -> None:
    raw, _ = _read("lantern-h2-newest-first.md")
    new = Meeting(date=date(2023, 8, 8), sections=[Section(title="Welcome")])
    once = splice(raw, new, name="lantern-h2-newest-first.md")
    assert "* Welcome\n\n---\n\n## July 25, 2023\n" in once
    again = parse(once, name="lantern-h2-newest-first.md")
    assert again.meetings[0].date == date(2023, 8, 8) and again.meetings[0].minutes == ""
    assert splice(once, again.meetings[0], name="lantern-h2-newest-first.md") == once


def test_people_on_two_lists_are_read_with_their_groups_and_a_late_arrival_joins_the_last() -> None:
    _, doc = _read("yarrow-members-and-guests.md")
    first = doc.meetings[0]
    assert [(a.name, a.group) for a in first.attendees] == [
        ("Odile Faure", "Members"), ("Kenji Abe", "Members"), ("Samira Nasser", "Members"), ("Pavel Novak", "Guests"),
    ]  # fmt: skip
    assert [s.title for s in doc.meetings[1].sections] == ["Budget for 2025", "Election timeline"]
    meeting = doc.meetings[1].model_copy(deep=True)
    meeting.attendees = [*meeting.attendees, Attendee(name="Zed Quill", affiliation="Acme")]
    text, again = _edited("yarrow-members-and-guests.md", 1, meeting)
    assert "* Jonas Weber (Weber & Söhne)\n* Zed Quill (Acme)\n\nRuth asked" in text
    assert "* Ruth Mbeki (@rmbeki)\n" in text  # an unchanged guest is written as the file had them
    assert [a.name for a in again.attendees] == [a.name for a in meeting.attendees]


def test_an_edited_list_keeps_its_groups_apart_under_their_labels() -> None:
    _, doc = _read("quill-ordinal-checkboxes.md")
    meeting = doc.meetings[0].model_copy(deep=True)
    meeting.attendees = [*meeting.attendees, Attendee(name="Zed Quill", affiliation="Acme")]
    text, again = _edited("quill-ordinal-checkboxes.md", 0, meeting)
    assert "- [ ] Arjun Mehta - Quillworks\n\nGuests:\n- [x] Chloé Martin" in text
    assert [(a.name, a.group) for a in again.attendees][-2:] == [("Chloé Martin", "Guests"), ("Zed Quill", "Guests")]


def test_a_house_style_saved_before_table_agendas_loads_as_the_current_version() -> None:
    style = HouseStyle.model_validate({"version": 1, "section_prefix": "### "})
    assert style.version == HOUSE_STYLE_VERSION and style.agenda_table is None
    assert style.section_prefix == "### "
