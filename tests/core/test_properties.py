"""Property tests: the parser never raises, and rendering is a fixed point."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostdesk.core.document import parse, splice
from hostdesk.core.model import Attendee, Meeting, Section
from hostdesk.core.parse import parse_meeting
from hostdesk.core.render import render

# Letters with accents, emoji, brackets and the characters Markdown gives meaning to.
ALPHABET = st.one_of(
    st.sampled_from(list("abcXYZ éüñøÅçß日本😀🎉 ()[]{},.;:!?@#*_`~<>|\\/&-+=%$'\"")),
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
)
one_line = st.text(ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)
title = one_line.filter(lambda t: not t.lower().lstrip("*").startswith(("attendees", "host")))
notes = st.lists(
    st.tuples(st.integers(0, 3), st.sampled_from(["* ", "- ", "", "1. "]), one_line),
    max_size=5,
).map(lambda rows: "\n".join("  " * depth + bullet + text for depth, bullet, text in rows))
attendee = st.builds(
    Attendee,
    name=one_line,
    affiliation=st.one_of(st.just(""), one_line),
    github=st.one_of(st.just(""), st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,10}", fullmatch=True)),
)
section = st.builds(Section, title=title, notes=notes)
meeting = st.builds(
    Meeting,
    date=st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    hosts=st.lists(one_line.filter(lambda h: not h.startswith("*")), max_size=3),
    attendees=st.lists(attendee, max_size=4),
    sections=st.lists(section, max_size=5),
).map(lambda m: m.model_copy(update={"heading": m.date.strftime("%B %-d, %Y")}))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.sampled_from(list("#* -\n\t abc12:[]()`>|Jan 2024,")), max_size=400))
def test_parse_never_raises_on_markdownish_text(text: str) -> None:
    doc = parse(text)
    assert doc.header + "".join(text[b.start : b.end] for b in doc.blocks) == text.replace("\r\n", "\n")


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_parse_never_raises_on_any_text(text: str) -> None:
    parse(text)


@settings(max_examples=200, deadline=None)
@given(meeting)
def test_render_parse_render_is_a_fixed_point(m: Meeting) -> None:
    first = render(m)
    again = parse_meeting(first)
    assert render(again) == first
    assert again.hosts == m.hosts
    assert [a.markdown_value() for a in again.attendees] == [a.markdown_value() for a in m.attendees]
    assert [s.markdown_value() for s in again.sections] == [s.markdown_value() for s in m.sections]


@settings(max_examples=100, deadline=None)
@given(meeting, meeting)
def test_splice_keeps_one_copy_and_the_other_meeting(a: Meeting, b: Meeting) -> None:
    if a.date == b.date:
        assert a.date is not None
        other = a.date.replace(day=1 if a.date.day > 1 else 2)
        b = b.model_copy(update={"date": other, "heading": other.strftime("%B %-d, %Y")})
    text = splice(splice("# Notes\n", a), b)
    assert splice(text, a) == text
    assert len(parse(text).blocks) == 2
