"""Reading and writing the real community notes files in ../shared/corpus."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest

from hostdesk.core.document import parse, splice
from hostdesk.core.model import Attendee, Meeting, Section
from hostdesk.core.parse import parse_meeting
from hostdesk.core.render import render
from tests.core.helpers import no_trailing_spaces, without_sources

FILES = ["community-meeting-notes.md", "contributors-meeting-notes.md"]


def read(corpus: Path, name: str) -> str:
    return (corpus / name).read_text(encoding="utf-8")


def test_july_11_2023_comes_back_byte_identical(corpus: Path) -> None:
    text = read(corpus, "community-meeting-notes.md")
    block = next(b for b in parse(text).blocks if b.meeting.heading == "July 11, 2023")
    source = text[block.start : block.end]
    assert render(block.meeting) == source
    # The canonical renderer alone, in the style read from the block, writes it too.
    assert render(without_sources(block.meeting)) == source
    assert block.meeting.hosts == ["David Espejo"]
    assert [(a.name, a.affiliation) for a in block.meeting.attendees] == [("Samhita Alla", "Union.ai")]


@pytest.mark.parametrize("name", FILES)
def test_every_corpus_block_renders_back_exactly(corpus: Path, name: str) -> None:
    text = read(corpus, name)
    blocks = parse(text).blocks
    exact = [b for b in blocks if render(b.meeting) == text[b.start : b.end]]
    print(f"{name}: {len(exact)} of {len(blocks)} blocks render back byte for byte")
    assert len(blocks) > 20
    assert [b.meeting.heading for b in blocks if b not in exact] == []
    # and the blocks tile the file after the header: nothing is dropped between them
    assert parse(text).header + "".join(text[b.start : b.end] for b in blocks) == text


@pytest.mark.parametrize("name", FILES)
def test_canonical_render_of_corpus_meetings_reads_back_the_same_notes(corpus: Path, name: str) -> None:
    blocks = parse(read(corpus, name)).blocks
    same_text = 0
    for block in blocks:
        canonical = render(without_sources(block.meeting))
        again = parse_meeting(canonical)
        want = block.meeting.semantic()
        got = again.semantic()
        if block.meeting.heading_flag:  # the year came from the neighbours, not the heading
            want.pop("date"), got.pop("date")
        assert got == want, block.meeting.heading
        same_text += no_trailing_spaces(canonical) == no_trailing_spaces(render(block.meeting))
    print(
        f"{name}: canonical rendering matches the hand-written text in {same_text} of "
        f"{len(blocks)} blocks; the others differ in spacing or bullets only"
    )


@pytest.mark.parametrize("name", FILES)
def test_splicing_a_new_meeting_only_adds_its_block(corpus: Path, name: str) -> None:
    text = read(corpus, name)
    meeting = Meeting(
        date=date(2024, 6, 25),
        heading="June 25, 2024",
        hosts=["Ana Núñez"],
        attendees=[Attendee(name="Bob Ng", affiliation="Acme")],
        sections=[Section(title="Welcome new members", notes="* Zoë (Pollinate)")],
    )
    once = splice(text, meeting)
    diff = list(difflib.ndiff(text.splitlines(), once.splitlines()))
    assert not [line for line in diff if line.startswith("- ")]
    added = [i for i, line in enumerate(diff) if line.startswith("+ ")]
    assert added == list(range(added[0], added[0] + len(added)))  # one contiguous run
    assert "## June 25, 2024" in once
    twice = splice(once, meeting)
    assert twice == once
    assert twice.count("## June 25, 2024") == 1


@pytest.mark.parametrize("name", FILES)
def test_splicing_an_imported_meeting_back_leaves_the_file_identical(corpus: Path, name: str) -> None:
    text = read(corpus, name)
    for block in parse(text).blocks:
        assert splice(text, block.meeting) == text, block.meeting.heading


def test_the_new_meeting_lands_between_its_neighbours_despite_a_mistyped_year(
    corpus: Path,
) -> None:
    text = read(corpus, "contributors-meeting-notes.md")
    out = splice(text, Meeting(date=date(2024, 6, 25), heading="June 25, 2024"))
    headings = [b.meeting.heading for b in parse(out).blocks]
    at = headings.index("June 25, 2024")
    assert headings[at - 1] == "July 4, 2024 CANCELLED DUE TO US HOLIDAY"
    assert headings[at + 1] == "June 20th, 2024"


def test_corpus_header_agenda_becomes_the_template(corpus: Path) -> None:
    template = parse(read(corpus, "community-meeting-notes.md")).template("Flyte community")
    assert [item.title for item in template.agenda] == [
        "Welcome new members",
        "News from the ecosystem",
        "Community/project updates",
        "Roadmap updates (once per month)",
        "Guest presentation (show & tell)",
        "Open mic/questions [add your name]",
    ]
    assert template.interval_days == 14
    assert template.date_style == "long"
