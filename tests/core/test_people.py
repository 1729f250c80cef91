"""People on a notes file's lines: attendees in each community's form, and hosts, read and
written one way for the window, the parser and the renderer alike."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hostdesk.core.people import Person, format_hosts, format_person, parse_hosts, parse_person, person_key


def test_attendee_forms_read_into_name_affiliation_and_handle() -> None:
    assert parse_person("Ada Lovelace [Analytical Engines] @ada") == Person("Ada Lovelace", "Analytical Engines", "ada", "[")
    assert parse_person("Bo Chen (Seedbank)") == Person("Bo Chen", "Seedbank", "", "(")
    assert parse_person("Cy Diaz, Pond Trust") == Person("Cy Diaz", "Pond Trust", "", ",")
    assert parse_person(r"Dee \(not an org\)") == Person("Dee (not an org)", "", "", None)


def test_hosts_split_on_slash_comma_and_ampersand_but_not_escaped_ones() -> None:
    assert parse_hosts("Ada / Bo, Cy & Dee") == ["Ada", "Bo", "Cy", "Dee"]
    assert parse_hosts(r"AT\&T liaison / Bo") == ["AT&T liaison", "Bo"]
    assert format_hosts(["Ada", "Bo / Cy"]) == r"Ada / Bo \/ Cy"


@given(st.lists(st.text(alphabet="abcxyz /,&*\\", min_size=1).map(str.strip).filter(bool), max_size=4))
def test_written_hosts_read_back_the_same(hosts: list[str]) -> None:
    clean = [h for h in hosts if h.strip("*\\ ") == h and "\\" not in h]
    assert parse_hosts(format_hosts(clean)) == clean


def test_a_formatted_attendee_reads_back_the_same() -> None:
    line = format_person("Zoë [the second]", "Pollinate, Inc.", "zoe-2", "(")
    assert parse_person(line) == Person("Zoë [the second]", "Pollinate, Inc.", "zoe-2", "(")


def test_names_that_differ_in_case_accents_or_spacing_are_one_person() -> None:
    assert person_key("  Zoë   DUPONT ") == person_key("zoe dupont")
    assert person_key("Søren") == person_key("soren")
