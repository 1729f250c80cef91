"""Starting from the notes file a community already keeps on GitHub."""

from __future__ import annotations

from hostdesk.core.model import Meeting, Target
from hostdesk.publish.client import DEFAULT_API, GitHubClient, no_token
from hostdesk.publish.errors import NotFound
from hostdesk.publish.hosting import Deadline
from hostdesk.publish.publisher import check_target
from hostdesk.publish.service import PUBLISH_DEADLINE
from hostdesk.publish.tokens import find_token
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.importing import import_text
from hostdesk.storage.settings import SettingsStore


def fetch_notes(repo: str, path: str | None, branch: str, api_url: str) -> tuple[str, Target]:
    """The notes file's text, and the target that publishes back into it."""
    if not path:
        raise NotFound("Give the notes file's path in the repository with --path.")
    target = Target(repo=repo, path=path, branch=branch, api_url=api_url)
    check_target(target)
    token, _ = find_token(api_url)
    if token is None:
        raise no_token()
    with GitHubClient(token, api_url, deadline=Deadline(PUBLISH_DEADLINE)) as client:
        remote = client.read_file(repo, path, branch)
    if remote is None:
        raise NotFound(f"{repo}/{path} was not found: check the path, or whether this token can see it.")
    return remote.text, target


def import_from_github(
    repo: str,
    path: str | None,
    branch: str = "",
    api_url: str = DEFAULT_API,
    series: str = "",
    store: DraftStore | None = None,
    settings: SettingsStore | None = None,
) -> list[Meeting]:
    """Drafts from the notes file a community keeps on GitHub, which becomes the series'
    publish target."""
    text, target = fetch_notes(repo, path, branch, api_url)
    settings = settings or SettingsStore()
    series, meetings = import_text(text, repo, f"{repo}/{path}", series, store, settings)
    settings.set_target(series, target)
    return meetings
