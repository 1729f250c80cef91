"""The next meeting of a per-meeting series, published as a new file that carries the
series' house lines (`Time: …`, `Call-in: …`) and none of the last meeting's own lines."""

from __future__ import annotations

import pytest

from hostdesk.core.document import parse
from hostdesk.core.model import Target
from hostdesk.publish.service import publish_draft
from tests.publish import test_series_publish as series_publish
from tests.publish.github_server import GitHubState


def _publish_next(github: GitHubState, key: str, series: series_publish.Series) -> str:
    """Import the folder as a host does, Ctrl+N, publish: the new file's text (published
    twice: the second changes nothing)."""
    github.add_repo(series.repo, series.files)
    name, meetings = series_publish._import(series, key)
    meeting = series_publish._the_next_meeting(name, meetings)
    target = Target(
        repo=series.repo, path=series.path, api_url=github.base, mode="per-meeting", index_path=series.index
    )
    first = publish_draft(meeting.id, target)
    writes = github.requests() - github.requests("GET")
    assert not publish_draft(meeting.id, target).changed
    assert github.requests() - github.requests("GET") == writes  # the second publish wrote nothing
    text = github.text(series.repo, first.record.path)
    [again] = parse(text, first.record.path[len(series.path) :]).meetings
    assert again.date == meeting.date
    return text


def test_the_next_file_has_the_series_time_and_call_in_lines_but_not_its_facilitator(
    github: GitHubState,
) -> None:
    key = "hostdesk/formats/per-meeting/house-lines/"
    text = _publish_next(github, key, series_publish.own_series()[key])
    assert text.startswith(
        "# Osprey maintainers call, 2024-10-15\n\nTime: 9:00 PT / 16:00 UTC\n"
        "Call-in: <https://meet.example.org/osprey-maintainers>\n\n## Attendees\n"
    )
    assert "Facilitator" not in text


def test_the_corpus_wecg_series_carries_its_time_and_call_in_lines(github: GitHubState) -> None:
    key = "w3c/webextensions/_minutes/"
    if key not in series_publish.wild_series():
        print(f"SKIP: {series_publish.WILD} is absent (../shared is not beside this clone)")
        pytest.skip("../shared/corpus/wild-dev is absent")
    text = _publish_next(github, key, series_publish.wild_series()[key])
    assert "Time: 8 AM PDT" in text and "Call-in details: [WebExtensions CG, 23rd May 2024]" in text
