"""DraftStore: one JSON file per meeting, saved atomically, with backups and a trash."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hostdesk.core.schema import SCHEMA_VERSION
from hostdesk.storage.atomic import clean_temp_files, write_atomic
from hostdesk.storage.errors import (
    DamagedDraftError,
    NewerDraftError,
    StorageError,
    storage_error,
)
from hostdesk.storage.glance import Glance, read_glance
from hostdesk.storage.index import (
    DraftSummary,
    IndexedMeeting,
    IndexEntry,
    Signature,
    entry_for,
    on_disk,
    problem_entry,
    read_index,
    signature,
    write_index,
)
from hostdesk.storage.migrations import migrate
from hostdesk.storage.paths import data_root

if TYPE_CHECKING:
    from hostdesk.core.model import Meeting
    from hostdesk.core.roster import Roster

__all__ = ["BACKUPS", "DraftStore", "DraftSummary"]


def _validate(data: Any) -> Meeting:
    """The model, loaded on the first draft read rather than at import: the window
    paints before pydantic has loaded. (pydantic's ValidationError is a ValueError.)"""
    from hostdesk.core.model import Meeting

    return Meeting.model_validate(data)

BACKUPS = 5
log = logging.getLogger(__name__)
Clock = Callable[[], float]


class DraftStore:
    """The drafts folder. Every write is atomic; nothing is deleted, only moved aside."""

    def __init__(self, root: Path | None = None, clock: Clock = time.time) -> None:
        self.root = root or data_root()
        self.folder = self.root / "drafts"
        self.backups = self.root / "backups"
        self.damaged = self.root / "damaged"
        self.trash = self.root / "trash"
        self.clock = clock
        self.index_path = self.root / "drafts-index.json"
        self.index_notice = ""  # a sentence for the host when the index had to be rebuilt
        self.read_only: set[str] = set()
        self._ready = False
        self._index: tuple[Signature | None, dict[str, IndexEntry]] | None = None

    def _prepare(self) -> None:
        if self._ready:
            return
        try:
            for folder in (self.folder, self.backups):
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            clean_temp_files(self.folder)
        except OSError as exc:
            raise storage_error(exc, self.folder, "prepare") from exc
        self._ready = True

    def path(self, meeting_id: str) -> Path:
        return self.folder / f"{meeting_id}.json"

    def backup_path(self, meeting_id: str, n: int) -> Path:
        return self.backups / f"{meeting_id}.{n}.json"

    # -- writing

    def save(self, meeting: Meeting) -> float:
        """Save the meeting; returns the time it was saved. The last 5 versions stay backed up."""
        if meeting.id in self.read_only:
            raise NewerDraftError(
                f"{self.path(meeting.id)} was written by a newer hostdesk; it stays read-only "
                "so nothing in it is lost."
            )
        from pydantic_core import to_json  # loaded with the model; not before the first paint

        self._prepare()
        saved_at = self.clock()
        # The same compact UTF-8 JSON as json.dumps(ensure_ascii=False) writes, six times
        # faster: the autosave after a 10 MB paste holds the window 11 ms here, not 66.
        meeting_data = meeting.model_dump(mode="json")
        data = to_json({"schema_version": SCHEMA_VERSION, "saved_at": saved_at, "meeting": meeting_data})
        target = self.path(meeting.id)
        self._rotate(meeting.id, target)
        write_atomic(target, data)
        self._index_saved(meeting, saved_at)
        return saved_at

    def _rotate(self, meeting_id: str, current: Path) -> None:
        """Shift backups up by one and hard-link the current file in as the newest."""
        if not current.exists():
            return
        try:
            for n in range(BACKUPS - 1, 0, -1):
                older = self.backup_path(meeting_id, n)
                if older.exists():
                    os.replace(older, self.backup_path(meeting_id, n + 1))
            newest = self.backup_path(meeting_id, 1)
            try:
                os.link(current, newest)
            except OSError:
                shutil.copy2(current, newest)
        except OSError as exc:
            raise storage_error(exc, current, "back up") from exc

    # -- reading

    def load(self, meeting_id: str) -> Meeting:
        path = self.path(meeting_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise StorageError(f"There is no draft {meeting_id} in {self.folder}.") from None
        except OSError as exc:
            raise storage_error(exc, path, "read") from exc
        try:
            return self._decode(meeting_id, raw)
        except ValueError as exc:
            raise self._set_aside(meeting_id, path, exc) from None

    def glance(self, meeting_id: str) -> Glance | None:
        """The draft as its file says, read without the model; None if that is not simple."""
        try:
            return read_glance(self.path(meeting_id).read_bytes())
        except OSError:
            return None

    def _decode(self, meeting_id: str, raw: bytes) -> Meeting:
        document = json.loads(raw.decode("utf-8"))
        if not isinstance(document, dict):
            raise ValueError("it is not a draft object")
        version = document.get("schema_version")
        if not isinstance(version, int):
            raise ValueError("it has no schema version")
        if version > SCHEMA_VERSION:
            self.read_only.add(meeting_id)
            try:
                return _validate(document.get("meeting"))
            except ValueError:
                raise NewerDraftError(
                    f"{self.path(meeting_id)} was written by a newer hostdesk (schema "
                    f"{version}); update hostdesk to open it. The file is left as it is."
                ) from None
        self.read_only.discard(meeting_id)
        return _validate(migrate(document)["meeting"])

    def _set_aside(self, meeting_id: str, path: Path, cause: Exception) -> DamagedDraftError:
        reason = _reason(cause)
        moved: Path | None = self.damaged / f"{path.stem}.{int(self.clock())}.json"
        try:
            self.damaged.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.replace(path, moved)  # type: ignore[arg-type]
        except OSError:
            moved = None
        else:
            self._index_dropped(meeting_id)
        backup = self.newest_good_backup(meeting_id)
        where = f"moved to {moved}" if moved else "left where it is"
        offer = "; the newest good backup can be restored" if backup else "; no backup was found"
        return DamagedDraftError(
            f"The draft {path.name} could not be read ({reason}); it was {where}{offer}.",
            moved,
            backup,
        )

    def newest_good_backup(self, meeting_id: str) -> Path | None:
        for n in range(1, BACKUPS + 1):
            candidate = self.backup_path(meeting_id, n)
            try:
                self.read_file(candidate)
                return candidate
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return None

    def peek(self, meeting_id: str) -> Meeting | None:
        """The draft if it reads as this hostdesk's own, else None. Unlike `load`, nothing
        is set aside or remembered: its damage is for opening it to report."""
        try:
            document = json.loads(self.path(meeting_id).read_bytes().decode("utf-8"))
            version = document.get("schema_version") if isinstance(document, dict) else None
            if not isinstance(version, int) or version > SCHEMA_VERSION:
                return None
            return _validate(migrate(document)["meeting"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def read_file(self, path: Path) -> Meeting:
        """The meeting in a draft or backup file, read without moving anything."""
        return _validate(migrate(json.loads(path.read_bytes().decode("utf-8")))["meeting"])

    def restore_backup(self, meeting_id: str, backup: Path) -> Meeting:
        meeting = self.read_file(backup)
        self.save(meeting)
        return meeting

    def read_only_reason(self, meeting_id: str) -> str:
        if meeting_id not in self.read_only:
            return ""
        return (
            f"{self.path(meeting_id).name} was written by a newer hostdesk, so it opens "
            "read-only and is never overwritten; update hostdesk to edit it."
        )

    def ids(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json"))

    def summaries(self) -> list[DraftSummary]:
        """Every draft, newest meeting first; a damaged one is listed with its problem.
        Served from the index: only drafts written since it was are read."""
        found = [e.summary for e in self._entries().values()]
        return sorted(found, key=lambda s: (s.date, s.saved_at), reverse=True)

    def attended(self) -> list[IndexedMeeting]:
        """Who came to each readable draft's meeting, from the index."""
        return [e.attended for e in self._entries().values() if not e.summary.problem]

    def roster(self) -> Roster:
        """Everyone the drafts have seen, without reading every draft."""
        from hostdesk.core.roster import Roster

        return Roster.from_meetings(self.attended())

    # -- the index

    def _entries(self) -> dict[str, IndexEntry]:
        """The index brought up to date with the drafts folder in one pass over it."""
        cached, damaged = self._cached_index()
        entries = dict(cached)
        found = on_disk(self.folder)
        changed = damaged
        for meeting_id in [i for i in entries if i not in found]:
            del entries[meeting_id]  # deleted, or set aside, behind the index's back
            changed = True
        for meeting_id, sig in found.items():
            known = entries.get(meeting_id)
            if known is None or known.signature != sig:
                entries[meeting_id] = self._read_entry(meeting_id, sig)
                changed = True
            elif known.summary.read_only:
                self.read_only.add(meeting_id)
        if changed:
            self._write_index(entries)
        return entries

    def _cached_index(self) -> tuple[dict[str, IndexEntry], bool]:
        """The index as last read or written by this store, read again if another
        process wrote it since; and whether it was damaged."""
        sig = signature(self.index_path)
        if self._index is not None and sig is not None and self._index[0] == sig:
            return self._index[1], False
        entries, notice = read_index(self.index_path)
        if notice:
            log.warning("%s", notice)
            self.index_notice = notice
        self._index = (sig, entries)
        return entries, bool(notice)

    def _write_index(self, entries: dict[str, IndexEntry]) -> None:
        try:
            self.folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_index(self.index_path, entries)
        except (OSError, StorageError):
            self._index = None  # a cache that could not be written: the drafts still say it all
            return
        self._index = (signature(self.index_path), entries)

    def _read_entry(self, meeting_id: str, sig: Signature) -> IndexEntry:
        path = self.path(meeting_id)
        try:
            raw = path.read_bytes()
            saved_at = float(json.loads(raw.decode("utf-8")).get("saved_at", 0.0))
            meeting = self._decode(meeting_id, raw)
        except (OSError, ValueError, AttributeError) as exc:
            return problem_entry(meeting_id, path.name, _reason(exc), sig)
        return entry_for(meeting, saved_at, sig, meeting_id in self.read_only)

    def _index_saved(self, meeting: Meeting, saved_at: float) -> None:
        """After a save. The index is rewritten only when what it lists changed (a title,
        a date, who came): an autosave of notes leaves it, and the next listing reads
        that one draft again because its file's signature moved."""
        sig = signature(self.path(meeting.id))
        if sig is None:
            return
        entries, _ = self._cached_index()
        fresh = entry_for(meeting, saved_at, sig, False)
        known = entries.get(meeting.id)
        if known is not None and _same_listing(known, fresh):
            return
        self._write_index({**entries, meeting.id: fresh})

    def _index_dropped(self, meeting_id: str) -> None:
        entries, _ = self._cached_index()
        if meeting_id in entries:
            self._write_index({k: v for k, v in entries.items() if k != meeting_id})

    def load_all(self) -> list[Meeting]:
        """Every draft that reads. A damaged one stays where it is, untouched: it is set
        aside, with its backup offered, only when the host opens it."""
        meetings = []
        for meeting_id in self.ids():
            try:
                meetings.append(self._decode(meeting_id, self.path(meeting_id).read_bytes()))
            except (OSError, ValueError):
                continue
        return meetings

    def resolve(self, ref: str) -> str:
        """A draft id from an id, an unambiguous id prefix, or a date (YYYY-MM-DD)."""
        ids = self.ids()
        if ref in ids:
            return ref
        by_prefix = [i for i in ids if i.startswith(ref)]
        if len(by_prefix) == 1:
            return by_prefix[0]
        by_date = [s.id for s in self.summaries() if s.date == ref]
        if len(by_date) == 1:
            return by_date[0]
        if len(by_prefix) > 1 or len(by_date) > 1:
            raise StorageError(
                f"“{ref}” matches {len(by_prefix) or len(by_date)} drafts; give more of the id."
            )
        raise StorageError(f"No draft matches “{ref}”; `hostdesk list` shows them.")

    # -- trash

    def delete(self, meeting_id: str) -> Path:
        """Move a draft to the trash, from where `restore` brings it back."""
        self.trash.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = self.trash / f"{meeting_id}.json"
        try:
            os.replace(self.path(meeting_id), target)
        except OSError as exc:
            raise storage_error(exc, self.path(meeting_id), "move to the trash") from exc
        self._index_dropped(meeting_id)
        return target

    def restore(self, meeting_id: str) -> Meeting:
        self._prepare()
        try:
            os.replace(self.trash / f"{meeting_id}.json", self.path(meeting_id))
        except OSError as exc:
            raise storage_error(exc, self.path(meeting_id), "restore") from exc
        return self.load(meeting_id)


def _same_listing(a: IndexEntry, b: IndexEntry) -> bool:
    """Whether two entries list the same, apart from when their file was written."""
    return a.attended == b.attended and a.summary == replace(b.summary, saved_at=a.summary.saved_at)


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text"
    if isinstance(exc, json.JSONDecodeError):
        return f"it is not valid JSON at line {exc.lineno}"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    from pydantic import ValidationError  # what is left failed validation: pydantic is loaded

    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the draft"
        return f"{where}: {first['msg'].lower()}"
    return str(exc)
