"""Helpers for the storage fault tests; the tmpfs fixture is in tests/conftest.py."""

from __future__ import annotations

import subprocess
from pathlib import Path


def remount_read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
