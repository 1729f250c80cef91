"""The token as a secret type, and the one cleaning every shown sentence goes through:
tokens redacted, control and escape characters from servers made visible."""

from __future__ import annotations

import logging
import re
import unicodedata

# An Authorization value echoed back by a server, whatever the token looks like.
_AUTH_VALUE = re.compile(r"(?i)\b(bearer|token|basic)\s+[A-Za-z0-9._~+/=-]{8,}")
REDACTED = "[token redacted]"
# Every token this process has held: a server may echo one that has no known pattern.
_held: set[str] = set()


class Token:
    """A token whose repr and str never show it; `reveal()` is for the header only."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        value = value.strip()
        if not value:
            raise ValueError("an empty token")
        self._value = value
        if len(value) >= 8:
            _held.add(value)

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Token('****')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def redact(text: str) -> str:
    """Tokens out: every token held, the hosting service's token shapes, auth headers."""
    from hostdesk.publish.client import TOKEN_PATTERN  # the service's names live with it

    for value in sorted(_held, key=len, reverse=True):
        text = text.replace(value, REDACTED)
    text = TOKEN_PATTERN.sub(REDACTED, text)
    return _AUTH_VALUE.sub(lambda m: f"{m[1]} {REDACTED}", text)


def escaped(text: str) -> str:
    """Control, format and line-separator characters shown as escapes, never acted on."""
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def shown(text: str, limit: int = 500) -> str:
    """A sentence fit to print, show or store: one line, no token, no escape sequence."""
    clean = escaped(redact(text))
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def install_redaction(logger: logging.Logger | None = None) -> None:
    """Redact on the root logger and every handler it has, so no path escapes it."""
    target = logger or logging.getLogger()
    if not any(isinstance(f, RedactingFilter) for f in target.filters):
        target.addFilter(RedactingFilter())
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
