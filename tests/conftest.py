"""Fixtures shared by every test: the project's own data and, where present, ../shared."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "flyte-community"
RECORDINGS = SHARED / "github-recordings" / "octokit-fixtures"

# Qt's offscreen screen is 800x800 unless told otherwise; a laptop's 1440x900 lets the
# window keep the sizes a host would give it.
if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={DATA / 'offscreen-screen.json'}"


def need_shared(path: Path) -> Path:
    if not path.exists():
        reason = f"{path} is absent (../shared is not beside this clone)"
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture
def corpus() -> Path:
    return need_shared(CORPUS)


@pytest.fixture
def recordings() -> Path:
    return need_shared(RECORDINGS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what a test needs by the fixtures it asks for, so `-m` can leave it out."""
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if "tmpfs" in needs:
            item.add_marker(pytest.mark.root)
        if needs & {"corpus", "recordings"}:
            item.add_marker(pytest.mark.shared)


pytest_plugins = ["tests.publish.fixtures"]  # the local GitHub server, for ui and e2e tests too


@pytest.fixture
def garden_notes() -> str:
    """The project's own messy notes file, written for these tests."""
    return (DATA / "garden-club-notes.md").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def hostdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; nothing touches the user's real drafts."""
    home = tmp_path / "hostdesk-home"
    monkeypatch.setenv("HOSTDESK_HOME", str(home))
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    return home


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """Mount small real filesystems (as root) to fill up or make read-only."""
    mounted: list[Path] = []

    def mount(name: str, size: str = "64k") -> Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(point)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            reason = f"cannot mount a tmpfs here ({done.stderr.strip() or 'not root'})"
            print(f"SKIP: {reason}")
            pytest.skip(reason)
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)
