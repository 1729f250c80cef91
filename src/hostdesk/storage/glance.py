"""A draft read straight from its file, without the model: what the window paints first,
while pydantic loads (a tenth of a second). Read-only and unforgiving: a file it cannot
read this simply is left to the model's full read, which says what is wrong with it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hostdesk.core.dates import meeting_title
from hostdesk.core.schema import SCHEMA_VERSION


@dataclass(frozen=True)
class GlanceTimer:
    started_at: float | None = None
    elapsed_before: float = 0.0
    done: bool = False


@dataclass(frozen=True)
class GlanceSection:
    title: str
    planned_minutes: int = 0
    notes: str = ""
    next_time: bool = False
    timer: GlanceTimer = field(default_factory=GlanceTimer)


@dataclass(frozen=True)
class Glance:
    """What the window shows of a meeting before it can edit it."""

    id: str = ""
    series: str = ""
    date: date | None = None
    heading: str = ""
    hosts: tuple[str, ...] = ()
    sections: tuple[GlanceSection, ...] = ()
    published: bool = False

    @property
    def title(self) -> str:
        return meeting_title(self.heading, self.date)


def read_glance(raw: bytes) -> Glance | None:
    try:
        document = json.loads(raw)
        if document["schema_version"] != SCHEMA_VERSION:
            return None
        meeting: dict[str, Any] = document["meeting"]
        day = meeting.get("date")
        return Glance(
            id=str(meeting["id"]),
            series=str(meeting.get("series", "")),
            date=date.fromisoformat(day) if day else None,
            heading=str(meeting.get("heading", "")),
            hosts=tuple(str(h) for h in meeting.get("hosts", [])),
            sections=tuple(
                GlanceSection(
                    title=str(s["title"]),
                    planned_minutes=int(s.get("planned_minutes", 0)),
                    notes=str(s.get("notes", "")),
                    next_time=bool(s.get("next_time", False)),
                    timer=GlanceTimer(**s.get("timer", {})),
                )
                for s in meeting.get("sections", [])
            ),
            published=meeting.get("published") is not None,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
