"""``qabot serve``: one webhook worker of several behind a reverse proxy.

A worker takes Telegram's POSTs at one path, checks the secret token, and answers the update
before it acknowledges it: an update that a worker took but never answered (it was killed) is
not acknowledged, so Telegram sends it again and another worker answers it. Each update is
claimed first (``State.claim``), so that a re-sent update that was answered is acknowledged
and not answered twice. The webhook itself is registered once per deployment, by
``qabot webhook set``, never by a worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import signal
import socket
from dataclasses import dataclass

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.ext import Application

from bot.config import Config
from bot.service import SERVICE, Service
from bot.state import Claim, State
from bot.telegram_app import application_for, base_url, telegram_errors
from corpus.errors import ConfigError

log = logging.getLogger("qabot.worker")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Which worker answered a request, for whoever reads the proxy's logs or tests it.
WORKER_HEADER = "X-Qabot-Worker"
WORKER_NAME = f"{socket.gethostname()}:{os.getpid()}"
# An update is a few kilobytes; anything much larger is not one.
MAX_BODY_BYTES = 1_000_000
# How long a stopping worker lets the updates it took finish.
STOP_SECONDS = 10.0
# What Telegram is told for an update that another worker is answering now: try again later.
RETRY_AFTER_SECONDS = 5


@dataclass(frozen=True)
class Listen:
    """Where a worker takes updates.

    Attributes:
        host: the address to bind.
        port: the port to bind.
        path: the URL path that updates are POSTed to.
        secret: the token that Telegram sends in ``X-Telegram-Bot-Api-Secret-Token``.
    """

    host: str
    port: int
    path: str
    secret: str


class Worker:
    """Answers the updates POSTed to it, each once across all workers."""

    def __init__(self, application: Application, secret: str) -> None:
        self.application = application
        self._secret = secret.encode()
        self.in_flight = 0

    @property
    def service(self) -> Service:
        return self.application.bot_data[SERVICE]

    async def receive(self, secret: str | None, body: bytes) -> int:
        """Handle one POST; the HTTP status to answer it with."""
        if secret is None or not hmac.compare_digest(secret.encode(), self._secret):
            return 403
        try:
            update = Update.de_json(json.loads(body), self.application.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            return 400
        if update is None:
            return 400
        state = self.service.state
        claim = await state.claim(update.update_id)
        if claim is Claim.DONE:
            log.debug("update %d was answered already", update.update_id)
            return 200
        if claim is Claim.BUSY:
            return 503
        self.in_flight += 1
        # An answer may wait long for its place under the flood limit: the claim is renewed
        # meanwhile, so that a short lease (a dead worker's updates are soon taken over) never
        # lets another worker answer an update this one is still answering.
        answered = asyncio.Event()
        holding = asyncio.create_task(_hold(state, update.update_id, answered))
        try:
            await self.application.process_update(update)
        finally:
            # The renewals stop, and one on its way lands before "done", not after it. They
            # are told to stop rather than cancelled: redis-py may finish a command it was
            # cancelled in, and the loop would renew the claim for as long as the worker lives.
            answered.set()
            await holding
            self.in_flight -= 1
        await state.finish(update.update_id)
        return 200


async def _hold(state: State, update_id: int, answered: asyncio.Event) -> None:
    """Renew a claim every third of its lease until the update is ``answered``."""
    lease = state.lease_seconds
    if lease is None:
        return
    while True:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(answered.wait(), lease / 3)
            return
        await state.renew(update_id)


class _Updates(tornado.web.RequestHandler):
    def initialize(self, worker: Worker) -> None:
        self.worker = worker

    async def post(self) -> None:
        status = await self.worker.receive(
            self.request.headers.get(SECRET_HEADER), self.request.body
        )
        self.set_status(status)
        self.set_header(WORKER_HEADER, WORKER_NAME)
        if status == 503:
            self.set_header("Retry-After", str(RETRY_AFTER_SECONDS))

    def log_exception(self, *args: object) -> None:
        log.exception("could not handle an update")


class _Health(tornado.web.RequestHandler):
    def get(self) -> None:
        self.write("ok\n")


def serve(config: Config, token: str, listen: Listen) -> None:
    """Run one webhook worker until SIGTERM or SIGINT."""
    if not listen.path.startswith("/"):
        raise ConfigError(f"--path must start with /: {listen.path!r}")
    application = application_for(config, token)
    with telegram_errors(base_url(config), (token, listen.secret)):
        asyncio.run(_serve(application, listen))


async def _serve(application: Application, listen: Listen) -> None:
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        await application.start()
        worker = Worker(application, listen.secret)
        routes = [(listen.path, _Updates, {"worker": worker}), ("/healthz", _Health)]
        server = tornado.httpserver.HTTPServer(
            tornado.web.Application(routes), max_body_size=MAX_BODY_BYTES, xheaders=True
        )
        try:
            server.listen(listen.port, listen.host)
        except OSError as error:
            raise ConfigError(f"cannot listen on {listen.host}:{listen.port}: {error}") from None
        log.info("worker listening on %s:%d%s", listen.host, listen.port, listen.path)
        await _until_stopped()
        server.stop()
        # The updates taken are answered before the worker goes: they are acknowledged only then.
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(_drained(worker), STOP_SECONDS)
        await server.close_all_connections()
        await application.stop()
        if application.post_stop:
            await application.post_stop(application)
    finally:
        if application.running:  # it failed after starting: a port in use, say
            await application.stop()
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


async def _drained(worker: Worker) -> None:
    while worker.in_flight:
        await asyncio.sleep(0.05)


async def _until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
