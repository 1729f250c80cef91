"""The outbox: publishes that could not go out, kept on disk until they do.

Every change is a read-change-write under the outbox's one lock, so processes that
fail at the same moment each keep their entry."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from hostdesk.core.model import Target
from hostdesk.publish.secrets import shown
from hostdesk.storage.atomic import locked, write_atomic
from hostdesk.storage.paths import data_root

BACKOFF = [30.0, 120.0, 600.0, 1800.0, 3600.0]


class Entry(BaseModel):
    meeting_id: str
    target: Target
    queued_at: float
    attempts: int = 0
    next_try: float = 0.0
    message: str = ""
    needs_host: bool = False  # a token, permission or target problem: no automatic retry


class Outbox(BaseModel):
    entries: list[Entry] = Field(default_factory=list)


class OutboxStore:
    def __init__(self, root: Path | None = None, clock: Callable[[], float] = time.time) -> None:
        self.path = (root or data_root()) / "outbox.json"
        self.clock = clock

    def load(self) -> Outbox:
        try:
            return Outbox.model_validate(json.loads(self.path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return Outbox()
        except ValueError:
            # Kept aside, never overwritten: a damaged queue may still name a lost publish.
            try:
                self.path.replace(self.path.with_suffix(".damaged.json"))
            except FileNotFoundError:
                pass
            return Outbox()

    def _save(self, outbox: Outbox) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(self.path, outbox.model_dump_json(indent=1).encode("utf-8"))

    def put(
        self,
        meeting_id: str,
        target: Target,
        message: str,
        needs_host: bool,
        retry_at: float | None = None,
    ) -> Entry:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with locked(self.path):
            outbox = self.load()
            old = next((e for e in outbox.entries if e.meeting_id == meeting_id), None)
            now = self.clock()
            attempts = (old.attempts if old else 0) + 1
            wait = BACKOFF[min(attempts, len(BACKOFF)) - 1]
            entry = Entry(
                meeting_id=meeting_id,
                target=target,
                queued_at=old.queued_at if old else now,
                attempts=attempts,
                message=shown(message),
                needs_host=needs_host,
                next_try=max(retry_at or 0.0, now + wait),
            )
            outbox.entries = [e for e in outbox.entries if e.meeting_id != meeting_id] + [entry]
            self._save(outbox)
        return entry

    def remove(self, meeting_id: str) -> None:
        if not self.path.exists():
            return
        with locked(self.path):
            outbox = self.load()
            kept = [e for e in outbox.entries if e.meeting_id != meeting_id]
            if len(kept) != len(outbox.entries):
                self._save(Outbox(entries=kept))

    def get(self, meeting_id: str) -> Entry | None:
        return next((e for e in self.load().entries if e.meeting_id == meeting_id), None)

    def due(self) -> list[Entry]:
        """Entries to retry now: not waiting for the host, and past their backoff."""
        now = self.clock()
        return [e for e in self.load().entries if not e.needs_host and e.next_try <= now]

    def next_due(self) -> float | None:
        """When the earliest automatic retry falls due, or None when nothing waits for one."""
        times = [e.next_try for e in self.load().entries if not e.needs_host]
        return min(times) if times else None

    def make_due(self) -> None:
        """Everything that retries by itself is due now (the network just came back)."""
        if not self.path.exists():
            return
        with locked(self.path):
            outbox = self.load()
            for entry in outbox.entries:
                entry.next_try = min(entry.next_try, self.clock())
            self._save(outbox)
