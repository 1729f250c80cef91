"""The Publisher against the local server: conflicts, remote edits, read-back, big files."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from hostdesk.core.document import parse
from hostdesk.core.model import Meeting, Section, Target
from hostdesk.publish.client import GitHubClient
from hostdesk.publish.errors import RemoteEdited
from hostdesk.publish.publisher import Publisher
from hostdesk.publish.secrets import Token
from tests.publish.fixtures import TOKEN
from tests.publish.github_server import GitHubState

PATH = "community-meeting-notes.md"


_clients: list[GitHubClient] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    """Each test's clients are closed after it, as the service closes its own."""
    yield
    while _clients:
        _clients.pop().close()


def publisher(github: GitHubState) -> Publisher:
    _clients.append(GitHubClient(Token(TOKEN), github.base))
    return Publisher(_clients[-1])


def target(github: GitHubState, path: str = PATH) -> Target:
    return Target(repo="flyte/community", path=path, api_url=github.base)


def a_new_meeting() -> Meeting:
    return Meeting(
        date=date(2024, 6, 25),
        heading="June 25, 2024",
        hosts=["Ana"],
        sections=[Section(title="News", notes="* hostdesk works")],
    )


@pytest.mark.parametrize("name", ["community-meeting-notes.md", "contributors-meeting-notes.md"])
def test_imported_corpus_meetings_publish_back_to_the_identical_file(
    github: GitHubState, corpus: Path, name: str
) -> None:
    original = (corpus / name).read_text(encoding="utf-8")
    github.add_repo("flyte/community", {PATH: original})
    pub = publisher(github)
    for meeting in parse(original).meetings:
        result = pub.publish(meeting, target(github))
        assert not result.changed, meeting.heading
    assert github.text("flyte/community", PATH) == original
    result = pub.publish(a_new_meeting(), target(github))
    assert result.changed
    after = github.text("flyte/community", PATH)
    assert after.replace(parse(after).blocks[0].meeting.heading, "") != original
    block = next(b for b in parse(after).blocks if b.meeting.heading == "June 25, 2024")
    assert after[: block.start] + after[block.end :] == original
    pub.publish(a_new_meeting(), target(github))
    assert github.text("flyte/community", PATH) == after


def test_an_edit_made_between_read_and_write_is_kept(github: GitHubState, garden_notes: str) -> None:
    github.add_repo("flyte/community", {PATH: garden_notes})
    edited = garden_notes.replace("Newest meeting first.", "Newest meeting first. Edited on GitHub.")
    github.before("PUT", "contents", lambda: github.edit("flyte/community", PATH, edited))
    publisher(github).publish(a_new_meeting(), target(github))
    final = github.text("flyte/community", PATH)
    assert "Edited on GitHub." in final and "## June 25, 2024" in final
    assert github.requests("PUT") == 2  # refused once with 409, then read again and spliced again


def test_an_edit_to_this_meetings_own_block_is_not_overwritten(
    github: GitHubState, garden_notes: str
) -> None:
    github.add_repo("flyte/community", {PATH: garden_notes})
    pub = publisher(github)
    meeting = a_new_meeting()
    meeting.published = pub.publish(meeting, target(github)).record
    text = github.text("flyte/community", PATH)
    github.edit("flyte/community", PATH, text.replace("* hostdesk works", "* hostdesk works (fixed typo)"))
    meeting.sections[0].notes += "\n* one more thing"
    with pytest.raises(RemoteEdited) as caught:
        pub.publish(meeting, target(github))
    assert "(fixed typo)" in caught.value.theirs and "one more thing" in caught.value.mine
    assert "(fixed typo)" in github.text("flyte/community", PATH)
    pub.publish(meeting, target(github), resolution="mine")
    assert "one more thing" in github.text("flyte/community", PATH)


def test_after_a_5xx_on_the_write_it_reads_back_and_sees_it_landed(
    github: GitHubState, garden_notes: str
) -> None:
    github.add_repo("flyte/community", {PATH: garden_notes})
    github.fail("PUT", "contents", 502, apply_first=True)
    result = publisher(github).publish(a_new_meeting(), target(github))
    assert result.changed
    assert github.text("flyte/community", PATH).count("## June 25, 2024") == 1
    assert github.requests("PUT") == 1


def test_a_file_over_one_megabyte_is_fetched_raw(github: GitHubState) -> None:
    big = "# Notes\n\n" + "".join(
        f"## May {d % 28 + 1}, 2001\n* Host: H\n" + "x" * 20_000 + "\n\n" for d in range(60)
    )
    github.add_repo("flyte/community", {PATH: big})
    publisher(github).publish(a_new_meeting(), target(github))
    after = github.text("flyte/community", PATH)
    assert after.startswith(big) and after.count("## June 25, 2024") == 1


def test_a_bad_target_sends_no_request(github: GitHubState) -> None:
    from hostdesk.publish.errors import BadTarget

    for bad in (
        Target(repo="owner", path="a.md"),
        Target(repo="o/r", path="/etc/x.md"),
        Target(repo="o/r", path="a/../../b.md"),
    ):
        with pytest.raises(BadTarget):
            publisher(github).publish(a_new_meeting(), bad)
    assert github.requests() == 0
