"""The house style of a series: how its files write a meeting (pydantic, versioned).

Learned by `core.style.learn` from the series' own files and kept with the series, so
new meetings (Ctrl+N, `hostdesk new`, publish) are written the way the files are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

HOUSE_STYLE_VERSION = 2
FLYTE_PATTERN = "{Month} {d}, {yyyy}"


def _v1_to_v2(old: dict[str, Any]) -> dict[str, Any]:
    """Version 1 knew no per-meeting house lines, table agendas, closing `---` nor group
    labels: a series read then keeps writing without them (its agenda as bullets or
    sub-headings) until its file or folder is imported again."""
    return {**old, "house_lines": [], "agenda_table": None, "separator": ""}


# {from_version: step}: each turns a saved house style of that version into the next.
HOUSE_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


class _Model(BaseModel):
    model_config = ConfigDict(validate_assignment=True, extra="ignore")


class AttendeeShape(_Model):
    """How a file lists people outside Flyte's `* Attendees` bullet, to write edits back so."""

    kind: str = "bullets"  # bullets, numbered, checkbox, table, inline, lines, fenced
    intro: str = ""  # the label or heading and anything before the first person
    outro: str = ""  # what follows the last person inside the list (a closing fence)
    marker: str = "- "  # the text before a person on a bullet, numbered or check-box line
    columns: list[str] = Field(default_factory=list)  # a table's columns: name, affiliation, …
    separator: str = "("
    group: str = ""  # the group its label names (`Guests present:`): its people's, not written again
    # What stands before the first person of each later group (`\nGuests:\n`), as written.
    groups: dict[str, str] = Field(default_factory=dict)


class AgendaTable(_Model):
    """An agenda kept as a table, to write a new meeting's sections as its rows."""

    intro: str = ""  # what stands before the first row: `### Agenda`, the header and rule rows
    cells: list[str] = Field(default_factory=list)  # per column: "topic", "minutes" or ""


class HouseLines(_Model):
    """Lines every file of a per-meeting series has outside its agenda (`Time: 9:00 PT`,
    `Call-in: <link>`), written into each new meeting's file in the same place."""

    after: int = -1  # -1: under the meeting's heading; else in the section at this index
    text: str = ""  # datetext tokens for a date (`{Month} {d}`); `{{` is a brace


class HouseStyle(_Model):
    """How a series writes a meeting."""

    version: int = HOUSE_STYLE_VERSION
    heading_level: int = Field(default=2, ge=0, le=6)
    heading_pattern: str = FLYTE_PATTERN  # datetext tokens: "{Weekday} {dth} {month} {yyyy}"
    heading_line: str = ""  # a heading that is no `#` line: "<details><summary>{heading}</summary>"
    closing: str = ""  # what closes each meeting: "\n</details>\n"
    order: str = "newest-first"
    host_line: bool = True  # Flyte's `* Host: …` bullet
    attendee_bullet: bool = True  # Flyte's `* Attendees [name, affiliation]` bullet
    attendee_label: str = ""  # that bullet's line as the file writes it (`* Attendees`)
    attendee_shape: AttendeeShape | None = None  # any other list: heading, table, …
    section_prefix: str = ""  # "" for agenda bullets, "### " for agenda sub-headings
    agenda_table: AgendaTable | None = None  # an agenda kept as a table: its shape
    gap: str = "\n"  # the blank lines after a meeting
    separator: str = ""  # what closes each meeting before the next: "\n---\n"
    crlf: bool = False
    date_source: str = "heading"  # or "front matter", "file name", "date line"
    file_pattern: str = ""  # per-meeting series: "minutes/{yyyy}-{mm}-{dd}.md"
    house_lines: list[HouseLines] = Field(default_factory=list)  # per-meeting series only

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        version = int(data.get("version", 1))
        while version < HOUSE_STYLE_VERSION:
            data = HOUSE_MIGRATIONS[version]({**data})
            version += 1
            data["version"] = version
        return data
