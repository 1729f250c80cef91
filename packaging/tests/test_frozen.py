"""The frozen app in dist/hostdesk, started as a host would start it (`make test-package`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dist" / "hostdesk" / "hostdesk"
sys.path.insert(0, str(ROOT))  # for the local GitHub test server in tests/

from tests.publish.github_server import GitHubServer  # noqa: E402

from hostdesk import __version__  # noqa: E402

TOKEN = "ghp_frozenAPPtest0123456789abcdefghijk"


@pytest.fixture(autouse=True)
def built() -> None:
    if not APP.exists():
        pytest.fail(f"{APP} is missing; `make test-package` builds it first")


def run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "HOSTDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **env}
    return subprocess.run([str(APP), *args], env=environ, capture_output=True, text=True, timeout=120)


def test_the_frozen_app_opens_a_meeting_renders_and_saves(tmp_path: Path) -> None:
    done = run(tmp_path, "--self-test")
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "drafts").glob("*.json")), "the self-test saved no draft"


def test_the_frozen_app_bundles_a_qt_binding_that_keeps_none_alive(tmp_path: Path) -> None:
    """PySide6 6.12.0 on Python 3.11 loses a reference to None per Qt call and aborts the
    window within a meeting (PYSIDE-3474); the bundle must not carry such a binding."""
    done = run(tmp_path, "--self-test")
    line = next((x for x in done.stdout.splitlines() if x.startswith("Qt binding:")), "")
    print(line)
    assert line.endswith("; sound") and " 0 of 1000 calls" in line, done.stdout + done.stderr


def test_the_frozen_app_says_the_same_version_as_the_package(tmp_path: Path) -> None:
    assert run(tmp_path, "--version").stdout.strip() == f"hostdesk {__version__}"


def test_the_frozen_app_publishes_over_http(tmp_path: Path) -> None:
    with GitHubServer() as github:
        github.add_token(TOKEN)
        github.add_repo("garden/notes", {"notes.md": "# Notes\n"})
        assert run(tmp_path, "new", "--date", "2026-12-03").returncode == 0
        done = run(
            tmp_path, "publish", "2026-12-03", "--repo", "garden/notes", "--path", "notes.md",
            "--api-url", github.base, GITHUB_TOKEN=TOKEN,
        )
        assert done.returncode == 0, done.stderr
        assert "December 3, 2026" in github.text("garden/notes", "notes.md")


def test_the_frozen_app_reaches_the_system_keyring(tmp_path: Path) -> None:
    if not os.environ.get("HOSTDESK_TEST_SECRET_SERVICE"):
        print("SKIP: no private Secret Service session (run through `make test-package`)")
        pytest.skip("no private Secret Service session")
    stored = subprocess.run(
        [str(APP), "token", "set"], input=TOKEN + "\n", capture_output=True, text=True,
        env={**os.environ, "HOSTDESK_HOME": str(tmp_path)}, timeout=60,
    )
    assert stored.stdout.strip() == "The token is stored in the system keyring.", stored.stderr
    run(tmp_path, "token", "forget")


def test_the_frozen_folder_stays_under_150_mb() -> None:
    size = sum(f.stat().st_size for f in APP.parent.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"dist/hostdesk: {size / 2**20:.0f} MB")
    assert size < 150 * 2**20
