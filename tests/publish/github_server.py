"""A local, stateful stand-in for GitHub's REST API: real HTTP on 127.0.0.1.

It keeps repositories as git does (blobs addressed by git's own sha, trees, commits,
branches, pull requests) and answers with the status codes and bodies GitHub uses,
as recorded in ../shared/github-recordings. Tests inject failures and concurrent edits.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


def blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob " + str(len(data)).encode() + b"\0" + data).hexdigest()


@dataclass
class Commit:
    tree: dict[str, bytes]
    parents: list[str]
    message: str


@dataclass
class Repo:
    owner: str
    name: str
    default_branch: str = "main"
    branches: dict[str, str] = field(default_factory=dict)
    commits: dict[str, Commit] = field(default_factory=dict)
    trees: dict[str, dict[str, bytes]] = field(default_factory=dict)
    blobs: dict[str, bytes] = field(default_factory=dict)
    pulls: list[dict[str, Any]] = field(default_factory=list)
    protected: set[str] = field(default_factory=set)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def files(self, branch: str) -> dict[str, bytes]:
        return self.commits[self.branches[branch]].tree


@dataclass
class Account:
    login: str
    push: bool = True
    expires: str = ""


@dataclass
class Fault:
    """One misbehaving answer. Beyond a status and body, a fault can send raw bytes, drip
    them one at a time, stream a huge body generated on the fly, or rewrite the real
    answer (`change`), e.g. to break a file's base64 while keeping its true sha."""

    method: str
    pattern: re.Pattern[str]
    status: int
    body: Any
    headers: dict[str, str]
    times: int
    apply_first: bool = False  # a 5xx that lands the write and then fails anyway
    raw: bytes | None = None
    drip: float = 0.0  # seconds between the body's bytes
    size: int = 0  # a generated body of this many bytes
    declare: bool = True  # send Content-Length (else the body ends when the connection does)
    change: Callable[[Any], Any] | None = None


class GitHubState:
    def __init__(self, base_url: str) -> None:
        self.base = base_url
        self.repos: dict[str, Repo] = {}
        self.tokens: dict[str, Account] = {}
        self.faults: list[Fault] = []
        self.hooks: list[tuple[str, re.Pattern[str], Callable[[], None]]] = []
        self.log: list[tuple[str, str, int]] = []
        self.authorizations: list[str] = []
        self.lock = threading.RLock()
        self._counter = 0

    # -- set-up helpers for tests

    def add_token(self, token: str, login: str = "host", push: bool = True, expires: str = "") -> None:
        self.tokens[token] = Account(login, push, expires)

    def add_repo(self, full_name: str, files: dict[str, str] | None = None, branch: str = "main") -> Repo:
        owner, name = full_name.split("/")
        repo = Repo(owner, name, default_branch=branch)
        self.repos[full_name] = repo
        if files is not None:
            sha = self.commit(repo, {p: t.encode() for p, t in files.items()}, [], "initial")
            repo.branches[branch] = sha
        return repo

    def commit(self, repo: Repo, tree: dict[str, bytes], parents: list[str], message: str) -> str:
        self._counter += 1
        sha = hashlib.sha1(f"commit {self._counter} {message} {parents}".encode()).hexdigest()
        repo.commits[sha] = Commit(dict(tree), parents, message)
        for data in tree.values():
            repo.blobs[blob_sha(data)] = data
        return sha

    def edit(self, full_name: str, path: str, text: str, branch: str = "main") -> None:
        """Someone else commits on GitHub, as if in the web editor."""
        repo = self.repos[full_name]
        tree = dict(repo.files(branch))
        tree[path] = text.encode()
        repo.branches[branch] = self.commit(repo, tree, [repo.branches[branch]], "web edit")

    def text(self, full_name: str, path: str, branch: str = "main") -> str:
        return self.repos[full_name].files(branch)[path].decode()

    def fail(
        self,
        method: str,
        pattern: str,
        status: int,
        body: Any = None,
        headers: dict[str, str] | None = None,
        times: int = 1,
        apply_first: bool = False,
        **misbehaviour: Any,
    ) -> None:
        self.faults.append(
            Fault(
                method.upper(),
                re.compile(pattern),
                status,
                body if body is not None else {"message": "Server Error"},
                headers or {},
                times,
                apply_first,
                **misbehaviour,
            )
        )

    def corrupt(self, method: str, pattern: str, change: Callable[[Any], Any], times: int = 1) -> None:
        """Answer as GitHub would, then rewrite the answer's body with `change`."""
        self.fail(method, pattern, 0, times=times, change=change)

    def before(self, method: str, pattern: str, action: Callable[[], None]) -> None:
        """Run `action` once, just before the next matching request is handled."""
        self.hooks.append((method.upper(), re.compile(pattern), action))

    def requests(self, method: str | None = None) -> int:
        return sum(1 for m, _, _ in self.log if method is None or m == method)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without this, Nagle's algorithm and the
    # client's delayed ACK add 40 ms to every keep-alive request.
    disable_nagle_algorithm = True

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(
        self,
        status: int,
        body: Any = None,
        headers: dict[str, str] | None = None,
        raw: str | None = None,
    ) -> None:
        data = raw.encode() if raw is not None else (b"" if body is None else json.dumps(body).encode())
        self.send_response(status)
        ctype = (
            "application/vnd.github.raw; charset=utf-8"
            if raw is not None
            else "application/json; charset=utf-8"
        )
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-GitHub-Api-Version-Selected", "2022-11-28")
        self.send_header("x-ratelimit-limit", "5000")
        self.send_header("x-ratelimit-remaining", "4999")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        # Logged before the reply goes out, so a count taken after a response is exact.
        self.server.state.log.append((self.command, self.path, status))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, **extra: Any) -> None:
        body = {
            "message": message,
            "documentation_url": "https://docs.github.com/rest",
            "status": str(status),
            **extra,
        }
        self._send(status, body, extra.pop("_headers", None))

    def _handle(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        payload = json.loads(self.rfile.read(length) or b"null") if length else None
        url = urlsplit(self.path)
        path, query = unquote(url.path), {k: v[0] for k, v in parse_qs(url.query).items()}
        with state.lock:
            for hook in list(state.hooks):
                if hook[0] == self.command and hook[1].search(path):
                    state.hooks.remove(hook)
                    hook[2]()
            if not self.headers.get("User-Agent"):
                return self._error(
                    403,
                    "Request forbidden by administrative rules. Please make sure your request has a User-Agent header.",
                )
            auth = self.headers.get("Authorization", "")
            state.authorizations.append(auth)
            account = state.tokens.get(auth.removeprefix("Bearer ").removeprefix("token "))
            if account is None:
                return self._error(401, "Bad credentials")
            fault = next(
                (f for f in state.faults if f.method == self.command and f.pattern.search(path)),
                None,
            )
            if fault is not None:
                fault.times -= 1
                if fault.times <= 0:
                    state.faults.remove(fault)
                status, data = fault.status, b""
                if fault.change is not None:
                    real = _Capture(self)
                    _route(real, state, account, path, query, payload)
                    status, changed = real.status, fault.change(real.body)
                    data = changed if isinstance(changed, bytes) else json.dumps(changed).encode()
                else:
                    if fault.apply_first:
                        _route(self, state, account, path, query, payload, quiet=True)
                    data = fault.raw if fault.raw is not None else json.dumps(fault.body).encode()
                self.server.state.log.append((self.command, self.path, status))
        if fault is not None:  # sent outside the lock: a slow answer holds up no one else
            return self._misbehave(fault, status, data)
        with state.lock:
            return _route(self, state, account, path, query, payload)

    def _misbehave(self, fault: Fault, status: int, data: bytes) -> None:
        size = fault.size or len(data)
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        if fault.declare:
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        for key, value in fault.headers.items():
            self.send_header(key, value)
        self.end_headers()
        try:
            if fault.size:
                chunk = b"x" * 65536
                for start in range(0, size, len(chunk)):
                    self.wfile.write(chunk[: size - start])
            elif fault.drip:
                for byte in data:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(fault.drip)  # the server drips; the tests never wait for it
            else:
                self.wfile.write(data)
        except OSError:
            pass  # the client gave up, as it should

    do_GET = do_PUT = do_POST = do_PATCH = do_DELETE = _handle


class _Capture:
    """Keeps the answer a route would give, for a fault to rewrite."""

    def __init__(self, real: Any) -> None:
        self.command, self.headers = real.command, real.headers
        self.status, self.body = 0, None

    def _send(self, status: int, body: Any = None, headers: Any = None, raw: str | None = None) -> None:
        self.status, self.body = status, (raw if raw is not None else body)

    def _error(self, status: int, message: str, **extra: Any) -> None:
        extra.pop("_headers", None)
        self._send(status, {"message": message, "status": str(status), **extra})


class _Quiet:
    """Swallows the response of a write that a fault will answer for instead."""

    def __init__(self, real: Any) -> None:
        self.command, self.headers = real.command, real.headers

    def _send(self, *args: Any, **kwargs: Any) -> None:
        pass

    def _error(self, *args: Any, **kwargs: Any) -> None:
        pass


def _content(state: GitHubState, repo: Repo, path: str, data: bytes, branch: str) -> dict[str, Any]:
    sha = blob_sha(data)
    api = f"{state.base}/repos/{repo.full_name}"
    return {
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "sha": sha,
        "size": len(data),
        "url": f"{api}/contents/{path}?ref={branch}",
        "html_url": f"https://github.example/{repo.full_name}/blob/{branch}/{path}",
        "git_url": f"{api}/git/blobs/{sha}",
        "download_url": f"https://raw.example/{repo.full_name}/{branch}/{path}",
        "type": "file",
        "_links": {
            "self": f"{api}/contents/{path}?ref={branch}",
            "git": f"{api}/git/blobs/{sha}",
            "html": f"https://github.example/{repo.full_name}/blob/{branch}/{path}",
        },
    }


def _commit_body(state: GitHubState, repo: Repo, sha: str) -> dict[str, Any]:
    commit = repo.commits[sha]
    api = f"{state.base}/repos/{repo.full_name}"
    person = {"name": "host", "email": "host@example.org", "date": "2026-11-26T12:00:00Z"}
    return {
        "sha": sha,
        "node_id": "C_" + sha[:10],
        "url": f"{api}/git/commits/{sha}",
        "html_url": f"https://github.example/{repo.full_name}/commit/{sha}",
        "author": person,
        "committer": person,
        "message": commit.message,
        "tree": {"sha": _tree_sha(repo, commit.tree), "url": f"{api}/git/trees/x"},
        "parents": [{"sha": p, "url": f"{api}/git/commits/{p}"} for p in commit.parents],
        "verification": {
            "verified": False,
            "reason": "unsigned",
            "signature": None,
            "payload": None,
        },
    }


def _tree_sha(repo: Repo, tree: dict[str, bytes]) -> str:
    sha = hashlib.sha1(json.dumps({p: blob_sha(d) for p, d in sorted(tree.items())}).encode()).hexdigest()
    repo.trees[sha] = dict(tree)
    return sha


def _ref_body(state: GitHubState, repo: Repo, branch: str) -> dict[str, Any]:
    api = f"{state.base}/repos/{repo.full_name}"
    sha = repo.branches[branch]
    return {
        "ref": f"refs/heads/{branch}",
        "node_id": "REF_" + branch,
        "url": f"{api}/git/refs/heads/{branch}",
        "object": {"sha": sha, "type": "commit", "url": f"{api}/git/commits/{sha}"},
    }


def _repo_body(state: GitHubState, repo: Repo, account: Account) -> dict[str, Any]:
    return {
        "id": abs(hash(repo.full_name)) % 10**9,
        "node_id": "R_" + repo.name,
        "name": repo.name,
        "full_name": repo.full_name,
        "private": False,
        "owner": {"login": repo.owner, "type": "Organization"},
        "html_url": f"https://github.example/{repo.full_name}",
        "url": f"{state.base}/repos/{repo.full_name}",
        "default_branch": repo.default_branch,
        "permissions": {
            "admin": False,
            "maintain": False,
            "push": account.push,
            "triage": True,
            "pull": True,
        },
        "visibility": "public",
        "archived": False,
        "disabled": False,
        "fork": False,
    }


def _route(
    h: Any,
    state: GitHubState,
    account: Account,
    path: str,
    query: dict[str, str],
    body: Any,
    quiet: bool = False,
) -> None:
    if quiet:
        h = _Quiet(h)
    if path == "/user":
        headers = {"github-authentication-token-expiration": account.expires} if account.expires else {}
        return h._send(200, {"login": account.login, "id": 1, "type": "User"}, headers)
    m = re.match(r"^/repos/([^/]+/[^/]+)(/.*)?$", path)
    if not m or m[1] not in state.repos:
        return h._error(404, "Not Found")
    repo, rest = state.repos[m[1]], m[2] or ""
    method = h.command
    writing = method in ("PUT", "POST", "PATCH", "DELETE")
    if writing and not account.push:
        return h._error(
            403,
            "Resource not accessible by personal access token",
            _headers={"X-Accepted-GitHub-Permissions": "contents=write"},
        )
    if rest == "":
        return h._send(200, _repo_body(state, repo, account))
    if cm := re.match(r"^/contents/(.+)$", rest):
        file_path = cm[1]
        if method == "GET":
            branch = query.get("ref") or repo.default_branch
            commit = repo.branches.get(branch, branch)  # a ref is a branch or a commit sha
            if commit not in repo.commits or file_path not in repo.commits[commit].tree:
                return h._error(404, "Not Found")
            data = repo.commits[commit].tree[file_path]
            accept = h.headers.get("Accept", "")
            if "raw" in accept:
                return h._send(200, raw=data.decode())
            out = _content(state, repo, file_path, data, branch)
            if len(data) > 1024 * 1024:
                out.update(content="", encoding="none")
            else:
                out.update(content=base64.encodebytes(data).decode(), encoding="base64")
            return h._send(200, out)
        if method == "PUT":
            branch = body.get("branch") or repo.default_branch
            if not repo.branches:
                tree: dict[str, bytes] = {}
                parents: list[str] = []
            elif branch not in repo.branches:
                return h._error(404, f"Branch {branch} not found")
            else:
                tree, parents = dict(repo.files(branch)), [repo.branches[branch]]
            if branch in repo.protected:
                return h._error(
                    403,
                    "Protected branch update failed: changes must be made through a pull request.",
                )
            if file_path in tree:
                if not body.get("sha"):
                    return h._error(422, 'Invalid request.\n\n"sha" wasn\'t supplied.')
                if body["sha"] != blob_sha(tree[file_path]):
                    return h._error(409, f"{file_path} does not match {body['sha']}")
            data = base64.b64decode(body["content"])
            existed = file_path in tree
            tree[file_path] = data
            sha = state.commit(repo, tree, parents, body["message"])
            repo.branches[branch] = sha
            return h._send(
                200 if existed else 201,
                {
                    "content": _content(state, repo, file_path, data, branch),
                    "commit": _commit_body(state, repo, sha),
                },
            )
    if rest.rstrip("/") == "/git/refs" and method == "GET":
        return h._send(200, [_ref_body(state, repo, b) for b in sorted(repo.branches)])
    if rm := re.match(r"^/git/ref/heads/(.+)$", rest):
        if rm[1] not in repo.branches:
            return h._error(404, "Not Found")
        return h._send(200, _ref_body(state, repo, rm[1]))
    if rest == "/git/refs" and method == "POST":
        branch = body["ref"].removeprefix("refs/heads/")
        if branch in repo.branches:
            return h._error(422, "Reference already exists")
        if body["sha"] not in repo.commits:
            return h._error(422, "Object does not exist")
        repo.branches[branch] = body["sha"]
        return h._send(201, _ref_body(state, repo, branch))
    if rm := re.match(r"^/git/refs/heads/(.+)$", rest):
        branch = rm[1]
        if branch not in repo.branches:
            return h._error(422, "Reference does not exist")
        if method == "DELETE":
            del repo.branches[branch]
            return h._send(204)
        new, old = body["sha"], repo.branches[branch]
        ancestors, todo = set(), [new]
        while todo:
            sha = todo.pop()
            if sha not in ancestors:
                ancestors.add(sha)
                todo += repo.commits[sha].parents
        if old not in ancestors and not body.get("force"):
            return h._error(422, "Update is not a fast forward")
        if branch in repo.protected:
            return h._error(422, "Protected branch update failed for refs/heads/" + branch)
        repo.branches[branch] = new
        return h._send(200, _ref_body(state, repo, branch))
    if cm := re.match(r"^/git/commits/([0-9a-f]+)$", rest):
        if method == "GET":
            if cm[1] not in repo.commits:
                return h._error(404, "Not Found")
            return h._send(200, _commit_body(state, repo, cm[1]))
    if (tm := re.match(r"^/git/trees/(.+)$", rest)) and method == "GET":
        name = tm[1]
        commit = repo.branches.get(name, name)  # a branch, a commit, or a tree sha
        files = repo.commits[commit].tree if commit in repo.commits else repo.trees.get(name)
        if files is None:
            return h._error(404, "Not Found")
        if query.get("recursive") not in ("1", "true"):
            return h._error(422, "this test server lists trees recursively only")
        folders = sorted({p.rsplit("/", 1)[0] for p in files if "/" in p})
        entries = [{"path": f, "mode": "040000", "type": "tree", "sha": "0" * 40} for f in folders]
        entries += [
            {"path": p, "mode": "100644", "type": "blob", "sha": blob_sha(d), "size": len(d)}
            for p, d in sorted(files.items())
        ]
        return h._send(200, {"sha": "0" * 40, "tree": entries, "truncated": False})
    if rest == "/git/blobs" and method == "POST":
        data = (
            body["content"].encode()
            if body.get("encoding") != "base64"
            else base64.b64decode(body["content"])
        )
        sha = blob_sha(data)
        repo.blobs[sha] = data
        return h._send(201, {"sha": sha, "url": f"{state.base}/repos/{repo.full_name}/git/blobs/{sha}"})
    if rest == "/git/trees" and method == "POST":
        base = repo.trees.get(body.get("base_tree") or "", {})
        tree = dict(base)
        for entry in body["tree"]:
            if entry.get("sha") is None and "content" not in entry:
                tree.pop(entry["path"], None)
            elif "content" in entry:
                tree[entry["path"]] = entry["content"].encode()
            else:
                if entry["sha"] not in repo.blobs:
                    return h._error(422, "Invalid tree info")
                tree[entry["path"]] = repo.blobs[entry["sha"]]
        sha = _tree_sha(repo, tree)
        return h._send(
            201,
            {
                "sha": sha,
                "url": f"{state.base}/repos/{repo.full_name}/git/trees/{sha}",
                "tree": [],
                "truncated": False,
            },
        )
    if rest == "/git/commits" and method == "POST":
        if body["tree"] not in repo.trees:
            return h._error(422, "Tree SHA does not exist")
        sha = state.commit(repo, repo.trees[body["tree"]], body["parents"], body["message"])
        return h._send(201, _commit_body(state, repo, sha))
    if rest == "/pulls" and method == "GET":
        head = query.get("head", "").split(":")[-1]
        found = [p for p in repo.pulls if p["state"] == "open" and (not head or p["head"]["ref"] == head)]
        return h._send(200, found)
    if rest == "/pulls" and method == "POST":
        if body["head"] not in repo.branches:
            return h._error(
                422,
                "Validation Failed",
                errors=[{"resource": "PullRequest", "field": "head", "code": "invalid"}],
            )
        if any(p["head"]["ref"] == body["head"] and p["state"] == "open" for p in repo.pulls):
            return h._error(
                422,
                "Validation Failed",
                errors=[
                    {
                        "resource": "PullRequest",
                        "code": "custom",
                        "message": f"A pull request already exists for {repo.owner}:{body['head']}.",
                    }
                ],
            )
        number = len(repo.pulls) + 1
        pull = {
            "number": number,
            "state": "open",
            "title": body["title"],
            "body": body.get("body", ""),
            "html_url": f"https://github.example/{repo.full_name}/pull/{number}",
            "head": {"ref": body["head"]},
            "base": {"ref": body["base"]},
        }
        repo.pulls.append(pull)
        return h._send(201, pull)
    return h._error(404, "Not Found")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: GitHubState


class GitHubServer:
    """Start with `with GitHubServer() as gh:`; `gh.url` is the API base URL."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.state = GitHubState(self.url)
        self._server.state = self.state
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> GitHubState:
        self._thread.start()
        return self.state

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
