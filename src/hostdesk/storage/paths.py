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
