"""Names a host types or pastes: checked by the rules of what they name, never smuggling
a request, a ref or a Markdown block."""

from __future__ import annotations

from datetime import date

import pytest

from hostdesk.core.document import parse
from hostdesk.core.model import Meeting, Section, Target
from hostdesk.publish.errors import BadTarget
from hostdesk.publish.names import check_branch, check_repo, format_path, slug
from hostdesk.publish.publisher import pr_branch
from hostdesk.publish.service import publish_draft
from hostdesk.storage.drafts import DraftStore
from tests.publish.github_server import GitHubState

REPO = "garden/notes"


@pytest.mark.parametrize(
    "name",
    ["main", "notes/2024", "hostdesk/garden-2024-03-28", "v1.2", "release-candidate_1"],
)
def test_branch_names_git_accepts_pass(name: str) -> None:
    assert check_branch(name) == name


@pytest.mark.parametrize(
    "name",
    ["../../refs/heads/main", "a..b", "x.lock", "-x", "/x", "x/", "a//b", ".hidden", "a b", "a~1", "a^", "a:b",
     "a?", "a*", "a[", "a\\b", "a@{1}", "@", "x.", "a\nb", "a\x7fb"],
)
def test_branch_names_git_refuses_are_refused(name: str) -> None:
    with pytest.raises(BadTarget, match="not a branch name git accepts"):
        check_branch(name)


@pytest.mark.parametrize("repo", ["o/r\n", "o", "o/r/x", "-o/r", "o-/r", "o/..", "o/.", "o/r x", "ö/r", "o/" + "r" * 101])
def test_repository_names_outside_githubs_rules_are_refused(repo: str) -> None:
    with pytest.raises(BadTarget, match="owner/name"):
        check_repo(repo)


def test_paths_use_only_the_date_and_series_fields() -> None:
    day = date(2024, 3, 28)
    assert format_path("minutes/{date:%Y}/{date:%m-%d}.md", day, "garden") == "minutes/2024/03-28.md"
    assert format_path("{series}/{date}.md", day, "garden") == "garden/2024-03-28.md"
    for bad in ("{date:..}/collaborators/x", "{0}", "{}", "{date.year}", "{date[0]}", "{heading}", "{date:{series}}"):
        with pytest.raises(BadTarget):
            format_path(bad, day, "garden")


def test_series_that_reduce_to_one_slug_get_distinct_files_and_branches(github: GitHubState) -> None:
    github.add_repo(REPO, {"README.md": "# Notes\n"})
    names = ["Team A!", "Team A?", "team-a"]
    assert len({slug(n) for n in names}) == 3 and slug("team-a") == "team-a"
    target = Target(repo=REPO, mode="per-meeting", path="{series}/{date}.md", api_url=github.base)
    for name in names:
        meeting = Meeting(series=name, date=date(2024, 3, 28), heading="March 28, 2024", hosts=[name])
        DraftStore().save(meeting)
        publish_draft(meeting.id, target)
    files = github.repos[REPO].files("main")
    assert sum(1 for p in files if p.endswith("2024-03-28.md")) == 3
    branches = {pr_branch(Meeting(series=n, date=date(2024, 3, 28))) for n in names}
    assert len(branches) == 3


def test_a_heading_with_markdown_is_escaped_in_the_index(github: GitHubState) -> None:
    github.add_repo(REPO, {"minutes/README.md": "# Minutes\n"})
    meeting = Meeting(series="garden", date=date(2024, 3, 28), heading="March 28 [draft](http://x) *", hosts=["A"])
    DraftStore().save(meeting)
    target = Target(
        repo=REPO, mode="per-meeting", path="minutes/{date}.md", index_path="minutes/README.md", api_url=github.base
    )
    publish_draft(meeting.id, target)
    index = github.text(REPO, "minutes/README.md")
    assert "* [March 28 \\[draft\\]\\(http://x\\) \\*](2024-03-28.md)" in index
    assert index.count("](") == 1


def test_a_pasted_heading_or_host_cannot_forge_a_block(github: GitHubState) -> None:
    github.add_repo(REPO, {"notes.md": "# Garden\n\n## March 1, 2024\n* Host: Ana\n"})
    meeting = Meeting(
        series="Garden\nclub",
        date=date(2026, 3, 18),
        heading="March 18, 2026\n\n## March 4, 2026\n* Host: Mallory",
        hosts=["Ingrid\n## March 5, 2026"],
        sections=[Section(title="News\r\n## x", notes="* ok")],
    )
    assert "\n" not in meeting.heading + meeting.series + meeting.hosts[0] + meeting.sections[0].title
    meeting.heading = "March 18, 2026\u2028## March 4"  # and when typed into the field later
    assert "\u2028" not in meeting.heading
    DraftStore().save(meeting)
    target = Target(repo=REPO, path="notes.md", api_url=github.base)
    publish_draft(meeting.id, target)
    assert len(parse(github.text(REPO, "notes.md")).blocks) == 2
    before = github.requests()
    assert not publish_draft(meeting.id, target).changed  # and no false "edited on GitHub"
    assert github.requests() - before == 1


def test_a_heading_that_would_not_be_found_again_is_refused_before_writing(github: GitHubState) -> None:
    github.add_repo(REPO, {"notes.md": "# Garden\n\n## March 1, 2024\n* Host: Ana\n"})
    meeting = Meeting(series="Garden", date=date(2026, 3, 18), heading="Spring planning\n\n## call", hosts=["I"])
    DraftStore().save(meeting)
    with pytest.raises(BadTarget, match="could not find the meeting in the file again"):
        publish_draft(meeting.id, Target(repo=REPO, path="notes.md", api_url=github.base))
    assert github.requests("PUT") == 0
