"""What the Telegram handlers share: the engine, the store, the rate limit and the examples.

One ``Service`` lives in ``application.bot_data`` from ``post_init`` to ``post_shutdown``.
"""

from __future__ import annotations

import collections
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.config import Config, redis_url, store_location
from bot.state import LocalState, RedisState, State
from bot.store import Store
from corpus.errors import ConfigError
from retrieval.answering import Engine
from retrieval.examples import example_questions

SERVICE = "qabot"
# Past this many users or chats, the ones that have gone quiet are forgotten.
_FORGET_AFTER = 10_000
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
    asked: dict[object, collections.deque[float]] = field(default_factory=dict)

    def allow(self, who: object, times: int = 1, now: float | None = None) -> bool:
        """Count a question from ``who`` (a user, or a chat when there is no user); False when
        it is one too many. ``times`` multiplies the allowance, for cheaper kinds of question."""
        now = time.monotonic() if now is None else now
        if len(self.asked) > _FORGET_AFTER:
            self.asked = {k: v for k, v in self.asked.items() if v and now - v[-1] < 60}
        recent = self.asked.setdefault(who, collections.deque())
        while recent and now - recent[0] >= 60:
            recent.popleft()
        if len(recent) >= self.per_minute * times:
            return False
        recent.append(now)
        return True


@dataclass
class Service:
    """The bot's long-lived parts.

    Attributes:
        config: the configuration, read once.
        engine: the answer engine; /reload puts a new one here in one assignment.
        store: answers, feedback and the question log; conversations too, without Redis.
        state: conversations, handled updates and allowances: in this process, or in Redis
            for all the workers (``bot/state.py``).
        examples: the example questions that /start offers, drawn from the corpus.
        reload_error: why the last reload failed, while the old engine keeps serving.
    """

    config: Config
    engine: Engine
    store: Store
    state: State
    examples: tuple[str, ...] = ()
    reload_error: str | None = None

    @classmethod
    def start(cls, config: Config, engine: Engine, examples: tuple[str, ...]) -> Service:
        """The service of one process: its store opened, its state in memory and the store."""
        store = Store(store_location(config), config.telegram.hash_user_ids)
        state = LocalState(store, RateLimit(config.telegram.questions_per_minute))
        return cls(config=config, engine=engine, store=store, state=state, examples=examples)

    @classmethod
    async def open(
        cls, config: Config, engine: Engine, examples: tuple[str, ...], bot_id: int
    ) -> Service:
        """The service of bot ``bot_id``: its state shared in Redis when ``state.redis_url``
        (or ``$QABOT_REDIS_URL``) names one, else as ``start`` keeps it. A ``ConfigError``
        when Redis does not answer."""
        service = cls.start(config, engine, examples)
        url = redis_url(config)
        if url:
            try:
                service.state = await RedisState.connect(
                    url,
                    str(bot_id),
                    config.telegram.questions_per_minute,
                    config.answers.idle_seconds,
                    config.state.lease_seconds,
                    config.state.done_seconds,
                )
            except ConfigError:
                service.store.close()
                raise
        return service

    def use(self, engine: Engine, examples: tuple[str, ...]) -> None:
        """Serve from another engine from now on; questions in flight finish on the old one."""
        self.engine, self.examples, self.reload_error = engine, examples, None

    def reload_failed(self, reason: str) -> None:
        """Remember that the corpus could not be reloaded, for /stats."""
        self.reload_error = f"{time.strftime('%Y-%m-%d %H:%M:%S')}: {reason}"

    def is_admin(self, user_id: int | None) -> bool:
        """Whether a user may use /stats and /reload."""
        return user_id is not None and user_id in self.config.telegram.admins

    def allows(self, chat_id: int | None, user_id: int | None) -> bool:
        """Whether the allowlists, if any, let this chat or user in."""
        telegram = self.config.telegram
        if not telegram.allowed_chats and not telegram.allowed_users:
            return True
        return chat_id in telegram.allowed_chats or user_id in telegram.allowed_users


def prepare(load: Callable[[], Engine]) -> tuple[Engine, tuple[str, ...]]:
    """Build an engine and its example questions: slow work, for a worker thread."""
    engine = load()
    return engine, tuple(example_questions(engine))
