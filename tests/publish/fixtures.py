"""The local GitHub test server and a token it knows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.publish.github_server import GitHubServer, GitHubState

TOKEN = "ghp_hostdeskTEST0123456789abcdefghijklmn"


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[GitHubState]:
    with GitHubServer() as state:
        state.add_token(TOKEN, login="ingrid", expires="2027-01-31 12:00:00 UTC")
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        yield state
