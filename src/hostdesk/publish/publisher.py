"""Publisher: put a meeting's notes into the series' repository, never losing a word.

It talks to the hosting service only through the Hosting protocol. Each attempt reads
the file, renders the meeting in the file's own style once, and records exactly the
block it wrote, so publishing an unchanged meeting again is one read and no write."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from hostdesk.core.document import NotesDocument, parse, same_meeting, splice
from hostdesk.core.model import Meeting, PublishRecord, Target
from hostdesk.core.render import render
from hostdesk.core.verbatim import fingerprint
from hostdesk.publish.errors import BadAnswer, BadTarget, Conflict, RemoteEdited, ServerError
from hostdesk.publish.hosting import Hosting, RemoteFile
from hostdesk.publish.names import check_branch, check_path, check_repo, format_path, index_line, slug

ATTEMPTS = 3
DEFAULT_PER_MEETING = "minutes/{date:%Y-%m-%d}.md"
Resolution = Literal["ask", "mine"]  # taking theirs happens in the draft: core.merge


@dataclass(frozen=True)
class PublishResult:
    url: str
    record: PublishRecord
    changed: bool


@dataclass(frozen=True)
class _Text:
    """What one attempt would write: the whole file, and the meeting's own part of it."""

    file: str
    block: str


def check_target(target: Target) -> None:
    """Refuse, before any request, a repository, branch or path that cannot be right."""
    check_repo(target.repo)
    check_branch(target.branch)
    if target.mode == "running":
        check_path(target.path)
    if target.index_path:
        check_path(target.index_path)


def meeting_path(target: Target, meeting: Meeting) -> str:
    """The file a meeting goes to; per-meeting paths may use {date:%Y-%m-%d} and {series}."""
    if target.mode == "running":
        return check_path(target.path)
    template = target.path if "{" in target.path else DEFAULT_PER_MEETING
    return format_path(template, meeting.date or date.today(), meeting.series)


def pr_branch(meeting: Meeting) -> str:
    day = (meeting.date or date.today()).isoformat()
    return check_branch(f"hostdesk/{slug(meeting.series, 'notes')}-{day}")


def commit_message(target: Target, meeting: Meeting) -> str:
    """The target's message with {heading} and {series} filled in, and nothing else."""
    return target.message.replace("{heading}", meeting.title).replace("{series}", meeting.series)


def own_block(doc: NotesDocument, meeting: Meeting) -> str | None:
    for block in doc.blocks:
        if same_meeting(block.meeting, meeting):
            return doc.text[block.start : block.end]
    return None


class Publisher:
    def __init__(self, hosting: Hosting, clock: Callable[[], float] = time.time) -> None:
        self.hosting = hosting
        self.clock = clock

    def publish(self, meeting: Meeting, target: Target, resolution: Resolution = "ask") -> PublishResult:
        check_target(target)
        path = meeting_path(target, meeting)
        if target.pull_request:
            return self._via_pull_request(meeting, target, path, resolution)
        return self._direct(meeting, target, path, target.branch, resolution)

    def _direct(
        self, meeting: Meeting, target: Target, path: str, branch: str, resolution: Resolution
    ) -> PublishResult:
        if target.mode == "per-meeting" and target.index_path:
            return self._with_index(meeting, target, path, branch, resolution)
        return self._contents(meeting, target, path, branch, resolution)

    # -- what to write, and whether it is already there

    def _new_text(
        self, meeting: Meeting, target: Target, remote: RemoteFile | None
    ) -> tuple[_Text, str | None]:
        """What this attempt writes, and the meeting's part as the remote file has it."""
        if target.mode == "per-meeting":
            text = render(meeting).rstrip("\n") + "\n"
            return _Text(text, text), remote.text if remote else None
        old = remote.text if remote else ""
        new = splice(old, meeting)
        block = own_block(parse(new), meeting)
        if block is None:  # written, it could never be found again: a new copy every time
            raise BadTarget(
                f"The heading “{meeting.heading}” does not read as the meeting's date, so hostdesk "
                "could not find the meeting in the file again; correct the heading or the date."
            )
        # Theirs matters only to a meeting published before (a 69 KB file parses in ~13 ms).
        theirs = own_block(parse(old), meeting) if meeting.published and remote else None
        return _Text(new, block), theirs

    def _unchanged(
        self, meeting: Meeting, target: Target, path: str, branch: str, remote: RemoteFile | None
    ) -> tuple[_Text, str | None, PublishResult | None]:
        """The text to write, theirs, and a result when nothing needs writing."""
        mine, theirs = self._new_text(meeting, target, remote)
        if remote is None:
            return mine, theirs, None
        published = meeting.published
        as_published = (
            published is not None
            and (published.repo, published.path, published.branch) == (target.repo, path, branch)
            and theirs == published.block
            and mine.block.rstrip("\n") == published.block.rstrip("\n")
        )
        if as_published or remote.text == mine.file:
            block = published.block if as_published and published else mine.block
            url = remote.url or (published.url if published else "")
            result = self._result(meeting, target, path, branch, "", block, False, url)
            return mine, theirs, result
        return mine, theirs, None

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

    # -- one file: read, then write

    def _contents(
        self, meeting: Meeting, target: Target, path: str, branch: str, resolution: Resolution
    ) -> PublishResult:
        repo, message = target.repo, commit_message(target, meeting)
        for attempt in range(ATTEMPTS):
            remote = self.hosting.read_file(repo, path, branch)
            mine, theirs, same = self._unchanged(meeting, target, path, branch, remote)
            if same is not None:
                return same
            self._guard(meeting, theirs, mine.block, resolution)
            try:
                written = self.hosting.write_file(
                    repo, path, mine.file, message, branch, remote.sha if remote else ""
                )
            except Conflict:
                if attempt == ATTEMPTS - 1:
                    raise
                continue
            except (ServerError, BadAnswer):
                # It may have landed: read back before deciding.
                again = self.hosting.read_file(repo, path, branch)
                if again is not None and again.text == mine.file:
                    return self._result(meeting, target, path, branch, "", mine.block, True, again.url)
                raise
            return self._result(meeting, target, path, branch, written.commit, mine.block, True, written.url)
        raise Conflict(f"{repo}/{path} kept changing on GitHub; try again.")

    # -- the meeting's file and the index in one commit

    def _with_index(
        self, meeting: Meeting, target: Target, path: str, branch: str, resolution: Resolution
    ) -> PublishResult:
        repo = target.repo
        # The quick look: both files went out in one commit, so an unchanged meeting
        # file means an unchanged index.
        published = meeting.published
        if published is not None and (published.repo, published.path) == (repo, path):
            remote = self.hosting.read_file(repo, path, branch)
            _, _, same = self._unchanged(meeting, target, path, branch, remote)
            if same is not None:
                return same
        ref = branch or self.hosting.default_branch(repo)
        for attempt in range(ATTEMPTS):
            head = self.hosting.head(repo, ref)
            remote = self.hosting.read_file(repo, path, head)
            mine, theirs = self._new_text(meeting, target, remote)
            self._guard(meeting, theirs, mine.block, resolution)
            index = self.hosting.read_file(repo, target.index_path, head)
            index_text = add_index_line(index.text if index else "", meeting, path, target.index_path)
            files = {}
            if remote is None or remote.text != mine.file:
                files[path] = mine.file
            if index is None or index.text != index_text:
                files[target.index_path] = index_text
            if not files:
                url = remote.url if remote else ""
                return self._result(meeting, target, path, branch, head, mine.block, False, url)
            try:
                written = self.hosting.commit_files(repo, ref, head, files, commit_message(target, meeting))
            except Conflict:
                if attempt == ATTEMPTS - 1:
                    raise
                continue
            # The link is the meeting file's own page, asked for, not the commit's.
            return self._result(meeting, target, path, branch, written.commit, mine.block, True, "")
        raise Conflict(f"The branch {ref} of {repo} kept moving; try again.")

    # -- a branch of its own and a pull request

    def _via_pull_request(
        self, meeting: Meeting, target: Target, path: str, resolution: Resolution
    ) -> PublishResult:
        head, published = pr_branch(meeting), meeting.published
        direct = target.model_copy(update={"pull_request": False})
        if published is not None and published.pull_request and published.branch == head:
            remote = self.hosting.read_file(target.repo, path, head)
            _, _, same = self._unchanged(meeting, direct, path, head, remote)
            if same is not None:
                record = same.record.model_copy(
                    update={"pull_request": published.pull_request, "url": published.url}
                )
                return PublishResult(published.url, record, False)
        base = target.branch or self.hosting.default_branch(target.repo)
        self.hosting.ensure_branch(target.repo, head, base)
        result = self._direct(meeting, direct, path, head, resolution)
        url = self.hosting.pull_request(
            target.repo, head, base, commit_message(target, meeting), "Meeting notes published with hostdesk."
        )
        record = result.record.model_copy(update={"pull_request": url, "url": url})
        return PublishResult(url, record, result.changed)

    def _result(
        self,
        meeting: Meeting,
        target: Target,
        path: str,
        branch: str,
        commit: str,
        block: str,
        changed: bool,
        url: str,
    ) -> PublishResult:
        """The record of what was written; the link is the one the service gave, or asked for."""
        web = url or self.hosting.file_url(target.repo, path, branch)
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
    line = index_line(meeting.title, link)
    if line[line.index("](") :] in index:
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
