"""Atomic file writes, the one rule for their temp files, and the one lock for a shared file.

A reader sees the old file or the new one, never a torn one. A temp file is removed by
another process only when it is older than a few minutes and no live process holds it,
so one process starting up never pulls the floor from under another one's save."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from hostdesk.storage.errors import storage_error

TEMP_SUFFIX = ".hostdesk-tmp"
STALE_AFTER = 300.0  # seconds; a save takes milliseconds, a stuck disk a little longer


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_path(path: Path) -> Path:
    """A temp file beside `path`, named for the process that holds it (and unique in it)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Temp file in the same folder, write, fsync, rename over, fsync the folder."""
    temp = temp_path(path)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        fsync_folder(path.parent)
    except OSError as exc:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass
        raise storage_error(exc, path, "save") from exc


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone's process: not ours to judge
    return True


def _holder(temp: Path) -> int | None:
    """The process id in a temp file's name (`.name.PID.RANDOM.hostdesk-tmp`)."""
    parts = temp.name.removesuffix(TEMP_SUFFIX).split(".")
    for part in reversed(parts[-2:]):
        if part.isdigit():
            return int(part)
    return None


def clean_temp_files(folder: Path, now: float | None = None, stale_after: float = STALE_AFTER) -> int:
    """Remove temp files a crash left behind: old ones that no live process holds."""
    removed = 0
    now = time.time() if now is None else now
    if not folder.is_dir():
        return 0
    for stale in folder.glob(f".*{TEMP_SUFFIX}"):
        try:
            if now - stale.stat().st_mtime < stale_after:
                continue
        except FileNotFoundError:
            continue  # its save just finished
        pid = _holder(stale)
        if pid is not None and _alive(pid):
            continue
        stale.unlink(missing_ok=True)
        removed += 1
    return removed


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of `path` (a `.lock` file beside it) across a read-change-write."""
    lock = path.with_name(path.name + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
