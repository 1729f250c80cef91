"""Every file of ../shared/corpus/wild-dev: meetings found, blocks kept, people and agendas read.

Prints the table docs/formats.md quotes. The expected counts were made by reading the files
(tests/core/corpus_expected.json); the project's own shape files (tests/data/formats) test
the same features without ../shared.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from hostdesk.core.document import NotesDocument, decode, parse
from hostdesk.core.index import add_index_line, index_entries, meeting_path, naming_pattern, new_meeting_file
from hostdesk.core.model import Attendee, Meeting
from hostdesk.core.people import person_key
from hostdesk.core.render import render

WILD = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "wild-dev"
EXPECTED = json.loads((Path(__file__).parent / "corpus_expected.json").read_text(encoding="utf-8"))
# The share of listed people a file's reading must find, over the whole corpus.
ATTENDEE_TARGET = 0.95


@dataclass
class Row:
    name: str
    meetings: int
    expected_meetings: int
    exact: int
    people: int
    listed: int
    fields_right: int
    fields_checked: int
    sections: int
    person_sections: list[str]


def _wild() -> Path:
    if not WILD.is_dir():
        print(f"SKIP: {WILD} is absent; tests/data/formats covers each shape without it")
        pytest.skip("../shared/corpus/wild-dev is absent")
    return WILD


def _read(name: str) -> NotesDocument:
    return parse(decode((_wild() / name).read_bytes(), name), name=name)


def _find(meetings: list[Meeting], want: dict[str, object]) -> Attendee | None:
    key = person_key(str(want["name"]))
    for meeting in meetings:
        if "date" in want and (meeting.date is None or meeting.date.isoformat() != want["date"]):
            continue
        for attendee in meeting.attendees:
            if person_key(attendee.name) == key:
                return attendee
    return None


def _right(attendee: Attendee | None, want: dict[str, object]) -> bool:
    return (
        attendee is not None
        and attendee.affiliation == (want["affiliation"] or "")
        and attendee.github == (want["handle"] or "")
        and attendee.present == want["present"]
    )


def _row(name: str) -> Row:
    doc = _read(name)
    expected = EXPECTED[name]
    meetings = doc.meetings
    people = sum(len(m.attendees) for m in meetings)
    checked = expected["people"]
    return Row(
        name=name,
        meetings=len(meetings),
        # Where reading the file found more meetings than its README says, reading wins.
        expected_meetings=expected.get("meetings_by_reading", expected["meetings"]),
        exact=sum(render(b.meeting) == doc.text[b.start : b.end] for b in doc.blocks),
        people=people,
        listed=expected["attendees_listed"] + expected["absent_listed"],
        fields_right=sum(_right(_find(meetings, p), p) for p in checked),
        fields_checked=len(checked),
        sections=sum(len(m.sections) for m in meetings),
        person_sections=[s.title for m in meetings for s in m.sections if _listed(m, s.title)],
    )


def _listed(meeting: Meeting, title: str) -> bool:
    """A section titled with the name of someone on the meeting's own attendee list."""
    return person_key(title.strip(" *_:")) in {person_key(a.name) for a in meeting.attendees}


def table() -> list[Row]:
    return [_row(name) for name in EXPECTED]


def test_every_wild_file_is_read_whole_and_its_people_found() -> None:
    _wild()
    rows = table()
    print("\n| file | meetings (by reading) | blocks exact | attendees (listed) | people checked | sections |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| `{r.name}` | {r.meetings} ({r.expected_meetings}) | {r.exact}/{r.meetings} | "
            f"{r.people} ({r.listed}) | {r.fields_right}/{r.fields_checked} | {r.sections} |"
        )
    # Each person read beyond the count a file lists takes one off: an over-read is no find.
    found = sum(min(r.people, r.listed) - max(0, r.people - r.listed) for r in rows)
    listed = sum(r.listed for r in rows)
    print(f"attendees found: {found} of {listed} listed ({found / listed:.1%}), over-reads deducted")
    assert [r.name for r in rows if r.meetings != r.expected_meetings] == []
    assert [r.name for r in rows if r.exact != r.meetings] == []
    assert [(r.name, r.person_sections) for r in rows if r.person_sections] == []
    assert found / listed >= ATTENDEE_TARGET


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_checked_people_have_name_affiliation_handle_and_presence_right(name: str) -> None:
    doc = _read(name)
    wrong = [p for p in EXPECTED[name]["people"] if not _right(_find(doc.meetings, p), p)]
    found = {p["name"]: _find(doc.meetings, p) for p in wrong}
    assert wrong == [], {k: v and (v.affiliation, v.github, v.present) for k, v in found.items()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_splicing_each_meeting_back_changes_no_byte(name: str) -> None:
    from hostdesk.core.document import splice

    raw = decode((_wild() / name).read_bytes(), name)
    for block in parse(raw, name=name).blocks:
        assert splice(raw, block.meeting, name=name) == raw, block.meeting.heading


def test_the_indexes_hold_no_meeting() -> None:
    for name in ("w3c-webextensions/minutes-index-README.md", "wasi/meetings-index-README.md"):
        assert _read(name).blocks == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_edited_attendee_list_reads_back_with_the_new_person(name: str) -> None:
    doc = _read(name)
    for block in doc.blocks:
        meeting = block.meeting.model_copy(deep=True)
        if not meeting.attendees:
            continue
        meeting.attendees = [*meeting.attendees, Attendee(name="Zed Quill", affiliation="Acme")]
        edited = doc.text[: block.start] + render(meeting) + doc.text[block.end :]
        again = next(b.meeting for b in parse(edited, name=name).blocks if b.start == block.start)
        assert [a.name for a in again.attendees] == [a.name for a in meeting.attendees], meeting.heading


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e["meetings"] == 1))
def test_a_per_meeting_series_next_file_is_written_like_its_latest_and_reads_back(name: str) -> None:
    raw = decode((_wild() / name).read_bytes(), name)
    [block] = parse(raw, name=name).blocks
    assert block.day is not None
    day = block.day + timedelta(days=14)
    new = new_meeting_file(raw, name, Meeting(date=day, attendees=[Attendee(name="Ada Lovelace")]))
    again = parse(new, name=name.replace(block.day.isoformat(), day.isoformat()))
    [meeting] = again.meetings
    assert meeting.date == day and [a.name for a in meeting.attendees] == ["Ada Lovelace"]
    assert ("Host:" in new, "Attendees [" in new) == ("Host:" in raw, "Attendees [" in raw)
    assert ("\r\n" in new) == ("\r\n" in raw)


@pytest.mark.parametrize("index", ["wasi/meetings-index-README.md", "w3c-webextensions/minutes-index-README.md"])
def test_an_index_gets_the_next_meeting_next_to_its_newest_entry_in_its_shape(index: str) -> None:
    text = (_wild() / index).read_text(encoding="utf-8")
    entries = index_entries(text)
    pattern = naming_pattern([target for _, target, _ in entries])
    newest = max(day for _, _, day in entries)
    day = newest + timedelta(days=14)
    path = meeting_path(pattern, day)
    once = add_index_line(text, day, path)
    added = [line for line in once.split("\n") if line not in text.split("\n")]
    assert len(added) == 1 and f"]({path})" in added[0]
    before = once.split("\n")[once.split("\n").index(added[0]) - 1 : once.split("\n").index(added[0]) + 2]
    assert any(meeting_path(pattern, newest) in line for line in before)  # beside the newest entry
    assert add_index_line(once, day, path) == once

