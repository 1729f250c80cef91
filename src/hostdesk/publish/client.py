"""GitHubClient: the hosting seam on GitHub's REST API (httpx), used from a worker thread.

GitHub's own names live here alone: the API URL, GITHUB_TOKEN, the token shapes. Every
answer is checked before use: its status class, its fields, its size, its time, and a
file's content against the blob sha GitHub sent with it."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, ValidationError

from hostdesk import __version__
from hostdesk.publish.errors import (
    BadAnswer,
    BadTarget,
    Conflict,
    NotFound,
    NoToken,
    Offline,
    ValidationFailed,
    error_for,
)
from hostdesk.publish.github_answers import (
    CommitAnswer,
    FileAnswer,
    Named,
    PullAnswer,
    PutAnswer,
    RefAnswer,
    RepoAnswer,
    TreeAnswer,
    UserAnswer,
)
from hostdesk.publish.hosting import Deadline, RemoteFile, Written
from hostdesk.publish.names import check_branch, check_repo
from hostdesk.publish.secrets import Token

if TYPE_CHECKING:
    import httpx

DEFAULT_API = "https://api.github.com"
TOKEN_ENV = "GITHUB_TOKEN"
TOKEN_PATTERN = re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,})")
RAW = "application/vnd.github.raw+json"
MAX_BODY = 10 * 1024 * 1024  # a notes file ten times the biggest seen is still far below
LOOPBACK = ("127.0.0.1", "localhost", "::1")
A = TypeVar("A", bound=BaseModel)


def api_host(api_url: str) -> str:
    """The name a token is filed under: the API's host, e.g. api.github.com."""
    return urlsplit(api_url).netloc or api_url


def no_token() -> NoToken:
    return NoToken(f"No GitHub token is set; set one with `hostdesk token set` or {TOKEN_ENV}.")


def web_root(api_url: str) -> str:
    """GitHub's web site for an API URL; used only where no answer gave a link."""
    return api_url.rstrip("/").replace("//api.github.com", "//github.com").removesuffix("/api/v3")


def check_api_url(api_url: str) -> str:
    """An API URL the token may be sent to: https, or plain http on this machine only."""
    parts = urlsplit(api_url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise BadTarget(f"“{api_url}” is not an API URL; give one such as {DEFAULT_API}.")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise BadTarget(
            f"hostdesk does not send the token over plain http to {parts.hostname}; give an https API URL."
        )
    return api_url.rstrip("/")


def blob_sha(data: bytes) -> str:
    """Git's blob sha, which the Contents API sends with every file."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class GitHubClient:
    """The Hosting protocol on GitHub; every failure comes back as a typed PublishError."""

    def __init__(
        self,
        token: Token,
        api_url: str = DEFAULT_API,
        timeout: float = 15.0,
        transport: httpx.BaseTransport | None = None,
        deadline: Deadline | None = None,
        max_body: int = MAX_BODY,
    ) -> None:
        import httpx

        self.api_url = check_api_url(api_url)
        self.timeout = timeout
        self.deadline = deadline
        self.max_body = max_body
        self.requests = 0
        self.last_headers: dict[str, str] = {}
        self._http = httpx.Client(
            base_url=self.api_url,
            headers={
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": f"hostdesk/{__version__}",
                "Authorization": f"Bearer {token.reveal()}",
            },
            transport=transport,
            follow_redirects=False,  # a redirected write is not a write: error_for says so
            trust_env=True,  # honour HTTPS_PROXY and friends
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> GitHubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one exchange, checked

    def _timeout(self) -> httpx.Timeout:
        import httpx

        left = self.deadline.left() if self.deadline else self.timeout
        return httpx.Timeout(min(self.timeout, left), connect=min(5.0, left))

    def send(
        self,
        method: str,
        path: str,
        what: str,
        *,
        json_body: Any = None,
        params: dict[str, str] | None = None,
        accept: str | None = None,
    ) -> bytes:
        """The answer's body, after its status and size are checked."""
        import httpx

        headers = {"Accept": accept} if accept else None
        request = self._http.build_request(
            method, path, json=json_body, params=params, headers=headers, timeout=self._timeout()
        )
        self.requests += 1
        try:
            response = self._http.send(request, stream=True)
            try:
                data = self._read(response, what)
            finally:
                response.close()
        except httpx.TimeoutException:
            raise Offline("GitHub did not answer in time; the publish is queued.") from None
        except httpx.TransportError as exc:
            raise Offline(
                f"Could not reach {api_host(self.api_url)} (no network?); the publish is queued."
            ) from exc
        except httpx.HTTPError as exc:
            raise BadAnswer(f"GitHub's answer for {what} could not be read; the publish is queued.") from exc
        self.last_headers = dict(response.headers)
        if not 200 <= response.status_code < 300:
            raise error_for(response.status_code, _json_or_empty(data), response.headers, what)
        return data

    def _read(self, response: httpx.Response, what: str) -> bytes:
        """The body, refused past `max_body` and stopped at the deadline."""
        declared = response.headers.get("content-length", "")
        too_big = BadAnswer(
            f"GitHub's answer for {what} is larger than {self.max_body // (1024 * 1024)} MB; "
            "hostdesk refused it and the publish is queued."
        )
        if declared.isdigit() and int(declared) > self.max_body:
            raise too_big
        data = bytearray()
        for chunk in response.iter_bytes(64 * 1024):
            data += chunk
            if len(data) > self.max_body:
                raise too_big
            if self.deadline:
                self.deadline.left()
        return bytes(data)

    def call(self, model: type[A], method: str, path: str, what: str, **kwargs: Any) -> A:
        """The answer as `model`, or BadAnswer when it is not what GitHub promises."""
        return _answer(model, self.json(method, path, what, **kwargs), what)

    def json(self, method: str, path: str, what: str, **kwargs: Any) -> Any:
        data = self.send(method, path, what, **kwargs)
        try:
            return json.loads(data) if data else None
        except (ValueError, RecursionError):
            raise BadAnswer(f"GitHub's answer for {what} is not valid JSON; the publish is queued.") from None

    # -- account and repository

    def user(self) -> UserAnswer:
        return self.call(UserAnswer, "GET", "/user", "your account")

    def repository(self, repo: str) -> RepoAnswer:
        return self.call(RepoAnswer, "GET", f"/repos/{check_repo(repo)}", repo)

    def default_branch(self, repo: str) -> str:
        branch = self.repository(repo).default_branch
        try:
            return check_branch(branch)
        except BadTarget:
            raise BadAnswer(f"GitHub named a default branch of {repo} that git would refuse.") from None

    # -- contents

    def read_file(self, repo: str, path: str, ref: str = "") -> RemoteFile | None:
        """The file's text and blob sha, or None when it does not exist yet."""
        params = {"ref": ref} if ref else None
        url = f"/repos/{repo}/contents/{quote(path)}"
        what = f"{repo}/{path}"
        try:
            body = self.json("GET", url, what, params=params)
        except NotFound:
            return None
        if isinstance(body, list):
            raise BadTarget(f"{path} in {repo} is a folder, not a notes file.")
        found = _answer(FileAnswer, body, what)
        if found.encoding == "none" or (found.content == "" and found.size):
            data = self.send("GET", url, what, params=params, accept=RAW)
        elif found.encoding == "base64":
            data = _strict_base64(found.content, what)
        else:
            raise BadAnswer(f"GitHub sent {what} in an unknown encoding; the publish is queued.")
        if blob_sha(data) != found.sha:
            raise BadAnswer(
                f"GitHub's copy of {what} did not match its own checksum (a corrupt answer); "
                "nothing was written and the publish is queued."
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadTarget(
                f"{what} is not UTF-8 text (bad byte at offset {exc.start}); hostdesk does not rewrite it."
            ) from None
        return RemoteFile(text, found.sha, found.html_url or "")

    def list_files(self, repo: str, folder: str, ref: str = "") -> list[str]:
        """One request for the whole tree (the Git Trees API, recursive), however deep the
        series' folders go; GitHub cuts a tree of over 100,000 entries, which a notes
        repository does not reach."""
        ref = ref or self.default_branch(repo)
        url = f"/repos/{repo}/git/trees/{quote(ref)}"
        found = self.call(TreeAnswer, "GET", url, f"{repo}/{folder}", params={"recursive": "1"})
        prefix = folder.strip("/") + "/" if folder.strip("/") else ""
        return [e.path for e in found.tree if e.type == "blob" and e.path.startswith(prefix)]

    def write_file(self, repo: str, path: str, text: str, message: str, branch: str, sha: str) -> Written:
        data = text.encode("utf-8")
        payload: dict[str, Any] = {"message": message, "content": base64.b64encode(data).decode("ascii")}
        if branch:
            payload["branch"] = branch
        if sha:
            payload["sha"] = sha
        what = f"{repo}/{path}"
        body = self.call(PutAnswer, "PUT", f"/repos/{repo}/contents/{quote(path)}", what, json_body=payload)
        if body.content.sha != blob_sha(data):
            raise BadAnswer(f"GitHub says it stored other bytes than hostdesk sent for {what}.")
        return Written(body.commit.sha, body.content.html_url or body.commit.html_url or "")

    def file_url(self, repo: str, path: str, branch: str) -> str:
        params = {"ref": branch} if branch else None
        url = f"/repos/{repo}/contents/{quote(path)}"
        found = self.call(FileAnswer, "GET", url, f"{repo}/{path}", params=params)
        return found.html_url or ""

    # -- refs and the Git Data API

    def head(self, repo: str, branch: str) -> str:
        ref = f"/repos/{repo}/git/ref/heads/{quote(branch)}"
        return self.call(RefAnswer, "GET", ref, f"{repo}@{branch}").object.sha

    def ensure_branch(self, repo: str, branch: str, base: str) -> None:
        try:
            self.head(repo, branch)
            return
        except NotFound:
            pass
        start = self.head(repo, base)
        try:
            self.send(
                "POST",
                f"/repos/{repo}/git/refs",
                f"{repo}@{branch}",
                json_body={"ref": f"refs/heads/{branch}", "sha": start},
            )
        except ValidationFailed as exc:
            if "already exists" not in str(exc):
                raise  # else another publish made it a moment ago: as good

    def commit_files(
        self, repo: str, branch: str, parent: str, files: dict[str, str], message: str
    ) -> Written:
        tree = self.call(CommitAnswer, "GET", f"/repos/{repo}/git/commits/{parent}", repo).tree
        if tree is None:
            raise BadAnswer(f"GitHub's answer for a commit of {repo} has no tree; the publish is queued.")
        entries = []
        for path, text in files.items():
            blob = self.call(
                Named,
                "POST",
                f"/repos/{repo}/git/blobs",
                repo,
                json_body={"content": text, "encoding": "utf-8"},
            )
            if blob.sha != blob_sha(text.encode("utf-8")):
                raise BadAnswer(f"GitHub says it stored other bytes than hostdesk sent for {repo}/{path}.")
            entries.append({"path": path, "mode": "100644", "type": "blob", "sha": blob.sha})
        new_tree = self.call(
            Named,
            "POST",
            f"/repos/{repo}/git/trees",
            repo,
            json_body={"base_tree": tree.sha, "tree": entries},
        )
        commit = self.call(
            CommitAnswer,
            "POST",
            f"/repos/{repo}/git/commits",
            repo,
            json_body={"message": message, "tree": new_tree.sha, "parents": [parent]},
        )
        self.send(
            "PATCH",
            f"/repos/{repo}/git/refs/heads/{quote(branch)}",
            f"{repo}@{branch}",
            json_body={"sha": commit.sha, "force": False},
        )
        return Written(commit.sha, commit.html_url or "")

    # -- pull requests

    def pull_request(self, repo: str, head: str, base: str, title: str, body: str) -> str:
        owner = repo.split("/")[0]
        query = {"state": "open", "head": f"{owner}:{head}"}
        for attempt in range(2):
            found = self.json("GET", f"/repos/{repo}/pulls", repo, params=query)
            if not isinstance(found, list):
                raise BadAnswer(
                    f"GitHub's list of pull requests of {repo} is not a list; the publish is queued."
                )
            if found:
                return _answer(PullAnswer, found[0], repo).html_url
            try:
                return self.call(
                    PullAnswer,
                    "POST",
                    f"/repos/{repo}/pulls",
                    repo,
                    json_body={"title": title, "head": head, "base": base, "body": body},
                ).html_url
            except ValidationFailed as exc:
                if "already exists" not in str(exc) or attempt:
                    raise  # else opened by another publish a moment ago: find it
        raise Conflict(f"The pull request of {repo} kept changing; try again.")


def _json_or_empty(data: bytes) -> Any:
    try:
        return json.loads(data) if data else {}
    except (ValueError, RecursionError):
        return {}


def _answer(model: type[A], body: Any, what: str) -> A:
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "the answer"
        raise BadAnswer(
            f"GitHub's answer for {what} is not what its API promises ({field}: {first['msg']}); "
            "the publish is queued."
        ) from None


def _strict_base64(content: str, what: str) -> bytes:
    """GitHub's base64 wraps lines; anything else in it means a corrupt answer."""
    try:
        return base64.b64decode(content.replace("\n", ""), validate=True)
    except (binascii.Error, ValueError):
        raise BadAnswer(
            f"GitHub sent {what} in broken base64 (a corrupt answer); nothing was written and the "
            "publish is queued."
        ) from None
