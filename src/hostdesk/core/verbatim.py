"""Source text remembered by parsed pieces, so an untouched piece renders byte for byte.

A notes file written by hand has its own spacing, bullets and indents. Each piece the
parser reads (a host line, an attendee, a section with its notes) keeps the text it came
from and a fingerprint of the value it was read as. The renderer writes the remembered
text back while the value still has that fingerprint; once the host edits the piece, it
is written in the canonical format instead. Editing one attendee rewrites one line.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel, ConfigDict


class Verbatim(BaseModel):
    """The exact source text of a piece, and the fingerprint of what it was parsed into."""

    model_config = ConfigDict(frozen=True)

    text: str
    key: str


def fingerprint(value: Any) -> str:
    """A short stable digest of a JSON-able value."""
    data = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(data.encode("utf-8"), digest_size=12).hexdigest()


def remember(text: str, value: Any) -> Verbatim:
    return Verbatim(text=text, key=fingerprint(value))


def reuse(source: Verbatim | None, value: Any) -> str | None:
    """The remembered text if `value` is still what it was parsed into, else None."""
    if source is not None and source.key == fingerprint(value):
        return source.text
    return None
