"""Attendee and host lines: `Name [Org]`, `Name (Org)`, `Name, Org`, with an optional @handle."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hostdesk.core.model import Brackets

_HANDLE = re.compile(r"(?:^|\s)@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$")
_ESCAPABLE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CLOSERS = {"]": "[", ")": "("}
_HOST_SPLIT = re.compile(r"(?<!\\)(?:\s*[/,&]\s*)")


@dataclass(frozen=True)
class Person:
    name: str
    affiliation: str = ""
    github: str = ""
    brackets: Brackets | None = None


def unescape(text: str) -> str:
    return _ESCAPABLE.sub(r"\1", text)


def escape(text: str, chars: str) -> str:
    return "".join("\\" + c if c in chars or c == "\\" else c for c in text)


def _unescaped(text: str, index: int) -> bool:
    slashes = 0
    while index - slashes - 1 >= 0 and text[index - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 0


def parse_person(text: str) -> Person:
    """Read one attendee line's text (no bullet) into name, affiliation and handle."""
    text = text.strip()
    github = ""
    if (m := _HANDLE.search(text)) and _unescaped(text, m.start(1) - 1):
        github, text = m[1], text[: m.start()].rstrip()
    if text and text[-1] in _CLOSERS and _unescaped(text, len(text) - 1):
        opener = _CLOSERS[text[-1]]
        depth = 0
        for i in range(len(text) - 1, -1, -1):
            if not _unescaped(text, i):
                continue
            if text[i] == text[-1]:
                depth += 1
            elif text[i] == opener:
                depth -= 1
                if depth == 0:
                    name = text[:i].rstrip()
                    if name:
                        brackets: Brackets = "[" if opener == "[" else "("
                        return Person(unescape(name), unescape(text[i + 1 : -1].strip()), github, brackets)
                    break
    for i, char in enumerate(text):
        if char == "," and _unescaped(text, i):
            name, org = text[:i].strip(), text[i + 1 :].strip()
            if name:
                return Person(unescape(name), unescape(org), github, ",")
            break
    return Person(unescape(text), "", github, None)


def format_person(name: str, affiliation: str, github: str, brackets: Brackets) -> str:
    text = escape(name, "[](),@")
    if affiliation:
        org = escape(affiliation, "[]()@")
        text += f", {org}" if brackets == "," else (f" [{org}]" if brackets == "[" else f" ({org})")
    return f"{text} @{github}" if github else text


def parse_hosts(text: str) -> list[str]:
    return [unescape(h) for h in _HOST_SPLIT.split(text.strip()) if h.strip()]


def format_hosts(hosts: list[str]) -> str:
    # "*" too: bold markers around the names are stripped when the line is read back.
    return " / ".join(escape(h, "/,&*") for h in hosts)


def strip_bold(text: str) -> str:
    """Text without the emphasis marks around it ("**Ada**"), keeping escaped ones."""
    text = text.lstrip("* ")
    while text and text[-1] in "* " and _unescaped(text, len(text) - 1):
        text = text[:-1]
    return text


_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "þ": "th"})


def person_key(name: str) -> str:
    """One key for names that differ only in case, accents or spacing."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_FOLD))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
