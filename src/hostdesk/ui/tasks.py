"""Blocking work (network, keyring) off the GUI thread; results come back by signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Carries a worker's result to the GUI thread.

    Signals: done(object), failed(object)
    """

    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work, self.relay = work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the GUI thread, which shows the sentence
            outcome, signal = exc, "failed"
        else:
            outcome, signal = result, "done"
        try:
            getattr(self.relay, signal).emit(outcome)
        except RuntimeError:
            pass  # the app quit while this ran: there is no window left to tell


def wait_for_workers(seconds: float) -> bool:
    """At quit: let a publish under way finish, so its record is saved with the draft."""
    return QThreadPool.globalInstance().waitForDone(int(seconds * 1000))


class TaskRunner:
    """Runs work on a QThreadPool; tests pass `inline=True` to run it at once."""

    def __init__(self, inline: bool = False) -> None:
        self.inline = inline
        self._relays: set[_Relay] = set()

    def run(
        self, work: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None]
    ) -> None:
        if self.inline:
            run_now(work, on_done, on_error)
            return
        relay = _Relay()
        self._relays.add(relay)

        def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def call(value: Any) -> None:
                self._relays.discard(relay)
                callback(value)

            return call

        relay.done.connect(finish(on_done))
        relay.failed.connect(finish(on_error))
        QThreadPool.globalInstance().start(_Job(work, relay))


def run_now(
    work: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None]
) -> None:
    """Run work on this thread and hand over its result, or its failure."""
    try:
        result = work()
    except Exception as exc:
        on_error(exc)
    else:
        on_done(result)
