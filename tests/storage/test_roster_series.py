"""The roster across imported notes, the next meeting of a series, autosave and recovery."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hostdesk.core.document import parse
from hostdesk.core.model import Attendee, Meeting, Section, SectionTimer
from hostdesk.core.roster import Roster
from hostdesk.core.series import next_meeting
from hostdesk.storage.autosave import AutosavePolicy
from hostdesk.storage.session import SessionMarker
from hostdesk.storage.settings import SettingsStore


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_roster_from_both_corpus_files_knows_people_and_first_meetings(corpus: Path) -> None:
    meetings = []
    for name in ("community-meeting-notes.md", "contributors-meeting-notes.md"):
        meetings += parse((corpus / name).read_text(encoding="utf-8")).meetings
    roster = Roster.from_meetings(meetings)
    print(f"roster: {len(roster)} people from {len(meetings)} meetings")
    samhita = roster.get("Samhita Alla")
    assert samhita is not None and samhita.affiliation == "Union.ai"
    fabio = roster.get("fabio gratz")  # no accent, no capitals: the same person
    assert fabio is not None and fabio.name == "Fabio Grätz"
    assert fabio.first == min(
        m.date for m in meetings if m.date and any("Fabio Gr" in a.name for a in m.attendees)
    )
    david = roster.get("David Espejo")
    assert david is not None and david.count > 20
    assert david.first == min(
        m.date for m in meetings if m.date and any(a.name == "David Espejo" for a in m.attendees)
    )


def test_roster_from_our_notes_merges_case_and_accents(garden_notes: str) -> None:
    meetings = parse(garden_notes).meetings
    for m in meetings:
        m.series = "Garden"
    roster = Roster.from_meetings(meetings)
    ingrid = roster.get("INGRID SORENSEN")
    assert ingrid is not None
    assert ingrid.count == 3 and ingrid.name == "Ingrid Sørensen"
    assert ingrid.first == date(2024, 1, 18) and ingrid.last == date(2024, 3, 14)
    assert ingrid.affiliation == "Compost Labs"
    assert not roster.is_new("Tomás Ruiz", "Garden")
    assert roster.is_new("Tomás Ruiz", "Another series")
    assert roster.is_new("Nobody Yet", "Garden")
    # Seen first on January 18: new at that meeting, known at every later one.
    assert roster.is_new("Ingrid Sørensen", "Garden", on=date(2024, 1, 18))
    assert not roster.is_new("Ingrid Sørensen", "Garden", on=date(2024, 3, 14))
    assert [p.name for p in roster.complete("to")] == ["Tomás Ruiz"]
    assert [p.name for p in roster.complete("dup")] == ["Zoë Dupont"]


def test_a_changed_affiliation_updates_the_person() -> None:
    def met(day: date, org: str) -> Meeting:
        return Meeting(date=day, attendees=[Attendee(name="Kim Lee", affiliation=org)])

    roster = Roster.from_meetings([met(date(2024, 3, 1), "New Co"), met(date(2024, 1, 1), "Old Co")])
    person = roster.get("kim lee")
    assert person is not None and person.affiliation == "New Co" and person.count == 2


def test_next_meeting_keeps_agenda_and_carries_unfinished_business() -> None:
    last = Meeting(
        series="Garden",
        date=date(2024, 3, 14),
        hosts=["Ingrid"],
        attendees=[Attendee(name="Tomás", affiliation="Seedbank")],
        sections=[
            Section(
                title="News",
                planned_minutes=10,
                notes="* done",
                timer=SectionTimer(elapsed_before=300),
            ),
            Section(title="Roadmap", planned_minutes=15, notes="* pick a date", next_time=True),
            Section(title="Demo", planned_minutes=20),
        ],
    )
    nxt = next_meeting(last)
    assert nxt.date == date(2024, 3, 28) and nxt.heading == "March 28, 2024"
    assert nxt.hosts == ["Ingrid"] and nxt.series == "Garden"
    assert [(s.title, s.planned_minutes, s.notes) for s in nxt.sections] == [
        ("News", 10, ""),
        ("Roadmap", 15, "* pick a date"),
        ("Demo", 20, ""),
    ]
    assert [a.name for a in nxt.expected] == ["Tomás"] and nxt.attendees == []


def test_a_topic_never_reached_comes_back_even_off_the_template(garden_notes: str) -> None:
    template = parse(garden_notes).template("Garden")
    last = Meeting(date=date(2024, 3, 14), sections=[Section(title="Budget vote", planned_minutes=5)])
    titles = [s.title for s in next_meeting(last, template).sections]
    assert titles[-1] == "Budget vote" and titles[0] == "Welcome new members"


def test_autosave_waits_for_a_pause_but_not_longer_than_ten_seconds() -> None:
    clock = FakeClock()
    policy = AutosavePolicy(clock)
    assert not policy.due()
    policy.changed()
    clock.now += 0.5
    assert not policy.due()
    clock.now += 0.6
    assert policy.due()  # 1 s after the last change
    policy.saved()
    for _ in range(20):  # typing without a pause, a key every 0.5 s
        policy.changed()
        clock.now += 0.5
        if policy.due():
            break
    assert 9.5 <= clock.now - 1001.1 <= 10.5


def test_a_crash_leaves_the_open_draft_to_recover(hostdesk_home: Path) -> None:
    marker = SessionMarker()
    marker.opened("abc123")
    assert SessionMarker().crashed_draft() == "abc123"
    marker.closed_cleanly("abc123")
    assert SessionMarker().crashed_draft() is None
    assert SessionMarker().last_open() == "abc123"


def test_settings_keep_series_and_never_a_token(hostdesk_home: Path) -> None:
    store = SettingsStore()
    settings = store.load()
    settings.series["Garden"] = store.template("community sync").model_copy(update={"name": "Garden"})
    store.save(settings)
    assert SettingsStore().template("garden").agenda[0].title == "Welcome new members"
    assert "token" not in store.path.read_text().lower()
