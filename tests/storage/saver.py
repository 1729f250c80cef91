"""A process that saves one large meeting over and over, to be killed by test_kill9."""

from __future__ import annotations

from multiprocessing.connection import Connection
from pathlib import Path

from hostdesk.core.model import Attendee, Meeting, Section
from hostdesk.storage.drafts import DraftStore


def large_meeting() -> Meeting:
    """About 100 KB of notes: larger than any real meeting block we have seen."""
    return Meeting(
        id="k" * 32,
        series="Kill test",
        heading="March 1, 2024",
        attendees=[Attendee(name=f"Person {i}", affiliation=f"Org {i % 7}") for i in range(40)],
        sections=[
            Section(
                title=f"Topic {s}",
                notes="\n".join(f"* point {s}.{i} " + "é" * 60 for i in range(25)),
            )
            for s in range(24)
        ],
    )


def version(base: Meeting, n: int) -> Meeting:
    meeting = base.model_copy(deep=True)
    meeting.minutes = f"version {n}"
    meeting.sections[n % len(meeting.sections)].notes += f"\n* edit {n}"
    return meeting


def save_forever(root: str, conn: Connection) -> None:
    store = DraftStore(Path(root))
    base = large_meeting()
    n = 0
    while True:
        n += 1
        store.save(version(base, n))
        conn.send(n)
