"""The import report: what a host is told an import found and left unread."""

from __future__ import annotations

from hostdesk.core.document import parse
from hostdesk.core.report import report_file, report_lines, summary
from tests.conftest import DATA

FORMATS = DATA / "formats"


def report_of(path: str):  # type: ignore[no-untyped-def]
    file = DATA / path
    return report_file(parse(file.read_text(encoding="utf-8"), file.name), file.name)


def test_impossible_dates_are_flagged_meetings_of_their_own() -> None:
    report = report_of("formats/pebble-impossible-dates.md")
    assert (report.dated, report.undated, len(report.flagged)) == (4, 2, 3)
    assert report.flagged[0] == "February 30, 2024 (February has no day 30)"
    assert summary([report]) == "6 meetings, 11 people present, in 1 file; check 3 flagged headings"


def test_header_lines_with_dates_are_reported_as_left_unread() -> None:
    report = report_of("formats/heron-unread-dates.md")
    assert report.date_lines == [
        "Next call: 2024-06-19, same room.",
        "The call of May 1, 2024 was moved to the forum.",
    ]
    assert "  left unread: 4 lines of header before the first meeting" in report_lines([report])


def test_a_date_that_dated_the_meeting_is_not_called_unread() -> None:
    # `Meeting date: …` dates wren's meeting; sable's front matter `date:` dates its own.
    for name in ("formats/wren-plain-date-line.md", "formats/sable-front-matter-date.md"):
        report = report_of(name)
        assert report.dated == 1 and report.date_lines == [], name
        assert summary([report]).endswith("nothing looks missed")


def test_one_of_a_kind_reads_as_one() -> None:
    lines = report_lines([report_of("formats/wren-plain-date-line.md")])
    assert lines[0].startswith("wren-plain-date-line.md: 1 meeting (1 dated")


def test_a_file_with_no_meeting_says_which_headings_it_saw() -> None:
    report = report_file(parse("# Shopping\n\n## Bread\n"), "shopping.md")
    assert report_lines([report])[0] == "shopping.md: no meeting found (looked for dated headings; saw: # Shopping; ## Bread)"
    assert summary([report]).endswith("1 file with no meeting passed over")


def test_the_style_line_names_the_shape_the_agenda_is_kept_in() -> None:
    table = report_lines([report_of("formats/saffron-table-agendas.md")])
    bullets = report_lines([report_of("formats/pebble-impossible-dates.md")])
    assert any("agenda as a table" in line for line in table)
    assert any("agenda as bullets" in line for line in bullets)
