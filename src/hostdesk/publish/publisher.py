"""Publisher: put a meeting's notes into the series' repository, never losing a word."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from hostdesk.core.document import NotesDocument, parse, same_meeting, splice
from hostdesk.core.model import Meeting, PublishRecord, Target
from hostdesk.core.render import render
from hostdesk.core.verbatim import fingerprint
from hostdesk.publish.client import GitHubClient, RemoteFile
from hostdesk.publish.errors import BadTarget, Conflict, PublishError, RemoteEdited, ServerError

ATTEMPTS = 3
_REPO = re.compile(r"^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")
Resolution = Literal["ask", "mine"]  # taking theirs happens in the draft: core.merge


@dataclass(frozen=True)
class PublishResult:
    url: str
    record: PublishRecord
    changed: bool


def check_target(target: Target) -> None:
    """Refuse, before any request, a repository or path that cannot be right."""
    if not _REPO.match(target.repo) or target.repo.endswith((".", "/")):
        raise BadTarget(f"“{target.repo}” is not a repository name of the form owner/name.")
    for path in filter(None, (target.path, target.index_path)):
        parts = path.replace("\\", "/").split("/")
        if path.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", path) or "" in parts:
            raise BadTarget(f"The path “{path}” leaves the repository; give a path inside it.")


def meeting_path(target: Target, meeting: Meeting) -> str:
    """The file a meeting goes to; per-meeting paths may use {date:%Y-%m-%d} and {series}."""
    if target.mode == "running":
        return target.path
    day = meeting.date or date.today()
    slug = re.sub(r"[^a-z0-9]+", "-", meeting.series.lower()).strip("-") or "meeting"
    path = target.path if "{" in target.path else "minutes/{date:%Y-%m-%d}.md"
    return path.format(date=day, series=slug)


def pr_branch(meeting: Meeting) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", meeting.series.lower()).strip("-") or "notes"
    return f"hostdesk/{slug}-{(meeting.date or date.today()).isoformat()}"


def own_block(doc: NotesDocument, meeting: Meeting) -> str | None:
    for block in doc.blocks:
        if same_meeting(block.meeting, meeting):
            return doc.text[block.start : block.end]
    return None


class Publisher:
    def __init__(self, client: GitHubClient, clock: Callable[[], float] = time.time) -> None:
        self.client = client
        self.clock = clock

    def publish(self, meeting: Meeting, target: Target, resolution: Resolution = "ask") -> PublishResult:
        check_target(target)
        if target.pull_request:
            return self._via_pull_request(meeting, target, resolution)
        if target.mode == "per-meeting" and target.index_path:
            return self._with_index(meeting, target, target.branch, resolution)
        return self._contents(meeting, target, target.branch, resolution)

    # -- one file through the Contents API: GET, then PUT

    def _new_text(
        self, meeting: Meeting, target: Target, remote: RemoteFile | None, resolution: Resolution
    ) -> str:
        block = render(meeting)
        if target.mode == "per-meeting":
            theirs = remote.text if remote else None
            self._guard(meeting, theirs, block, resolution)
            return block.rstrip("\n") + "\n"
        text = remote.text if remote else ""
        self._guard(meeting, own_block(parse(text), meeting), block, resolution)
        return splice(text, meeting)

    def _guard(self, meeting: Meeting, theirs: str | None, mine: str, resolution: Resolution) -> None:
        """Stop before overwriting an edit someone made on GitHub to this meeting's notes."""
        published = meeting.published
        if resolution != "ask" or published is None or theirs is None:
            return
        if theirs.rstrip("\n") in (published.block.rstrip("\n"), mine.rstrip("\n")):
            return
        raise RemoteEdited(
            f"Someone edited the notes of {meeting.title} on GitHub since you published them; "
            "choose to keep yours, take theirs into the draft, or open a pull request.",
            mine,
            theirs,
        )

    def _contents(
        self, meeting: Meeting, target: Target, branch: str, resolution: Resolution
    ) -> PublishResult:
        path = meeting_path(target, meeting)
        message = target.message.format(heading=meeting.title, series=meeting.series)
        for attempt in range(ATTEMPTS):
            remote = self.client.get_file(target.repo, path, branch)
            text = self._new_text(meeting, target, remote, resolution)
            if remote is not None and remote.text == text:
                return self._result(meeting, target, path, branch, "", text, changed=False)
            try:
                body = self.client.put_file(
                    target.repo, path, text, message, branch, remote.sha if remote else ""
                )
            except Conflict:
                if attempt == ATTEMPTS - 1:
                    raise
                continue
            except ServerError:
                # It may have landed: read back before deciding.
                again = self.client.get_file(target.repo, path, branch)
                if again is not None and again.text == text:
                    return self._result(meeting, target, path, branch, "", text, changed=True)
                raise
            commit = body.get("commit", {}).get("sha", "")
            url = body.get("content", {}).get("html_url", "")
            return self._result(meeting, target, path, branch, commit, text, changed=True, url=url)
        raise Conflict(f"{target.repo}/{path} kept changing on GitHub; try again.")

    # -- several files in one commit through the Git Data API

    def _with_index(
        self, meeting: Meeting, target: Target, branch: str, resolution: Resolution
    ) -> PublishResult:
        branch = branch or self.client.repository(target.repo)["default_branch"]
        path = meeting_path(target, meeting)
        message = target.message.format(heading=meeting.title, series=meeting.series)
        for attempt in range(ATTEMPTS):
            head = self.client.get_ref(target.repo, branch)
            tree = self.client.commit_tree(target.repo, head)
            remote = self.client.get_file(target.repo, path, head)
            text = self._new_text(meeting, target, remote, resolution)
            index = self.client.get_file(target.repo, target.index_path, head)
            index_text = add_index_line(index.text if index else "", meeting, path, target.index_path)
            files = {}
            if remote is None or remote.text != text:
                files[path] = self.client.create_blob(target.repo, text)
            if index is None or index.text != index_text:
                files[target.index_path] = self.client.create_blob(target.repo, index_text)
            if not files:
                return self._result(meeting, target, path, branch, head, text, changed=False)
            new_tree = self.client.create_tree(target.repo, tree, files)
            commit = self.client.create_commit(target.repo, message, new_tree, head)
            try:
                self.client.update_ref(target.repo, branch, commit["sha"])
            except Conflict:
                if attempt == ATTEMPTS - 1:
                    raise
                continue
            return self._result(
                meeting,
                target,
                path,
                branch,
                commit["sha"],
                text,
                changed=True,
                url=commit.get("html_url", ""),
            )
        raise Conflict(f"The branch {branch} of {target.repo} kept moving; try again.")

    # -- a branch of its own and a pull request

    def _via_pull_request(self, meeting: Meeting, target: Target, resolution: Resolution) -> PublishResult:
        base = target.branch or self.client.repository(target.repo)["default_branch"]
        head = pr_branch(meeting)
        try:
            self.client.get_ref(target.repo, head)
        except PublishError as exc:
            if exc.status != 404:
                raise
            self.client.create_ref(target.repo, head, self.client.get_ref(target.repo, base))
        direct = target.model_copy(update={"pull_request": False})
        if target.mode == "per-meeting" and target.index_path:
            result = self._with_index(meeting, direct, head, resolution)
        else:
            result = self._contents(meeting, direct, head, resolution)
        pull = self.client.open_pull(target.repo, head)
        if pull is None:
            pull = self.client.create_pull(
                target.repo,
                head,
                base,
                target.message.format(heading=meeting.title, series=meeting.series),
                "Meeting notes published with hostdesk.",
            )
        record = result.record.model_copy(update={"pull_request": pull["html_url"], "url": pull["html_url"]})
        return PublishResult(pull["html_url"], record, result.changed)

    def _result(
        self,
        meeting: Meeting,
        target: Target,
        path: str,
        branch: str,
        commit: str,
        text: str,
        changed: bool,
        url: str = "",
    ) -> PublishResult:
        # Exactly what was written (the splice may date the heading in the file's style),
        # so the next publish compares GitHub's text with it, not with another rendering.
        written = own_block(parse(text), meeting) if target.mode == "running" else text
        block = written if written is not None else render(meeting)
        web = url or f"https://github.com/{target.repo}/blob/{branch or 'HEAD'}/{path}"
        record = PublishRecord(
            repo=target.repo,
            branch=branch,
            path=path,
            commit=commit,
            url=web,
            at=self.clock(),
            block=block,
            fingerprint=fingerprint(meeting.semantic()),
        )
        return PublishResult(web, record, changed)


def add_index_line(index: str, meeting: Meeting, path: str, index_path: str) -> str:
    """The index with a link to the meeting's file, added once, newest first."""
    folder = index_path.rsplit("/", 1)[0] if "/" in index_path else ""
    link = path[len(folder) + 1 :] if folder and path.startswith(folder + "/") else path
    line = f"* [{meeting.title}]({link})"
    if f"]({link})" in index:
        return index
    lines = index.split("\n") if index else ["# Meeting notes", ""]
    first = next((i for i, x in enumerate(lines) if x.startswith(("* [", "- ["))), None)
    if first is None:
        while lines and lines[-1] == "":
            lines.pop()
        lines += ["", line, ""] if lines else [line, ""]
    else:
        lines.insert(first, line)
    return "\n".join(lines)
