"""A service that is down (Redis, PostgreSQL), reported once a minute while it stays down rather
than once a call, and again when it is back."""

from __future__ import annotations

import logging
import time

log = logging.getLogger("qabot.state")

# How often, at most, a service that is down is reported while it stays down.
WARN_EVERY_SECONDS = 60.0
# After a failure, how long calls skip the service at once, rather than each wait for a server
# that hangs (a timeout) before they go on without it.
SKIP_SECONDS = 2.0


class Outage:
    """Reports a service that is down once a minute, not once a call, and when it is back."""

    def __init__(self, service: str, meanwhile: str) -> None:
        self.service = service
        self.meanwhile = meanwhile  # what the bot does without it
        self._down_since: float | None = None
        self._warned: float | None = None
        self._skip_until = 0.0

    def skipping(self) -> bool:
        """Whether calls should go on without the service for now: it just failed."""
        return time.monotonic() < self._skip_until

    def failed(self, error: Exception) -> None:
        now = time.monotonic()
        self._skip_until = now + SKIP_SECONDS
        if self._down_since is None:
            self._down_since = now
        if self._warned is None or now - self._warned >= WARN_EVERY_SECONDS:
            self._warned = now
            log.warning("%s is unreachable (%s): %s", self.service, error, self.meanwhile)
        # else: warned less than a minute ago, about this outage or the one before

    def worked(self) -> None:
        if self._down_since is not None:
            # "Back" is said once per warning: a service that comes and goes is not reported
            # on every call.
            if self._warned is not None:
                log.warning(
                    "%s is back after %.0f s", self.service, time.monotonic() - self._down_since
                )
            self._down_since = None
