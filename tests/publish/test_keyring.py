"""The token in a real Secret Service keyring, without one, and in memory."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.backends.fail
import pytest

from hostdesk.publish import tokens
from hostdesk.publish.secrets import RedactingFilter, Token
from hostdesk.publish.tokens import find_token, forget_token, store_token
from tests.publish.fixtures import MemoryKeyring

API = "https://api.github.com"
SECRET = "ghp_keyringTEST0123456789abcdefghijkl"


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> Iterator[keyring.backend.KeyringBackend]:
    previous = keyring.get_keyring()
    chosen = request.param()
    keyring.set_keyring(chosen)
    tokens._session.clear()
    yield chosen
    keyring.set_keyring(previous)
    tokens._session.clear()


def secret_service() -> keyring.backend.KeyringBackend:
    if not os.environ.get("HOSTDESK_TEST_SECRET_SERVICE"):
        reason = "no private Secret Service session (run through `make test`, which starts gnome-keyring)"
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    from keyring.backends import SecretService

    return SecretService.Keyring()


@pytest.mark.parametrize("backend", [secret_service], indirect=True)
def test_a_real_secret_service_stores_reads_and_forgets(backend: keyring.backend.KeyringBackend) -> None:
    assert store_token(API, Token(SECRET)) == ""
    tokens._session.clear()
    assert backend.get_password("hostdesk", "api.github.com") == SECRET
    token, source = find_token(API)
    assert source == "keyring" and token == Token(SECRET)
    forget_token(API)
    assert find_token(API) == (None, "")


@pytest.mark.parametrize("backend", [keyring.backends.fail.Keyring], indirect=True)
def test_without_a_keyring_the_token_lasts_the_session_and_is_said(backend: object, tmp_path) -> None:  # type: ignore[no-untyped-def]
    warning = store_token(API, Token(SECRET))
    assert warning.startswith("No system keyring is available")
    assert "session only" in warning
    assert find_token(API) == (Token(SECRET), "session")
    assert not any(SECRET in p.read_text(errors="ignore") for p in tmp_path.parent.rglob("*") if p.is_file())


@pytest.mark.parametrize("backend", [MemoryKeyring], indirect=True)
def test_the_environment_wins_over_the_keyring(
    backend: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_token(API, Token(SECRET))
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_fromENVIRONMENT0123456789abcdef")
    token, source = find_token(API)
    assert source == "environment" and token is not None
    assert token.reveal() == "ghp_fromENVIRONMENT0123456789abcdef"
    monkeypatch.delenv("GITHUB_TOKEN")
    assert find_token("https://ghe.example.com/api/v3") == (None, "")  # one entry per API host


def test_the_token_is_masked_and_logs_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    token = Token(SECRET)
    assert SECRET not in repr(token) and SECRET not in str(token) and SECRET not in f"{token!r} {token}"
    logger = logging.getLogger("hostdesk.test")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO):
        logger.info("sending %s and github_pat_%s", SECRET, "A" * 30)
    assert SECRET not in caplog.text and "github_pat_AAAA" not in caplog.text
    assert caplog.text.count("[token redacted]") == 2
