"""Publish failures as types, each with one sentence a host can act on."""

from __future__ import annotations

import time
from typing import Any


class PublishError(Exception):
    """A publish that did not happen. `retry`: the outbox may try again by itself."""

    retry = False

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class BadTarget(PublishError):
    """The target is unusable before any request is sent."""


class NoToken(PublishError):
    pass


class BadCredentials(PublishError):
    pass


class PermissionDenied(PublishError):
    def __init__(self, message: str, status: int | None = None, permission: str = "") -> None:
        super().__init__(message, status)
        self.permission = permission


class BranchProtected(PublishError):
    """A direct commit the branch refuses; the pull-request route is offered instead."""


class NotFound(PublishError):
    pass


class Conflict(PublishError):
    """The file or branch moved on between our read and our write."""


class ValidationFailed(PublishError):
    def __init__(self, message: str, status: int | None = None, errors: Any = None) -> None:
        super().__init__(message, status)
        self.errors = errors or []


class RateLimited(PublishError):
    retry = True

    def __init__(self, message: str, status: int | None, retry_at: float) -> None:
        super().__init__(message, status)
        self.retry_at = retry_at


class ServerError(PublishError):
    retry = True


class Offline(PublishError):
    retry = True


class RemoteEdited(PublishError):
    """Someone edited this meeting's own notes on GitHub since hostdesk published them."""

    def __init__(self, message: str, mine: str, theirs: str) -> None:
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs


def error_for(status: int, body: Any, headers: Any, what: str, now: float | None = None) -> PublishError:
    """The typed error for a GitHub error response, as the table in github-recordings says."""
    message = str(body.get("message", "")) if isinstance(body, dict) else ""
    lowered = message.lower()
    now = time.time() if now is None else now
    remaining = headers.get("x-ratelimit-remaining")
    if status in (403, 429) and (remaining == "0" or "rate limit" in lowered):
        if "secondary" in lowered or remaining != "0":
            wait = float(headers.get("retry-after") or 60)
            return RateLimited(
                f"GitHub asked hostdesk to slow down; it will try again in {int(wait)} s.",
                status,
                now + wait,
            )
        reset = float(headers.get("x-ratelimit-reset") or now + 60)
        minutes = max(1, round((reset - now) / 60))
        return RateLimited(
            f"The GitHub API rate limit is used up; publishing resumes in about {minutes} min.",
            status,
            reset,
        )
    if status == 401:
        return BadCredentials("GitHub refused the token (bad, expired or revoked); set a new token.", status)
    if status == 403 or (status == 422 and "protected branch" in lowered):
        if "protected branch" in lowered or "branch protection" in lowered:
            return BranchProtected(
                f"The branch of {what} is protected against direct commits; publish as a "
                "pull request instead.",
                status,
            )
        needed = headers.get("x-accepted-github-permissions", "")
        detail = f" (it needs {needed.replace(',', ', ')})" if needed else ""
        return PermissionDenied(
            f"The token is not allowed to write to {what}{detail}; give it that permission.",
            status,
            needed,
        )
    if status == 404:
        return NotFound(
            f"{what} was not found: the repository or branch does not exist, or this token cannot see it.",
            status,
        )
    if status == 409:
        return Conflict(f"{what} changed on GitHub while publishing.", status)
    if status == 422 and "fast forward" in lowered:
        return Conflict(f"The branch of {what} moved on while publishing.", status)
    if status == 422:
        errors = body.get("errors", []) if isinstance(body, dict) else []
        details = "; ".join(
            str(e.get("message") or e.get("code") or e) if isinstance(e, dict) else str(e) for e in errors
        )
        text = f"GitHub rejected the request for {what}: {message or 'validation failed'}"
        return ValidationFailed(text + (f" ({details})." if details else "."), status, errors)
    if status >= 500:
        return ServerError(f"GitHub had a server error ({status}); hostdesk will try again.", status)
    return PublishError(f"GitHub answered {status} for {what}: {message or 'no reason given'}.", status)
