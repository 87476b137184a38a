"""Logging for qabot's commands: one format, quiet HTTP libraries, and no secret in any line."""

from __future__ import annotations

import logging
import sys

# Their request lines hold the Bot API URL, and with it the bot token.
QUIET = ("httpx", "httpcore")
REDACTED = "<token>"


class Redact(logging.Filter):
    """Blanks a secret out of a log record: its message, its arguments and its traceback."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg, record.args = message.replace(self.secret, REDACTED), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.secret in record.exc_text:
            record.exc_text = record.exc_text.replace(self.secret, REDACTED)
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
