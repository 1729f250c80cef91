"""The command line as a careful host meets it: private files, a token stored or said
not to be, a pipe closed early, a failure nobody foresaw."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from hostdesk.storage.paths import window_settings


def hostdesk(*args: str, home: Path, stdin: str = "", **popen: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOSTDESK_HOME": str(home)}
    env.pop("GITHUB_TOKEN", None)
    return subprocess.run(
        [sys.executable, "-m", "hostdesk", *args], input=stdin, capture_output=True, text=True, env=env, **popen
    )  # type: ignore[call-overload, no-any-return]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_log_and_the_window_state_are_owner_only(hostdesk_home: Path) -> None:
    hostdesk_home.mkdir(mode=0o755)
    os.chmod(hostdesk_home, 0o755)
    log = hostdesk_home / "hostdesk.log"
    log.write_text("an old log\n")
    os.chmod(log, 0o644)
    assert hostdesk("list", home=hostdesk_home).returncode == 0
    assert mode(log) == 0o600 and mode(hostdesk_home) == 0o700
    ini = window_settings()
    assert mode(ini) == 0o600 and mode(ini.parent) == 0o700


def test_token_set_without_a_keyring_fails_and_says_so(hostdesk_home: Path) -> None:
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run(
        [sys.executable, "-m", "hostdesk", "token", "set"],
        input="ghp_notStoredANYWHERE0123456789abcdef\n",
        capture_output=True,
        text=True,
        env={**os.environ, "HOSTDESK_HOME": str(hostdesk_home), **env},
    )
    assert done.returncode == 1
    assert done.stderr.startswith("hostdesk: No system keyring is available") and "was not stored" in done.stderr


def test_a_reader_that_stops_early_gets_no_traceback(hostdesk_home: Path) -> None:
    for day in ("2024-03-28", "2024-04-11"):
        assert hostdesk("new", "--date", day, home=hostdesk_home).returncode == 0
    env = {**os.environ, "HOSTDESK_HOME": str(hostdesk_home)}
    child = subprocess.Popen(
        [sys.executable, "-m", "hostdesk", "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # like `| head -0`: nobody reads what it prints
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err and err == ""


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("http://api.example.com", "does not send the token over plain http to api.example.com"),
        ("ftp://api.example.com", "is not an API URL"),
    ],
)
def test_the_token_is_not_sent_over_plain_http_except_to_this_machine(
    hostdesk_home: Path, url: str, said: str
) -> None:
    env = {**os.environ, "HOSTDESK_HOME": str(hostdesk_home), "GITHUB_TOKEN": "ghp_neverSENT0123456789abcdefghij"}
    done = subprocess.run(
        [sys.executable, "-m", "hostdesk", "token", "check", "--api-url", url], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1 and said in done.stderr and "Traceback" not in done.stderr
