"""Publishing end to end through the CLI, against the local GitHub server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostdesk.core.document import parse
from hostdesk.publish.names import slug
from tests.conftest import DATA
from tests.publish.fixtures import TOKEN
from tests.publish.github_server import GitHubState

NOTES = "notes/garden.md"


def hostdesk(*args: str, home: Path, token: str | None = TOKEN) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOSTDESK_HOME": str(home)}
    env.pop("GITHUB_TOKEN", None)
    if token:
        env["GITHUB_TOKEN"] = token
    return subprocess.run([sys.executable, "-m", "hostdesk", *args], capture_output=True, text=True, env=env)


def publish(
    github: GitHubState, meeting: str, home: Path, *extra: str, repo: str = "garden/notes", path: str = NOTES
) -> subprocess.CompletedProcess[str]:
    """`hostdesk publish` to the test server, with the target given as flags."""
    return hostdesk("publish", meeting, "--repo", repo, "--path", path, *extra, "--api-url", github.base, home=home)


def garden() -> str:
    return (DATA / "garden-club-notes.md").read_text(encoding="utf-8")


def new_meeting(home: Path, day: str = "2024-03-28") -> str:
    done = hostdesk(
        "new",
        "--template",
        "community sync",
        "--date",
        day,
        "--series",
        "Garden",
        "--host",
        "Ingrid Sørensen",
        home=home,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_direct_publish_into_the_running_file(github: GitHubState, hostdesk_home: Path) -> None:
    github.add_repo("garden/notes", {NOTES: garden()})
    meeting = new_meeting(hostdesk_home)
    done = publish(github, meeting, hostdesk_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f"/garden/notes/blob/main/{NOTES}")
    text = github.text("garden/notes", NOTES)
    assert text.startswith(garden()[: garden().index("## March 14th, 2024")] + "## March 28, 2024\n")
    assert text.endswith(garden()[garden().index("## March 14th, 2024") :])
    assert github.requests("GET") == 1 and github.requests("PUT") == 1
    again = hostdesk("publish", meeting, "--api-url", github.base, home=hostdesk_home)  # target remembered
    assert again.returncode == 0, again.stderr
    assert github.text("garden/notes", NOTES) == text
    listed = hostdesk("list", home=hostdesk_home)
    assert "published" in listed.stdout


def test_pull_request_mode(github: GitHubState, hostdesk_home: Path) -> None:
    github.add_repo("garden/notes", {NOTES: garden()})
    meeting = new_meeting(hostdesk_home)
    done = publish(github, meeting, hostdesk_home, "--pr")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "https://github.example/garden/notes/pull/1"
    assert github.text("garden/notes", NOTES) == garden()  # main untouched
    assert "## March 28, 2024" in github.text("garden/notes", NOTES, f"hostdesk/{slug('Garden')}-2024-03-28")
    again = hostdesk("publish", meeting, "--pr", "--api-url", github.base, home=hostdesk_home)
    assert again.stdout.strip() == "https://github.example/garden/notes/pull/1"
    assert len(github.repos["garden/notes"].pulls) == 1


def test_per_meeting_files_with_an_index_in_one_commit(github: GitHubState, hostdesk_home: Path) -> None:
    github.add_repo("garden/notes", {"README.md": "# Garden\n"})
    meeting = new_meeting(hostdesk_home)
    per_meeting = ("--mode", "per-meeting", "--index", "minutes/README.md")
    done = publish(github, meeting, hostdesk_home, *per_meeting, path="minutes/{date:%Y-%m-%d}.md")
    assert done.returncode == 0, done.stderr
    repo = github.repos["garden/notes"]
    files = repo.files("main")
    assert files["minutes/2024-03-28.md"].decode().startswith("## March 28, 2024\n* Host: Ingrid Sørensen\n")
    assert "* [March 28, 2024](2024-03-28.md)" in files["minutes/README.md"].decode()
    assert len(repo.commits) == 2  # the initial one, and one commit for both files
    hostdesk("publish", meeting, "--api-url", github.base, home=hostdesk_home)
    assert len(repo.commits) == 2  # nothing changed, nothing committed


@pytest.mark.parametrize(
    ("setup", "needle", "queued"),
    [
        (lambda gh: gh.tokens[TOKEN].__setattr__("push", False), "not allowed to write", "waits"),
        (lambda gh: gh.fail("PUT", "contents", 500, times=5), "server error (500)", "retry"),
        (
            lambda gh: gh.fail(
                "GET",
                "contents",
                403,
                {"message": "API rate limit exceeded"},
                {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "9999999999"},
            ),
            "rate limit is used up",
            "retry",
        ),
        (
            lambda gh: gh.fail(
                "PUT",
                "contents",
                403,
                {"message": "You have exceeded a secondary rate limit."},
                {"retry-after": "30"},
            ),
            "slow down; it will try again in 30 s",
            "retry",
        ),
        (
            lambda gh: gh.repos["garden/notes"].protected.add("main"),
            "protected against direct commits",
            "waits",
        ),
    ],
)
def test_failures_keep_the_draft_and_say_why(
    github: GitHubState, hostdesk_home: Path, setup, needle: str, queued: str
) -> None:  # type: ignore[no-untyped-def]
    github.add_repo("garden/notes", {NOTES: garden()})
    meeting = new_meeting(hostdesk_home)
    before = hostdesk("show", meeting, home=hostdesk_home).stdout
    setup(github)
    done = publish(github, meeting, hostdesk_home)
    assert done.returncode == 1
    assert needle in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert hostdesk("show", meeting, home=hostdesk_home).stdout == before
    import json

    outbox = json.loads((hostdesk_home / "outbox.json").read_text())["entries"]
    assert [e["needs_host"] for e in outbox] == [queued == "waits"]
    assert github.text("garden/notes", NOTES) == garden()


def test_bad_token_missing_repo_and_offline(github: GitHubState, hostdesk_home: Path) -> None:
    github.add_repo("garden/notes", {NOTES: garden()})
    meeting = new_meeting(hostdesk_home)
    args = ("publish", meeting, "--repo", "garden/notes", "--path", NOTES, "--api-url", github.base)
    done = hostdesk(*args, home=hostdesk_home, token="ghp_wrongTOKEN0123456789abcdefghij")
    assert (
        done.stderr.strip()
        == "hostdesk: GitHub refused the token (bad, expired or revoked); set a new token."
    )
    assert github.requests() == 1  # a 401 is never retried
    done = hostdesk("publish", meeting, "--repo", "garden/gone", "--api-url", github.base, home=hostdesk_home)
    assert "garden/gone" in done.stderr and "was not found" in done.stderr
    done = hostdesk(
        "publish", meeting, "--repo", "garden/notes", "--api-url", "http://127.0.0.1:9", home=hostdesk_home
    )
    assert "Could not reach 127.0.0.1:9 (no network?); the publish is queued." in done.stderr
    done = hostdesk(
        "publish",
        meeting,
        "--repo",
        "garden/notes",
        "--path",
        "../etc/passwd",
        "--api-url",
        github.base,
        home=hostdesk_home,
    )
    assert "leaves the repository" in done.stderr
    done = hostdesk("publish", meeting, "--repo", "not a repo", "--api-url", github.base, home=hostdesk_home)
    assert "is not a repository name of the form owner/name" in done.stderr


def test_the_token_never_reaches_disk_logs_or_output(github: GitHubState, hostdesk_home: Path) -> None:
    github.add_repo("garden/notes", {NOTES: garden()})
    meeting = new_meeting(hostdesk_home)
    outputs = []
    for extra in ([], ["--pr"]):
        done = publish(github, meeting, hostdesk_home, *extra)
        outputs += [done.stdout, done.stderr]
    github.fail("PUT", "contents", 500, times=9)
    done = publish(github, meeting, hostdesk_home)
    outputs += [done.stdout, done.stderr]
    outputs.append(hostdesk("token", "check", "--api-url", github.base, home=hostdesk_home).stdout)
    assert all(f"Bearer {TOKEN}" == a for a in github.authorizations)
    assert not [o for o in outputs if TOKEN in o]
    for path in hostdesk_home.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def test_token_check_names_login_push_and_expiry(github: GitHubState, hostdesk_home: Path) -> None:
    github.add_repo("garden/notes", {NOTES: garden()})
    meeting = new_meeting(hostdesk_home)
    publish(github, meeting, hostdesk_home)
    done = hostdesk("token", "check", "--api-url", github.base, home=hostdesk_home)
    assert done.stdout.splitlines() == [
        "Logged in as ingrid (token from the environment).",
        "The token expires 2027-01-31 12:00:00 UTC.",
        "garden/notes: can push.",
    ]


def test_import_from_the_repository_prefills_the_series(github: GitHubState, hostdesk_home: Path) -> None:
    github.add_repo("garden/notes", {NOTES: garden()})
    done = hostdesk(
        "import", "--repo", "garden/notes", "--path", NOTES, "--api-url", github.base, home=hostdesk_home
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip().splitlines()) == len(parse(garden()).blocks)
    import json

    settings = json.loads((hostdesk_home / "config" / "settings.json").read_text())
    series = settings["series"]["Riverside Garden Tooling working group"]
    assert series["target"]["repo"] == "garden/notes" and series["target"]["path"] == NOTES
    assert [a["title"] for a in series["agenda"]][:2] == ["Welcome new members", "Project news"]
