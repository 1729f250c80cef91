"""`hostdesk import --repo R --path FOLDER/`: every notes file of a folder on GitHub, as one series."""

from __future__ import annotations

import json
from pathlib import Path

from tests.publish.github_server import GitHubState
from tests.publish.test_publish_cli import hostdesk

SERIES = Path(__file__).resolve().parents[1] / "data" / "formats" / "per-meeting" / "year-folder"
REPO = "abc-subgroup/meetings"


def _repo(github: GitHubState) -> dict[str, str]:
    files = {
        f"meetings/{p.relative_to(SERIES).as_posix()}": p.read_text(encoding="utf-8")
        for p in SERIES.rglob("*.md")
    }
    github.add_repo(REPO, {**files, "README.md": "# ABC subgroup\n", "meetings/slides/deck.pdf": "%PDF"})
    return files


def _import(github: GitHubState, home: Path, *extra: str) -> tuple[int, str, str]:
    done = hostdesk(
        "import", "--repo", REPO, "--path", "meetings/", "--api-url", github.base, *extra, home=home
    )
    return done.returncode, done.stdout, done.stderr


def test_a_folder_imports_every_meeting_file_as_one_series_that_publishes_into_it(
    github: GitHubState, hostdesk_home: Path
) -> None:
    _repo(github)
    code, out, err = _import(github, hostdesk_home)
    assert code == 0, err
    assert len(out.strip().splitlines()) == 3  # one draft per meeting file; the index is none
    settings = json.loads((hostdesk_home / "config" / "settings.json").read_text(encoding="utf-8"))
    [series] = settings["series"].values()
    assert series["target"]["repo"] == REPO and series["target"]["mode"] == "per-meeting"
    assert series["target"]["path"] == "meetings/"
    assert series["target"]["index_path"] == "meetings/README.md"
    assert series["house"]["file_pattern"] == "{yyyy}/ABC-{mm}-{dd}.md"
    assert github.requests("PUT") == github.requests("POST") == 0  # reading only


def test_a_dry_run_reports_the_folder_and_writes_nothing(github: GitHubState, hostdesk_home: Path) -> None:
    _repo(github)
    code, out, err = _import(github, hostdesk_home, "--dry-run")
    assert code == 0, err
    assert "2021/ABC-02-11.md" in out and "2022/ABC-01-13.md" in out
    assert not (hostdesk_home / "config" / "settings.json").exists()


def test_a_folder_without_notes_is_refused_in_one_sentence(github: GitHubState, hostdesk_home: Path) -> None:
    github.add_repo(REPO, {"README.md": "# ABC subgroup\n"})
    code, _, err = _import(github, hostdesk_home)
    assert code != 0
    assert "There is no Markdown file under meetings/ of abc-subgroup/meetings" in err
    assert "Traceback" not in err
