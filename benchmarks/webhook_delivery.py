"""Telegram's side of a webhook, for the tests' and the load test's Bot API servers.

Telegram POSTs each update to the webhook URL with the secret token in
``X-Telegram-Bot-Api-Secret-Token``, over up to ``max_connections`` connections at once, and
sends an update again until it is acknowledged with a 2xx: an update refused, failed, cut
off or timed out comes back later. ``Delivery`` does the same, and notes how each update
fared.
"""

from __future__ import annotations

import http.client
import json
import queue
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bot.worker import SECRET_HEADER, WORKER_HEADER


@dataclass
class Delivery:
    """Sends updates to a webhook until each one is acknowledged.

    Attributes:
        url: the webhook URL.
        secret: the secret token sent with every update.
        connections: how many updates are in flight at most.
        retry_seconds: how long an update that was not acknowledged waits to be sent again.
        timeout: how long one POST may take before it counts as failed.
        acknowledged: update id → how many times it was acknowledged (once, unless a test
            sends it again itself).
        attempts: update id → how many times it was POSTed.
        handled_by: update id → the worker that acknowledged it, as it names itself.
        statuses: how often each HTTP status (or "error", for no answer) came back.
    """

    url: str
    secret: str
    connections: int = 8
    retry_seconds: float = 0.25
    timeout: float = 30.0
    acknowledged: Counter[int] = field(default_factory=Counter)
    attempts: Counter[int] = field(default_factory=Counter)
    handled_by: dict[int, str] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    _sent: set[int] = field(default_factory=set)
    _queue: queue.Queue[dict[str, Any] | None] = field(default_factory=queue.Queue)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: list[threading.Thread] = field(default_factory=list)
    _retries: list[threading.Timer] = field(default_factory=list)
    _stopped: bool = False

    def start(self) -> Delivery:
        for number in range(self.connections):
            thread = threading.Thread(target=self._send_all, name=f"delivery-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def send(self, update: dict[str, Any]) -> None:
        """Deliver an update: now, or as soon as a connection is free."""
        with self._lock:
            self._sent.add(int(update["update_id"]))
        self._queue.put(update)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            for timer in self._retries:
                timer.cancel()
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join(timeout=self.timeout + 5)

    @property
    def pending(self) -> int:
        """Updates not yet acknowledged: queued, in flight or waiting to be sent again."""
        with self._lock:
            return sum(1 for update_id in self._sent if not self.acknowledged[update_id])

    def _send_all(self) -> None:
        parts = urlsplit(self.url)
        connection: http.client.HTTPConnection | None = None
        while True:
            update = self._queue.get()
            if update is None:
                break
            if connection is None:
                connection = http.client.HTTPConnection(
                    parts.hostname, parts.port, timeout=self.timeout
                )
            status, worker = self._post(connection, parts.path, update)
            if status is None:
                connection.close()
                connection = None
            update_id = int(update["update_id"])
            with self._lock:
                self.statuses[str(status or "error")] += 1
                if status is not None and 200 <= status < 300:
                    self.acknowledged[update_id] += 1
                    if worker:
                        self.handled_by[update_id] = worker
                    continue
                if self._stopped:
                    continue
                timer = threading.Timer(self.retry_seconds, self._queue.put, (update,))
                timer.daemon = True
                self._retries.append(timer)
                timer.start()
        if connection is not None:
            connection.close()

    def _post(
        self, connection: http.client.HTTPConnection, path: str, update: dict[str, Any]
    ) -> tuple[int | None, str]:
        """POST one update: its HTTP status, or None when no answer came; and the worker's
        name."""
        with self._lock:
            self.attempts[int(update["update_id"])] += 1
        body = json.dumps(update).encode()
        headers = {"Content-Type": "application/json", SECRET_HEADER: self.secret}
        try:
            connection.request("POST", path or "/", body, headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            return None, ""
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
        return response.status, response.getheader(WORKER_HEADER, "")


def wait_until_delivered(delivery: Delivery, timeout: float) -> bool:
    """Wait until every update sent so far has been acknowledged; False on timeout."""
    deadline = time.monotonic() + timeout
    while delivery.pending:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
