"""A service that is down (Redis, PostgreSQL), reported once a minute while it stays down rather
than once a call, and again when it is back."""

from __future__ import annotations

import logging
import time

log = logging.getLogger("qabot.state")

# How often, at most, a service that is down is reported while it stays down.
WARN_EVERY_SECONDS = 60.0


class Outage:
    """Reports a service that is down once a minute, not once a call, and when it is back."""

    def __init__(self, service: str, meanwhile: str) -> None:
        self.service = service
        self.meanwhile = meanwhile  # what the bot does without it
        self._down_since: float | None = None
        self._warned: float | None = None

    def failed(self, error: Exception) -> None:
        now = time.monotonic()
        if self._down_since is None:
            self._down_since = now
        if self._warned is None or now - self._warned >= WARN_EVERY_SECONDS:
            self._warned = now
            log.warning("%s is unreachable (%s): %s", self.service, error, self.meanwhile)

    def worked(self) -> None:
        if self._down_since is not None:
            log.warning(
                "%s is back after %.0f s", self.service, time.monotonic() - self._down_since
            )
            self._down_since, self._warned = None, None
