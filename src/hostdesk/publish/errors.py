"""Publish failures as types, each with one sentence a host can act on."""

from __future__ import annotations

import math
import time
from email.utils import parsedate_to_datetime
from typing import Any

from hostdesk.publish.secrets import shown

MAX_WAIT = 24 * 3600.0  # a server asking for longer is asking for nonsense


class PublishError(Exception):
    """A publish that did not happen. `retry`: the outbox may try again by itself.

    The message is cleaned once, here, so no token or escape sequence from a server
    reaches a terminal, a dialog or the outbox, whichever path it takes."""

    retry = False

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(shown(message))
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


class BadAnswer(PublishError):
    """An answer that is not what the API promises: corrupt, redirected, too big."""

    retry = True


class Offline(PublishError):
    retry = True


class Redirected(PublishError):
    """A 3xx: the request was not done; the target or API URL needs the host."""


class RemoteEdited(PublishError):
    """Someone edited this meeting's own notes on GitHub since hostdesk published them."""

    def __init__(self, message: str, mine: str, theirs: str) -> None:
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs


def _seconds(value: str | None, now: float, default: float) -> float:
    """A wait the server asked for, in seconds, as a number or an HTTP date, kept sane."""
    if not value:
        return default
    try:
        wait = float(value)
    except ValueError:
        try:
            wait = parsedate_to_datetime(value).timestamp() - now
        except (TypeError, ValueError, IndexError, OverflowError):
            return default
    if not math.isfinite(wait):
        return MAX_WAIT if wait > 0 else default
    return min(max(wait, 1.0), MAX_WAIT)


def _reset_at(value: str | None, now: float) -> float:
    """`x-ratelimit-reset` as epoch seconds; anything else means a minute from now."""
    try:
        reset = float(value or "")
    except ValueError:
        return now + 60
    if not math.isfinite(reset) or reset <= now:
        return now + 60
    return min(reset, now + MAX_WAIT)


def error_for(status: int, body: Any, headers: Any, what: str, now: float | None = None) -> PublishError:
    """The typed error for a GitHub error response, as the table in github-recordings says."""
    message = str(body.get("message", "")) if isinstance(body, dict) else ""
    lowered = message.lower()
    now = time.time() if now is None else now
    remaining = headers.get("x-ratelimit-remaining")
    if status in (403, 429) and (remaining == "0" or "rate limit" in lowered):
        if "secondary" in lowered or remaining != "0":
            wait = _seconds(headers.get("retry-after"), now, 60.0)
            return RateLimited(
                f"GitHub asked hostdesk to slow down; it will try again in {int(wait)} s.",
                status,
                now + wait,
            )
        reset = _reset_at(headers.get("x-ratelimit-reset"), now)
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
        errors = errors if isinstance(errors, list) else []
        details = "; ".join(
            str(e.get("message") or e.get("code") or e) if isinstance(e, dict) else str(e) for e in errors
        )
        text = f"GitHub rejected the request for {what}: {message or 'validation failed'}"
        return ValidationFailed(text + (f" ({details})." if details else "."), status, errors)
    if status >= 500:
        return ServerError(f"GitHub had a server error ({status}); hostdesk will try again.", status)
    if 300 <= status < 400:
        moved = headers.get("location", "")
        return Redirected(
            f"GitHub answered {what} with a redirect ({status}{' to ' + moved if moved else ''}) "
            "instead of doing it: the repository may have moved; check the repository and API URL.",
            status,
        )
    return PublishError(f"GitHub answered {status} for {what}: {message or 'no reason given'}.", status)
