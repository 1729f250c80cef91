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
