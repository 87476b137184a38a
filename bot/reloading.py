"""Hot reload: the running bot notices a changed corpus, indexes it off the event loop, and
swaps the new engine in at once. Questions in flight finish on the engine they started with.

A change that fails to load leaves the old engine serving; the log, /stats and a message to
each admin say so. The same loop deletes what is past the store's retention period.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from telegram import Bot
from telegram.error import TelegramError

from bot.service import Service, prepare
from bot.telegram_html import escape
from corpus.errors import QabotError
from corpus.loading import corpus_manifest
from retrieval.answering import Engine

log = logging.getLogger("qabot.bot")

PURGE_EVERY_SECONDS = 3600


async def reload_now(service: Service, load: Callable[[], Engine], bot: Bot) -> None:
    """Build a new engine from the corpus and serve from it, or keep the old one and say why."""
    try:
        engine, examples = await asyncio.to_thread(prepare, load)
    except (QabotError, OSError, ValueError) as error:
        service.reload_failed(str(error))
        log.error("the changed corpus did not load; still serving the old index: %s", error)
        await _tell_admins(service, bot, f"The changed corpus did not load: {error}")
        return
    service.use(engine, examples)
    log.info(
        "reloaded: %d passages from %d document(s)",
        len(engine.index.passages),
        len(engine.index.documents),
    )


async def _tell_admins(service: Service, bot: Bot, text: str) -> None:
    for admin in service.config.telegram.admins:
        try:
            await bot.send_message(admin, escape(text)[:4000])
        except TelegramError as error:  # an admin who never started the bot cannot be told
            log.warning("could not tell admin about the reload: %s", error)


async def watch(service: Service, load: Callable[[], Engine], bot: Bot, seen: str) -> None:
    """Reload whenever the corpus files differ from ``seen``, the manifest that the serving
    index was built from, and purge old rows now and then; until cancelled."""
    corpus = service.config.corpus
    telegram = service.config.telegram
    purged = 0.0
    while True:
        await asyncio.sleep(telegram.reload_seconds)
        try:
            current = await asyncio.to_thread(corpus_manifest, corpus.documents, (corpus.acronyms,))
        except OSError as error:
            log.warning("cannot look at the corpus: %s", error)
            continue
        if current != seen:
            seen = current
            await reload_now(service, load, bot)
        if time.time() - purged > PURGE_EVERY_SECONDS:
            purged = time.time()
            deleted = service.store.purge(purged - telegram.retention_days * 86400)
            if deleted:
                log.info("deleted %d row(s) past the retention period", deleted)
