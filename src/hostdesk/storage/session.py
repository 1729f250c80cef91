"""The clean-shutdown marker: what was open, and whether the app closed properly."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from hostdesk.storage.atomic import write_atomic
from hostdesk.storage.errors import StorageError
from hostdesk.storage.paths import data_root

log = logging.getLogger(__name__)
PLACES = 20


class SessionMarker:
    def __init__(self, root: Path | None = None) -> None:
        self.path = (root or data_root()) / "session.json"

    def _read(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def crashed_draft(self) -> str | None:
        """The draft that was open when the app last stopped without closing properly."""
        data = self._read()
        draft = data.get("open")
        return draft if data.get("clean") is False and isinstance(draft, str) else None

    def last_open(self) -> str | None:
        draft = self._read().get("open")
        return draft if isinstance(draft, str) else None

    def opened(self, meeting_id: str) -> None:
        self._write({**self._read(), "open": meeting_id, "clean": False})

    def closed_cleanly(self, meeting_id: str | None) -> None:
        self._write({**self._read(), "open": meeting_id, "clean": True})

    def place(self, meeting_id: str) -> tuple[int, int] | None:
        """The section the host was in and the caret in its notes, when last there."""
        places = self._read().get("places")
        where = places.get(meeting_id) if isinstance(places, dict) else None
        if isinstance(where, list) and len(where) == 2 and all(isinstance(n, int) for n in where):
            return where[0], where[1]
        return None

    def remember_place(self, meeting_id: str, section: int, caret: int) -> None:
        data = self._read()
        places = data.get("places")
        kept = {k: v for k, v in places.items() if k != meeting_id} if isinstance(places, dict) else {}
        kept[meeting_id] = [section, caret]
        data["places"] = dict(list(kept.items())[-PLACES:])  # the newest few meetings
        self._write(data)

    def _write(self, data: dict[str, object]) -> None:
        # A hint for next time, not the notes: a folder that takes no writes (the drafts'
        # own save says so to the host) must not stop a meeting being opened or closed.
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomic(self.path, json.dumps(data).encode("utf-8"))
        except (OSError, StorageError) as exc:
            log.warning("session marker not written: %s", exc)
