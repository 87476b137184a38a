"""Hot reload: the running bot notices a changed corpus, indexes it off the event loop, and
swaps the new engine in at once. Questions in flight finish on the engine they started with.

A change that fails to load leaves the old engine serving; the log, /stats and a message to
each admin say so. The same loop deletes what is past the store's retention period. Nothing
that goes wrong in it ends the loop: a watcher that died would leave the bot serving an ever
older index without a word.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from telegram import Bot
from telegram.error import TelegramError

from bot.databases import STORE_ERRORS
from bot.service import Service, prepare
from bot.telegram_html import escape
from corpus.errors import BuildCancelled, QabotError
from corpus.loading import corpus_manifest
from retrieval.answering import Engine

log = logging.getLogger("qabot.bot")

PURGE_EVERY_SECONDS = 3600


async def reload_now(
    service: Service, load: Callable[[], Engine], bot: Bot, asker: int | None = None
) -> None:
    """Build a new engine from the corpus and serve from it, or keep the old one and say why.

    ``asker`` is the admin who asked with /reload: the reply tells them, so they are not
    sent the failure a second time.
    """
    try:
        engine, examples = await asyncio.to_thread(prepare, load)
    except BuildCancelled:  # the bot is stopping; there is nothing to serve the index to
        log.info("stopped rebuilding the index: the bot is stopping")
        return
    except Exception as error:  # whatever went wrong, the old index still serves
        # A fault nobody foresaw gets its type and its traceback in the log.
        foreseen = isinstance(error, (QabotError, OSError, ValueError))
        reason = str(error) if foreseen else f"unexpected error: {error!r}"
        service.reload_failed(reason)
        log.error(
            "the changed corpus did not load; still serving the old index: %s",
            reason,
            exc_info=not foreseen,
        )
        await _tell_admins(service, bot, f"The changed corpus did not load: {reason}", asker)
        return
    service.use(engine, examples)
    log.info(
        "reloaded: %d passages from %d document(s)",
        len(engine.index.passages),
        len(engine.index.documents),
    )


async def _tell_admins(service: Service, bot: Bot, text: str, told: int | None = None) -> None:
    for admin in service.config.telegram.admins:
        if admin == told:
            continue
        try:
            # Cut before escaping: a cut through "&amp;" would be markup Telegram refuses.
            await bot.send_message(admin, escape(text[:4000]))
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
            try:
                deleted = service.store.purge(purged - telegram.retention_days * 86400)
            except STORE_ERRORS as error:  # a full disk, say; next hour may do better
                log.warning("could not delete rows past the retention period: %s", error)
                continue
            if deleted:
                log.info("deleted %d row(s) past the retention period", deleted)


async def follow(service: Service, load: Callable[[], Engine], bot: Bot) -> None:
    """Reload whenever another worker, or a maintainer's corpus change, asks every worker to
    (``State.reloads``); until cancelled."""
    async for _ in service.state.reloads():
        log.info("another worker or a corpus change asked for a reload")
        await reload_now(service, load, bot)
