"""Publisher: put a meeting's notes into the series' repository, never losing a word.

It talks to the hosting service only through the Hosting protocol. Each attempt reads
the file, splices the meeting into it in the file's own style once, and records exactly
the block it wrote, so publishing an unchanged meeting again is one read and no write.
A per-meeting series' new file is named by the series' pattern and written like its
latest file, with its index line in the same commit."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from hostdesk.core import index as series_files
from hostdesk.core.document import own_block, parse, splice
from hostdesk.core.house import HouseStyle
from hostdesk.core.model import Meeting, PublishRecord, Target
from hostdesk.core.render import render
from hostdesk.core.verbatim import fingerprint
from hostdesk.publish.errors import BadAnswer, BadTarget, Conflict, RemoteEdited, ServerError
from hostdesk.publish.hosting import Hosting, RemoteFile
from hostdesk.publish.names import check_branch, check_path, check_repo, format_path, index_line, slug

ATTEMPTS = 3
DEFAULT_PER_MEETING = "minutes/{date:%Y-%m-%d}.md"
INDEX_START = "# Meeting notes\n"  # a new index's first line
Resolution = Literal["ask", "mine"]  # taking theirs happens in the draft: core.merge


@dataclass(frozen=True)
class PublishResult:
    url: str
    record: PublishRecord
    changed: bool


@dataclass(frozen=True)
class _Job:
    """One publish: the meeting, where it goes, and how the series writes its files."""

    meeting: Meeting
    target: Target
    path: str
    resolution: Resolution
    house: HouseStyle | None


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


def meeting_path(target: Target, meeting: Meeting, house: HouseStyle | None = None) -> str:
    """The file a meeting goes to. A per-meeting path may use {date:%Y-%m-%d} and {series};
    else the series' learned file pattern names it under the target's folder."""
    if target.mode == "running":
        return check_path(target.path)
    day = meeting.date or date.today()
    if "{" not in target.path and house is not None and house.file_pattern:
        return check_path(folder_of(target) + series_files.meeting_path(house.file_pattern, day))
    template = target.path if "{" in target.path else DEFAULT_PER_MEETING
    return format_path(template, day, meeting.series)


def folder_of(target: Target) -> str:
    """A per-meeting series' folder: the target's path up to its last slash ("" = the root)."""
    return target.path[: target.path.rfind("/") + 1]


def pr_branch(meeting: Meeting) -> str:
    day = (meeting.date or date.today()).isoformat()
    return check_branch(f"hostdesk/{slug(meeting.series, 'notes')}-{day}")


def commit_message(target: Target, meeting: Meeting) -> str:
    """The target's message with {heading} and {series} filled in, and nothing else."""
    return target.message.replace("{heading}", meeting.title).replace("{series}", meeting.series)


def block_text(text: str, meeting: Meeting, name: str) -> str | None:
    """The meeting's own block as the file has it (two on one day: the right one)."""
    doc = parse(text, name)
    found = own_block(doc, meeting)
    return doc.text[found.start : found.end] if found is not None else None


def _per_meeting_file(text: str, meeting: Meeting, path: str) -> str:
    """A per-meeting file written again: as hostdesk made it for a meeting it made (the
    series' shape), else spliced; never a second meeting into another meeting's file."""
    doc = parse(text, path)
    own = own_block(doc, meeting)
    if own is None and doc.blocks:
        raise BadTarget(
            f"{path} already holds the notes of {doc.blocks[0].meeting.title}; publishing "
            f"{meeting.title} there would put two meetings in one file. Change the meeting's "
            "date, or the path the series' files are named by."
        )
    if own is not None and len(doc.blocks) == 1 and meeting.layout.lead is None:
        return series_files.new_meeting_file(text, path, meeting)
    return splice(text, meeting, path)


class Publisher:
    def __init__(self, hosting: Hosting, clock: Callable[[], float] = time.time) -> None:
        self.hosting = hosting
        self.clock = clock

    def publish(
        self,
        meeting: Meeting,
        target: Target,
        resolution: Resolution = "ask",
        house: HouseStyle | None = None,
    ) -> PublishResult:
        """`house`: the series' house style, whose file pattern names a per-meeting
        series' new files (none: the target's path template)."""
        check_target(target)
        path = meeting_path(target, meeting, house)
        job = _Job(meeting, target, path, resolution, house)
        if target.pull_request:
            return self._via_pull_request(job)
        return self._direct(job, target.branch)

    def _direct(self, job: _Job, branch: str) -> PublishResult:
        if job.target.mode == "per-meeting" and job.target.index_path:
            return self._with_index(job, branch)
        return self._contents(job, branch)

    # -- what to write, and whether it is already there

    def _new_text(self, job: _Job, remote: RemoteFile | None, ref: str) -> tuple[_Text, str | None]:
        """What this attempt writes, and the meeting's part as the remote file has it."""
        meeting, path, per_meeting = job.meeting, job.path, job.target.mode == "per-meeting"
        if remote is None:
            new = self._first_file(job, ref) if per_meeting else splice("", meeting, path)
        elif per_meeting:
            new = _per_meeting_file(remote.text, meeting, path)
        else:
            new = splice(remote.text, meeting, path)
        block = block_text(new, meeting, path)
        if block is None and per_meeting:
            block = new  # a file with no date in it: the whole file is the meeting's
        if block is None:  # written, it could never be found again: a new copy every time
            raise BadTarget(
                f"The heading “{meeting.heading}” does not read as the meeting's date, so hostdesk "
                "could not find the meeting in the file again; correct the heading or the date."
            )
        # Theirs matters only to a meeting published before (a 69 KB file parses in ~13 ms).
        theirs = block_text(remote.text, meeting, path) if meeting.published and remote else None
        if theirs is None and per_meeting and meeting.published and remote:
            theirs = remote.text
        return _Text(new, block), theirs

    def _first_file(self, job: _Job, ref: str) -> str:
        """A per-meeting series' new file, written like the latest file the series has
        (its header, logistics and style); rendered alone when there is none to follow."""
        meeting, target, house = job.meeting, job.target, job.house
        if house is not None and house.file_pattern and meeting.date and "{" not in target.path:
            folder = folder_of(target)
            paths = [p[len(folder) :] for p in self.hosting.list_files(target.repo, folder, ref)]
            latest = series_files.latest_file(paths, house.file_pattern, meeting.date)
            previous = self.hosting.read_file(target.repo, folder + latest, ref) if latest else None
            if previous is not None:
                lines = house.house_lines  # learned from the series' latest files
                return series_files.new_meeting_file(previous.text, folder + str(latest), meeting, lines)
        return render(meeting).rstrip("\n") + "\n"

    def _unchanged(
        self, job: _Job, branch: str, remote: RemoteFile | None
    ) -> tuple[_Text, str | None, PublishResult | None]:
        """The text to write, theirs, and a result when nothing needs writing."""
        meeting, target, path = job.meeting, job.target, job.path
        mine, theirs = self._new_text(job, remote, branch)
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
            result = self._result(job, branch, "", block, False, url)
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

    def _contents(self, job: _Job, branch: str) -> PublishResult:
        meeting, target, path = job.meeting, job.target, job.path
        repo, message = target.repo, commit_message(target, meeting)
        for attempt in range(ATTEMPTS):
            remote = self.hosting.read_file(repo, path, branch)
            mine, theirs, same = self._unchanged(job, branch, remote)
            if same is not None:
                return same
            self._guard(meeting, theirs, mine.block, job.resolution)
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
                    return self._result(job, branch, "", mine.block, True, again.url)
                raise
            return self._result(job, branch, written.commit, mine.block, True, written.url)
        raise Conflict(f"{repo}/{path} kept changing on GitHub; try again.")

    # -- the meeting's file and the index in one commit

    def _with_index(self, job: _Job, branch: str) -> PublishResult:
        meeting, target, path = job.meeting, job.target, job.path
        repo = target.repo
        # The quick look: both files went out in one commit, so an unchanged meeting
        # file means an unchanged index.
        published = meeting.published
        if published is not None and (published.repo, published.path) == (repo, path):
            remote = self.hosting.read_file(repo, path, branch)
            _, _, same = self._unchanged(job, branch, remote)
            if same is not None:
                return same
        ref = branch or self.hosting.default_branch(repo)
        for attempt in range(ATTEMPTS):
            head = self.hosting.head(repo, ref)
            remote = self.hosting.read_file(repo, path, head)
            mine, theirs = self._new_text(job, remote, head)
            self._guard(meeting, theirs, mine.block, job.resolution)
            index = self.hosting.read_file(repo, target.index_path, head)
            start = index.text if index and index.text.strip() else INDEX_START
            index_text = with_index_line(start, meeting, path, target.index_path)
            files = {}
            if remote is None or remote.text != mine.file:
                files[path] = mine.file
            if index is None or index.text != index_text:
                files[target.index_path] = index_text
            if not files:
                url = remote.url if remote else ""
                return self._result(job, branch, head, mine.block, False, url)
            try:
                written = self.hosting.commit_files(repo, ref, head, files, commit_message(target, meeting))
            except Conflict:
                if attempt == ATTEMPTS - 1:
                    raise
                continue
            # The link is the meeting file's own page, asked for, not the commit's.
            return self._result(job, branch, written.commit, mine.block, True, "")
        raise Conflict(f"The branch {ref} of {repo} kept moving; try again.")

    # -- a branch of its own and a pull request

    def _via_pull_request(self, job: _Job) -> PublishResult:
        meeting, target, path = job.meeting, job.target, job.path
        head, published = pr_branch(meeting), meeting.published
        direct = replace(job, target=target.model_copy(update={"pull_request": False}))
        if published is not None and published.pull_request and published.branch == head:
            remote = self.hosting.read_file(target.repo, path, head)
            _, _, same = self._unchanged(direct, head, remote)
            if same is not None:
                record = same.record.model_copy(
                    update={"pull_request": published.pull_request, "url": published.url}
                )
                return PublishResult(published.url, record, False)
        base = target.branch or self.hosting.default_branch(target.repo)
        self.hosting.ensure_branch(target.repo, head, base)
        result = self._direct(direct, head)
        url = self.hosting.pull_request(
            target.repo, head, base, commit_message(target, meeting), "Meeting notes published with hostdesk."
        )
        record = result.record.model_copy(update={"pull_request": url, "url": url})
        return PublishResult(url, record, result.changed)

    def _result(
        self, job: _Job, branch: str, commit: str, block: str, changed: bool, url: str
    ) -> PublishResult:
        """The record of what was written; the link is the one the service gave, or asked for."""
        web = url or self.hosting.file_url(job.target.repo, job.path, branch)
        record = PublishRecord(
            repo=job.target.repo,
            branch=branch,
            path=job.path,
            commit=commit,
            url=web,
            at=self.clock(),
            block=block,
            fingerprint=fingerprint(job.meeting.semantic()),
        )
        return PublishResult(web, record, changed)


def with_index_line(index: str, meeting: Meeting, path: str, index_path: str) -> str:
    """The index with a link to the meeting's file, once, in the shape of its nearest entry;
    the first entry of an index without one is `* [heading](link)`."""
    folder = index_path.rsplit("/", 1)[0] if "/" in index_path else ""
    link = path[len(folder) + 1 :] if folder and path.startswith(folder + "/") else path
    first = index_line(meeting.title, link)
    return series_files.add_index_line(index, meeting.date or date.today(), link, first)
