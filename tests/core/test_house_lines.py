"""A per-meeting series' house lines: what its latest files all have outside the agenda
(`Time: …`, `Call-in: …`) is written into the next meeting's new file in the same place;
what changes from call to call (`Facilitator: …`) is not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hostdesk.core.document import parse
from hostdesk.core.house import HouseLines, HouseStyle
from hostdesk.core.index import new_meeting_file
from hostdesk.core.model import Attendee, Meeting, Section
from hostdesk.core.style import learn_house_lines

PER_MEETING = Path(__file__).resolve().parents[1] / "data" / "formats" / "per-meeting"


def _meetings(folder: str) -> list[Meeting]:
    root = PER_MEETING / folder
    files = sorted(root.rglob("*.md"))
    docs = [parse(f.read_text(encoding="utf-8"), f.relative_to(root).as_posix()) for f in files]
    return [m for doc in docs for m in doc.meetings]


def _next(day: date, titles: list[str]) -> Meeting:
    return Meeting(
        date=day,
        heading="",
        sections=[Section(title=t) for t in titles],
        attendees=[Attendee(name="Wren Adeyemi", affiliation="Osprey")],
    )


def test_lines_every_latest_file_has_are_house_lines_and_the_rest_are_not() -> None:
    assert learn_house_lines(_meetings("house-lines")) == [
        HouseLines(after=-1, text="\nTime: 9:00 PT / 16:00 UTC\nCall-in: <https://meet.example.org/osprey-maintainers>\n\n")
    ]


def test_the_next_file_carries_the_house_lines_under_its_heading_and_reads_back() -> None:
    lines = learn_house_lines(_meetings("house-lines"))
    latest = (PER_MEETING / "house-lines" / "2024-10-01.md").read_text(encoding="utf-8")
    new = _next(date(2024, 10, 15), ["Release 0.9 planning", "Docs sprint"])
    text = new_meeting_file(latest, "2024-10-01.md", new, lines)
    assert text.startswith(
        "# Osprey maintainers call, 2024-10-15\n\nTime: 9:00 PT / 16:00 UTC\n"
        "Call-in: <https://meet.example.org/osprey-maintainers>\n\n## Attendees\n"
    )
    assert "Facilitator" not in text
    [again] = parse(text, "2024-10-15.md").meetings
    assert again.date == date(2024, 10, 15)
    assert [s.title for s in again.sections] == ["Release 0.9 planning", "Docs sprint"]
    assert [a.name for a in again.attendees] == ["Wren Adeyemi"]


def test_a_house_line_with_the_meetings_date_gets_the_new_date() -> None:
    lines = learn_house_lines(_meetings("year-folder"))
    assert lines == [
        HouseLines(after=-1, text="\n- **Where**: the subgroup video room\n- **When**: {Month} {d}, 16:00-17:00 UTC\n\n")
    ]
    latest = (PER_MEETING / "year-folder" / "2022" / "ABC-01-13.md").read_text(encoding="utf-8")
    text = new_meeting_file(latest, "2022/ABC-01-13.md", _next(date(2022, 1, 27), ["Plans"]), lines)
    assert "- **Where**: the subgroup video room\n- **When**: January 27, 16:00-17:00 UTC\n" in text


def test_one_file_gives_its_logistics_lines_under_a_leading_bullet() -> None:
    # A single file has nothing to compare with: its plain lines under the leading
    # bullets are the house's, the bullets' own sub-items are that meeting's notes.
    only = parse(
        "# Kiln sync, June 4, 2024\n\n"
        " * Chair: Mirela Costa\n"
        " * Notes by: Tobias Lind\n"
        "   * late today\n\n"
        "Time: 17:00 CET\nDial-in: <https://call.example.org/kiln>\n\n\n"
        "## Discussion\n\n * Glaze supplier\n",
        "2024-06-04.md",
    )
    lines = learn_house_lines(only.meetings)
    assert HouseLines(after=1, text="\nTime: 17:00 CET\nDial-in: <https://call.example.org/kiln>\n") in lines
    assert all("late today" not in place.text for place in lines)


def test_a_version_1_house_style_loads_with_no_house_lines_yet() -> None:
    style = HouseStyle.model_validate({"version": 1, "file_pattern": "{yyyy}-{mm}-{dd}.md"})
    assert style.version == 2 and style.house_lines == [] and style.file_pattern == "{yyyy}-{mm}-{dd}.md"
