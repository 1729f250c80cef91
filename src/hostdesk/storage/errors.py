"""Errors of the local store; each message is one sentence naming the file and the cause."""

from __future__ import annotations

import errno
from pathlib import Path


class StorageError(OSError):
    """Saving or reading a local file failed; the previous version is intact."""


class DiskFullError(StorageError):
    pass


class ReadOnlyError(StorageError):
    pass


class FolderMissingError(StorageError):
    pass


class DamagedDraftError(StorageError):
    """A draft that could not be read; it was moved aside and a backup may be offered."""

    def __init__(self, message: str, moved_to: Path | None, backup: Path | None) -> None:
        super().__init__(message)
        self.moved_to = moved_to
        self.backup = backup


class NewerDraftError(StorageError):
    """A draft written by a newer hostdesk: it opens read-only and is never overwritten."""


def storage_error(exc: OSError, path: Path, doing: str) -> StorageError:
    """Turn an OSError into the sentence a host can act on."""
    where = str(path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(
            f"Could not {doing} {where}: the disk is full; free some space and save again "
            "(the previous version is intact)."
        )
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyError(
            f"Could not {doing} {where}: the folder is read-only or not yours "
            "(the previous version is intact)."
        )
    if exc.errno == errno.ENOENT:
        return FolderMissingError(
            f"Could not {doing} {where}: its folder no longer exists "
            "(was a drive unplugged or the folder removed?)."
        )
    return StorageError(f"Could not {doing} {where}: {exc.strerror or exc}.")
