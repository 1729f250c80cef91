"""Section timers computed from timestamps, so a restart or a sleeping laptop resumes right."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the model is read here, never built: the window paints a draft's
    from hostdesk.core.model import Meeting, Section  # file before pydantic has loaded


class TimerReading(Protocol):
    @property
    def started_at(self) -> float | None: ...
    @property
    def elapsed_before(self) -> float: ...
    @property
    def done(self) -> bool: ...


class Timed(Protocol):
    """What the arithmetic reads of a section: the model's, or a draft file's at a glance."""

    @property
    def title(self) -> str: ...
    @property
    def planned_minutes(self) -> int: ...
    @property
    def timer(self) -> TimerReading: ...


class Agenda(Protocol):
    @property
    def sections(self) -> Sequence[Timed]: ...


class TimerState(Enum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    PAUSED = "paused"
    WARNING = "almost over"
    OVER = "over time"
    DONE = "done"


def elapsed(section: Timed, now: float) -> float:
    timer = section.timer
    running = now - timer.started_at if timer.started_at is not None else 0.0
    return timer.elapsed_before + max(0.0, running)


def start(section: Section, now: float) -> None:
    if section.timer.started_at is None:
        section.timer = section.timer.model_copy(update={"started_at": now, "done": False})


def pause(section: Section, now: float) -> None:
    timer = section.timer
    if timer.started_at is not None:
        section.timer = timer.model_copy(update={"elapsed_before": elapsed(section, now), "started_at": None})


def finish(section: Section, now: float) -> None:
    pause(section, now)
    section.timer = section.timer.model_copy(update={"done": True})


def state(section: Timed, now: float, warn_at: float = 0.8) -> TimerState:
    spent = elapsed(section, now)
    planned = section.planned_minutes * 60
    if planned and spent >= planned:
        return TimerState.OVER
    if section.timer.done:
        return TimerState.DONE
    if section.timer.started_at is None:
        return TimerState.PAUSED if spent else TimerState.NOT_STARTED
    if planned and spent >= warn_at * planned:
        return TimerState.WARNING
    return TimerState.RUNNING


def crossed(section: Timed, before: float, now: float, thresholds: list[float]) -> list[float]:
    """The thresholds (fractions of the plan) the section's time passed between two moments."""
    planned = section.planned_minutes * 60
    if not planned or now <= before:
        return []
    then, spent = elapsed(section, before), elapsed(section, now)
    return [t for t in sorted(thresholds) if then < t * planned <= spent]


def running_index(meeting: Agenda) -> int | None:
    return next((i for i, s in enumerate(meeting.sections) if s.timer.started_at is not None), None)


def totals(meeting: Agenda, now: float) -> tuple[float, float]:
    """Seconds spent and seconds planned over the whole meeting."""
    spent = sum(elapsed(s, now) for s in meeting.sections)
    return spent, sum(s.planned_minutes * 60 for s in meeting.sections)


def drift(meeting: Agenda, now: float) -> float:
    """Seconds the meeting runs behind its plan (negative: ahead).

    A finished section counts what it took against its plan; the section under way counts
    only once it overruns, since it may still end on time; sections not reached count nothing.
    """
    total = 0.0
    for section in meeting.sections:
        spent, planned = elapsed(section, now), section.planned_minutes * 60
        if section.timer.done:
            total += spent - planned
        elif spent > planned:
            total += spent - planned
    return total


def clock_text(seconds: float) -> str:
    sign = "-" if seconds < 0 else ""
    seconds = abs(int(seconds))
    return f"{sign}{seconds // 60:d}:{seconds % 60:02d}"


def settled(section: Timed) -> float:
    """Seconds spent up to the last pause: what published notes report, whenever rendered."""
    return section.timer.elapsed_before


def run_only(meeting: Meeting, row: int | None, now: float, done: int | None = None) -> None:
    """The one place that decides which section's timer runs: `row` (None: none), every
    other one paused, and `done` (the section the host leaves by "next") marked finished."""
    for index, section in enumerate(meeting.sections):
        if index == done:
            finish(section, now)
        elif index != row:
            pause(section, now)
    if row is not None:
        start(meeting.sections[row], now)
