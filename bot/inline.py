"""Inline mode: ``@bot question`` in any chat offers cited answers to pick from, one passage
each, the answer line on the first."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time

from telegram import InlineQueryResultArticle, Update
from telegram.ext import ContextTypes

from bot.handlers import article, help_text, log_question, service_of, strip_mentions
from bot.rendering import NO_ANSWER, nearest_line
from bot.telegram_html import answer_html
from corpus.errors import QuestionError
from retrieval.answering import Answer

log = logging.getLogger("qabot.bot")

# Shorter questions get a hint, not an answer.
MIN_INLINE_CHARS = 3
# Typing an inline query sends one per pause, so it gets a larger allowance than questions.
INLINE_ALLOWANCE = 3


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer cited answers to ``@bot question`` from any chat."""
    service, query = service_of(context), update.inline_query
    text = strip_mentions(query.query)
    telegram = service.config.telegram
    # With an allowlist, Telegram must not hand one user's cached answers to another.
    personal = bool(telegram.allowed_chats or telegram.allowed_users)
    cache = telegram.inline_cache_seconds
    if len(text) < MIN_INLINE_CHARS:
        documents = len(service.engine.index.documents)
        hint = article(
            "hint",
            "Type a question (3 characters or more)",
            f"I answer from {documents} document(s), citing every passage.",
            help_text(context.bot),
        )
        await query.answer([hint], cache_time=cache, is_personal=personal)
        return
    if not await service.state.allow(query.from_user.id, "inline", INLINE_ALLOWANCE):
        await query.answer([], cache_time=0, is_personal=True)
        return
    started = time.monotonic()
    try:
        answer, _ = await asyncio.to_thread(
            service.engine.ask, text, None, time.time(), telegram.inline_results
        )
    except QuestionError as error:
        log.info("inline query refused: %s", error)
        await query.answer([], cache_time=0, is_personal=True)
        return
    await query.answer(inline_results(answer), cache_time=cache, is_personal=personal)
    log_question(service, "inline", update, answer, time.monotonic() - started)


def inline_results(answer: Answer) -> list[InlineQueryResultArticle]:
    """One article per passage, each a whole answer of its own, the answer line on the first."""
    if answer.note is not None:  # small talk: its reply, not "I can't find that"
        return [article("note", answer.note, "", answer_html(answer))]
    if answer.no_answer:
        cover = nearest_line(answer.nearest)
        return [article("none", NO_ANSWER, cover, answer_html(answer))]
    results = []
    for hit in answer.hits:
        direct = answer.direct if hit.rank == 1 else None
        alone = dataclasses.replace(
            answer, hits=(hit,), direct=direct, expansions=(), corrections=()
        )
        title = direct or hit.best_sentence
        results.append(
            article(
                f"{hit.rank}-{hit.passage.id}"[:64],
                title,
                f"[{hit.rank}] {hit.passage.citation}",
                answer_html(dataclasses.replace(alone, understood=alone.question)),
            )
        )
    return results
