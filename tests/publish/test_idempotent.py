"""Publishing an unchanged meeting again is one read and no write, in every mode; links
are the ones the API gave, whatever host it runs on."""

from __future__ import annotations

from datetime import date

import pytest

from hostdesk.core.model import Target
from hostdesk.publish.service import publish_draft
from hostdesk.storage.drafts import DraftStore
from tests.publish.fixtures import saved_meeting
from tests.publish.github_server import GitHubState

REPO = "garden/notes"
NOTES = "# Garden\n\n## March 14, 2024\n* Host: Tomás\n* News\n  * seeds\n\n## March 1, 2024\n* Host: Ana\n"
MODES = {
    "running file": {"path": "notes.md"},
    "per-meeting file and index": {
        "mode": "per-meeting",
        "path": "minutes/{date:%Y-%m-%d}.md",
        "index_path": "minutes/README.md",
    },
    "per-meeting file": {"mode": "per-meeting", "path": "minutes/{date:%Y-%m-%d}.md"},
    "pull request": {"path": "notes.md", "pull_request": True},
}


@pytest.mark.parametrize("fields", list(MODES.values()), ids=list(MODES))
def test_an_unchanged_meeting_published_again_is_one_read_and_no_write(
    github: GitHubState, fields: dict[str, object]
) -> None:
    github.add_repo(REPO, {"notes.md": NOTES, "minutes/README.md": "# Minutes\n"})
    target = Target(repo=REPO, api_url=github.base).model_copy(update=fields)
    meeting = saved_meeting()
    first = publish_draft(meeting.id, target)
    assert first.changed and first.url.startswith("https://github.example/")  # the API's own link
    commits, before, reads = len(github.repos[REPO].commits), github.requests(), github.requests("GET")
    again = publish_draft(meeting.id, target)
    assert not again.changed
    assert github.requests() - before == 1 and github.requests("GET") - reads == 1
    assert len(github.repos[REPO].commits) == commits
    assert again.url == first.url


def test_a_newly_inserted_block_keeps_the_blank_line_after_it(github: GitHubState) -> None:
    github.add_repo(REPO, {"notes.md": NOTES})
    target = Target(repo=REPO, path="notes.md", api_url=github.base)
    meeting = saved_meeting(date(2024, 3, 7), "March 7, 2024")  # between the two meetings
    publish_draft(meeting.id, target)
    text = github.text(REPO, "notes.md")
    assert "* the greenhouse is up\n\n## March 1, 2024" in text
    publish_draft(meeting.id, target)
    assert github.text(REPO, "notes.md") == text


def test_an_edit_after_publishing_is_written_and_recorded_as_written(github: GitHubState) -> None:
    github.add_repo(REPO, {"notes.md": NOTES})
    target = Target(repo=REPO, path="notes.md", api_url=github.base)
    meeting = saved_meeting()
    publish_draft(meeting.id, target)
    draft = DraftStore().load(meeting.id)
    draft.sections[0].notes += "\n* and the shed"
    DraftStore().save(draft)
    assert publish_draft(meeting.id, target).changed
    record = DraftStore().load(meeting.id).published
    assert record is not None and record.block in github.text(REPO, "notes.md")
    assert "* and the shed" in record.block
    before = github.requests()
    assert not publish_draft(meeting.id, target).changed  # no false "edited on GitHub"
    assert github.requests() - before == 1
