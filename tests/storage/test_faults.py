"""A full disk, a read-only folder, a vanished folder: a typed error, and nothing lost."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from hostdesk.storage import atomic
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.errors import DiskFullError, FolderMissingError, ReadOnlyError
from tests.storage.conftest import remount_read_only
from tests.storage.test_drafts import a_meeting


def saved_store(root: Path) -> tuple[DraftStore, object]:
    store = DraftStore(root)
    meeting = a_meeting()
    store.save(meeting)
    return store, meeting


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_no_space_injected_on_write_or_fsync_keeps_the_previous_draft(
    call: str, monkeypatch: pytest.MonkeyPatch, hostdesk_home: Path
) -> None:
    store = DraftStore()
    meeting = a_meeting()
    store.save(meeting)
    before = store.path(meeting.id).read_bytes()

    def full(*args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, call, full)
    meeting.sections[0].notes = "* lost?"
    with pytest.raises(DiskFullError, match=r"the disk is full.*previous version is intact"):
        store.save(meeting)
    monkeypatch.undo()
    assert store.path(meeting.id).read_bytes() == before
    assert [p.name for p in store.folder.iterdir()] == [f"{meeting.id}.json"]


def test_a_really_full_disk_keeps_the_previous_draft(tmpfs: Callable[..., Path]) -> None:
    root = tmpfs("small", size="48k")
    store = DraftStore(root)
    meeting = a_meeting()
    store.save(meeting)
    before = store.path(meeting.id).read_bytes()
    meeting.sections[0].notes = "* " + "x" * 200_000
    with pytest.raises(DiskFullError, match="the disk is full"):
        store.save(meeting)
    assert store.path(meeting.id).read_bytes() == before
    assert not list(store.folder.glob("*.hostdesk-tmp"))


def test_a_read_only_folder_gives_a_clear_error(tmpfs: Callable[..., Path]) -> None:
    root = tmpfs("ro")
    store = DraftStore(root)
    meeting = a_meeting()
    store.save(meeting)
    before = store.path(meeting.id).read_bytes()
    remount_read_only(root)
    meeting.sections[0].notes = "* changed"
    with pytest.raises(ReadOnlyError, match="read-only"):
        store.save(meeting)
    assert store.path(meeting.id).read_bytes() == before


def test_a_vanished_folder_gives_a_clear_error(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "usb-stick")
    meeting = a_meeting()
    store.save(meeting)
    shutil.rmtree(tmp_path / "usb-stick")
    with pytest.raises(FolderMissingError, match="its folder no longer exists"):
        store.save(meeting)
    assert os.listdir(tmp_path) == []
