"""Fixtures for the window: a task runner the test finishes by hand, so the host can type
while background work is under way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hostdesk.ui.tasks import TaskRunner, run_now


class DeferredTasks(TaskRunner):
    """Holds each job until `finish` runs it and hands its result back, as the thread
    pool would some time later: whatever the test does in between happens "during" it."""

    def __init__(self) -> None:
        super().__init__(inline=True)
        self.pending: list[tuple[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None]]] = []

    def run(
        self, work: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None]
    ) -> None:
        self.pending.append((work, on_done, on_error))

    def finish(self) -> int:
        """Run what is pending (and what that starts), in order; returns how many ran."""
        ran = 0
        while self.pending:
            run_now(*self.pending.pop(0))
            ran += 1
        return ran


@pytest.fixture
def deferred() -> DeferredTasks:
    return DeferredTasks()
