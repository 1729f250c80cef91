"""The next meeting of every series, published back into the series' own repository.

For each series of ../shared/corpus/wild-dev (running files; per-meeting files with the
index where the community keeps one) and of the project's own tests/data/formats: import
it as a host does, make the next meeting as Ctrl+N does, publish it to the local GitHub
server, and check what the community would see. Each test prints the requests it took.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from hostdesk.core.dates import MONTH_NAMES
from hostdesk.core.datetext import find_date, heading_pattern
from hostdesk.core.document import Block, NotesDocument, decode, own_block, parse
from hostdesk.core.house import HouseStyle
from hostdesk.core.index import meeting_path, naming_pattern
from hostdesk.core.model import Attendee, Meeting, Target
from hostdesk.core.series import next_meeting
from hostdesk.publish.client import GitHubClient
from hostdesk.publish.errors import BadTarget
from hostdesk.publish.publisher import Publisher
from hostdesk.publish.secrets import Token
from hostdesk.publish.service import publish_draft
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.importing import import_folder, import_text
from hostdesk.storage.settings import SettingsStore
from tests.publish.fixtures import TOKEN
from tests.publish.github_server import GitHubState

ROOT = Path(__file__).resolve().parents[2]
WILD = ROOT.parent / "shared" / "corpus" / "wild-dev"
FORMATS = ROOT / "tests" / "data" / "formats"
OWN_REPO = "hostdesk/formats"
_YEAR_PART = re.compile(r"(?:19|20)\d\d")


@dataclass
class Series:
    """One series as its repository holds it: a running file, or a folder of meeting files."""

    repo: str
    files: dict[str, str]  # every notes file of the repository, by path
    path: str  # the running file, or the per-meeting folder ("" = the repository's root)
    per_meeting: bool = False
    members: list[str] = field(default_factory=list)  # a per-meeting series' files
    index: str = ""


def _folder(path: str) -> str:
    """A per-meeting file's series folder: its path up to the first part that holds a year."""
    parts = path.split("/")
    at = next((i for i, part in enumerate(parts) if _YEAR_PART.search(part)), len(parts) - 1)
    return "".join(part + "/" for part in parts[:at])


def _series_of(repos: dict[str, dict[str, str]]) -> dict[str, Series]:
    """Running files (two meetings or more) and per-meeting folders with a dated naming."""
    found: dict[str, Series] = {}
    for repo, files in sorted(repos.items()):
        folders: dict[str, Series] = {}
        indexes: dict[str, str] = {}
        for path, text in sorted(files.items()):
            blocks = parse(text, path).blocks
            if len(blocks) >= 2:
                found[f"{repo}/{path}"] = Series(repo, files, path)
            elif len(blocks) == 1:
                folder = _folder(path)
                series = folders.setdefault(folder, Series(repo, files, folder, per_meeting=True))
                series.members.append(path)
            elif path.rsplit("/", 1)[-1] == "README.md":
                indexes[path[: path.rfind("/") + 1]] = path
        for folder, series in folders.items():
            if naming_pattern([p[len(folder) :] for p in series.members]):
                series.index = indexes.get(folder, "")
                found[f"{repo}/{folder}"] = series
    return found


def _sources() -> dict[str, tuple[str, str]]:
    """Each corpus file's source repository and path in it, as the corpus README lists them."""
    out = {}
    for line in (WILD / "README.md").read_text(encoding="utf-8").split("\n"):
        cells = [cell.strip().strip("`") for cell in line.split("|")]
        if len(cells) > 4 and cells[1].endswith(".md") and cells[2].count("/") == 1:
            out[cells[1]] = (cells[2], cells[3])
    return out


@cache
def wild_series() -> dict[str, Series]:
    if not WILD.is_dir():
        return {}
    repos: dict[str, dict[str, str]] = {}
    for name, (repo, path) in _sources().items():
        repos.setdefault(repo, {})[path] = decode((WILD / name).read_bytes(), name)
    return _series_of(repos)


@cache
def own_series() -> dict[str, Series]:
    files = {
        p.relative_to(FORMATS).as_posix(): decode(p.read_bytes(), p.name)
        for p in sorted(FORMATS.rglob("*.md"))
        if p.relative_to(FORMATS).as_posix() != "README.md"
    }
    return _series_of({OWN_REPO: files})


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def _heading_shape(line: str) -> str:
    """A meeting's first line with its date made into the pattern it is written in."""
    found = find_date(line)
    return heading_pattern(line, found) if found is not None and not found.flag else line


def _index_shape(line: str) -> str:
    """An index line with its link target, dates and numbers taken out: its shape."""
    line = re.sub(r"\]\([^)]*\)", "](…)", line)
    line = re.sub("|".join(MONTH_NAMES), "M", line)
    return re.sub(r"\d+", "9", line)


def _first_line(doc: NotesDocument, meeting: Meeting) -> str:
    block = own_block(doc, meeting)
    assert block is not None, meeting.heading
    return doc.text[block.start : block.end].split("\n", 1)[0]


def _import(series: Series, name: str) -> tuple[str, list[Meeting]]:
    """Drafts of the series' meetings, made the way `hostdesk import` makes them."""
    if not series.per_meeting:
        return import_text(series.files[series.path], Path(series.path).stem, series.path)
    folder = series.path
    paths = [*series.members, *([series.index] if series.index else [])]
    docs = [(p[len(folder) :], parse(series.files[p], p[len(folder) :])) for p in paths]
    return name, import_folder(docs, name)


def _the_next_meeting(series_name: str, meetings: list[Meeting]) -> Meeting:
    """Ctrl+N after the newest meeting, with a person and a note typed in."""
    template = SettingsStore().load().series[series_name]
    last = max((m for m in meetings if m.date), key=lambda m: m.date or date.min)
    meeting = next_meeting(last, template)
    meeting.attendees = [Attendee(name="Ada Quillfeather", affiliation="Loomworks")]
    # Not under a section named Agenda: what a file keeps under one is read as the agenda
    # (a series whose agenda is a table, which is not read yet, has such a section).
    if meeting.sections and meeting.sections[0].title != "Agenda":
        meeting.sections[0].notes = "* agreed to try the new timetable"
    DraftStore().save(meeting)
    return meeting


def _gap_after(text: str, block: Block) -> str:
    """The line end and blank lines after a meeting's last line, before the next one."""
    body = text[block.start : block.end]
    return body[len(body.rstrip("\n")) :]


def _check_running(series: Series, before: str, after: str, meeting: Meeting) -> Meeting:
    """The file outside the new block is byte for byte the file before; the block is
    written like the file's meetings."""
    assert ("\r\n" in after) == ("\r\n" in before)
    if "\r\n" in after:
        assert after.count("\n") == after.count("\r\n")  # every line ending kept CRLF
    was, doc = parse(before, series.path), parse(after, series.path)
    block = own_block(doc, meeting)
    assert block is not None
    outside = doc.text[: block.start] + doc.text[block.end :]
    if block.end >= len(doc.text.rstrip("\n")):
        # Appended after the last meeting: before it, the blank lines the file keeps between
        # meetings; after it, the file ends as it ended (a final newline, or none).
        assert outside.rstrip("\n") == was.text.rstrip("\n")
        assert doc.text.endswith("\n") == was.text.endswith("\n")
        gaps = {_gap_after(was.text, b) for b in was.blocks[:-1]} or {outside[len(was.text.rstrip("\n")) :]}
        assert outside[len(was.text.rstrip("\n")) :] in gaps
    else:
        assert outside == was.text and outside.startswith(was.text[: block.start])
    newest = max((b for b in was.blocks if b.day), key=lambda b: b.day or date.min)
    first = doc.text[block.start : block.end].split("\n", 1)[0]
    old_first = was.text[newest.start : newest.end].split("\n", 1)[0]
    assert len(first) - len(first.lstrip("#")) == len(old_first) - len(old_first.lstrip("#"))
    shapes = {_heading_shape(was.text[b.start : b.end].split("\n", 1)[0]) for b in was.blocks}
    assert _heading_shape(first) in shapes
    return block.meeting


def _check_per_meeting(
    github: GitHubState, series: Series, meeting: Meeting, path: str, name: str
) -> Meeting:
    """A new file named by the series' pattern, written like its latest file; the other files
    untouched; the index, in the same commit, one line longer in its own shape."""
    house = SettingsStore().load().series[name].house
    assert house is not None and meeting.date is not None
    assert path == series.path + meeting_path(house.file_pattern, meeting.date)
    text = github.text(series.repo, path)
    for other, before in series.files.items():
        if other != series.index:
            assert github.text(series.repo, other) == before, other
    repo = github.repos[series.repo]
    head = repo.commits[repo.branches["main"]]
    parent = repo.commits[head.parents[0]].tree
    changed = {p for p, data in head.tree.items() if parent.get(p) != data}
    link = path[len(series.index[: series.index.rfind("/") + 1]) :]
    # An index kept ahead of the meetings copied here may list the next meeting already.
    listed = f"]({link})" in series.files.get(series.index, "")
    expected = {path, *([series.index] if series.index and not listed else [])}
    assert changed == expected
    if series.index and not listed:
        before_lines = series.files[series.index].split("\n")
        added = [x for x in github.text(series.repo, series.index).split("\n") if x not in before_lines]
        assert len(added) == 1 and f"]({link})" in added[0]
        assert _index_shape(added[0]) in {_index_shape(x) for x in before_lines}
    latest = max(series.members, key=lambda p: parse(series.files[p], p).blocks[0].day or date.min)
    was, doc = parse(series.files[latest], latest), parse(text, path)
    [old] = was.meetings
    assert _heading_shape(_first_line(doc, meeting)) == _heading_shape(_first_line(was, old))
    assert ("\r\n" in text) == ("\r\n" in series.files[latest])
    block = own_block(doc, meeting)
    assert block is not None
    return block.meeting


def _publish_next(github: GitHubState, key: str, series: Series) -> None:
    github.add_repo(series.repo, series.files)
    name, meetings = _import(series, key)
    meeting = _the_next_meeting(name, meetings)
    fields: dict[str, object] = {"repo": series.repo, "path": series.path, "api_url": github.base}
    if series.per_meeting:
        fields.update(mode="per-meeting", index_path=series.index)
    target = Target.model_validate(fields)

    before = github.requests()
    first = publish_draft(meeting.id, target)
    spent = github.requests() - before
    assert first.changed
    path = first.record.path
    original = series.files.get(path, "")
    if series.per_meeting:
        again = _check_per_meeting(github, series, meeting, path, name)
    else:
        again = _check_running(series, original, github.text(series.repo, path), meeting)
    if "Host:" not in _lf(original if not series.per_meeting else "".join(series.files.values())):
        assert "Host:" not in github.text(series.repo, path)
    text = github.text(series.repo, path)
    assert ("Attendees [" in text) == ("Attendees [" in "".join(series.files.values()))
    assert again.date == meeting.date
    assert [s.title for s in again.sections] == [s.title for s in meeting.sections]
    assert [a.name for a in again.attendees if a.present] == ["Ada Quillfeather"]

    commits, total, reads = len(github.repos[series.repo].commits), github.requests(), github.requests("GET")
    second = publish_draft(meeting.id, target)
    assert not second.changed
    assert github.requests() - total == 1 and github.requests("GET") - reads == 1
    assert len(github.repos[series.repo].commits) == commits
    print(f"{key}: first publish {spent} requests to {path}; second: 1 read, 0 writes")


@pytest.mark.parametrize("key", sorted(own_series()))
def test_the_next_meeting_of_each_own_series_is_published_in_its_shape(
    github: GitHubState, key: str
) -> None:
    _publish_next(github, key, own_series()[key])


WILD_KEYS = sorted(wild_series()) or ["(../shared absent)"]


@pytest.mark.parametrize("key", WILD_KEYS)
def test_the_next_meeting_of_each_corpus_series_is_published_in_its_shape(
    github: GitHubState, key: str
) -> None:
    if key not in wild_series():
        print(f"SKIP: {WILD} is absent (../shared is not beside this clone)")
        pytest.skip("../shared/corpus/wild-dev is absent")
    _publish_next(github, key, wild_series()[key])


def test_a_file_that_holds_another_meeting_is_never_spliced_into(github: GitHubState) -> None:
    github.add_repo("loom/calls", {"calls/2024-05.md": "# Loom monthly call (May 7, 2024)\n\n* News\n"})
    target = Target(repo="loom/calls", mode="per-meeting", path="calls/", api_url=github.base)
    meeting = Meeting(date=date(2024, 5, 21), heading="Loom monthly call (May 21, 2024)")
    with GitHubClient(Token(TOKEN), github.base) as client, pytest.raises(
        BadTarget, match=r"calls/2024-05.md already holds the notes of .*May 7, 2024"
    ):
        Publisher(client).publish(meeting, target, house=HouseStyle(file_pattern="{yyyy}-{mm}.md"))
    assert github.requests("PUT") == 0
