"""Notes kept under a bullet: the same normal form as ever, found without re-reading text
that is already normal (the window hands over the whole section on every keystroke)."""

from __future__ import annotations

import textwrap

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hostdesk.core.model import Attendee, Section, normalise_block


def by_lines(text: str) -> str:
    """The normal form spelled out line by line, as the model first defined it."""
    lines = [line if line.strip() else "" for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return textwrap.dedent("\n".join(lines))


# Lines built from the characters that matter here: spaces, tabs, other whitespace
# (no-break space, form feed, a lone carriage return), bullets and words.
PIECES = st.sampled_from([" ", "  ", "\t", "\xa0", "\x0c", "\r", "* ", "- ", "1. ", "word", "é日", "\u2003"])
LINE = st.lists(PIECES, max_size=6).map("".join)
BLOCK = st.tuples(st.lists(LINE, max_size=8), st.sampled_from(["\n", "\r\n"])).map(lambda t: t[1].join(t[0]))


@settings(max_examples=600, deadline=None)
@given(BLOCK)
def test_the_normal_form_is_the_line_by_line_one(text: str) -> None:
    assert normalise_block(text) == by_lines(text)


@given(BLOCK)
def test_normal_text_is_returned_unchanged(text: str) -> None:
    assume("\r" not in text)  # "\r\r\n" is normal only after two passes, as it always was
    once = normalise_block(text)
    assert normalise_block(once) is once


def test_what_a_host_sees_normalised() -> None:
    assert normalise_block("  * one\r\n    * two\r\n\r\n") == "* one\n  * two"
    assert normalise_block("\n  indented\n  \n  kept\n\n") == "\nindented\n\nkept"
    assert normalise_block(" \t\n* first\n   \n* second  \n") == "\n* first\n\n* second  "
    assert normalise_block("* flush\n    deep") == "* flush\n    deep"


def test_a_pasted_transcript_is_kept_whole() -> None:
    transcript = "Speaker 1 (00:01:02): we looked at the flaky test again\n" * 20_000
    section = Section(title="Open floor", notes=transcript)
    assert section.notes == transcript.rstrip("\n")
    section.notes = section.notes + "\n* and a bullet typed after it"
    assert section.notes.endswith("again\n* and a bullet typed after it")
    assert section.notes.count("\n") == 20_000


def test_an_attendee_note_is_normalised_too() -> None:
    assert Attendee(name="Ada", note="  first\n  second\n\n").note == "first\nsecond"
