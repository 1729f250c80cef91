"""Parsing and splicing the largest notes file, against merely reading it."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from benchmarks.common import measure, notes_file, report
from hostdesk.core.document import parse, splice
from hostdesk.core.model import Meeting, Section

SIZES = {"70 KB": 70_000, "350 KB": 350_000, "1 MB": 1_000_000}


def running_file(text: str, size: int) -> str:
    """A running file of about `size` bytes: the file's meetings repeated under new dates."""
    doc = parse(text)
    blocks = [text[b.start : b.end] for b in doc.blocks] or [text]
    out, day, i = [doc.header], date(2030, 1, 1), 0
    while sum(map(len, out)) < size:
        body = blocks[i % len(blocks)].split("\n", 1)[1] if "\n" in blocks[i % len(blocks)] else ""
        out.append(f"## {day:%B} {day.day}, {day.year}\n{body}")
        day, i = date.fromordinal(day.toordinal() - 7), i + 1
    return "".join(out)


def run_sizes(text: str) -> None:
    for label, size in SIZES.items():
        big = running_file(text, size)
        runs = 5 if size > 500_000 else 10
        target = "target: under 100 ms, linear in size" if size == 1_000_000 else ""
        times = measure(lambda b=big: parse(b), runs)
        report(f"parse a {label} running file ({len(big) // 1000} KB)", times, target)
    # Meetings are read on first use; reading all of them is what an import does.
    big = running_file(text, SIZES["1 MB"])
    report("parse the 1 MB file and read every meeting", measure(lambda: parse(big).meetings, 3))


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
    run_sizes(text)
