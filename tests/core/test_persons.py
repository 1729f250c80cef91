"""One attendee entry in every shape the issue names, read into name, org, handle and role."""

from __future__ import annotations

import pytest

from hostdesk.core.persons import read_person, write_person

SHAPES = [
    ("Ada Lovelace (Analytical Engines)", ("Ada Lovelace", "Analytical Engines", "", "", True)),
    ("Ada Lovelace [Analytical Engines]", ("Ada Lovelace", "Analytical Engines", "", "", True)),
    ("Ada Lovelace, Analytical Engines", ("Ada Lovelace", "Analytical Engines", "", "", True)),
    ("Ada Lovelace - Analytical Engines", ("Ada Lovelace", "Analytical Engines", "", "", True)),
    ("Ada Lovelace / Analytical Engines / @adal", ("Ada Lovelace", "Analytical Engines", "adal", "", True)),
    ("Ada Lovelace @adal (voting member)", ("Ada Lovelace", "", "adal", "voting member", True)),
    ("Ada Lovelace (@adal)", ("Ada Lovelace", "", "adal", "", True)),
    ("@adal", ("adal", "", "adal", "", True)),
    ("~~Ada Lovelace (Analytical Engines)~~", ("Ada Lovelace", "Analytical Engines", "", "", False)),
    ("**Ada Lovelace** (guest)", ("Ada Lovelace", "", "", "guest", True)),
    ("Ada Lovelace (Engines, @adal)", ("Ada Lovelace", "Engines", "adal", "", True)),
    ("[Ada] / 🤷 / @adal", ("Ada", "", "adal", "", True)),
    ("Ada Lovelace / `@ada_l`", ("Ada Lovelace", "", "ada_l", "", True)),
    ("Ada Lovelace gh: adal", ("Ada Lovelace", "", "adal", "", True)),
    ("Ada Lovelace (no affiliation)", ("Ada Lovelace", "", "", "", True)),
]


@pytest.mark.parametrize(("text", "want"), SHAPES)
def test_a_handle_never_lands_in_the_affiliation(text: str, want: tuple[str, str, str, str, bool]) -> None:
    person = read_person(text)
    assert person is not None
    assert (person.name, person.affiliation, person.github, person.role, person.present) == want


def test_initials_are_kept_apart_from_the_name() -> None:
    person = read_person("Ada Lovelace (AL) adal-engines")
    assert person is not None
    assert (person.name, person.initials, person.github) == ("Ada Lovelace", "AL", "adal-engines")


def test_a_remark_after_a_name_is_a_note_not_an_affiliation() -> None:
    person = read_person("Ada Lovelace (left 20 minutes early)")
    assert person is not None and person.affiliation == "" and person.note == "left 20 minutes early"


@pytest.mark.parametrize(("text", "_"), SHAPES)
def test_a_person_written_back_in_the_lists_separator_reads_back_the_same(text: str, _: object) -> None:
    person = read_person(text)
    assert person is not None
    again = read_person(write_person(person))
    assert again is not None
    assert (again.name, again.affiliation, again.github, again.role, again.present) == (
        person.name, person.affiliation, person.github, person.role, person.present,
    )  # fmt: skip
