"""Drafts on the local disk: atomic saves, backups, recovery, the roster and settings."""
