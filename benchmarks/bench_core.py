"""Parsing and splicing the largest notes file, against merely reading it."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from benchmarks.common import measure, notes_file, report
from hostdesk.core.document import parse, splice
from hostdesk.core.model import Meeting, Section


def run() -> None:
    name, text = notes_file()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        report(f"read {name} ({len(text) // 1024} KB)", measure(lambda: path.read_text("utf-8")))
    report(f"parse {name}", measure(lambda: parse(text)), "target: under 20 ms")
    meeting = Meeting(
        date=date(2024, 6, 25),
        heading="June 25, 2024",
        hosts=["Ana"],
        sections=[Section(title="News", notes="* one")],
    )
    report(f"splice a new meeting into {name}", measure(lambda: splice(text, meeting)))
