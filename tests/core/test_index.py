"""Per-meeting series in tests/data/formats/per-meeting: the next file and its index line."""

from __future__ import annotations

from datetime import date

import pytest

from hostdesk.core.document import decode, parse
from hostdesk.core.index import add_index_line, meeting_path, naming_pattern, new_meeting_file
from hostdesk.core.model import Meeting
from tests.core.test_formats import EXPECTED, FORMATS

SERIES = sorted(k for k, v in EXPECTED.items() if "series" in v)


@pytest.mark.parametrize("folder", SERIES)
def test_the_next_meeting_gets_the_series_file_name(folder: str) -> None:
    series = EXPECTED[folder]["series"]
    pattern = naming_pattern(series["files"])
    assert meeting_path(pattern, date.fromisoformat(series["next"]["date"])) == series["next"]["path"]


@pytest.mark.parametrize("folder", SERIES)
def test_the_next_meeting_file_is_written_like_the_latest_and_reads_back(folder: str) -> None:
    series = EXPECTED[folder]["series"]
    latest = series["files"][-1]
    previous = decode((FORMATS / folder / latest).read_bytes(), latest)
    day = date.fromisoformat(series["next"]["date"])
    text = new_meeting_file(previous, folder + latest, Meeting(date=day))
    assert series["next"]["heading"] in text.split("\n")
    again = parse(text, folder + series["next"]["path"])
    assert [m.date for m in again.meetings] == [day]
    assert "Host:" not in text and "Attendees [" not in text


@pytest.mark.parametrize("folder", [s for s in SERIES if EXPECTED[s]["series"]["index"]])
def test_the_index_gets_one_line_in_its_own_shape_and_only_once(folder: str) -> None:
    series = EXPECTED[folder]["series"]
    index = (FORMATS / folder / series["index"]).read_text(encoding="utf-8")
    nxt = series["next"]
    once = add_index_line(index, date.fromisoformat(nxt["date"]), nxt["path"])
    lines = once.split("\n")
    assert lines.index(nxt["index_line"]) + 1 == lines.index(nxt["insert_before"])
    assert [line for line in lines if line not in index.split("\n")] == [nxt["index_line"]]
    assert add_index_line(once, date.fromisoformat(nxt["date"]), nxt["path"]) == once
