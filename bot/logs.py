"""Logging for qabot's commands: one format, quiet HTTP libraries, and no secret in any line."""

from __future__ import annotations

import logging
import sys
from urllib.parse import quote, quote_plus, urlsplit, urlunsplit

# Their request lines hold the Bot API URL, and with it the bot token.
QUIET = ("httpx", "httpcore")
REDACTED = "<token>"
# A bot token is "<bot id>:<secret>"; the id is public, the secret alone is as good as the
# token. Shorter halves are not searched for alone: blanking them would blank ordinary words.
_MIN_SECRET_HALF = 16


def secret_forms(secret: str) -> tuple[str, ...]:
    """The forms a secret can take in a log line or an error, longest first: as it is,
    URL-encoded (in a path, in a query), and a token's secret half alone."""
    if not secret:
        return ()
    forms = {secret, quote(secret, safe=""), quote(secret), quote_plus(secret)}
    _, colon, half = secret.partition(":")
    if colon and len(half) >= _MIN_SECRET_HALF:
        forms |= {half, quote(half, safe=""), quote_plus(half)}
    return tuple(sorted(forms, key=len, reverse=True))


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every form of every secret blanked out."""
    for secret in secrets:
        for form in secret_forms(secret):
            text = text.replace(form, REDACTED)
    return text


def without_password(url: str) -> str:
    """A service URL as messages may show it: its password blanked out."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit(parts._replace(netloc=user + host))


class Redact(logging.Filter):
    """Blanks a secret out of a log record: its message, its arguments, its traceback and its
    stack, in every form that ``secret_forms`` lists."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret
        self.forms = secret_forms(secret)

    def _clean(self, text: str) -> str:
        return redact(text, (self.secret,)) if any(f in text for f in self.forms) else text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self._clean(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        if record.stack_info:
            record.stack_info = self._clean(record.stack_info)
        return True


def configure_logging(level: str, secrets: tuple[str, ...] = ()) -> None:
    """Log at ``level`` on stderr; the HTTP libraries stay at WARNING whatever the level, and
    ``secrets`` are blanked out of every record."""
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    for secret in secrets:
        if secret:
            for handler in logging.getLogger().handlers:
                handler.addFilter(Redact(secret))
