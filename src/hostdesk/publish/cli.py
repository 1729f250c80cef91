"""`hostdesk publish` and `hostdesk token`: one line of output, or one line of cause."""

from __future__ import annotations

import argparse
import getpass
import sys

from hostdesk.publish.errors import PublishError, RemoteEdited
from hostdesk.publish.secrets import Token, install_redaction
from hostdesk.publish.service import check_token, publish_draft, retry_due, target_for
from hostdesk.publish.tokens import forget_token, store_token
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.settings import SettingsStore


def publish_command(args: argparse.Namespace) -> int:
    install_redaction()
    store = DraftStore()
    meeting_id = store.resolve(args.meeting)
    meeting = store.load(meeting_id)
    target = target_for(
        meeting.series,
        {
            "repo": args.repo,
            "branch": args.branch,
            "path": args.path,
            "mode": args.mode,
            "index_path": args.index,
            "api_url": args.api_url,
            "pull_request": True if args.pr else None,
        },
    )
    if not target.repo:
        raise PublishError("No repository to publish to; give --repo OWNER/NAME (it is remembered).")
    try:
        result = publish_draft(meeting_id, target, store=store)
    except RemoteEdited:
        raise PublishError(
            f"Someone edited the notes of {meeting.title} on GitHub since you published them; "
            "open hostdesk to compare, or publish with --pr to propose yours."
        ) from None
    SettingsStore().set_target(meeting.series, target)  # the next publish needs no flags
    print(result.url)
    # The network works now: what the outbox holds and is due goes out too.
    for queued, outcome, _ in retry_due(store=store, skip=meeting_id):
        print(f"hostdesk: queued publish {queued[:8]}: {outcome}", file=sys.stderr)
    return 0


def token_command(args: argparse.Namespace) -> int:
    install_redaction()
    if args.action == "set":
        value = getpass.getpass("GitHub token: ") if sys.stdin.isatty() else sys.stdin.readline()
        try:
            token = Token(value)
        except ValueError:
            raise PublishError("No token was given.") from None
        warning = store_token(args.api_url, token)
        if warning:  # a session ends with this command: nothing was kept
            raise PublishError(warning.replace("is kept for this session only", "was not stored"))
        print("The token is stored in the system keyring.")
        return 0
    if args.action == "forget":
        forget_token(args.api_url)
        print("The token is forgotten.")
        return 0
    series = SettingsStore().load().series.values()
    repos = sorted({t.target.repo for t in series if t.target and t.target.repo})
    print("\n".join(check_token(args.api_url, repos).lines()))
    return 0
