"""Publishing against the local GitHub test server: requests per publish, and wall time.

The server is the one the tests use (real HTTP on 127.0.0.1), so the times measure
hostdesk's client and publisher plus loopback HTTP, not GitHub's own latency.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from tests.publish.github_server import GitHubServer

from benchmarks.common import notes_file, report
from hostdesk.core.document import parse
from hostdesk.core.model import Meeting, Section, Target
from hostdesk.publish.client import GitHubClient
from hostdesk.publish.publisher import Publisher
from hostdesk.publish.secrets import Token

TOKEN = "ghp_benchmark0123456789abcdefghijklmnopqr"
REPO = "bench/notes"
MODES = {
    "direct, running file": {"path": "notes.md"},
    "pull request, running file": {"path": "notes.md", "pull_request": True},
    "per-meeting file + index, one commit": {
        "mode": "per-meeting",
        "path": "minutes/{date:%Y-%m-%d}.md",
        "index_path": "minutes/README.md",
    },
}


def meeting(day: date) -> Meeting:
    return Meeting(
        date=day,
        heading=f"{day:%B} {day.day}, {day.year}",
        hosts=["Bench Host"],
        sections=[Section(title="News", notes="* measured")],
    )


def run() -> None:
    name, text = notes_file("contributors-meeting-notes.md")
    newest = max(m.date for m in parse(text).meetings if m.date)
    for mode, fields in MODES.items():
        with GitHubServer() as github:
            github.add_token(TOKEN)
            github.add_repo(REPO, {"notes.md": text, "minutes/README.md": "# Minutes\n"})
            target = Target(repo=REPO, api_url=github.base, branch="main", **fields)  # type: ignore[arg-type]
            counts, times = [], []
            with GitHubClient(Token(TOKEN), github.base) as client:
                publisher = Publisher(client)
                for n in range(1, 41):
                    before = github.requests()
                    start = time.perf_counter()
                    publisher.publish(meeting(newest + timedelta(days=7 * n)), target)
                    times.append((time.perf_counter() - start) * 1000)
                    counts.append(github.requests() - before)
            first, rest = counts[0], sorted(set(counts[1:]))
            print(f"{mode:40} HTTP requests per publish: {first} (first), then {rest}"
                  + ("   target: 2 (GET and PUT)" if mode.startswith("direct") else ""))
            report(f"  wall time per publish into {name}", times)
    unchanged_requests()
    faults()
    trials()


def unchanged_requests() -> None:
    """Publishing an unchanged meeting again: requests and writes, per mode."""
    from hostdesk.publish.hosting import Deadline

    for mode, fields in MODES.items():
        with GitHubServer() as github:
            github.add_token(TOKEN)
            github.add_repo(REPO, {"notes.md": "# Notes\n", "minutes/README.md": "# Minutes\n"})
            target = Target(repo=REPO, api_url=github.base, **fields)  # type: ignore[arg-type]
            with GitHubClient(Token(TOKEN), github.base, deadline=Deadline(60)) as client:
                publisher = Publisher(client)
                day = meeting(date(2024, 3, 28))
                day.published = publisher.publish(day, target).record
                before, commits = github.requests(), len(github.repos[REPO].commits)
                publisher.publish(day, target)
            made = len(github.repos[REPO].commits) - commits
            print(f"{mode:40} unchanged re-publish: {github.requests() - before} request(s), "
                  f"{made} commit(s)   target: 1, 0")


def faults() -> None:
    """A dripping server against a 2 s deadline; a 2 GB answer's peak memory."""
    import tempfile
    from pathlib import Path

    from tests.publish.memory import publish_in_a_process

    from hostdesk.publish.errors import Offline
    from hostdesk.publish.hosting import Deadline

    with GitHubServer() as github:
        github.add_token(TOKEN)
        github.add_repo(REPO, {"notes.md": "# Notes\n"})
        github.fail("GET", "contents", 200, {"message": "x" * 50}, drip=5.0)
        start = time.perf_counter()
        try:
            with GitHubClient(Token(TOKEN), github.base, deadline=Deadline(2.0)) as client:
                Publisher(client).publish(meeting(date(2024, 3, 28)), Target(repo=REPO, path="notes.md"))
        except Offline:
            pass
        print(f"drip server (1 byte / 5 s), deadline 2 s: ended after {time.perf_counter() - start:.2f} s")
    import os

    from tests.publish.fixtures import TOKEN as TEST_TOKEN

    from hostdesk.storage.drafts import DraftStore

    with tempfile.TemporaryDirectory() as home, GitHubServer() as github:
        github.add_token(TEST_TOKEN)
        github.add_repo(REPO, {"notes.md": "# Notes\n"})
        first, second = meeting(date(2024, 3, 28)), meeting(date(2024, 4, 11))
        for m in (first, second):
            DraftStore(Path(home)).save(m)
        flags = ("--repo", REPO, "--path", "notes.md", "--api-url", github.base)
        os.environ.pop("GITHUB_TOKEN", None)
        _, _, normal = publish_in_a_process(first.id, Path(home), *flags)
        github.fail("GET", "contents", 200, size=2 * 1024**3, declare=False)
        code, err, peak = publish_in_a_process(second.id, Path(home), *flags)
        print(f"2 GB answer: exit {code}, {err.strip()[:60]}…")
        print(f"  peak RSS {peak:.0f} MB against {normal:.0f} MB for a normal publish "
              f"(+{peak - normal:.0f} MB)   target: under +100 MB")


def trials(count: int = 200) -> None:
    """Two real processes at the same moment, `count` times: failing publishes, imports."""
    import tempfile
    from pathlib import Path

    from tests.storage.trials import import_trials, publish_trials

    for name, run_trials in (("failing publishes", publish_trials), ("imports", import_trials)):
        with tempfile.TemporaryDirectory() as root:
            outcome = run_trials(Path(root), count)
        print(f"{count} trials of two concurrent {name}: {outcome.lost} lost, "
              f"{len(outcome.failed)} failed, {outcome.seconds:.1f} s   target: 0 lost, 0 failed")
