"""Taking a version of a meeting edited on GitHub back into the host's draft."""

from __future__ import annotations

from hostdesk.core.model import Meeting
from hostdesk.core.parse import parse_meeting


def take_theirs(draft: Meeting, theirs: str) -> Meeting:
    """The draft with the notes, hosts and attendees of the block found on GitHub.

    What only the draft knows stays: its id and series, the planned minutes, timers and
    "next time" marks of sections whose titles still match. The publish record's block
    becomes theirs, so publishing next time does not ask again about the same edit.
    """
    found = parse_meeting(theirs)
    by_title = {s.title.strip(): s for s in draft.sections}
    for section in found.sections:
        mine = by_title.get(section.title.strip())
        if mine is not None:
            section.planned_minutes = mine.planned_minutes
            section.timer = mine.timer.model_copy()
            section.next_time = mine.next_time
    published = draft.published.model_copy(update={"block": theirs}) if draft.published else None
    return found.model_copy(
        update={
            "id": draft.id,
            "series": draft.series,
            "date": found.date or draft.date,
            "expected": draft.expected,
            "include_timing": draft.include_timing,
            "published": published,
        }
    )
