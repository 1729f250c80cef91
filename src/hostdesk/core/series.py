"""A series of meetings: starting one from a template, and the next one from the last."""

from __future__ import annotations

from datetime import date, timedelta

from hostdesk.core.dates import format_heading
from hostdesk.core.datetext import dates
from hostdesk.core.model import Attendee, Layout, Meeting, Section, Template
from hostdesk.core.style import heading_for, in_house_style


def from_template(template: Template, day: date, series: str = "", hosts: list[str] | None = None) -> Meeting:
    """A fresh meeting with the template's agenda, laid out as the series' files are."""
    meeting = Meeting(
        series=series or template.name,
        date=day,
        heading=_heading(day, template),
        hosts=list(hosts or []),
        sections=[Section(title=i.title, planned_minutes=i.planned_minutes) for i in template.agenda],
        style=template.style.model_copy(),
    )
    return in_house_style(meeting, template.house) if template.house else meeting


def _heading(day: date, template: Template | None) -> str:
    if template is not None and template.house is not None:
        return heading_for(day, template.house)
    return format_heading(day, template.date_style if template else "long")


def never_reached(section: Section) -> bool:
    timer = section.timer
    return not section.notes.strip() and timer.started_at is None and not timer.elapsed_before


def next_meeting(last: Meeting, template: Template | None = None) -> Meeting:
    """Same series, hosts, agenda and planned times, one interval later, notes empty.

    Last time's attendees are offered as expected. A section the host marked "next time"
    comes along with its notes, and one the meeting never reached comes along too, so a
    call cut short loses nothing.
    """
    interval = template.interval_days if template else 14
    day = (last.date or date.today()) + timedelta(days=interval)
    agenda = template.agenda if template is not None else last.sections
    sections = [Section(title=i.title, planned_minutes=i.planned_minutes) for i in agenda]
    by_title = {s.title: s for s in sections}
    for old in last.sections:
        if not (old.next_time or never_reached(old)) or dates(old.title, last.date):
            continue
        carried = by_title.get(old.title)
        if carried is None:
            carried = Section(title=old.title, planned_minutes=old.planned_minutes)
            sections.append(carried)
        if old.next_time:
            carried.notes = old.notes
    meeting = Meeting(
        series=last.series,
        date=day,
        heading=_heading(day, template),
        hosts=list(last.hosts),
        sections=sections,
        # Each written as the file wrote them, as long as the host adds them as they were.
        expected=[a.model_copy(update={"note": ""}) if a.note else a.model_copy() for a in last.attendees],
        style=last.style.model_copy(),
        layout=Layout(heading_level=last.layout.heading_level, wrapper=last.layout.wrapper),
    )
    if template is not None and template.house is not None:
        return in_house_style(meeting, template.house)
    return meeting


def still_expected(meeting: Meeting) -> list[Attendee]:
    """Last time's people who are not on this meeting's list yet."""
    here = {a.name.casefold() for a in meeting.attendees}
    return [a for a in meeting.expected if a.name.casefold() not in here]


def _key(title: str) -> str:
    return " ".join(title.casefold().replace("*", "").split())


def merge_plan(template: Template, sources: list[Template]) -> None:
    """Give the template's agenda the planned minutes the first source has for each title."""
    for item in template.agenda:
        for source in sources:
            found = next((i for i in source.agenda if _key(i.title) == _key(item.title)), None)
            if found is not None:
                item.planned_minutes = found.planned_minutes
                break


def apply_plan(meeting: Meeting, template: Template) -> None:
    """Sections without planned minutes (read from a notes file) take the series' plan."""
    plan = {_key(i.title): i.planned_minutes for i in template.agenda}
    for section in meeting.sections:
        if not section.planned_minutes:
            section.planned_minutes = plan.get(_key(section.title), 0)
