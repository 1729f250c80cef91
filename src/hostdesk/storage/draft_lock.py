"""One writer per draft across processes: a lock file beside the draft, like Vim's swap
file, that a crashed process's leftover does not keep."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from hostdesk.storage.atomic import write_atomic
from hostdesk.storage.errors import StorageError

# This machine's name, as `platform.node()` gives it; `platform` and `uuid` (which imports
# it) cost ~3 ms before the window's first paint, so only Windows, without `os.uname`, asks it.
if hasattr(os, "uname"):
    _HOST = os.uname().nodename
else:
    import platform

    _HOST = platform.node()


@dataclass(frozen=True)
class Holder:
    """Who holds a draft: a process on a host, and which owner in it (a process may hold
    two windows)."""

    pid: int
    host: str
    owner: str
    started: str  # the process's start time as the kernel counts it, against pid reuse
    since: float

    def alive(self) -> bool:
        if self.host != _HOST:
            return True  # another machine sharing the folder: it cannot be asked, so it counts
        if not _pid_alive(self.pid):
            return False
        return not self.started or self.started == _start_time(self.pid)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # there os.kill(pid, 0) would end the process it asks about
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process, but a live one
    return True


def _windows_pid_alive(pid: int) -> bool:
    """Asked of the process's exit code (not built or tested here: see packaging/README.md)."""
    if sys.platform != "win32":
        return False
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: someone else's, but live
    try:
        code = wintypes.DWORD()
        asked = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return bool(asked) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _start_time(pid: int) -> str:
    """Field 22 of /proc/PID/stat on Linux; "" where there is no /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[19] if ")" in stat else ""


class DraftLock:
    """The lock on one draft. `acquire` says who else holds it, or takes it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.owner = os.urandom(16).hex()  # as unique as a uuid4
        self.held = False

    def _mine(self) -> Holder:
        pid = os.getpid()
        return Holder(pid, _HOST, self.owner, _start_time(pid), time.time())

    def holder(self) -> Holder | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Holder(
                int(data["pid"]), str(data["host"]), str(data["owner"]), str(data.get("started", "")),
                float(data.get("since", 0.0)),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return Holder(0, _HOST, "", "", 0.0)  # unreadable: a crash's leftover

    def acquire(self) -> Holder | None:
        """Take the lock; returns the live holder instead if another owner has it. A lock
        whose process is gone is stale and taken over."""
        data = json.dumps(self._mine().__dict__).encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            holder = self.holder()
            if holder is not None and holder.owner != self.owner and holder.alive():
                return holder
            write_atomic(self.path, data)  # stale: ours now
        except OSError as exc:
            raise StorageError(f"Could not lock {self.path.name} ({exc.strerror or exc}).") from exc
        else:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
        self.held = True
        return None

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        holder = self.holder()
        if holder is not None and holder.owner == self.owner:
            try:
                self.path.unlink()
            except OSError:
                pass  # left behind, it is recognised as stale next time
