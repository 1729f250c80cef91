"""Where hostdesk keeps its files: the one place that answers, resolved late."""

from __future__ import annotations

import os
from pathlib import Path


def data_root() -> Path:
    """Drafts, backups, the outbox: `HOSTDESK_HOME` if set, else the user data dir."""
    if home := os.environ.get("HOSTDESK_HOME"):
        return Path(home).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("hostdesk", appauthor=False))


def config_root() -> Path:
    """Settings: `HOSTDESK_HOME/config` if set, else the user config dir."""
    if home := os.environ.get("HOSTDESK_HOME"):
        return Path(home).expanduser() / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir("hostdesk", appauthor=False))


def private_folder(folder: Path) -> Path:
    """A folder only its owner may enter: made so, or made so again if it was not."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def private_file(path: Path) -> Path:
    """A file only its owner may read (created empty if absent), in a private folder."""
    private_folder(path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    if os.name == "posix" and path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return path


def window_settings() -> Path:
    """The window's own state (geometry, splitters): owner-only like everything else."""
    return private_file(config_root() / "window.ini")
