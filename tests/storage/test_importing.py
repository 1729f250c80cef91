"""Importing a notes file: planned minutes come from the series' plan, not from nowhere."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hostdesk.core.document import NotesDocument, parse
from hostdesk.core.errors import NotesError
from hostdesk.core.house import HOUSE_MIGRATIONS, HOUSE_STYLE_VERSION, HouseStyle
from hostdesk.core.model import AgendaItem, Template
from hostdesk.core.render import render
from hostdesk.core.series import from_template
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.importing import import_document, import_folder
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


FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"


def _folder(name: str) -> list[tuple[str, NotesDocument]]:
    root = FORMATS / "per-meeting" / name
    files = sorted(root.rglob("*.md"))
    return [(f.relative_to(root).as_posix(), parse(f.read_text("utf-8"), f.relative_to(root).as_posix())) for f in files]


def test_a_folder_of_per_meeting_files_becomes_one_series_with_its_naming_pattern() -> None:
    meetings = import_folder(_folder("year-folder"), "ABC subgroup")
    assert sorted(str(m.date) for m in meetings) == ["2021-02-11", "2021-03-11", "2022-01-13"]
    template = SettingsStore().template("ABC subgroup")
    assert template.house is not None
    assert template.house.file_pattern == "{yyyy}/ABC-{mm}-{dd}.md"
    assert template.house.heading_pattern == "Agenda for the {Month} {d} video call of the ABC subgroup"
    # the next meeting started from the saved series is written in its style
    new = from_template(template, date(2022, 2, 10))
    assert render(new).startswith("## Agenda for the February 10 video call of the ABC subgroup\n")
    assert "Host:" not in render(new) and "Attendees [" not in render(new)


def test_the_house_style_survives_the_settings_file() -> None:
    import_folder(_folder("compact"), "Tern")
    again = SettingsStore().load().series["Tern"]
    assert again.house is not None and again.house.version == HOUSE_STYLE_VERSION
    assert again.house.file_pattern == "{yyyy}{mm}{dd}.md"


def test_a_saved_house_style_of_an_older_version_is_migrated_on_load() -> None:
    HOUSE_MIGRATIONS[0] = lambda old: {**old, "heading_pattern": old.pop("heading", "{Month} {d}, {yyyy}")}
    try:
        style = HouseStyle.model_validate({"version": 0, "heading": "Sync {yyyy}-{mm}-{dd}"})
    finally:
        del HOUSE_MIGRATIONS[0]
    assert style.version == HOUSE_STYLE_VERSION and style.heading_pattern == "Sync {yyyy}-{mm}-{dd}"


def test_a_file_with_no_meeting_is_refused_with_what_was_looked_for_and_seen() -> None:
    doc = parse("# Our meetings\n\n## Upcoming\n\nSee the calendar.\n")
    with pytest.raises(NotesError) as refused:
        import_document(doc, "Ours", source="README.md")
    message = str(refused.value)
    assert "headings with a date" in message and "“## Upcoming”" in message
    assert DraftStore().ids() == []
