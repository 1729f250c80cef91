"""Schema migrations for drafts: each turns version N into N + 1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hostdesk.core.schema import SCHEMA_VERSION

Document = dict[str, Any]
# Registered as {from_version: step}; version 1 is the first, so none exist yet.
MIGRATIONS: dict[int, Callable[[Document], Document]] = {}


def migrate(document: Document) -> Document:
    version = int(document.get("schema_version", 1))
    while version < SCHEMA_VERSION:
        document = MIGRATIONS[version](document)
        version += 1
        document["schema_version"] = version
    return document
