"""Section timers: one function decides which section's timer runs."""

from __future__ import annotations

from hostdesk.core import timer
from hostdesk.core.model import Meeting, Section


def agenda() -> Meeting:
    return Meeting(sections=[Section(title=t, planned_minutes=5) for t in ("Welcome", "News", "Open mic")])


def test_one_section_runs_at_a_time_and_the_one_left_keeps_its_time() -> None:
    meeting = agenda()
    timer.run_only(meeting, 0, 100.0)
    timer.run_only(meeting, 1, 160.0)
    assert timer.running_index(meeting) == 1
    assert timer.elapsed(meeting.sections[0], 500.0) == 60.0
    assert timer.state(meeting.sections[0], 500.0) is timer.TimerState.PAUSED


def test_next_finishes_the_section_left_and_pausing_stops_all() -> None:
    meeting = agenda()
    timer.run_only(meeting, 0, 100.0)
    timer.run_only(meeting, 1, 130.0, done=0)
    assert meeting.sections[0].timer.done and timer.running_index(meeting) == 1
    timer.run_only(meeting, None, 190.0, done=1)  # "next" on the last section there is
    assert timer.running_index(meeting) is None
    assert [timer.elapsed(s, 999.0) for s in meeting.sections] == [30.0, 60.0, 0.0]


def test_a_timer_that_runs_on_while_the_laptop_sleeps_counts_the_sleep() -> None:
    meeting = agenda()
    timer.run_only(meeting, 2, 0.0)
    assert timer.state(meeting.sections[2], 5 * 60.0) is timer.TimerState.OVER
    assert timer.drift(meeting, 6 * 60.0) == 60.0
