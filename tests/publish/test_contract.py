"""The test server and the client agree with GitHub's real recorded exchanges."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from hostdesk.publish.client import GitHubClient
from hostdesk.publish.errors import ValidationFailed, error_for
from hostdesk.publish.secrets import Token
from tests.publish.fixtures import TOKEN
from tests.publish.github_server import GitHubState, blob_sha


def exchanges(recordings: Path, name: str) -> list[dict[str, Any]]:
    return json.loads((recordings / name).read_text(encoding="utf-8"))


def raw(github: GitHubState, method: str, path: str, body: Any = None) -> httpx.Response:
    return httpx.request(
        method,
        github.base + path,
        json=body,
        headers={
            "Authorization": f"Bearer {TOKEN}",
            "User-Agent": "contract-test",
            "Accept": "application/vnd.github+json",
        },
    )


def test_create_file_matches_the_recording(github: GitHubState, recordings: Path) -> None:
    real = next(e for e in exchanges(recordings, "create-file.json") if e["method"] == "put")
    github.add_repo("octo/fixture", {"README.md": "hi\n"})
    ours = raw(github, "PUT", "/repos/octo/fixture/contents/test.txt", real["body"])
    assert ours.status_code == real["status"] == 201
    for part in ("content", "commit"):
        assert set(real["response"][part]) <= set(ours.json()[part]), part
    data = base64.b64decode(real["body"]["content"])
    assert ours.json()["content"]["sha"] == blob_sha(data) == real["response"]["content"]["sha"]


def test_get_repository_and_refs_match_the_recordings(github: GitHubState, recordings: Path) -> None:
    github.add_repo("octo/fixture", {"1.md": "# git-refs\n"})
    repo = exchanges(recordings, "get-repository.json")[0]["response"]
    ours = raw(github, "GET", "/repos/octo/fixture").json()
    for key in ("default_branch", "permissions", "full_name", "owner", "html_url", "private"):
        assert key in repo and key in ours
    assert set(repo["permissions"]) == set(ours["permissions"])
    for real in exchanges(recordings, "git-refs.json"):
        if "/git/refs" not in real["path"] or real["method"] not in ("get", "post"):
            continue
        if real["method"] == "post":
            head = raw(github, "GET", "/repos/octo/fixture/git/ref/heads/main").json()["object"]["sha"]
            got = raw(
                github, "POST", "/repos/octo/fixture/git/refs", {"ref": real["body"]["ref"], "sha": head}
            )
            assert got.status_code == real["status"]
            assert set(real["response"]) == set(got.json())
            again = raw(
                github, "POST", "/repos/octo/fixture/git/refs", {"ref": real["body"]["ref"], "sha": head}
            )
            assert again.status_code == 422 and again.json()["message"] == "Reference already exists"
        else:
            got = raw(github, "GET", "/repos/octo/fixture/git/refs")
            assert got.status_code == real["status"]
            assert set(real["response"][0]) == set(got.json()[0])


def test_content_listing_fields_match(github: GitHubState, recordings: Path) -> None:
    listing = exchanges(recordings, "get-content.json")[0]["response"][0]
    github.add_repo("octo/fixture", {"README.md": "# hello-world"})
    ours = raw(github, "GET", "/repos/octo/fixture/contents/README.md").json()
    assert set(listing) <= set(ours)
    assert ours["sha"] == listing["sha"]  # the same bytes give git's same blob sha


def test_the_client_parses_the_recorded_bodies(recordings: Path) -> None:
    def replay(request: httpx.Request) -> httpx.Response:
        for name in ("create-file.json", "get-repository.json", "git-refs.json", "get-content.json"):
            for e in exchanges(recordings, name):
                if e["method"].upper() == request.method and e["path"].split("?")[0] == request.url.path:
                    if isinstance(e["response"], str):
                        return httpx.Response(e["status"], text=e["response"])
                    return httpx.Response(e["status"], json=e["response"])
        return httpx.Response(404, json={"message": "Not Found"})

    # Replaying recordings is the one place a fake transport stands in: the real API is not reachable here.
    client = GitHubClient(Token(TOKEN), transport=httpx.MockTransport(replay))
    repo = client.repository("octokit-fixture-org/hello-world")
    assert repo.default_branch == "master"
    put = next(e for e in exchanges(recordings, "create-file.json") if e["method"] == "put")
    owner_repo = "/".join(put["path"].split("/")[2:4])
    written = client.write_file(owner_repo, "test.txt", "Test content", "create test.txt", "", "")
    assert written.commit == put["response"]["commit"]["sha"]
    assert written.url == put["response"]["content"]["html_url"]  # the API's own link


def test_the_recorded_validation_error_becomes_a_sentence(recordings: Path) -> None:
    real = next(e for e in exchanges(recordings, "errors.json") if e["status"] == 422)
    error = error_for(422, real["response"], {}, "octo/fixture")
    assert isinstance(error, ValidationFailed)
    assert str(error) == "GitHub rejected the request for octo/fixture: Validation Failed (invalid)."
    assert error.errors == [{"resource": "Label", "code": "invalid", "field": "color"}]


@pytest.mark.parametrize(
    ("status", "body", "headers", "needle"),
    [
        (401, {"message": "Bad credentials"}, {}, "refused the token"),
        (
            403,
            {"message": "Resource not accessible by personal access token"},
            {"x-accepted-github-permissions": "contents=write"},
            "it needs contents=write",
        ),
        (404, {"message": "Not Found"}, {}, "does not exist, or this token cannot see it"),
        (409, {"message": "a.md does not match abc"}, {}, "changed on GitHub"),
        (422, {"message": "Update is not a fast forward"}, {}, "moved on"),
        (
            429,
            {"message": "API rate limit exceeded"},
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1060"},
            "about 1 min",
        ),
        (403, {"message": "You have exceeded a secondary rate limit"}, {}, "try again in 60 s"),
        (503, {"message": "Service Unavailable"}, {}, "server error (503)"),
    ],
)
def test_every_error_in_the_table_has_its_sentence(
    status: int, body: dict[str, str], headers: dict[str, str], needle: str
) -> None:
    assert needle in str(error_for(status, body, headers, "octo/fixture", now=1000.0))
