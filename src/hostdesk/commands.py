"""What each `hostdesk` subcommand does, on top of core, storage and publish."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from hostdesk.core.errors import NotesError
from hostdesk.core.render import render
from hostdesk.core.report import FileReport, report_lines
from hostdesk.core.series import from_template
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.errors import StorageError
from hostdesk.storage.importing import import_notes, import_path, notes_of, read_notes, text_notes
from hostdesk.storage.settings import Settings, SettingsStore


class CliError(Exception):
    """A failure to report as one line, with a non-zero exit."""


def run(args: argparse.Namespace) -> int:
    handler = {
        "new": cmd_new,
        "list": cmd_list,
        "show": cmd_show,
        "import": cmd_import,
        "publish": cmd_publish,
        "token": cmd_token,
    }[args.command]
    from hostdesk.publish.errors import PublishError

    if args.command in ("new", "import", "publish"):
        _check_settings()
    try:
        return handler(args)
    except (StorageError, NotesError, PublishError) as exc:
        raise CliError(str(exc)) from None


def _check_settings() -> None:
    """A damaged settings file is set aside on its first read: say so, go on with defaults.
    One that cannot be read at all fails the command where it is needed."""
    try:
        SettingsStore().load()
    except StorageError as exc:
        print(f"hostdesk: {exc}", file=sys.stderr)


def cmd_new(args: argparse.Namespace) -> int:
    settings = SettingsStore()
    template = settings.template(args.template)
    meeting = from_template(template, args.date or date.today(), args.series, args.host)

    def start_series(saved: Settings) -> None:
        if meeting.series not in saved.series:  # a new series starts with this template
            saved.series[meeting.series] = template.model_copy(update={"name": meeting.series})
            saved.current_series = meeting.series

    settings.update(start_series)
    DraftStore().save(meeting)
    print(meeting.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    store = DraftStore()
    rows = store.summaries()
    if not rows:
        print("No drafts yet; start one with `hostdesk new`.")
        return 0
    for row in rows:
        if row.problem:
            print(f"{row.id[:8]}  {'?':10}  {'':20}  damaged: {row.problem}")
            continue
        state = "published" if row.published else "draft"
        if row.changed_since_published:
            state = "changed since publishing"
        saved = datetime.fromtimestamp(row.saved_at).strftime("%Y-%m-%d %H:%M")
        print(
            _shown(
                f"{row.id[:8]}  {row.date or '-':10}  {row.series[:20]:20}  {row.title[:30]:30}  "
                f"saved {saved}  {state}"
            )
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    store = DraftStore()
    meeting = store.load(store.resolve(args.meeting))
    sys.stdout.write(render(meeting))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    dry_run = getattr(args, "dry_run", False)
    if args.repo and (args.path or "").endswith("/"):  # a folder of per-meeting files
        from hostdesk.publish.importer import fetch_folder, import_fetched_folder

        docs, origin = fetch_folder(args.repo, args.path, args.branch, args.api_url)
        _print_report(notes_of(docs).reports, dry_run)
        if dry_run:
            return 0
        meetings = import_fetched_folder(docs, origin, args.series).meetings
    elif args.repo:
        from hostdesk.publish.importer import fetch_notes

        text, origin = fetch_notes(args.repo, args.path, args.branch, args.api_url)
        notes = text_notes(text, f"{args.repo}/{args.path}")
        _print_report(notes.reports, dry_run)
        if dry_run:
            return 0
        imported = import_notes(notes, args.repo, args.series)
        SettingsStore().set_target(imported.series, origin)
        meetings = imported.meetings
    else:
        if args.file is None:
            raise CliError("Name a notes file or folder, or a repository with --repo and --path.")
        notes = read_notes(args.file)
        _print_report(notes.reports, dry_run)
        if dry_run:
            return 0
        meetings = import_path(args.file, args.series, notes=notes).meetings
    for meeting in meetings:
        flag = f"  ({meeting.heading_flag})" if meeting.heading_flag else ""
        print(_shown(f"{meeting.id}  {meeting.title}{flag}"))
    return 0


def _shown(line: str) -> str:
    """A line quoting a file, fit for a terminal: its control characters (an escape
    sequence in a heading of a remote file) printed as escapes, never acted on."""
    from hostdesk.publish.secrets import escaped

    return escaped(line)


def _print_report(reports: list[FileReport], dry_run: bool) -> None:
    """The report: on stdout for a dry run, else on stderr, apart from the draft ids."""
    for line in report_lines(reports):
        print(_shown(line), file=sys.stdout if dry_run else sys.stderr)


def cmd_publish(args: argparse.Namespace) -> int:
    from hostdesk.publish.cli import publish_command

    return publish_command(args)


def cmd_token(args: argparse.Namespace) -> int:
    from hostdesk.publish.cli import token_command

    return token_command(args)
