"""`hostdesk publish` in a process of its own, with the peak memory it took."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.publish.fixtures import TOKEN


def publish_in_a_process(meeting_id: str, home: Path, *flags: str) -> tuple[int, str, float]:
    """Exit code, stderr, and peak resident memory in MB (from the kernel's rusage)."""
    env = {**os.environ, "HOSTDESK_HOME": str(home), "GITHUB_TOKEN": TOKEN}
    child = subprocess.Popen(
        [sys.executable, "-m", "hostdesk", "publish", meeting_id, *flags],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stderr is not None
    err = child.stderr.read().decode()
    child.stderr.close()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, err, usage.ru_maxrss / 1024  # Linux reports KiB
