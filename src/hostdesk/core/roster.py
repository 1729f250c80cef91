"""Everyone a series has seen: for autocomplete and for "is this person new here?"."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from hostdesk.core.people import parse_person, person_key


class _Seen(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def affiliation(self) -> str: ...
    @property
    def github(self) -> str: ...


class Attended(Protocol):
    """What the roster reads of a meeting: a Meeting, or its entry in the drafts index."""

    @property
    def series(self) -> str: ...
    @property
    def date(self) -> date | None: ...
    @property
    def hosts(self) -> Sequence[str]: ...
    @property
    def attendees(self) -> Sequence[_Seen]: ...


@dataclass
class Person:
    name: str
    affiliation: str = ""
    github: str = ""
    first: date | None = None
    last: date | None = None
    count: int = 0
    series: set[str] = field(default_factory=set)
    first_in: dict[str, date] = field(default_factory=dict)  # first dated meeting per series


class Roster:
    """People keyed by name without case or accents; the latest affiliation wins."""

    def __init__(self) -> None:
        self._people: dict[str, Person] = {}

    @classmethod
    def from_meetings(cls, meetings: Iterable[Attended]) -> Roster:
        roster = cls()
        for meeting in sorted(meetings, key=lambda m: m.date or date.min):
            roster.add_meeting(meeting)
        return roster

    def add_meeting(self, meeting: Attended) -> None:
        # Hosts were there too: whoever hosted last time is not "new" this time.
        present = [(a.name, a.affiliation, a.github) for a in meeting.attendees]
        listed = {person_key(name) for name, _, _ in present}
        for host in meeting.hosts:
            found = parse_person(host)
            if found.name and person_key(found.name) not in listed:
                listed.add(person_key(found.name))
                present.append((found.name, found.affiliation, found.github))
        for name, affiliation, github in present:
            key = person_key(name)
            person = self._people.setdefault(key, Person(name))
            when = meeting.date
            is_latest = person.last is None or (when is not None and when >= person.last)
            if is_latest:
                person.name = name  # the latest spelling is the corrected one
                person.affiliation = affiliation or person.affiliation
                person.github = github or person.github
                if when is not None:
                    person.last = when
            if when is not None and (person.first is None or when < person.first):
                person.first = when
            person.count += 1
            person.series.add(meeting.series)
            first_here = person.first_in.get(meeting.series)
            if when is not None and (first_here is None or when < first_here):
                person.first_in[meeting.series] = when

    def __len__(self) -> int:
        return len(self._people)

    def __iter__(self) -> Iterator[Person]:
        return iter(sorted(self._people.values(), key=lambda p: person_key(p.name)))

    def get(self, name: str) -> Person | None:
        return self._people.get(person_key(name))

    def is_new(self, name: str, series: str, on: date | None = None) -> bool:
        """Whether the series had not seen this person before the meeting held `on`.

        The roster holds every draft, this meeting's too; a person first seen on this
        very day is still new here, however often the draft has been saved.
        """
        person = self.get(name)
        if person is None or series not in person.series:
            return True
        first = person.first_in.get(series)
        return on is not None and first is not None and first >= on

    def complete(self, prefix: str, limit: int = 10) -> list[Person]:
        """People whose name (or any word of it) starts with the prefix, most seen first."""
        key = person_key(prefix)
        if not key:
            return []
        hits = [
            p
            for k, p in self._people.items()
            if k.startswith(key) or any(word.startswith(key) for word in k.split())
        ]
        return sorted(hits, key=lambda p: (-p.count, person_key(p.name)))[:limit]
