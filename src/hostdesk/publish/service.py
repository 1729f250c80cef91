"""Publishing a saved draft end to end: the draft, the outbox and the record of it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from hostdesk.core.house import HouseStyle
from hostdesk.core.model import Meeting, PublishRecord, Target
from hostdesk.publish.client import GitHubClient, no_token
from hostdesk.publish.errors import PublishError, RemoteEdited
from hostdesk.publish.hosting import Deadline
from hostdesk.publish.outbox import OutboxStore
from hostdesk.publish.publisher import Publisher, PublishResult, Resolution
from hostdesk.publish.secrets import Token, shown
from hostdesk.publish.tokens import find_token
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.errors import StorageError
from hostdesk.storage.settings import SettingsStore

log = logging.getLogger(__name__)

PUBLISH_DEADLINE = 120.0  # seconds for a whole publish; past it, it is queued


class Unexpected(PublishError):
    """A failure hostdesk did not foresee: the draft is safe, the publish is queued."""

    retry = True


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
        raise no_token()
    with GitHubClient(token, api_url, deadline=Deadline(PUBLISH_DEADLINE)) as client:
        # Both come from the server: shown escaped like every sentence from it.
        login = shown(client.user().login)
        expires = shown(client.last_headers.get("github-authentication-token-expiration", ""))
        push = {r: client.repository(r).permissions.push for r in repos if r}
    return TokenCheck(login, source, expires, push)


def target_for(series: str, override: dict[str, object] | None = None) -> Target:
    """The series' publish target from the settings, with any overrides applied."""
    base = SettingsStore().target(series)
    changes = {k: v for k, v in (override or {}).items() if v is not None}
    return base.model_copy(update=changes)


def series_house(series: str) -> HouseStyle | None:
    """How the series writes its files (its per-meeting file pattern); None when unknown."""
    try:
        template = SettingsStore().load().series.get(series)
    except StorageError:
        return None  # the settings' own sentence is told where they are read for the window
    return template.house if template is not None else None


def publish_draft(
    meeting_id: str,
    target: Target,
    token: Token | None = None,
    resolution: Resolution = "ask",
    store: DraftStore | None = None,
    outbox: OutboxStore | None = None,
    deadline: float = PUBLISH_DEADLINE,
) -> PublishResult:
    """Publish a draft and record the result in it (the command line's way)."""
    store = store or DraftStore()
    result = publish_meeting(store.load(meeting_id), target, token, resolution, outbox, deadline)
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
    deadline: float = PUBLISH_DEADLINE,
) -> PublishResult:
    """Publish a meeting as given (a window's snapshot) and leave its draft alone: the
    caller records the result. A failure that may pass is queued; one that needs the
    host waits."""
    outbox = outbox or OutboxStore()
    try:
        if token is None:
            token, _ = find_token(target.api_url)
        if token is None:
            raise no_token()
        with GitHubClient(token, target.api_url, deadline=Deadline(deadline)) as client:
            result = Publisher(client).publish(meeting, target, resolution, series_house(meeting.series))
    except RemoteEdited:
        raise  # the host chooses; nothing is queued
    except Exception as exc:
        failure = exc if isinstance(exc, PublishError) else Unexpected(
            "Publishing failed unexpectedly; the draft is safe and the publish is queued "
            "(details are in hostdesk.log)."
        )
        retry_at = getattr(failure, "retry_at", None)
        outbox.put(meeting.id, target, str(failure), needs_host=not failure.retry, retry_at=retry_at)
        log.warning("publish of %s failed: %s", meeting.id, failure, exc_info=exc)
        if failure is exc:
            raise
        raise failure from exc
    outbox.remove(meeting.id)
    return result


def retry_due(
    token: Token | None = None,
    store: DraftStore | None = None,
    skip: str = "",
    deadline: float = PUBLISH_DEADLINE,
    live: Meeting | None = None,
) -> list[tuple[str, str, PublishRecord | None]]:
    """Retry what the outbox holds and is due; returns (meeting id, outcome sentence, the
    record to keep). `live` is a window's snapshot of its open meeting: it goes out as
    shown there, and its draft is left to the window, which records the result."""
    outcomes: list[tuple[str, str, PublishRecord | None]] = []
    for entry in OutboxStore().due():
        if entry.meeting_id == skip:
            continue
        try:
            if live is not None and entry.meeting_id == live.id:
                result = publish_meeting(live, entry.target, token, deadline=deadline)
            else:
                result = publish_draft(entry.meeting_id, entry.target, token, store=store, deadline=deadline)
            outcomes.append((entry.meeting_id, f"Published: {result.url}", result.record))
        except PublishError as exc:
            outcomes.append((entry.meeting_id, str(exc), None))
        except Exception as exc:  # a draft gone or unreadable: say so, keep going
            log.warning("queued publish of %s failed", entry.meeting_id, exc_info=exc)
            outcomes.append((entry.meeting_id, "A queued publish failed; see hostdesk.log.", None))
    return outcomes
