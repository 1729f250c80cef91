"""Finding the token: the environment (GITHUB_TOKEN), then the OS keyring, then the host is asked.

Keyring calls can block (a locked keyring prompts), so they run in a worker with a
timeout; without a working keyring the token is kept for this session only, never
written to a plaintext file.
"""

from __future__ import annotations

import concurrent.futures
import os

from hostdesk.publish.client import TOKEN_ENV, api_host
from hostdesk.publish.secrets import Token

SERVICE = "hostdesk"
KEYRING_TIMEOUT = 10.0
_session: dict[str, Token] = {}


class KeyringUnavailable(Exception):
    """No working keyring backend; the token lives for this session only."""


def _in_worker(call, timeout: float):  # type: ignore[no-untyped-def]
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(call).result(timeout=timeout)
    except concurrent.futures.TimeoutError:
        raise KeyringUnavailable(
            "The system keyring did not answer in time (is it locked?); the token is kept "
            "for this session only."
        ) from None
    finally:
        pool.shutdown(wait=False)


def _keyring_call(action: str, host: str, value: str = "", timeout: float = KEYRING_TIMEOUT) -> str | None:
    import keyring
    import keyring.errors

    def call() -> str | None:
        try:
            if action == "get":
                return keyring.get_password(SERVICE, host)
            if action == "set":
                keyring.set_password(SERVICE, host, value)
            elif action == "forget":
                try:
                    keyring.delete_password(SERVICE, host)
                except keyring.errors.PasswordDeleteError:
                    pass
            return None
        except keyring.errors.NoKeyringError:
            raise KeyringUnavailable(
                "No system keyring is available (no Secret Service is running); the token "
                "is kept for this session only."
            ) from None
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(
                f"The system keyring refused ({exc}); the token is kept for this session only."
            ) from None

    return _in_worker(call, timeout)  # type: ignore[no-any-return]


def find_token(api_url: str) -> tuple[Token | None, str]:
    """The token and where it came from: "environment", "keyring", "session" or ""."""
    if value := os.environ.get(TOKEN_ENV, "").strip():
        return Token(value), "environment"
    host = api_host(api_url)
    try:
        if stored := _keyring_call("get", host):
            return Token(stored), "keyring"
    except KeyringUnavailable:
        pass
    if host in _session:
        return _session[host], "session"
    return None, ""


def store_token(api_url: str, token: Token) -> str:
    """Keep the token in the keyring; returns a warning sentence when it could not."""
    host = api_host(api_url)
    _session[host] = token
    try:
        _keyring_call("set", host, token.reveal())
    except KeyringUnavailable as exc:
        return str(exc)
    return ""


def forget_token(api_url: str) -> None:
    host = api_host(api_url)
    _session.pop(host, None)
    try:
        _keyring_call("forget", host)
    except KeyringUnavailable:
        pass
