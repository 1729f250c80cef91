"""Agendas kept as tables, headings that are not a meeting's, and meetings with two lists
of people: read from the project's own notes files, edited, written back and read again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hostdesk.core.document import NotesDocument, decode, own_block, parse, splice
from hostdesk.core.house import HOUSE_STYLE_VERSION, HouseStyle
from hostdesk.core.index import new_meeting_file
from hostdesk.core.model import Attendee, Meeting, Section
from hostdesk.core.render import render
from hostdesk.core.series import next_meeting

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


def _titles(meeting: Meeting) -> list[str]:
    return [s.title for s in meeting.sections]


def test_the_topics_under_a_plain_agenda_line_are_the_agenda_not_the_notetaker_heading_above() -> None:
    raw, doc = _read("per-meeting/labels/2023-04-11.md")
    [meeting] = doc.meetings
    assert _titles(meeting) == [
        "Comparing signature formats (Lukas)", "Sweeping unreferenced blobs (Hana?)",
        "_add your topic above this line_", "Notes",
    ]  # fmt: skip
    assert [a.name for a in meeting.attendees] == ["Hana Sato", "Lukas Brandt", "Maeve O'Connor", "Tobias Reyes"]
    assert meeting.sections[0].notes == "- <https://example.org/osprey/spec/pull/41>\n- <https://example.org/osprey/spec/pull/44>"
    assert render(meeting) == raw  # the notetaker heading and its names stay where they were


def test_the_notes_after_a_labelled_agenda_are_one_section_whatever_their_label() -> None:
    _, doc = _read("alder-label-agendas.md")
    minutes, notes, discussion = (m.sections[-1] for m in doc.meetings)
    assert (minutes.title, notes.title, discussion.title) == ("**Minutes:**", "Notes", "Discussion")
    assert notes.notes.startswith("- The release slipped two days") and "  - Bo scripts it before 1.8" in notes.notes
    assert _titles(doc.meetings[1]) == ["Release 1.7 retrospective", "Where the config file lives", "Notes"]


def test_edited_notes_under_a_notes_line_are_written_under_it_and_read_back() -> None:
    _, doc = _read("alder-label-agendas.md")
    meeting = doc.meetings[1].model_copy(deep=True)
    meeting.sections[-1].notes = "We ran out of time.\n- Bo scripts the signing step"
    meeting.sections.insert(2, Section(title="Packaging for Windows"))
    text, again = _edited("alder-label-agendas.md", 1, meeting)
    assert "- Packaging for Windows\n\nNotes  \nWe ran out of time.\n- Bo scripts the signing step\n" in text
    assert [(s.title, s.notes) for s in again.sections] == [(s.title, s.notes) for s in meeting.sections]


def test_a_new_meeting_under_an_agenda_heading_has_one_heading_and_counts_its_topics() -> None:
    raw, _ = _read("marsh-agenda-for-heading.md")
    titles = ["Flow sensor driver review", "Dashboard colour scheme", "Planning the autumn release"]
    new = Meeting(date=date(2023, 8, 8), sections=[Section(title=t) for t in titles])
    text = splice(raw, new, name="marsh-agenda-for-heading.md")
    block = text[text.index("## Agenda for the Aug 8, 2023") : text.index("## Agenda for the Jul 25")]
    assert block.count("### Agenda") == 1
    assert "### Agenda\n\n1. Flow sensor driver review\n2. Dashboard colour scheme\n3. Planning" in block
    assert block.endswith("release\n\n")  # one blank line before the next meeting, as the file has
    assert _titles(parse(text, name="marsh-agenda-for-heading.md").meetings[0]) == titles


def test_a_new_meeting_keeps_the_files_list_marker_for_its_agenda() -> None:
    for name, day, want in (
        ("moss-details-summary.md", date(2024, 5, 7), "1. Keyboard traps\n2. Colour contrast\n3. Screen readers\n"),
        ("thistle-table-attended.md", date(2023, 8, 8), "- Keyboard traps\n- Colour contrast\n- Screen readers\n"),
    ):
        raw, _ = _read(name)
        titles = ["Keyboard traps", "Colour contrast", "Screen readers"]
        text = splice(raw, Meeting(date=day, sections=[Section(title=t) for t in titles]), name=name)
        assert want in text, name
        [again] = [m for m in parse(text, name=name).meetings if m.date == day]
        assert _titles(again) == titles


def test_last_times_people_added_again_are_written_as_the_file_wrote_them() -> None:
    for name, line in (
        ("marsh-agenda-for-heading.md", "| Esther Lindqvist | Reedbed Systems | @elindqvist |\n"),
        ("marsh-agenda-for-heading.md", "| Zoe Park | | @zpark |\n"),
        ("alder-label-agendas.md", "- Sol Okafor (@sokafor)\n"),
        ("juniper-no-year-neighbours.md", ", @mkoval"),  # known by handle alone, in a comma list
        ("beacon-no-year-title.md", "- Zoe Park @zpark\n\n**Topics**\n- Vote on"),  # the agenda's label
        ("yarrow-members-and-guests.md", "**Guests present:**\n- Pavel Novak (Greenline)\n- Zoe Park"),
    ):
        raw, doc = _read(name)
        last = max((m for m in doc.meetings if m.date), key=lambda m: m.date or date.min)
        new = next_meeting(last, doc.template("Series"))
        new.attendees = [a.model_copy(update={"present": True}) for a in new.expected]
        new.attendees.append(Attendee(name="Zoe Park", github="zpark"))  # new here: in the file's shape too
        text = splice(raw, new, name=name)
        written = parse(text, name=name)
        block = own_block(written, new)
        assert block is not None and line in written.text[block.start : block.end], name
        assert [a.name for a in block.meeting.attendees] == [a.name for a in new.attendees]


def test_a_numbered_attendance_list_counts_its_people() -> None:
    raw, doc = _read("orchard-h1-oldest-first.md")
    new = next_meeting(doc.latest() or doc.meetings[-1], doc.template("Orchard"))
    new.attendees = [Attendee(name=n) for n in ("Kwame Mensah", "Signe Dahl", "Helga Berg")]
    text = splice(raw, new, name="orchard-h1-oldest-first.md")
    assert "1. Kwame Mensah\n2. Signe Dahl\n3. Helga Berg\n" in text


def test_a_new_meeting_in_a_file_of_labelled_agendas_gets_the_agenda_line_and_the_notes_label() -> None:
    name = "alder-label-agendas.md"
    raw, doc = _read(name)
    titles = _titles(doc.meetings[0])
    new = Meeting(date=date(2022, 4, 12), sections=[Section(title=t) for t in titles])
    new.attendees = [Attendee(name="Zed Quill", affiliation="Acme")]
    once = splice(raw, new, name=name)
    assert "- Zed Quill (Acme)\n\nAgenda:\n- Shell completions for zsh\n" in once
    assert "- Deprecating the `--legacy` flag\n\n**Minutes:**\n" in once
    again = parse(once, name=name).meetings[0]
    assert _titles(again) == titles and [a.name for a in again.attendees] == ["Zed Quill"]
    assert splice(once, new, name=name) == once
    new.sections.insert(0, Section(title="Welcome"))  # a topic the last call did not have, first
    twice = splice(raw, new, name=name)
    assert "- Zed Quill (Acme)\n\nAgenda:\n- Welcome\n- Shell completions for zsh\n" in twice
    assert _titles(parse(twice, name=name).meetings[0]) == ["Welcome", *titles]


def test_the_next_file_of_a_labelled_series_keeps_its_agenda_line_but_not_the_last_notetaker() -> None:
    raw, doc = _read("per-meeting/labels/2023-04-25.md")
    titles = _titles(doc.meetings[0])
    new = Meeting(date=date(2023, 5, 9), sections=[Section(title=t) for t in titles])
    new.attendees = [Attendee(name="Zed Quill")]
    text = new_meeting_file(raw, "per-meeting/labels/2023-04-25.md", new)
    assert "## Date\nMay 9, 2023\n" in text and "Lukas Brandt ✍️" not in text
    assert "one sheet" not in text  # a topic's notes are that call's, never the series' house lines
    assert "- Zed Quill\n\nAgenda:\n- Registry survey results (Hana)\n" in text
    [again] = parse(text, name="per-meeting/labels/2023-05-09.md").meetings
    assert _titles(again) == titles and [a.name for a in again.attendees] == ["Zed Quill"]


def test_the_next_file_keeps_its_agenda_line_when_the_host_puts_a_new_topic_first() -> None:
    raw, doc = _read("per-meeting/labels/2023-04-25.md")
    titles = ["A topic added first", *_titles(doc.meetings[0])[1:]]
    new = Meeting(date=date(2023, 5, 9), sections=[Section(title=t) for t in titles])
    new.attendees = [Attendee(name="Zed Quill")]
    text = new_meeting_file(raw, "per-meeting/labels/2023-04-25.md", new)
    assert "Agenda:\n- A topic added first\n" in text
    [again] = parse(text, name="per-meeting/labels/2023-05-09.md").meetings
    assert _titles(again) == titles and [a.name for a in again.attendees] == ["Zed Quill"]


def test_a_list_of_people_under_a_heading_ends_at_an_agenda_line_that_is_no_group_of_them() -> None:
    text = "## 2024-02-06\n\n## Attendees\n- Ana Ruiz\n- Bo Chen\n\nAgenda:\n- Budget\n- Roadmap\n"
    [meeting] = parse(text).meetings
    assert [a.name for a in meeting.attendees] == ["Ana Ruiz", "Bo Chen"]
    assert _titles(meeting) == ["Budget", "Roadmap"]
    assert render(meeting) == text


def test_a_notes_word_among_bold_topics_or_before_any_agenda_stays_what_it_was() -> None:
    bold = "## 2024-02-06\n\n**Budget**\nWe are within it.\n\n**Discussion**\nThe roadmap slips a month.\n"
    assert _titles(parse(bold).meetings[0]) == ["**Budget**", "**Discussion**"]
    first = "## 2024-02-06\n\nNotes\n\n* Budget\n* Roadmap\n"
    assert _titles(parse(first).meetings[0]) == ["Budget", "Roadmap"]


def test_an_edited_bold_topic_named_discussion_among_bold_topics_keeps_its_bullets() -> None:
    text = "## 2024-02-06\n\n**Budget**\nWe are within it.\n\n**Discussion**\nThe roadmap slips a month.\n"
    meeting = parse(text).meetings[0].model_copy(deep=True)
    meeting.sections[1].notes = "- the roadmap slips\n- Ana tells the users"
    again = parse(render(meeting)).meetings[0]
    assert [(s.title, s.notes) for s in again.sections] == [(s.title, s.notes) for s in meeting.sections]

