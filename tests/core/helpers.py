"""Helpers for the core tests."""

from __future__ import annotations

from hostdesk.core.model import Meeting


def without_sources(meeting: Meeting) -> Meeting:
    """The meeting with every remembered source text dropped: renders canonically."""
    bare = meeting.model_copy(deep=True)
    bare.layout.host_source = None
    bare.layout.attendees_source = None
    for attendee in bare.attendees:
        attendee.source = None
    for section in bare.sections:
        section.source = None
    return bare


def no_trailing_spaces(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n"))
