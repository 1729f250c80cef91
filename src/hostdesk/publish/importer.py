"""Starting from the notes file a community already keeps on GitHub."""

from __future__ import annotations

from hostdesk.core.model import Target
from hostdesk.publish.client import GitHubClient, no_token
from hostdesk.publish.errors import NotFound
from hostdesk.publish.hosting import Deadline
from hostdesk.publish.publisher import check_target
from hostdesk.publish.service import PUBLISH_DEADLINE
from hostdesk.publish.tokens import find_token
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


def remember_target(series: str, target: Target) -> None:
    SettingsStore().set_target(series, target)
