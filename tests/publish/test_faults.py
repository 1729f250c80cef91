"""A GitHub that misbehaves on purpose, one case per fault: each ends in one sentence,
no traceback, the remote file and the draft intact, and the outbox holding the publish
(retried by itself, or waiting for the host) as docs/publishing-faults.md lists."""

from __future__ import annotations

import base64
import email.utils
import json
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from hostdesk.cli import main
from hostdesk.core.model import Meeting
from hostdesk.publish.outbox import OutboxStore
from hostdesk.storage.drafts import DraftStore
from tests.publish.fixtures import TOKEN, saved_meeting
from tests.publish.github_server import GitHubState
from tests.publish.memory import publish_in_a_process

REPO, NOTES = "garden/notes", "notes.md"
REMOTE = "# Garden\n\n## March 14, 2024\n* Host: Tomás\n* News\n  * seeds\n\n## March 1, 2024\n* Host: Ana\n"
Setup = Callable[[GitHubState], None]


def hostdesk(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The CLI in this process (no start-up per case): exit code, stdout, stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def publish(github: GitHubState, capsys: pytest.CaptureFixture[str], meeting: Meeting, *extra: str) -> tuple[int, str]:
    code, _, err = hostdesk(
        capsys, "publish", meeting.id, "--repo", REPO, "--path", NOTES, "--api-url", github.base, *extra
    )
    return code, err


def one_sentence(err: str) -> str:
    assert "Traceback" not in err and "\x1b" not in err and TOKEN not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def with_content(change: Callable[[str], str]) -> Setup:
    """The file's answer with its base64 changed and its true sha kept."""
    return lambda gh: gh.corrupt("GET", "contents", lambda body: {**body, "content": change(body["content"])})


def rate(headers: dict[str, str], message: str = "API rate limit exceeded") -> Setup:
    return lambda gh: gh.fail("GET", "contents", 403, {"message": message}, headers)


def latin1_file(gh: GitHubState) -> None:
    gh.edit(REPO, NOTES, "")
    repo = gh.repos[REPO]
    tree = dict(repo.files("main"))
    tree[NOTES] = "## 1 mars 2024\n* Hôte : Zoë\n".encode("latin-1")
    repo.branches["main"] = gh.commit(repo, tree, [repo.branches["main"]], "latin-1")


def other_bytes(_: str) -> str:
    return base64.encodebytes(b"## March 28, 2024\n").decode()


CASES: list[tuple[str, Setup, str, str]] = [
    ("content not base64, true sha", with_content(lambda c: "@@ not base64 @@"), "broken base64", "retry"),
    ("content of other bytes, true sha", with_content(other_bytes), "did not match its own checksum", "retry"),
    ("base64 with bad padding", with_content(lambda c: c.replace("\n", "")[:-1]), "broken base64", "retry"),
    ("301 to a PUT", lambda gh: gh.fail("PUT", "contents", 301, raw=b"", headers={"Location": "/x"}), "redirect (301", "waits"),
    ("307 to a PUT", lambda gh: gh.fail("PUT", "contents", 307, raw=b""), "redirect (307)", "waits"),
    ("302 to a GET", lambda gh: gh.fail("GET", "contents", 302, raw=b""), "redirect (302)", "waits"),
    ("invalid JSON", lambda gh: gh.fail("GET", "contents", 200, raw=b"{'not': json"), "not valid JSON", "retry"),
    ("a JSON string, not an object", lambda gh: gh.fail("GET", "contents", 200, "a string"), "not what its API promises", "retry"),
    ("a file that is not UTF-8", latin1_file, "is not UTF-8 text", "waits"),
    (
        "Retry-After as an HTTP date",
        rate({"retry-after": email.utils.formatdate(time.time() + 90, usegmt=True)}, "secondary rate limit"),
        "slow down; it will try again in",
        "retry",
    ),
    ("Retry-After 1e400", rate({"retry-after": "1e400"}, "secondary rate limit"), "try again in 86400 s", "retry"),
    ("X-RateLimit-Reset not a number", rate({"x-ratelimit-remaining": "0", "x-ratelimit-reset": "soon"}), "about 1 min", "retry"),
    ("X-RateLimit-Reset in the past", rate({"x-ratelimit-remaining": "0", "x-ratelimit-reset": "-99999"}), "about 1 min", "retry"),
    (
        "a 2 GB answer of undeclared length",
        lambda gh: gh.fail("GET", "contents", 200, size=2 * 1024**3, declare=False),
        "larger than 10 MB",
        "retry",
    ),
    ("a 2 GB answer, declared", lambda gh: gh.fail("GET", "contents", 200, size=2 * 1024**3), "larger than 10 MB", "retry"),
    (
        "a PUT answer without its fields",
        lambda gh: gh.fail("PUT", "contents", 200, {"ok": True}),
        "not what its API promises",
        "retry",
    ),
]


@pytest.mark.parametrize(("setup", "needle", "queued"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_hostile_answer_is_one_sentence_and_nothing_is_lost(
    github: GitHubState,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    setup: Setup,
    needle: str,
    queued: str,
) -> None:
    github.add_repo(REPO, {NOTES: REMOTE})
    meeting = saved_meeting()
    setup(github)
    before = github.repos[REPO].branches["main"]
    code, err = publish(github, capsys, meeting)
    assert code == 1
    sentence = one_sentence(err)
    print(sentence)
    assert needle in sentence
    assert "-9" not in err  # never "try again in -99999 s"
    assert github.repos[REPO].branches["main"] == before  # nothing written
    assert DraftStore().load(meeting.id) == meeting
    entry = OutboxStore().get(meeting.id)
    assert entry is not None and entry.needs_host == (queued == "waits")
    logged = [r for r in caplog.records if r.getMessage().startswith(f"publish of {meeting.id} failed")]
    assert logged and (logged[0].exc_info or logged[0].exc_text)  # the exception, for the log


def test_a_server_echoing_the_token_never_gets_it_shown_or_stored(
    github: GitHubState, capsys: pytest.CaptureFixture[str], hostdesk_home: Path
) -> None:
    github.add_repo(REPO, {NOTES: REMOTE})
    meeting = saved_meeting()
    echo = {"message": f"Invalid header Authorization: Bearer {TOKEN} \x1b[2J\x1b]8;;http://x\x07"}
    github.fail("PUT", "contents", 422, echo)
    code, err = publish(github, capsys, meeting)
    line = one_sentence(err)
    assert code == 1 and "[token redacted]" in line and "\\x1b[2J" in line
    for path in hostdesk_home.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    entry = OutboxStore().get(meeting.id)
    assert entry is not None and "\x1b" not in entry.message and "[token redacted]" in entry.message


def test_a_token_that_looks_like_nothing_known_is_redacted_too(
    github: GitHubState, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = "enterprise-token-7f3a9c2e5b"
    github.add_token(odd)
    monkeypatch.setenv("GITHUB_TOKEN", odd)
    github.add_repo(REPO, {NOTES: REMOTE})
    meeting = saved_meeting()
    github.fail("PUT", "contents", 500, {"message": f"we saw {odd}"})
    _, err = publish(github, capsys, meeting)
    assert odd not in err and odd not in json.dumps(OutboxStore().load().model_dump())


def test_a_server_that_drips_is_cut_at_the_deadline_and_queued(github: GitHubState) -> None:
    from hostdesk.publish.errors import Offline
    from hostdesk.publish.service import publish_draft

    github.add_repo(REPO, {NOTES: REMOTE})
    meeting = saved_meeting()
    github.fail("GET", "contents", 200, {"message": "x" * 100}, drip=5.0)
    from hostdesk.core.model import Target

    target = Target(repo=REPO, path=NOTES, api_url=github.base)
    start = time.monotonic()
    with pytest.raises(Offline, match="queued"):
        publish_draft(meeting.id, target, deadline=2.0)
    took = time.monotonic() - start
    print(f"drip server: the publish ended after {took:.2f} s (deadline 2 s)")
    assert took < 2.0 + 1.5
    entry = OutboxStore().get(meeting.id)
    assert entry is not None and not entry.needs_host
    assert github.text(REPO, NOTES) == REMOTE


def test_a_garbled_answer_to_a_write_that_landed_is_read_back(github: GitHubState, capsys: pytest.CaptureFixture[str]) -> None:
    github.add_repo(REPO, {NOTES: REMOTE})
    meeting = saved_meeting()
    github.corrupt("PUT", "contents", lambda body: {**body, "commit": "?"})
    code, err = publish(github, capsys, meeting)
    assert code == 0, err
    assert github.text(REPO, NOTES).count("## March 28, 2024") == 1
    assert OutboxStore().get(meeting.id) is None


@pytest.mark.parametrize(
    ("flags", "needle"),
    [
        (("--mode", "per-meeting", "--path", "{date:..}/collaborators/someone"), "leaves the repository"),
        (("--mode", "per-meeting", "--path", "{0}.md"), "may use only"),
        (("--mode", "per-meeting", "--path", "{date.year}.md"), "may use only"),
        (("--mode", "per-meeting", "--path", "{series!r}{.md"), "unmatched brace"),
        (("--branch", "../../refs/heads/main"), "not a branch name git accepts"),
        (("--repo", "garden/notes\n"), "not a repository name"),
        (("--api-url", "http://api.example.com"), "not send the token over plain http"),
    ],
)
def test_a_name_that_cannot_be_right_sends_no_request(
    github: GitHubState, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...], needle: str
) -> None:
    github.add_repo(REPO, {NOTES: REMOTE})
    meeting = saved_meeting()
    code, err = publish(github, capsys, meeting, *flags)
    assert code == 1 and needle in one_sentence(err)
    assert github.requests() == 0
    assert github.text(REPO, NOTES) == REMOTE


def test_retrying_an_entry_publishes_it_once_the_server_behaves(github: GitHubState, capsys: pytest.CaptureFixture[str]) -> None:
    github.add_repo(REPO, {NOTES: REMOTE})
    waiting, now = saved_meeting(), Meeting(series="Garden", date=date(2024, 4, 11), heading="April 11, 2024")
    DraftStore().save(now)
    github.fail("PUT", "contents", 500)
    assert publish(github, capsys, waiting)[0] == 1
    OutboxStore().make_due()  # as its backoff having passed would
    code, err = publish(github, capsys, now)
    assert code == 0
    assert "queued publish" in err and "Published:" in err
    text = github.text(REPO, NOTES)
    assert "## March 28, 2024" in text and "## April 11, 2024" in text
    assert OutboxStore().load().entries == []


def test_a_2_gb_answer_is_refused_in_little_memory(github: GitHubState, hostdesk_home: Path) -> None:
    github.add_repo(REPO, {NOTES: REMOTE})
    meeting = saved_meeting()
    args = ("--repo", REPO, "--path", NOTES, "--api-url", github.base)
    code, err, normal = publish_in_a_process(meeting.id, hostdesk_home, *args)
    assert code == 0, err
    other = Meeting(series="Garden", date=date(2024, 4, 11), heading="April 11, 2024")
    DraftStore().save(other)
    github.fail("GET", "contents", 200, size=2 * 1024**3, declare=False)
    code, err, peak = publish_in_a_process(other.id, hostdesk_home, *args)
    print(f"peak RSS: {normal:.0f} MB for a normal publish, {peak:.0f} MB refusing a 2 GB answer")
    assert code == 1 and "larger than 10 MB" in one_sentence(err)
    assert peak - normal < 100
