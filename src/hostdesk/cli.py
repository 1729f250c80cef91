"""The `hostdesk` command: with no arguments it opens the window."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    return 0
