"""The `hostdesk` command: no arguments opens the window; subcommands work headless."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hostdesk import __version__

if TYPE_CHECKING:
    import argparse


def _parser() -> argparse.ArgumentParser:
    import argparse

    from hostdesk.publish.client import DEFAULT_API

    parser = argparse.ArgumentParser(
        prog="hostdesk", description="Host a recurring meeting and publish its notes to GitHub."
    )
    parser.add_argument("--version", action="version", version=f"hostdesk {__version__}")
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = sub.add_parser("new", help="start a meeting from a template")
    new.add_argument("--template", default="Community sync")
    new.add_argument("--date", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    new.add_argument("--series", default="")
    new.add_argument("--host", action="append", default=[])

    sub.add_parser("list", help="list drafts, newest meeting first")

    show = sub.add_parser("show", help="print a meeting's Markdown")
    show.add_argument("meeting", help="id, unambiguous id prefix, or date")

    imp = sub.add_parser("import", help="make drafts from a notes file, local or on GitHub")
    imp.add_argument("file", nargs="?", type=Path, help="a notes file, or a folder of per-meeting files")
    imp.add_argument("--dry-run", action="store_true", help="print what would be imported; write nothing")
    imp.add_argument("--series", default="")
    imp.add_argument("--repo", help="OWNER/NAME of the notes repository on GitHub")
    imp.add_argument("--path", help="the notes file's path in the repository, or a folder ending in /")
    imp.add_argument("--branch", default="")
    imp.add_argument("--api-url", default=DEFAULT_API)

    pub = sub.add_parser("publish", help="publish a meeting's notes to GitHub")
    pub.add_argument("meeting")
    pub.add_argument("--repo")
    pub.add_argument("--branch")
    pub.add_argument("--path")
    pub.add_argument("--mode", choices=["running", "per-meeting"])
    pub.add_argument("--index", help="with per-meeting: an index file to add a line to")
    pub.add_argument("--pr", action="store_true", help="open a pull request instead of pushing")
    pub.add_argument("--api-url")

    token = sub.add_parser("token", help="store, check or forget the GitHub token")
    token.add_argument("action", choices=["set", "check", "forget"])
    token.add_argument("--api-url", default=DEFAULT_API)
    return parser


def _log_to_file() -> None:
    """Details go to a log file with tokens redacted; a host sees sentences, not logs."""
    import logging

    from hostdesk.publish.secrets import install_redaction
    from hostdesk.storage.paths import data_root, private_file

    root = logging.getLogger()
    if root.handlers:
        return
    try:
        log = private_file(data_root() / "hostdesk.log")  # it names meetings and repositories
        handler: logging.Handler = logging.FileHandler(log, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    install_redaction(root)


def _private_window_state() -> None:
    """Qt keeps a settings file's mode when it rewrites it: make it owner-only first."""
    from hostdesk.storage.paths import window_settings

    try:
        window_settings()
    except OSError:
        pass  # the window still opens; Qt says what it cannot write


def main(argv: Sequence[str] | None = None) -> int:
    # hostdesk uses no pydantic plugins; looking for them scans every installed package.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:  # the window, which starts before argparse, and logs once it is on screen
        from hostdesk.ui.launch import launch

        _private_window_state()
        return launch(after_paint=_log_to_file)
    args = _parser().parse_args(argv)
    _log_to_file()
    if args.command is None:
        from hostdesk.ui.launch import launch

        _private_window_state()
        return launch(self_test=args.self_test)
    from hostdesk.commands import CliError, run

    try:
        return run(args)
    except CliError as exc:
        return _say(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `hostdesk list | head -1`: the reader has all it wanted. Point stdout at
        # nothing so the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception:
        import logging

        logging.getLogger("hostdesk").exception("hostdesk %s failed", args.command)
        return _say(f"{args.command} failed unexpectedly; nothing was lost; details are in hostdesk.log.")


def _say(sentence: str) -> int:
    """One line on stderr: redacted, control characters shown, never acted on."""
    from hostdesk.publish.secrets import shown

    print(f"hostdesk: {shown(sentence)}", file=sys.stderr)
    return 1
