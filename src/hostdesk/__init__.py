"""hostdesk: host a recurring meeting and publish its notes to GitHub."""

__version__ = "0.2.0"
