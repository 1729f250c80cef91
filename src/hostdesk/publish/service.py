"""Publishing a saved draft end to end: the draft, the outbox and the record of it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from hostdesk.core.model import Meeting, PublishRecord, Target
from hostdesk.publish.client import GitHubClient
from hostdesk.publish.errors import NoToken, PublishError, RemoteEdited
from hostdesk.publish.outbox import OutboxStore
from hostdesk.publish.publisher import Publisher, PublishResult, Resolution
from hostdesk.publish.secrets import Token
from hostdesk.publish.tokens import find_token
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.settings import SettingsStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenCheck:
    """What GitHub says of a token: whose it is, until when, and where it may push."""

    login: str
    source: str
    expires: str
    push: dict[str, bool]

    def lines(self) -> list[str]:
        out = [f"Logged in as {self.login}" + (f" (token from the {self.source})." if self.source else ".")]
        if self.expires:
            out.append(f"The token expires {self.expires}.")
        for repo, can in sorted(self.push.items()):
            out.append(f"{repo}: {'can push' if can else 'cannot push (pull requests only)'}.")
        return out


def check_token(api_url: str, repos: list[str], token: Token | None = None) -> TokenCheck:
    """Ask GitHub who the token belongs to and whether it can push to each repository."""
    source = ""
    if token is None:
        token, source = find_token(api_url)
    if token is None:
        raise NoToken("No GitHub token is set; set one with `hostdesk token set` or GITHUB_TOKEN.")
    with GitHubClient(token, api_url) as client:
        login = client.user()["login"]
        expires = client.last_headers.get("github-authentication-token-expiration", "")
        push = {r: bool(client.repository(r).get("permissions", {}).get("push")) for r in repos if r}
    return TokenCheck(login, source, expires, push)


def target_for(series: str, override: dict[str, object] | None = None) -> Target:
    """The series' publish target from the settings, with any overrides applied."""
    base = SettingsStore().target(series)
    changes = {k: v for k, v in (override or {}).items() if v is not None}
    return base.model_copy(update=changes)


def publish_draft(
    meeting_id: str,
    target: Target,
    token: Token | None = None,
    resolution: Resolution = "ask",
    store: DraftStore | None = None,
    outbox: OutboxStore | None = None,
) -> PublishResult:
    """Publish a draft. A failure that may pass is queued; one that needs the host waits."""
    store = store or DraftStore()
    outbox = outbox or OutboxStore()
    result = publish_meeting(store.load(meeting_id), target, token, resolution, outbox)
    meeting = store.load(meeting_id)  # the host may have typed on while it went out
    meeting.published = result.record
    store.save(meeting)
    return result


def publish_meeting(
    meeting: Meeting,
    target: Target,
    token: Token | None = None,
    resolution: Resolution = "ask",
    outbox: OutboxStore | None = None,
) -> PublishResult:
    """Publish a meeting as given (a window's snapshot) and leave its draft alone: the
    caller records the result. The outbox is kept as for `publish_draft`."""
    outbox = outbox or OutboxStore()
    if token is None:
        token, _ = find_token(target.api_url)
    try:
        if token is None:
            raise NoToken("No GitHub token is set; set one with `hostdesk token set` or GITHUB_TOKEN.")
        with GitHubClient(token, target.api_url) as client:
            result = Publisher(client).publish(meeting, target, resolution)
    except RemoteEdited:
        raise  # the host chooses; nothing is queued
    except PublishError as exc:
        retry_at = getattr(exc, "retry_at", None)
        outbox.put(meeting.id, target, str(exc), needs_host=not exc.retry, retry_at=retry_at)
        log.warning("publish of %s failed: %s", meeting.id, exc)
        raise
    outbox.remove(meeting.id)
    return result


def retry_due(
    token: Token | None = None, store: DraftStore | None = None, live: Meeting | None = None
) -> list[tuple[str, str, PublishRecord | None]]:
    """Retry what the outbox holds and is due; returns (meeting id, outcome sentence, the
    record to keep). `live` is a window's snapshot of its open meeting: it goes out as
    shown there, and its draft is left to the window, which records the result."""
    outcomes: list[tuple[str, str, PublishRecord | None]] = []
    for entry in OutboxStore().due():
        try:
            if live is not None and entry.meeting_id == live.id:
                result = publish_meeting(live, entry.target, token)
            else:
                result = publish_draft(entry.meeting_id, entry.target, token, store=store)
            outcomes.append((entry.meeting_id, f"Published: {result.url}", result.record))
        except PublishError as exc:
            outcomes.append((entry.meeting_id, str(exc), None))
    return outcomes


def take_theirs_into_draft(meeting_id: str, theirs: str, store: DraftStore | None = None) -> None:
    """Replace the draft's notes with the version someone edited on GitHub."""
    from hostdesk.core.merge import take_theirs

    store = store or DraftStore()
    store.save(take_theirs(store.load(meeting_id), theirs))
    OutboxStore().remove(meeting_id)
