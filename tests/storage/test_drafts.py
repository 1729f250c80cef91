"""Drafts on disk: saving, versions, damage, listing, the trash."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from hostdesk.core.model import Attendee, Meeting, PublishRecord, Section
from hostdesk.core.verbatim import fingerprint
from hostdesk.storage.drafts import BACKUPS, DraftStore
from hostdesk.storage.errors import DamagedDraftError, NewerDraftError, StorageError


def a_meeting(day: date = date(2024, 5, 7), notes: str = "* first") -> Meeting:
    return Meeting(
        series="Garden tooling",
        date=day,
        heading=day.strftime("%B %-d, %Y"),
        hosts=["Ingrid Sørensen"],
        attendees=[Attendee(name="Zoë Dupont", affiliation="Pollinate")],
        sections=[Section(title="Project news", planned_minutes=10, notes=notes)],
    )


def test_a_saved_draft_loads_equal_and_only_its_owner_can_read_it(hostdesk_home: Path) -> None:
    store = DraftStore()
    meeting = a_meeting()
    store.save(meeting)
    assert store.load(meeting.id) == meeting
    mode = stat.S_IMODE(store.path(meeting.id).stat().st_mode)
    assert mode == 0o600
    assert store.path(meeting.id).parent == hostdesk_home / "drafts"


def test_the_last_five_versions_are_kept_as_backups() -> None:
    store = DraftStore()
    meeting = a_meeting()
    for n in range(8):
        meeting.sections[0].notes = f"* version {n}"
        store.save(meeting)
    kept = [
        json.loads(store.backup_path(meeting.id, k).read_text())["meeting"]["sections"][0]["notes"]
        for k in range(1, BACKUPS + 1)
    ]
    assert kept == [f"* version {n}" for n in (6, 5, 4, 3, 2)]
    assert not store.backup_path(meeting.id, BACKUPS + 1).exists()


def test_stale_temp_files_from_a_crash_are_cleaned_at_start(hostdesk_home: Path) -> None:
    store = DraftStore()
    meeting = a_meeting()
    store.save(meeting)
    dead = _a_finished_pid()
    stale = store.folder / f".{meeting.id}.json.{dead}.0a0b0c0d.hostdesk-tmp"
    stale.write_text("half a draft")
    fresh = store.folder / f".{meeting.id}.json.{dead}.1a1b1c1d.hostdesk-tmp"
    fresh.write_text("a save in progress a moment ago")
    held = store.folder / f".{meeting.id}.json.{os.getppid()}.2a2b2c2d.hostdesk-tmp"
    held.write_text("an old save another live process still holds")
    old = time.time() - 600
    for path in (stale, held):
        os.utime(path, (old, old))
    DraftStore().save(a_meeting(date(2024, 5, 21)))
    assert not stale.exists()
    assert fresh.exists() and held.exists()  # another process may be about to rename them
    assert store.load(meeting.id) == meeting


def _a_finished_pid() -> int:
    """The id of a process that has exited (and been reaped), so no one holds its files."""
    done = subprocess.Popen(["true"])
    done.wait()
    return done.pid


def test_a_draft_from_a_newer_version_opens_read_only_and_is_never_overwritten() -> None:
    store = DraftStore()
    meeting = a_meeting()
    store.save(meeting)
    path = store.path(meeting.id)
    document = json.loads(path.read_text())
    document["schema_version"] = 99
    document["meeting"]["a_field_from_the_future"] = {"x": 1}
    path.write_text(json.dumps(document))
    before = path.read_bytes()
    loaded = store.load(meeting.id)
    assert loaded.sections[0].notes == "* first"
    assert "newer hostdesk" in store.read_only_reason(meeting.id)
    with pytest.raises(NewerDraftError, match="newer hostdesk"):
        store.save(loaded)
    assert path.read_bytes() == before


def test_a_draft_of_garbage_bytes_is_moved_aside_and_the_backup_offered() -> None:
    store = DraftStore()
    meeting = a_meeting()
    store.save(meeting)
    meeting.sections[0].notes = "* second"
    store.save(meeting)
    store.path(meeting.id).write_bytes(b"\x00\xffgarbage{")
    with pytest.raises(DamagedDraftError) as caught:
        store.load(meeting.id)
    message = str(caught.value)
    assert f"{meeting.id}.json" in message and "not UTF-8" in message
    assert "newest good backup can be restored" in message
    assert caught.value.moved_to is not None and caught.value.moved_to.read_bytes().startswith(b"\x00\xff")
    assert not store.path(meeting.id).exists()
    restored = store.restore_backup(meeting.id, caught.value.backup)  # type: ignore[arg-type]
    assert restored.sections[0].notes == "* first"
    assert store.load(meeting.id).sections[0].notes == "* first"


def test_a_draft_that_fails_validation_names_the_field() -> None:
    store = DraftStore()
    meeting = a_meeting()
    store.save(meeting)
    document = json.loads(store.path(meeting.id).read_text())
    document["meeting"]["sections"][0]["planned_minutes"] = "lots"
    store.path(meeting.id).write_text(json.dumps(document))
    with pytest.raises(DamagedDraftError, match=r"sections\.0\.planned_minutes"):
        store.load(meeting.id)
    assert len(list(store.damaged.iterdir())) == 1


def test_list_shows_series_date_title_and_publish_state() -> None:
    store = DraftStore(clock=lambda: 1_700_000_000.0)
    old, new = a_meeting(date(2024, 5, 7)), a_meeting(date(2024, 5, 21))
    old.published = PublishRecord(
        repo="o/r", branch="main", path="README.md", fingerprint=fingerprint(old.semantic())
    )
    store.save(old)
    store.save(new)
    rows = store.summaries()
    assert [r.date for r in rows] == ["2024-05-21", "2024-05-07"]
    assert rows[1].published and not rows[1].changed_since_published
    old.sections[0].notes += "\n* late addition"
    store.save(old)
    assert store.summaries()[1].changed_since_published
    assert rows[0].series == "Garden tooling" and rows[0].saved_at == 1_700_000_000.0


def test_delete_goes_to_a_trash_that_restores() -> None:
    store = DraftStore()
    meeting = a_meeting()
    store.save(meeting)
    store.delete(meeting.id)
    assert store.ids() == []
    assert store.restore(meeting.id) == meeting


def test_a_meeting_is_found_by_id_prefix_or_date() -> None:
    store = DraftStore()
    first, second = a_meeting(date(2024, 5, 7)), a_meeting(date(2024, 5, 21))
    store.save(first)
    store.save(second)
    assert store.resolve(first.id[:10]) == first.id
    assert store.resolve("2024-05-21") == second.id
    with pytest.raises(StorageError, match="No draft matches"):
        store.resolve("2023-01-01")
