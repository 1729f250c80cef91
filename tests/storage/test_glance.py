"""A draft read at a glance, without the model: what the window paints first."""

from __future__ import annotations

import json
from datetime import date

from hostdesk.core.model import Meeting, Section, SectionTimer
from hostdesk.storage.drafts import DraftStore


def test_a_glance_shows_what_the_model_would() -> None:
    store = DraftStore()
    meeting = Meeting(
        series="Pond keepers",
        date=date(2024, 5, 2),
        hosts=["Ada", "Grace"],
        sections=[
            Section(title="Welcome", planned_minutes=5, notes="* Kim"),
            Section(title="Water", planned_minutes=10, timer=SectionTimer(started_at=99.0, elapsed_before=30.0)),
        ],
    )
    store.save(meeting)
    glance = store.glance(meeting.id)
    assert glance is not None
    assert (glance.title, glance.series, glance.date, glance.hosts) == (
        meeting.title, "Pond keepers", date(2024, 5, 2), ("Ada", "Grace"))
    assert [(s.title, s.planned_minutes, s.notes) for s in glance.sections] == [
        ("Welcome", 5, "* Kim"), ("Water", 10, "")]
    assert glance.sections[1].timer.started_at == 99.0 and not glance.published


def test_what_a_glance_cannot_read_is_left_to_the_model() -> None:
    store = DraftStore()
    meeting = Meeting(heading="Spring planning", sections=[Section(title="Plans")])
    store.save(meeting)
    path = store.path(meeting.id)
    document = json.loads(path.read_text(encoding="utf-8"))
    for broken in ("not json", json.dumps({**document, "schema_version": 99}), json.dumps({"meeting": 1})):
        path.write_text(broken, encoding="utf-8")
        assert store.glance(meeting.id) is None
    assert store.glance("no-such-draft") is None
