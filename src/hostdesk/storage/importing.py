"""Making drafts of a notes file: one per meeting, and the file's habits as the series'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hostdesk.core.document import NotesDocument, decode, interval_of, parse
from hostdesk.core.errors import NotesError
from hostdesk.core.house import HouseStyle
from hostdesk.core.index import naming_pattern
from hostdesk.core.model import Meeting, Template
from hostdesk.core.report import FileReport, report_file
from hostdesk.core.series import apply_plan, merge_plan
from hostdesk.core.style import learn_house_lines
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.errors import StorageError
from hostdesk.storage.settings import Settings, SettingsStore, builtin_templates


def series_name(doc: NotesDocument, fallback: str) -> str:
    """The file's `# Title`, else the fallback (the file or repository name)."""
    if m := re.search(r"^# +(.+?)\s*$", doc.header, re.MULTILINE):
        return m[1]
    return fallback


def no_meeting_message(doc: NotesDocument, source: str) -> str:
    """Why a file gave no meeting: what hostdesk looked for, and the headings it saw."""
    seen = doc.outline.headings[:3]
    saw = "; it saw " + ", ".join(f"“{h}”" for h in seen) if seen else "; it has no headings"
    return (
        f"{source} has no meeting in it: hostdesk looked for headings with a date "
        f"(“## July 11, 2023”, “# 2024-05-07”), a front matter date: or a dated file name{saw}."
    )


def import_folder(
    docs: list[tuple[str, NotesDocument]],
    series: str,
    store: DraftStore | None = None,
    settings: SettingsStore | None = None,
) -> list[Meeting]:
    """Every notes file of a per-meeting folder as one series, named as the folder names them.

    Files with no meeting (an index, a README) are passed over; the series' template comes
    from the latest meeting's file, and its file-naming pattern from all the names.
    """
    with_meetings = [(name, doc) for name, doc in docs if doc.blocks]
    if not with_meetings:
        names = ", ".join(name for name, _ in docs[:3]) or "no notes files"
        raise NotesError(f"No meeting was found in the folder ({names}).")
    latest = max(with_meetings, key=lambda nd: max((m.date or date.min) for m in nd[1].meetings))
    imported: list[Meeting] = []
    for name, doc in with_meetings:
        imported += import_document(doc, series, store, settings, source=name)
    template = latest[1].template(series)
    template.house = template.house or HouseStyle()
    template.house.file_pattern = naming_pattern([name for name, _ in with_meetings])
    template.house.house_lines = learn_house_lines([m for _, doc in with_meetings for m in doc.meetings])
    if template.house.file_pattern and not re.search(r"\{d+(?:th)?\}", template.house.file_pattern):
        template.interval_days = 28  # a file a month (`2023-11.md`): the next is a month on
    elif learned := interval_of([m.date for _, doc in with_meetings for m in doc.meetings if m.date]):
        template.interval_days = learned  # as often as the files say it met

    def learn(saved: Settings) -> None:
        known = saved.series.get(series)
        if known is not None:
            template.agenda, template.target = known.agenda, known.target
        saved.series[series] = template

    (settings or SettingsStore()).update(learn)
    return imported


def import_document(
    doc: NotesDocument,
    series: str,
    store: DraftStore | None = None,
    settings: SettingsStore | None = None,
    source: str = "The file",
) -> list[Meeting]:
    """One draft per meeting; the file's agenda and habits become the series' template.

    Notes files carry no planned minutes, so they come from what the host already planned
    for this series, else from a built-in template with the same section, else ten.
    Meetings already imported are not imported twice; a file with no meeting is refused.
    """
    if not doc.blocks:
        raise NotesError(no_meeting_message(doc, source))
    store = store or DraftStore()
    template: Template = doc.template(series)

    def learn(saved: Settings) -> None:
        known = saved.series.get(series)
        merge_plan(template, [t for t in (known, *builtin_templates().values()) if t is not None])
        if known is not None and known.target is not None:
            template.target = known.target
        saved.series[series] = template
        saved.current_series = series

    (settings or SettingsStore()).update(learn)
    existing = {(m.series, m.date, m.heading.strip()): m for m in store.load_all()}
    imported = []
    for meeting in doc.meetings:
        meeting.series = series
        same = existing.get((series, meeting.date, meeting.heading.strip()))
        if same is not None:
            imported.append(same)
            continue
        apply_plan(meeting, template)
        store.save(meeting)
        imported.append(meeting)
    return imported


@dataclass
class Notes:
    """Notes files as read: each file's name and parsed text, with its report."""

    docs: list[tuple[str, NotesDocument]]
    reports: list[FileReport]

    def add(self, name: str, text: str) -> None:
        doc = parse(text, name)
        self.docs.append((name, doc))
        self.reports.append(report_file(doc, name, crlf="\r\n" in text))


@dataclass
class Imported:
    """What an import made: the series' drafts, and the report of the files they came from."""

    series: str
    meetings: list[Meeting]
    reports: list[FileReport]


def notes_of(docs: list[tuple[str, NotesDocument]]) -> Notes:
    """Notes already parsed (a fetched folder), with their reports."""
    return Notes(docs, [report_file(doc, name) for name, doc in docs])


def read_notes(path: Path) -> Notes:
    """The notes files at `path` (one file, or every Markdown file under a folder), parsed
    and reported on; nothing is written (`hostdesk import --dry-run` stops here)."""
    files = sorted(p for p in path.rglob("*.md") if p.is_file()) if path.is_dir() else [path]
    if path.is_dir() and not files:
        raise StorageError(f"There is no Markdown file under {path}.")
    notes = Notes([], [])
    for file in files:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise StorageError(f"Could not read {file}: {exc.strerror or exc}.") from None
        name = file.relative_to(path).as_posix() if path.is_dir() else file.as_posix()
        notes.add(name, decode(data, str(file)))
    return notes


def import_notes(
    notes: Notes,
    fallback: str,
    series: str = "",
    store: DraftStore | None = None,
    settings: SettingsStore | None = None,
    folder: bool = False,
) -> Imported:
    """The one import sequence, for the CLI and the window alike: drafts of notes as read,
    a folder's files as one per-meeting series, a file as its own; the series is named as
    given, else by the (first) file's `# Title`, else by `fallback` (file, folder or repo)."""
    docs = notes.docs
    if folder:
        first = next((doc for _, doc in docs if doc.blocks), docs[0][1])
        series = series or series_name(first, fallback)
        meetings = import_folder(docs, series, store, settings)
    else:
        name, doc = docs[0]
        series = series or series_name(doc, fallback)
        meetings = import_document(doc, series, store, settings, source=name)
    return Imported(series, meetings, notes.reports)


def text_notes(text: str, source: str) -> Notes:
    """One notes file's text as read; `source` names it (its path, which may date it)."""
    notes = Notes([], [])
    notes.add(source, text)
    return notes


def import_text(
    text: str,
    fallback: str,
    source: str,
    series: str = "",
    store: DraftStore | None = None,
    settings: SettingsStore | None = None,
) -> tuple[str, list[Meeting]]:
    """Drafts from a notes file's text: its series' name, and the drafts."""
    imported = import_notes(text_notes(text, source), fallback, series, store, settings)
    return imported.series, imported.meetings


def import_path(
    path: Path,
    series: str = "",
    store: DraftStore | None = None,
    settings: SettingsStore | None = None,
    notes: Notes | None = None,
) -> Imported:
    """Drafts from a notes file or folder on disk (`notes`: as `read_notes` read it already)."""
    fallback = path.name if path.is_dir() else path.stem
    notes = notes or read_notes(path)
    return import_notes(notes, fallback, series, store, settings, folder=path.is_dir())
