"""Reading, rendering and splicing notes, on the project's own messy notes file."""

from __future__ import annotations

import difflib
from datetime import date

import pytest

from hostdesk.core.document import decode, parse, splice
from hostdesk.core.errors import NotesError
from hostdesk.core.model import Attendee, Meeting, Section
from hostdesk.core.parse import parse_meeting
from hostdesk.core.render import render
from tests.core.helpers import without_sources


def meetings_by_heading(text: str) -> dict[str, Meeting]:
    return {m.heading: m for m in parse(text).meetings}


def test_every_block_of_our_notes_renders_back_exactly(garden_notes: str) -> None:
    doc = parse(garden_notes)
    assert len(doc.blocks) == 5
    for block in doc.blocks:
        assert render(block.meeting) == garden_notes[block.start : block.end]


def test_hosts_attendees_and_sections_are_read(garden_notes: str) -> None:
    march = meetings_by_heading(garden_notes)["March 14th, 2024"]
    assert march.date == date(2024, 3, 14)
    assert march.hosts == ["Ingrid Sørensen", "Tomás Ruiz"]
    assert [(a.name, a.affiliation) for a in march.attendees] == [
        ("Ingrid Sørensen", "Compost Labs"),
        ("Tomás Ruiz", "Seedbank"),
        ("Aiko Tanaka", "independent"),
    ]
    titles = [s.title for s in march.sections]
    assert titles[:3] == ["Welcome new members", "Project news", "Release planning"]
    news = march.sections[1].notes
    assert news.startswith("* Irrigation scheduler 2.1 is out")
    assert "    * Fixes the daylight-saving bug" in news
    assert march.minutes.startswith("### Heat maps")
    assert "| A | 120 |" in march.minutes


def test_both_bullets_and_indents_and_verbatim_lines_are_kept(garden_notes: str) -> None:
    leap = meetings_by_heading(garden_notes)["February 29, 2024"]
    assert [(a.name, a.affiliation) for a in leap.attendees] == [
        ("Tomás Ruiz", "Seedbank"),
        ("Bjørn Ek", "Fjord Farms"),
    ]
    assert [s.title for s in leap.sections] == [
        "Project news",
        "Release planning",
        "Open floor [add your name]",
    ]
    assert "```\n  hostdesk --version\n  ```" in leap.sections[2].notes
    assert leap.minutes == "Short call, leap day."
    release = meetings_by_heading(garden_notes)["March 14th, 2024"].sections[2]
    assert release.notes == "- 2.2 freeze on April 1\n-  Who reviews the sensor driver?"


def test_a_mistyped_or_missing_year_is_flagged_and_kept(garden_notes: str) -> None:
    found = meetings_by_heading(garden_notes)
    typo = found["February 15, 20224"]
    assert "20224" in typo.heading_flag
    assert typo.date == date(2024, 2, 15)
    cancelled = found["February 1 (cancelled, snow)"]
    assert cancelled.cancelled and cancelled.date == date(2024, 2, 1)
    assert "no year" in cancelled.heading_flag


def test_an_agenda_wrapper_still_yields_host_and_attendees(garden_notes: str) -> None:
    wrapped = meetings_by_heading(garden_notes)["January 18, 2024"]
    assert wrapped.hosts == ["Ingrid Sørensen"]
    assert [a.name for a in wrapped.attendees] == ["ingrid sorensen", "Zoë Dupont"]
    assert [s.title for s in wrapped.sections] == [
        "Welcome new members",
        "Open floor [add your name]",
    ]
    # a line with no indent straight after a bullet continues it, as in Markdown
    assert wrapped.sections[1].notes.endswith("continued on the same line of thought")


def test_the_header_agenda_template_and_habits_become_a_template(garden_notes: str) -> None:
    template = parse(garden_notes).template("Garden tooling")
    assert [i.title for i in template.agenda] == [
        "Welcome new members",
        "Project news",
        "Release planning",
        "Demo corner",
        "Open floor [add your name]",
    ]
    assert template.interval_days == 14
    assert template.style.indent == 4
    assert template.style.brackets == "["
    assert template.style.blank_after_heading


def test_editing_one_attendee_rewrites_only_that_line(garden_notes: str) -> None:
    doc = parse(garden_notes)
    march = doc.blocks[0].meeting
    march.attendees[1].affiliation = "Seed Library"
    before = garden_notes[doc.blocks[0].start : doc.blocks[0].end].splitlines()
    after = render(march).splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("    * Tomás Ruiz [Seedbank]", "    * Tomás Ruiz [Seed Library]")]


def test_editing_notes_keeps_the_sections_own_indent(garden_notes: str) -> None:
    leap = parse(garden_notes).blocks[1].meeting
    leap.sections[0].notes += "\n* Vote next time"
    out = render(leap)
    assert " * Project news\n     * Plugin API draft\n" in out
    assert "     * Vote next time\n" in out


def test_republishing_replaces_own_block(garden_notes: str) -> None:
    march = parse(garden_notes).blocks[0].meeting
    march.sections[3].notes += "\n* Tomás: planting calendar"
    once = splice(garden_notes, march)
    assert once.count("## March 14th, 2024") == 1
    assert "* Tomás: planting calendar" in once
    removed = [d for d in difflib.ndiff(garden_notes.splitlines(), once.splitlines()) if d.startswith("- ")]
    assert removed == []


def test_oldest_first_files_get_new_meetings_in_their_order() -> None:
    text = "# Weekly\n\n## Jan 4, 2024\n* Host: A\n\n## Jan 18, 2024\n* Host: B\n"
    out = splice(text, Meeting(date=date(2024, 1, 11), heading="Jan 11, 2024", hosts=["C"]))
    assert [m.heading for m in parse(out).meetings] == [
        "Jan 4, 2024",
        "Jan 11, 2024",
        "Jan 18, 2024",
    ]
    later = splice(out, Meeting(date=date(2024, 2, 1), heading="Feb 1, 2024"))
    assert parse(later).meetings[-1].heading == "Feb 1, 2024"
    assert later.startswith(out.rstrip("\n"))


def test_crlf_files_keep_their_line_endings() -> None:
    text = "# Notes\r\n\r\n## May 2, 2024\r\n* Host: A\r\n"
    out = splice(text, Meeting(date=date(2024, 5, 9), heading="May 9, 2024", hosts=["B"]))
    assert "\n" not in out.replace("\r\n", "")
    assert out.endswith("## May 2, 2024\r\n* Host: A\r\n")


def test_a_block_alone_in_a_file_with_no_header() -> None:
    text = "## July 1, 2024\n* Host: Kim\n* Attendees [name, affiliation]\n  * Lee (Org)\n"
    doc = parse(text)
    assert doc.header == ""
    assert doc.meetings[0].attendees[0].affiliation == "Org"
    assert render(doc.meetings[0]) == text


def test_a_file_with_no_meeting_is_all_header_and_still_takes_a_splice() -> None:
    text = "# Our notes\n\nNothing yet.\n"
    doc = parse(text)
    assert doc.blocks == [] and doc.header == text
    out = splice(text, Meeting(date=date(2024, 5, 9), heading="May 9, 2024", hosts=["B"]))
    assert out.startswith(text)
    assert parse(out).meetings[0].hosts == ["B"]


def test_an_empty_file_takes_a_splice() -> None:
    assert parse("").blocks == []
    out = splice("", Meeting(date=date(2024, 5, 9), heading="May 9, 2024"))
    assert out.startswith("## May 9, 2024\n")


def test_a_file_that_is_not_utf8_gets_a_sentence() -> None:
    with pytest.raises(NotesError, match=r"^notes\.md is not UTF-8 text \(bad byte at offset 3\)\.$"):
        decode(b"ab \xff\xfe", "notes.md")


def test_a_block_without_a_heading_gets_a_sentence() -> None:
    with pytest.raises(NotesError, match="must start with a heading"):
        parse_meeting("* Host: nobody\n")


def test_names_with_brackets_commas_and_handles_survive_a_round_trip() -> None:
    people = [
        Attendee(name="Eve (the second)", affiliation="Org [EU]"),
        Attendee(name="Smith, Jr.", affiliation="", github="jsmith"),
        Attendee(name="Ana @ home", affiliation="a\\b"),
    ]
    meeting = Meeting(date=date(2024, 1, 1), heading="January 1, 2024", attendees=people)
    again = parse_meeting(render(meeting))
    assert [a.markdown_value() for a in again.attendees] == [a.markdown_value() for a in people]


def test_a_section_titled_like_the_host_line_stays_a_section() -> None:
    meeting = Meeting(heading="May 1, 2024", sections=[Section(title="Host: rotation for next month")])
    again = parse_meeting(render(meeting))
    assert again.hosts == []
    assert [s.title for s in again.sections] == ["Host: rotation for next month"]
    assert "* Host\\: rotation for next month\n" in render(meeting)


def test_canonical_render_in_new_meetings() -> None:
    meeting = Meeting(
        date=date(2024, 5, 1),
        heading="May 1, 2024",
        hosts=["Kim", "Lee"],
        attendees=[Attendee(name="Kim", affiliation="Org")],
        sections=[Section(title="News", notes="* one\n  * nested")],
        minutes="We agreed.",
    )
    assert render(without_sources(meeting)) == (
        "## May 1, 2024\n"
        "* Host: Kim / Lee\n"
        "* Attendees [name, affiliation]\n"
        "  * Kim (Org)\n"
        "* News\n"
        "  * one\n"
        "    * nested\n"
        "\n"
        "### Minutes\n"
        "\n"
        "We agreed.\n"
        "\n"
    )
