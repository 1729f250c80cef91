"""The meeting as the host keeps it: people, agenda sections, notes and timer state."""

from __future__ import annotations

import re
import textwrap
import uuid
from datetime import date as Date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hostdesk.core.dates import meeting_title
from hostdesk.core.house import AttendeeShape, HouseStyle
from hostdesk.core.schema import SCHEMA_VERSION
from hostdesk.core.verbatim import Verbatim, fingerprint

Bullet = Literal["*", "-", "+"]
Brackets = Literal["(", "[", ","]
DateStyle = Literal["long", "ordinal", "short", "iso"]


def _joined(value: str) -> str:
    """A pasted value's lines joined, so a heading or a name can never start a new block;
    a value of one line stays byte for byte. (splitlines knows every line break.)"""
    lines = value.splitlines()
    if len(lines) <= 1 and value == "".join(lines):
        return value
    return " ".join(part.strip() for part in lines if part.strip())


def _one_line(value: str) -> str:
    return _joined(value).strip()


# A line of nothing but whitespace (str.isspace's, as `strip` sees it): spaces, or any
# other whitespace. Possessive, so a deep indent before text is read once, not backtracked
# over; the later-line pattern opens with a literal newline, which the engine skips to.
_WHITESPACE_ONLY = r" *+(?:(?<= )|[^\S\n])[^\S\n]*+(?=\n|\Z)"
_BLANK_FIRST = re.compile(_WHITESPACE_ONLY)
_BLANK_LINE = re.compile(r"\n" + _WHITESPACE_ONLY)
_FLUSH_LINE = re.compile(r"\n[^ \t\n]")  # a line that starts at the margin: nothing to dedent


def normalise_block(text: str) -> str:
    """Markdown kept under a bullet: common indent removed, no trailing blank lines, and a
    line of only whitespace made empty.

    Runs on every keystroke over the whole section, so it is linear and cheap: each step
    is a scan that finds nothing in text already normal, and only a block with no line at
    the margin pays for textwrap's dedent."""
    if "\r" in text:  # a one-character search runs at memory speed; "\r\n" would not
        text = text.replace("\r\n", "\n")
    if first := _BLANK_FIRST.match(text):
        text = text[first.end() :]
    if _BLANK_LINE.search(text):
        text = _BLANK_LINE.sub("\n", text)
    text = text.rstrip("\n")
    if text[:1] in (" ", "\t", "\n") and not _FLUSH_LINE.search(text):
        text = textwrap.dedent(text)
    return text


class _Model(BaseModel):
    model_config = ConfigDict(validate_assignment=True, extra="ignore")


class Style(_Model):
    """How a meeting block is laid out: the file's own habits, kept for new text."""

    bullet: Bullet = "*"
    indent: int = Field(default=2, ge=1, le=8)
    base: int = Field(default=0, ge=0, le=8)
    blank_after_heading: bool = False
    brackets: Brackets = "("

    @property
    def prefix(self) -> str:
        return " " * self.base + self.bullet + " "


class Attendee(_Model):
    name: str
    affiliation: str = ""
    github: str = ""
    note: str = ""
    role: str = ""
    initials: str = ""
    group: str = ""  # "Council", "Observers": the sub-list a person was listed under
    present: bool = True  # False: listed but absent (an unchecked box, struck through)
    source: Verbatim | None = None

    _single_line = field_validator("name", "affiliation", "github")(_one_line)

    @field_validator("github")
    @classmethod
    def _no_at(cls, value: str) -> str:
        return value.lstrip("@")

    @field_validator("note")
    @classmethod
    def _block(cls, value: str) -> str:
        return normalise_block(value)

    @field_validator("name")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value:
            raise ValueError("an attendee needs a name")
        return value

    def markdown_value(self) -> list[str]:
        value = [self.name, self.affiliation, self.github, self.note]
        if self.role or self.initials or self.group or not self.present:
            value += [self.role, self.initials, self.group, "" if self.present else "absent"]
        return value


class SectionTimer(_Model):
    """Timer state as timestamps, so a restart or a sleeping laptop resumes correctly."""

    started_at: float | None = None
    elapsed_before: float = 0.0
    done: bool = False


class Section(_Model):
    title: str
    planned_minutes: int = Field(default=0, ge=0, le=24 * 60)
    notes: str = ""
    timer: SectionTimer = Field(default_factory=SectionTimer)
    next_time: bool = False
    # Layout read from a file: the text before the title, the column the notes start
    # at, and the exact blank lines after the section. None means the meeting's style.
    prefix: str | None = None
    suffix: str | None = None  # a table row's cells after the title; None: no table row
    child_indent: int | None = None
    gap: str = ""
    source: Verbatim | None = None

    _title = field_validator("title")(_one_line)

    @field_validator("notes")
    @classmethod
    def _block(cls, value: str) -> str:
        return normalise_block(value)

    def markdown_value(self) -> list[str]:
        return [self.title, self.notes]


class MoreList(_Model):
    """A further attendee list of a meeting (guests apart from members, a second session's),
    kept where it stood: before section `at`. A person named on an earlier list is read once,
    from there; `people` holds the names (casefolded) this list adds."""

    at: int = 0
    people: list[str] = Field(default_factory=list)
    shape: AttendeeShape = Field(default_factory=AttendeeShape)
    source: Verbatim | None = None
    gap: str = ""
    after: str = ""  # text under no heading between the list and the next section


class Layout(_Model):
    """Where the pieces of a parsed block stood, so an untouched block renders unchanged."""

    heading_level: int = Field(default=2, ge=0, le=6)  # 0: a per-meeting file with no heading
    heading_line: str = ""  # a heading that is no `#` line: "<details><summary>{heading}</summary>"
    closing: str = ""  # what closes the meeting before its blank lines: "</details>"
    # What follows the meeting's own text and is not part of it: a `---` separator, a
    # `## 2022` year heading that groups the meetings below it.
    trailer: str = ""
    lead: str | None = None
    wrapper: str = ""
    host_at: int | None = 0
    write_host: bool = True  # False: the series' files have no host line
    host_source: Verbatim | None = None
    host_gap: str = ""
    attendees_at: int | None = 0
    attendees_source: Verbatim | None = None
    attendees_gap: str = ""
    attendee_shape: AttendeeShape | None = None
    more_lists: list[MoreList] = Field(default_factory=list)
    after_attendees: str = ""  # text under no heading between the list and the next section
    occurrence: int = 0  # among meetings of the file with the same date and heading
    date_source: str = ""  # where the date came from when the heading has none
    minutes_heading: str | None = None
    tail: str = "\n"
    final_newline: bool = True


class Target(_Model):
    """Where a series' notes are published on GitHub."""

    repo: str = ""
    branch: str = ""
    path: str = "README.md"
    mode: Literal["running", "per-meeting"] = "running"
    pull_request: bool = False
    index_path: str = ""
    api_url: str = "https://api.github.com"
    message: str = "Add notes for {heading}"


class PublishRecord(_Model):
    """What hostdesk last published for a meeting, and where."""

    repo: str
    branch: str
    path: str
    commit: str = ""
    url: str = ""
    pull_request: str = ""
    at: float = 0.0
    block: str = ""  # the meeting's Markdown exactly as published, to spot edits made on GitHub
    fingerprint: str = ""  # of the notes as published, to tell "changed since publishing"


class AgendaItem(_Model):
    title: str
    planned_minutes: int = Field(default=5, ge=0, le=24 * 60)


class Template(_Model):
    """An agenda and the habits of a series' notes file."""

    name: str
    agenda: list[AgendaItem] = Field(default_factory=list)
    date_style: DateStyle = "long"
    style: Style = Field(default_factory=Style)
    interval_days: int = Field(default=14, ge=1, le=366)
    target: Target | None = None
    # Learned from the series' files. None (every series saved before house styles): the
    # Flyte shape, headings in `date_style`, as hostdesk always wrote them.
    house: HouseStyle | None = None


class Meeting(_Model):
    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    series: str = ""
    date: Date | None = None
    heading: str = ""
    heading_flag: str = ""
    cancelled: bool = False
    hosts: list[str] = Field(default_factory=list)
    attendees: list[Attendee] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    minutes: str = ""
    include_timing: bool = False
    expected: list[Attendee] = Field(default_factory=list)
    published: PublishRecord | None = None
    style: Style = Field(default_factory=Style)
    layout: Layout = Field(default_factory=Layout)

    _single_line = field_validator("series", "heading")(_joined)

    @field_validator("hosts")
    @classmethod
    def _hosts(cls, value: list[str]) -> list[str]:
        return [h for h in (_one_line(v) for v in value) if h]

    @field_validator("minutes")
    @classmethod
    def _minutes(cls, value: str) -> str:
        # Inner lines stay as written: minutes carry no memo of their source text.
        lines = value.replace("\r\n", "\n").split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        return "\n".join(lines)

    @property
    def title(self) -> str:
        """The heading a host sees, e.g. "July 11, 2023"."""
        return meeting_title(self.heading, self.date)

    @property
    def changed_since_published(self) -> bool:
        if self.published is None:
            return False
        return fingerprint(self.semantic()) != self.published.fingerprint

    def semantic(self) -> dict[str, object]:
        """What the Markdown says, without layout and timers: equal for equal notes."""
        return {
            "date": self.date.isoformat() if self.date else None,
            "heading": self.heading.strip(),
            "hosts": self.hosts,
            "attendees": [a.markdown_value() for a in self.attendees],
            "sections": [s.markdown_value() for s in self.sections],
            "minutes": self.minutes,
        }
