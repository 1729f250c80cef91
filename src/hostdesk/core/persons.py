"""One person as hosts write them on an attendee list, in every shape seen in the wild.

`Name (Org)`, `Name [Org]`, `Name, Org`, `Name - Org`, `Name / Org / @handle`,
`Name @handle (role)`, `Name (@handle)`, `@handle`, `Name (NB)` initials, `~~Name~~`
(absent), `[Name] / Org / `@handle``. A GitHub handle goes to the handle, never into the
affiliation; a role (`voting member`, `guest`) and a remark (`left early`) are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HANDLE_AT = re.compile(r"(?:^|(?<=[\s(\[/,]))`?@([A-Za-z0-9](?:[\w-]{0,38}))`?(?![\w.-]*\.\w)")
_END_HANDLE = re.compile(r"\s+`?@([A-Za-z0-9][\w-]{0,38})`?$")
# A bare lowercase word written where a handle goes: `myancy-anaconda`, `nbdd0121`.
_BARE_HANDLE = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+|[a-z]+\d{2,}")
_NO_ORG = re.compile(r"^(no affiliation|none|n/?a|-+|—|unaffiliated)$", re.IGNORECASE)
_GH_LABEL = re.compile(r"\b(?:gh|github)\s*:\s*@?([A-Za-z0-9][A-Za-z0-9-]{0,38})", re.IGNORECASE)
_LINKED = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TRAILING_GROUP = re.compile(r"\s*(\(([^()]*)\)|\[([^\[\]]*)\])\s*$")
_INITIALS = re.compile(r"[A-Z]{2,4}")
_INITIALS_BEFORE = re.compile(r"\([A-Z]{2,4}\)\s*$")
_ROLE = re.compile(
    r"\b(voting|non-voting|member|guest|chair|co-chair|observer|host|lead|maintainer|scribe|"
    r"note-?taker|facilitator|moderator|representative|liaison|staff|emeritus|speaker|presenter|alternate)s?\b",
    re.IGNORECASE,
)
_REMARK = re.compile(r"\b(late|early|left|joined|minutes?|min|partial|away|dropped|async)\b", re.IGNORECASE)
_DASH = re.compile("\\s+[-\u2013\u2014]\\s+")  # hyphen, en dash, em dash


@dataclass
class PersonText:
    """What one entry says about a person."""

    name: str
    affiliation: str = ""
    github: str = ""
    role: str = ""
    initials: str = ""
    note: str = ""
    present: bool = True
    separator: str = "("  # how the affiliation was set apart: ( [ , - /


def _strip_marks(text: str) -> tuple[str, bool]:
    """Text without emphasis marks, and False when it was struck through (absent)."""
    present = True
    text = text.strip()
    if text.startswith("~~") and "~~" in text[2:]:
        end = text.index("~~", 2)
        present = False
        text = (text[2:end] + text[end + 2 :]).strip()
    for mark in ("**", "__"):
        if text.startswith(mark) and text.endswith(mark) and len(text) > 4:
            text = text[2:-2].strip()
        text = text.replace(mark, "")
    if (len(text) > 2 and text[0] == text[-1] == "*") or (len(text) > 2 and text[0] == text[-1] == "_"):
        text = text[1:-1].strip()
    return text, present


def _kind_of(inner: str, initials: bool = False) -> str:
    inner = inner.strip()
    if not inner or _NO_ORG.match(inner):
        return "empty"
    if _HANDLE_AT.fullmatch(inner) or _GH_LABEL.fullmatch(inner):
        return "handle"
    if _INITIALS.fullmatch(inner):
        return "initials"
    if _REMARK.search(inner) and not _ROLE.search(inner):
        return "note"
    if _ROLE.search(inner) and len(inner.split()) <= 4:
        return "role"
    if _BARE_HANDLE.fullmatch(inner) or (initials and inner.islower() and " " not in inner):
        return "handle"
    return "org"


def read_person(text: str) -> PersonText | None:
    """The person an attendee entry names, or None when it names nobody."""
    text, present = _strip_marks(_LINKED.sub(r"\1", text) if "](" in text else text)
    if text.startswith("[") and "]" in text:  # `[Pradyun] / …`: the name in brackets
        close = text.index("]")
        text = text[1:close] + text[close + 1 :]
    person = PersonText(name="", present=present)
    if m := _GH_LABEL.search(text):
        person.github, text = m[1], (text[: m.start()] + text[m.end() :]).strip(" ,/")
    if m := _END_HANDLE.search(text):
        person.github, text = m[1], text[: m.start()]
    elif (bare := text.rsplit(") ", 1)) and len(bare) == 2 and _BARE_HANDLE.fullmatch(bare[1].strip()):
        person.github, text = bare[1].strip(), bare[0] + ")"
    extras: list[str] = []
    while m := _TRAILING_GROUP.search(text):
        inner = (m[2] if m[2] is not None else m[3]).strip().strip("`")
        before = text[: m.start()].rstrip()
        if not before:
            break
        if "," in inner and (handle := _HANDLE_AT.search(inner)):  # (Quansight, @gabalafou)
            person.github = person.github or handle[1]
            inner = (inner[: handle.start()] + inner[handle.end() :]).strip(" ,")
        kind = _kind_of(inner, initials=bool(person.initials) or bool(_INITIALS_BEFORE.search(before)))
        if kind == "handle" and not person.github:
            person.github = inner.lstrip("@").split(":")[-1].strip().lstrip("@")
        elif kind == "initials" and not person.initials:
            person.initials = inner
        elif kind == "role":
            person.role = inner if not person.role else f"{inner}; {person.role}"
        elif kind == "note":
            person.note = inner if not person.note else f"{inner}; {person.note}"
        elif kind == "org":
            extras.insert(0, inner)
            person.separator = "[" if m[3] is not None else "("
        text = before
    if not person.github and "/" not in text and (m := _HANDLE_AT.search(text)):
        person.github = m[1]
        rest = (text[: m.start()] + text[m.end() :]).strip(" ,/-")
        text = rest or m[1]
    fields = [f.strip().strip("`").strip() for f in re.split(r"\s+/\s+|\s*/\s+|\s+/\s*", text)]
    text, fields = fields[0], [f for f in fields[1:] if any(c.isalnum() for c in f)]
    if fields:
        person.separator = "/"
    if (m := _DASH.search(text)) is not None:
        text, org = text[: m.start()], text[m.end() :]
        fields.insert(0, org)
        person.separator = "-"
    elif "," in text:
        text, org = text.split(",", 1)
        fields.insert(0, org.strip())
        person.separator = ","
    for i, extra in enumerate(fields + extras):
        if _HANDLE_AT.fullmatch(extra):
            if person.github:
                person.note = extra  # a second handle (Discord, Matrix): not GitHub's
            else:
                person.github = extra.strip("`").lstrip("@")
        elif i and i == len(fields) - 1 and " " not in extra and person.affiliation and not person.github:
            person.github = extra  # `Name / Org / handle`: the last field is the handle
        elif i and " " not in extra and person.github and i >= len(fields) - 1 and fields:
            person.note = extra  # a field after the handle: another network's name
        elif extra and not _NO_ORG.match(extra):
            person.affiliation = f"{person.affiliation} / {extra}" if person.affiliation else extra
    person.name = text.strip().strip("*_`").strip()
    if not person.name and person.github:
        person.name = person.github
    if not person.name or not any(c.isalpha() for c in person.name):
        return None
    return person


def write_person(person: PersonText) -> str:
    """An entry in the separator the list uses: `Name (Org) @handle`, `Name - Org`, …"""
    text = person.name
    if person.affiliation:
        sep = person.separator
        if sep == "[":
            text += f" [{person.affiliation}]"
        elif sep in ",-/":
            text += {",": ", ", "-": " - ", "/": " / "}[sep] + person.affiliation
        else:
            text += f" ({person.affiliation})"
    if person.initials:
        text += f" ({person.initials})"
    if person.github and person.name == person.github and not (person.affiliation or person.initials):
        text = f"@{person.github}"  # a person known by handle alone (`@mkoval`), written so again
    elif person.github:
        text += f" / @{person.github}" if person.separator == "/" else f" @{person.github}"
    if person.role:
        text += f" ({person.role})"
    if person.note:
        text += f" ({person.note})"
    return text if person.present else f"~~{text}~~"
