"""The drafts index: what listing drafts and the roster need, kept in one small file so
that neither reads every draft. It is a cache checked against each draft file's size and
modification time, so a draft written behind its back is read again, alone."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hostdesk.storage.atomic import write_atomic

if TYPE_CHECKING:
    from hostdesk.core.model import Meeting

INDEX_VERSION = 1
# The JSON is laid out one draft a line, so that a reader parses it in small steps: a
# worker reading 5,000 drafts in one json.loads holds the GIL, and the window, ~60 ms.
HEAD = f'{{"version":{INDEX_VERSION},"drafts":{{'
TAIL = "}}"
Signature = tuple[int, int]  # the draft file's size and st_mtime_ns


@dataclass(frozen=True)
class DraftSummary:
    id: str
    series: str
    title: str
    date: str
    saved_at: float
    published: bool
    changed_since_published: bool
    read_only: bool = False
    problem: str = ""


@dataclass(frozen=True)
class Seen:
    """One attendee as the roster needs them."""

    name: str
    affiliation: str = ""
    github: str = ""


@dataclass(frozen=True)
class IndexedMeeting:
    """Who came to one meeting, read from the index instead of its draft."""

    series: str
    date: date | None
    hosts: tuple[str, ...]
    attendees: tuple[Seen, ...]


@dataclass(frozen=True)
class IndexEntry:
    summary: DraftSummary
    attended: IndexedMeeting
    signature: Signature


def signature(path: Path) -> Signature | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def on_disk(folder: Path) -> dict[str, Signature]:
    """Every draft file's signature, from one pass over the folder."""
    found: dict[str, Signature] = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".json") and not entry.name.startswith("."):
                    try:
                        status = entry.stat()
                    except OSError:
                        continue
                    found[entry.name[:-5]] = (status.st_size, status.st_mtime_ns)
    except OSError:
        pass
    return found


def entry_for(meeting: Meeting, saved_at: float, sig: Signature, read_only: bool) -> IndexEntry:
    summary = DraftSummary(
        id=meeting.id,
        series=meeting.series,
        title=meeting.title,
        date=meeting.date.isoformat() if meeting.date else "",
        saved_at=saved_at,
        published=meeting.published is not None,
        changed_since_published=meeting.changed_since_published,
        read_only=read_only,
    )
    attended = IndexedMeeting(
        series=meeting.series,
        date=meeting.date,
        hosts=tuple(meeting.hosts),
        attendees=tuple(Seen(a.name, a.affiliation, a.github) for a in meeting.attendees),
    )
    return IndexEntry(summary, attended, sig)


def problem_entry(meeting_id: str, file_name: str, problem: str, sig: Signature) -> IndexEntry:
    summary = DraftSummary(meeting_id, "", file_name, "", 0.0, False, False, problem=problem)
    return IndexEntry(summary, IndexedMeeting("", None, (), ()), sig)


def read_index(path: Path) -> tuple[dict[str, IndexEntry], str]:
    """The entries, and a sentence when the file was there but could not be used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, ""
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return {}, f"The drafts index {path} could not be read ({reason}); it was rebuilt from the drafts."
    try:
        drafts = _parse(raw.decode("utf-8"))
        if drafts is None:
            return {}, ""  # another hostdesk's layout: rebuilt quietly, nothing is lost
        return {key: _decode(key, value) for key, value in drafts.items()}, ""
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}, f"The drafts index {path} was damaged; it was rebuilt from the drafts."


def _parse(text: str) -> dict[str, Any] | None:
    """The index's drafts, a line at a time when laid out as `write_index` does; any other
    layout of the same JSON is read whole. None for another version."""
    head, _, rest = text.partition("\n")
    if head != HEAD:
        document = json.loads(text)
        return document["drafts"] if document["version"] == INDEX_VERSION else None
    drafts: dict[str, Any] = {}
    for line in rest.split("\n"):  # (not splitlines: a name may hold U+2028)
        if line == TAIL:
            return drafts
        drafts.update(json.loads("{" + line.rstrip(",") + "}"))
    raise ValueError("the index ends early")


def write_index(path: Path, entries: dict[str, IndexEntry]) -> None:
    lines = [
        json.dumps({key: _encode(e)}, ensure_ascii=False, separators=(",", ":"))[1:-1]
        for key, e in sorted(entries.items())
    ]
    write_atomic(path, "\n".join([HEAD, ",\n".join(lines), TAIL, ""]).encode("utf-8"))


def _encode(entry: IndexEntry) -> dict[str, Any]:
    attended = entry.attended
    return {
        "summary": asdict(entry.summary),
        "hosts": list(attended.hosts),
        "attendees": [[s.name, s.affiliation, s.github] for s in attended.attendees],
        "signature": list(entry.signature),
    }


def _decode(key: str, value: dict[str, Any]) -> IndexEntry:
    summary = DraftSummary(**value["summary"])
    if summary.id != key:
        raise ValueError("an entry names another draft")
    size, mtime = value["signature"]
    day = date.fromisoformat(summary.date) if summary.date else None
    attended = IndexedMeeting(
        series=summary.series,
        date=day,
        hosts=tuple(str(h) for h in value["hosts"]),
        attendees=tuple(Seen(str(n), str(a), str(g)) for n, a, g in value["attendees"]),
    )
    return IndexEntry(summary, attended, (int(size), int(mtime)))
