"""The few GitHub REST answers hostdesk reads, as typed models: anything else is refused."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

Sha = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")]


def _web(url: str) -> str:
    """A link the host may click: http(s), printable, of sane length."""
    if not re.fullmatch(r"https?://[^\s\x00-\x1f\x7f]{1,2000}", url):
        raise ValueError("not a web link")
    return url


WebUrl = Annotated[str, AfterValidator(_web)]


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class Named(_Answer):
    sha: Sha


class FileAnswer(_Answer):
    type: Literal["file"]
    sha: Sha
    size: int = Field(ge=0)
    encoding: str = "base64"
    content: str = ""
    html_url: WebUrl | None = None


class WrittenFile(_Answer):
    sha: Sha
    html_url: WebUrl | None = None


class CommitAnswer(_Answer):
    sha: Sha
    html_url: WebUrl | None = None
    tree: Named | None = None


class TreeEntry(_Answer):
    path: str = Field(min_length=1, max_length=4096)
    type: str


class TreeAnswer(_Answer):
    tree: list[TreeEntry]
    truncated: bool = False


class PutAnswer(_Answer):
    content: WrittenFile
    commit: CommitAnswer


class RefAnswer(_Answer):
    object: Named


class Permissions(_Answer):
    push: bool = False


class RepoAnswer(_Answer):
    default_branch: str = Field(min_length=1, max_length=255)
    permissions: Permissions = Field(default_factory=Permissions)


class UserAnswer(_Answer):
    login: str = Field(min_length=1, max_length=100)


class PullAnswer(_Answer):
    number: int
    html_url: WebUrl
