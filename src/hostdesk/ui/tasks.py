"""Blocking work (network, keyring) off the GUI thread; results come back by signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal


class _Relay(QObject):
    """Carries a worker's result to the GUI thread.

    Signals: done(object), failed(object)
    """

    done = Signal(object)
    failed = Signal(object)


def _job(work: Callable[[], Any], relay: _Relay) -> Callable[[], None]:
    """What a pool thread runs: the work, then its outcome handed to the relay. A plain
    callable, not a QRunnable subclass, whose Python wrappers PySide keeps after each run."""

    def run() -> None:
        try:
            result = work()
        except Exception as exc:  # handed to the GUI thread, which shows the sentence
            outcome, signal = exc, "failed"
        else:
            outcome, signal = result, "done"
        try:
            getattr(relay, signal).emit(outcome)
        except RuntimeError:
            pass  # the app quit while this ran: there is no window left to tell

    return run


def wait_for_workers(seconds: float) -> bool:
    """At quit: let a publish under way finish, so its record is saved with the draft."""
    return QThreadPool.globalInstance().waitForDone(int(seconds * 1000))


def run_now(work: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None]) -> None:
    """A task run at once on this thread, its outcome handed on as a worker's would be."""
    try:
        result = work()
    except Exception as exc:
        on_error(exc)
    else:
        on_done(result)


class TaskRunner:
    """Runs work on a QThreadPool (the global one unless given); tests pass `inline=True`
    to run it at once."""

    def __init__(self, inline: bool = False, pool: QThreadPool | None = None) -> None:
        self.inline = inline
        self.pool = pool
        self._relays: set[_Relay] = set()
        self._home: QObject | None = None  # the relays' parent, on the GUI thread

    def run(
        self, work: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None]
    ) -> None:
        if self.inline:
            run_now(work, on_done, on_error)
            return
        if self._home is None:
            self._home = QObject()
        # Owned by Qt through its parent, so the worker letting go of it last can never
        # delete a GUI-thread object on the worker's thread; deleted on this thread below.
        relay = _Relay(self._home)
        self._relays.add(relay)

        def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def call(value: Any) -> None:
                # The connections hold these closures and the closures the relay: a
                # cycle through Qt that Python's collector cannot see, so cut it here.
                self._relays.discard(relay)
                relay.done.disconnect()
                relay.failed.disconnect()
                relay.deleteLater()
                callback(value)

            return call

        relay.done.connect(finish(on_done))
        relay.failed.connect(finish(on_error))
        (self.pool or QThreadPool.globalInstance()).start(_job(work, relay))
