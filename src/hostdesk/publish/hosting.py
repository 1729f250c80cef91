"""The seam for the hosting service: what the Publisher needs from one, and nothing more.

The GitHub client implements it; the Publisher never names GitHub's endpoints."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from hostdesk.publish.errors import Offline


@dataclass(frozen=True)
class RemoteFile:
    """A file as read: its text, its blob sha (checked against the text), its web page."""

    text: str
    sha: str
    url: str = ""


@dataclass(frozen=True)
class Written:
    """A commit made: its sha and the web page the service gives for what was written."""

    commit: str
    url: str


class Deadline:
    """The whole publish's time budget; every request gets what is left of it."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.ends = clock() + seconds

    def left(self) -> float:
        """Seconds left; past the end, the publish stops here and is queued."""
        left = self.ends - self.clock()
        if left <= 0:
            raise Offline(
                f"The hosting service did not finish answering within {self.seconds:g} s; "
                "the publish is queued."
            )
        return left


class Hosting(Protocol):
    """Read or list files, write a file, commit several files, open or find a pull request."""

    requests: int

    def default_branch(self, repo: str) -> str: ...

    def head(self, repo: str, branch: str) -> str:
        """The commit a branch points at."""
        ...

    def read_file(self, repo: str, path: str, ref: str = "") -> RemoteFile | None:
        """The file at a branch or commit, or None when it does not exist there."""
        ...

    def list_files(self, repo: str, folder: str, ref: str = "") -> list[str]:
        """The paths of every file under `folder` ("" = the whole repository), at any depth."""
        ...

    def write_file(
        self, repo: str, path: str, text: str, message: str, branch: str, sha: str
    ) -> Written:
        """One file in one commit; `sha` is the blob it replaces ("" for a new file)."""
        ...

    def commit_files(
        self, repo: str, branch: str, parent: str, files: dict[str, str], message: str
    ) -> Written:
        """Several files in one commit on top of `parent`; Conflict if the branch moved."""
        ...

    def ensure_branch(self, repo: str, branch: str, base: str) -> None:
        """Make `branch` from `base` unless it exists."""
        ...

    def pull_request(self, repo: str, head: str, base: str, title: str, body: str) -> str:
        """The web page of the open pull request from `head`, opened if there is none."""
        ...

    def file_url(self, repo: str, path: str, branch: str) -> str:
        """The web page of a file, as the service names it."""
        ...
