"""Saving (fsync included) and loading the largest corpus meeting as a draft."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.common import measure, notes_file, report
from hostdesk.core.document import parse
from hostdesk.core.render import render
from hostdesk.storage.drafts import DraftStore


def run() -> None:
    _, text = notes_file("contributors-meeting-notes.md")
    largest = max(parse(text).meetings, key=lambda m: len(render(m)))
    size = len(render(largest))
    with tempfile.TemporaryDirectory() as folder:
        store = DraftStore(Path(folder))
        times = measure(lambda: store.save(largest), runs=200)
        report(f"save draft of largest meeting ({size} B of notes), fsync", times,
               "target: median well under 16 ms")
        report("load that draft", measure(lambda: store.load(largest.id), runs=200))
