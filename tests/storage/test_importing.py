"""Importing a notes file: planned minutes come from the series' plan, not from nowhere."""

from __future__ import annotations

from hostdesk.core.document import parse
from hostdesk.core.model import AgendaItem, Template
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.importing import import_document
from hostdesk.storage.settings import SettingsStore

NOTES = """# Pond keepers

## May 2, 2024
* Host: Ada
* Welcome new members
  * nobody new
* Water quality
  * the pH is fine
"""


def test_imported_sections_take_the_builtin_plan_where_titles_match() -> None:
    [meeting] = import_document(parse(NOTES), "Pond keepers")
    plan = {s.title: s.planned_minutes for s in DraftStore().load(meeting.id).sections}
    assert plan == {"Welcome new members": 5, "Water quality": 10}


def test_a_series_own_plan_wins_over_the_builtin_one() -> None:
    settings = SettingsStore()
    saved = settings.load()
    saved.series["Pond keepers"] = Template(
        name="Pond keepers", agenda=[AgendaItem(title="Water quality", planned_minutes=25)]
    )
    settings.save(saved)
    [meeting] = import_document(parse(NOTES), "Pond keepers")
    assert [s.planned_minutes for s in DraftStore().load(meeting.id).sections] == [5, 25]
    assert [i.planned_minutes for i in settings.template("Pond keepers").agenda] == [5, 25]


def test_importing_twice_makes_no_second_draft() -> None:
    first = import_document(parse(NOTES), "Pond keepers")
    again = import_document(parse(NOTES), "Pond keepers")
    assert [m.id for m in first] == [m.id for m in again] and len(DraftStore().ids()) == 1
