"""Two real processes doing the same thing at the same moment, trial after trial.

Each worker is a separate process (multiprocessing, spawn); a barrier lines them up
before every trial so their writes really collide. Used by the tests (a few dozen
trials) and by `make bench` (the full 200)."""

from __future__ import annotations

import multiprocessing
import os
import queue
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

WORKERS = 2
TOKEN = "ghp_trialsTOKEN0123456789abcdefghijklmn"


@dataclass
class Outcome:
    trials: int
    lost: int  # outbox entries or drafts missing after a trial
    failed: list[str]  # sentences of operations that should not have failed
    seconds: float


def closed_port() -> int:
    """A port nobody listens on: a publish to it fails at once, as offline."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def notes_for(worker: int, day: date) -> str:
    """A small notes file of two meetings, each worker's its own."""
    first, second = day, day + timedelta(days=7)
    return (
        f"# Worker {worker} sync\n\n"
        f"## {second:%B} {second.day}, {second.year}\n* Host: W{worker}\n* News\n  * fine\n\n"
        f"## {first:%B} {first.day}, {first.year}\n* Host: W{worker}\n* News\n  * started\n"
    )


def _quiet() -> None:
    """The log's details have no file here; the outcomes are what the trial reports."""
    import logging

    logging.getLogger().addHandler(logging.NullHandler())


def _publish_worker(root: str, worker: int, trials: int, port: int, barrier: Any, results: Any) -> None:
    _quiet()
    from hostdesk.core.model import Meeting, Target
    from hostdesk.publish.errors import PublishError
    from hostdesk.publish.outbox import OutboxStore
    from hostdesk.publish.secrets import Token
    from hostdesk.publish.service import publish_draft
    from hostdesk.storage.drafts import DraftStore

    failed = []
    target = Target(repo="trial/notes", path="notes.md", api_url=f"http://127.0.0.1:{port}")
    for n in range(trials):
        home = Path(root) / f"trial-{n}"
        store = DraftStore(home)
        meeting = Meeting(id=f"{n:04d}{worker:028d}", series="Trials", date=date(2024, 1, 1) + timedelta(n))
        try:
            store.save(meeting)
        except Exception as exc:
            failed.append(f"trial {n}: saving the draft: {exc}")
        barrier.wait()
        try:
            publish_draft(meeting.id, target, Token(TOKEN), store=store, outbox=OutboxStore(home), deadline=10)
            failed.append(f"trial {n}: a publish to a closed port succeeded")
        except PublishError as exc:
            if not exc.retry:
                failed.append(f"trial {n}: {exc}")
        except Exception as exc:
            failed.append(f"trial {n}: {type(exc).__name__}: {exc}")
    results.put(failed)


def _import_worker(root: str, worker: int, trials: int, barrier: Any, results: Any) -> None:
    _quiet()
    from hostdesk.core.document import parse
    from hostdesk.storage.drafts import DraftStore
    from hostdesk.storage.importing import import_document
    from hostdesk.storage.settings import SettingsStore

    failed = []
    for n in range(trials):
        home = Path(root) / f"trial-{n}"
        doc = parse(notes_for(worker, date(2024, 1, 4) + timedelta(days=14 * n)))
        barrier.wait()
        try:
            import_document(doc, f"Worker {worker} sync", DraftStore(home), SettingsStore(home / "config"))
        except Exception as exc:
            failed.append(f"trial {n}: {type(exc).__name__}: {exc}")
    results.put(failed)


def _run(target: Callable[..., None], root: Path, trials: int, *extra: Any) -> tuple[list[str], float]:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WORKERS, timeout=120), context.Queue()
    workers = [
        context.Process(target=target, args=(str(root), k, trials, *extra, barrier, results), daemon=True)
        for k in range(WORKERS)
    ]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    failed: list[str] = []
    reported = 0
    while reported < len(workers):
        try:
            failed += results.get(timeout=1)
            reported += 1
        except queue.Empty:
            if not any(w.is_alive() for w in workers) and results.empty():
                failed.append("a worker process died without reporting")
                break
    for worker in workers:
        worker.join(timeout=60)
    return failed, time.perf_counter() - start


def publish_trials(root: Path, trials: int) -> Outcome:
    """Two processes fail a publish at the same moment: both must be queued."""
    from hostdesk.publish.outbox import OutboxStore

    os.environ.pop("GITHUB_TOKEN", None)
    failed, seconds = _run(_publish_worker, root, trials, closed_port())
    lost = 0
    for n in range(trials):
        queued = {e.meeting_id for e in OutboxStore(root / f"trial-{n}").load().entries}
        lost += WORKERS - len(queued)
    return Outcome(trials, lost, failed, seconds)


def import_trials(root: Path, trials: int) -> Outcome:
    """Two processes import a notes file each into the same folder at the same moment:
    both series' drafts and both series' settings (their template) must be kept."""
    from hostdesk.storage.drafts import DraftStore
    from hostdesk.storage.settings import SettingsStore

    failed, seconds = _run(_import_worker, root, trials)
    lost = 0
    for n in range(trials):
        home = root / f"trial-{n}"
        lost += WORKERS * 2 - len(DraftStore(home).load_all())
        lost += WORKERS - len(SettingsStore(home / "config").load().series)
    return Outcome(trials, lost, failed, seconds)
