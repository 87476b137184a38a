"""What the Telegram handlers share: the engine, the store, the rate limit and the examples.

One ``Service`` lives in ``application.bot_data`` from ``post_init`` to ``post_shutdown``.
"""

from __future__ import annotations

import asyncio
import collections
import time
from dataclasses import dataclass, field

from bot.config import Config
from bot.store import Store
from retrieval.answering import Engine
from retrieval.examples import example_questions

SERVICE = "qabot"
# The bot_data key of the function that builds an engine from the corpus, at start and on /reload.
LOADER = "load"


@dataclass
class RateLimit:
    """At most ``per_minute`` questions per user in any 60 seconds.

    Attributes:
        per_minute: the allowance.
        asked: user id → when their recent questions came, in monotonic seconds.
    """

    per_minute: int
    asked: dict[int, collections.deque[float]] = field(default_factory=dict)

    def allow(self, user_id: int, now: float | None = None) -> bool:
        """Count a question from ``user_id``; False when it is one too many."""
        now = time.monotonic() if now is None else now
        recent = self.asked.setdefault(user_id, collections.deque())
        while recent and now - recent[0] >= 60:
            recent.popleft()
        if len(recent) >= self.per_minute:
            return False
        recent.append(now)
        return True


@dataclass
class Service:
    """The bot's long-lived parts.

    Attributes:
        config: the configuration, read once.
        engine: the answer engine; /reload puts a new one here in one assignment.
        store: conversations, answers, feedback and the question log.
        rate_limit: questions per user per minute.
        examples: the example questions that /start offers, drawn from the corpus.
        locks: one lock per chat, so that a chat's conversation moves one message at a time.
    """

    config: Config
    engine: Engine
    store: Store
    rate_limit: RateLimit
    examples: tuple[str, ...] = ()
    locks: dict[int, asyncio.Lock] = field(default_factory=dict)

    @classmethod
    def start(cls, config: Config, engine: Engine) -> Service:
        """The service for a config and an engine, its store opened."""
        return cls(
            config=config,
            engine=engine,
            store=Store(config.telegram.store),
            rate_limit=RateLimit(config.telegram.questions_per_minute),
            examples=tuple(example_questions(engine)),
        )

    def use(self, engine: Engine) -> None:
        """Serve from another engine from now on; questions in flight finish on the old one."""
        self.engine = engine
        self.examples = tuple(example_questions(engine))

    def lock(self, chat_id: int) -> asyncio.Lock:
        """The lock of one chat."""
        return self.locks.setdefault(chat_id, asyncio.Lock())

    def is_admin(self, user_id: int | None) -> bool:
        """Whether a user may use /stats and /reload."""
        return user_id is not None and user_id in self.config.telegram.admins

    def allows(self, chat_id: int | None, user_id: int | None) -> bool:
        """Whether the allowlists, if any, let this chat or user in."""
        telegram = self.config.telegram
        if not telegram.allowed_chats and not telegram.allowed_users:
            return True
        return chat_id in telegram.allowed_chats or user_id in telegram.allowed_users
