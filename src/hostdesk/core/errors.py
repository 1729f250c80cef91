"""Errors the domain raises; each message is one sentence a host can act on."""


class NotesError(ValueError):
    """A notes file or block that cannot be read as meeting notes."""
