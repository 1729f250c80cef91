"""GitHubClient: a thin REST client on httpx, used from a worker thread, never the GUI's."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from hostdesk import __version__
from hostdesk.publish.errors import Offline, PublishError, error_for
from hostdesk.publish.secrets import Token

if TYPE_CHECKING:
    import httpx

DEFAULT_API = "https://api.github.com"
RAW = "application/vnd.github.raw+json"


@dataclass(frozen=True)
class RemoteFile:
    text: str
    sha: str


def api_host(api_url: str) -> str:
    """The name a token is filed under: the API's host, e.g. api.github.com."""
    from urllib.parse import urlsplit

    return urlsplit(api_url).netloc or api_url


class GitHubClient:
    """One method per endpoint; every failure comes back as a typed PublishError."""

    def __init__(
        self,
        token: Token,
        api_url: str = DEFAULT_API,
        timeout: float = 15.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        import httpx

        self.api_url = api_url.rstrip("/")
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
            timeout=httpx.Timeout(timeout, connect=5.0),
            transport=transport,
            trust_env=True,  # honour HTTPS_PROXY and friends
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> GitHubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def call(
        self,
        method: str,
        path: str,
        what: str,
        *,
        json: Any = None,
        params: dict[str, str] | None = None,
        accept: str | None = None,
    ) -> Any:
        import httpx

        headers = {"Accept": accept} if accept else None
        self.requests += 1
        try:
            response = self._http.request(method, path, json=json, params=params, headers=headers)
        except httpx.TimeoutException:
            raise Offline("GitHub did not answer in time; the publish is queued.") from None
        except httpx.TransportError as exc:
            raise Offline(
                f"Could not reach {api_host(self.api_url)} (no network?); the publish is queued."
            ) from exc
        self.last_headers = dict(response.headers)
        if response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = {}
            raise error_for(response.status_code, body, response.headers, what)
        if accept == RAW:
            return response.text
        return response.json() if response.content else None

    # -- account and repository

    def user(self) -> dict[str, Any]:
        return dict(self.call("GET", "/user", "your account"))

    def repository(self, repo: str) -> dict[str, Any]:
        return dict(self.call("GET", f"/repos/{repo}", repo))

    # -- contents

    def get_file(self, repo: str, path: str, ref: str = "") -> RemoteFile | None:
        """The file's text and blob sha, or None when it does not exist yet."""
        params = {"ref": ref} if ref else None
        url = f"/repos/{repo}/contents/{quote(path)}"
        try:
            body = self.call("GET", url, f"{repo}/{path}", params=params)
        except PublishError as exc:
            if exc.status == 404:
                return None
            raise
        if isinstance(body, list):
            raise PublishError(f"{path} in {repo} is a folder, not a notes file.")
        if body.get("encoding") == "none" or (body.get("content") == "" and body.get("size")):
            text = self.call("GET", url, f"{repo}/{path}", params=params, accept=RAW)
            return RemoteFile(text, body["sha"])
        raw = base64.b64decode(body.get("content", ""))
        return RemoteFile(raw.decode("utf-8"), body["sha"])

    def put_file(
        self, repo: str, path: str, text: str, message: str, branch: str = "", sha: str = ""
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "message": message,
            "content": base64.b64encode(text.encode("utf-8")).decode("ascii"),
        }
        if branch:
            payload["branch"] = branch
        if sha:
            payload["sha"] = sha
        return dict(self.call("PUT", f"/repos/{repo}/contents/{quote(path)}", f"{repo}/{path}", json=payload))

    # -- refs and the Git Data API

    def get_ref(self, repo: str, branch: str) -> str:
        body = self.call("GET", f"/repos/{repo}/git/ref/heads/{quote(branch)}", f"{repo}@{branch}")
        return str(body["object"]["sha"])

    def create_ref(self, repo: str, branch: str, sha: str) -> None:
        self.call(
            "POST",
            f"/repos/{repo}/git/refs",
            f"{repo}@{branch}",
            json={"ref": f"refs/heads/{branch}", "sha": sha},
        )

    def update_ref(self, repo: str, branch: str, sha: str) -> None:
        self.call(
            "PATCH",
            f"/repos/{repo}/git/refs/heads/{quote(branch)}",
            f"{repo}@{branch}",
            json={"sha": sha, "force": False},
        )

    def commit_tree(self, repo: str, commit: str) -> str:
        return str(self.call("GET", f"/repos/{repo}/git/commits/{commit}", repo)["tree"]["sha"])

    def create_blob(self, repo: str, text: str) -> str:
        body = self.call(
            "POST", f"/repos/{repo}/git/blobs", repo, json={"content": text, "encoding": "utf-8"}
        )
        return str(body["sha"])

    def create_tree(self, repo: str, base_tree: str, files: dict[str, str]) -> str:
        """A tree on top of base_tree with each path set to a blob sha."""
        entries = [{"path": p, "mode": "100644", "type": "blob", "sha": s} for p, s in files.items()]
        body = self.call(
            "POST", f"/repos/{repo}/git/trees", repo, json={"base_tree": base_tree, "tree": entries}
        )
        return str(body["sha"])

    def create_commit(self, repo: str, message: str, tree: str, parent: str) -> dict[str, Any]:
        return dict(
            self.call(
                "POST",
                f"/repos/{repo}/git/commits",
                repo,
                json={"message": message, "tree": tree, "parents": [parent]},
            )
        )

    # -- pull requests

    def open_pull(self, repo: str, head: str) -> dict[str, Any] | None:
        owner = repo.split("/")[0]
        found = self.call(
            "GET", f"/repos/{repo}/pulls", repo, params={"state": "open", "head": f"{owner}:{head}"}
        )
        return dict(found[0]) if found else None

    def create_pull(self, repo: str, head: str, base: str, title: str, body: str) -> dict[str, Any]:
        return dict(
            self.call(
                "POST",
                f"/repos/{repo}/pulls",
                repo,
                json={"title": title, "head": head, "base": base, "body": body},
            )
        )
