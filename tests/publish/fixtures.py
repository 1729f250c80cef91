"""The local GitHub test server and a token it knows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import keyring
import keyring.backend
import pytest

from hostdesk.core.model import Meeting, Section
from hostdesk.publish import tokens
from hostdesk.storage.drafts import DraftStore
from tests.publish.github_server import GitHubServer, GitHubState

TOKEN = "ghp_hostdeskTEST0123456789abcdefghijklmn"


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[GitHubState]:
    with GitHubServer() as state:
        state.add_token(TOKEN, login="ingrid", expires="2027-01-31 12:00:00 UTC")
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        yield state


class MemoryKeyring(keyring.backend.KeyringBackend):
    """In-memory backend for tests that are not about the keyring itself."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    chosen = MemoryKeyring()
    keyring.set_keyring(chosen)
    tokens._session.clear()
    yield chosen
    keyring.set_keyring(previous)
    tokens._session.clear()


def saved_meeting(day: date = date(2024, 3, 28), heading: str = "March 28, 2024") -> Meeting:
    """A host's draft of one meeting, saved where the CLI and the window look for it."""
    meeting = Meeting(
        series="Garden",
        date=day,
        heading=heading,
        hosts=["Ingrid"],
        sections=[Section(title="News", notes="* the greenhouse is up")],
    )
    DraftStore().save(meeting)
    return meeting
