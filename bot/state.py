"""What the bot's workers share while they run: which updates are handled, each chat's
conversation, and each user's question allowance.

``LocalState`` keeps them in the process, with conversations in the store: right for one
process, and what runs when no Redis is configured. ``RedisState`` keeps them in Redis, so that
any worker can take any chat's next message, a re-sent update is handled once, and the
allowance holds across workers.

Redis down while the bot runs costs follow-ups, never answers: an update is then handled
without its claim, a conversation starts afresh and a question is allowed, and one warning a
minute says so.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from limits import RateLimitItemPerMinute
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import ConfigurationError, StorageError
from redis.exceptions import RedisError

from bot.databases import STORE_ERRORS
from bot.logs import without_password
from bot.outages import Outage
from bot.store import salted_hash
from corpus.errors import ConfigError
from retrieval.conversation import Conversation

if TYPE_CHECKING:
    import redis.asyncio

    from bot.pacing import Pace
    from bot.service import RateLimit
    from bot.store import Store

log = logging.getLogger("qabot.state")

# How many handled updates one process remembers, to drop a re-sent one.
_REMEMBERED_UPDATES = 10_000
# Past this many chats, the locks of those that have gone quiet are forgotten.
_REMEMBERED_CHATS = 10_000
# Redis keys start with this, then the bot's id.
PREFIX = "qabot"
# The channel that tells every worker to load the corpus again: /reload, or a maintainer's
# change made with `qabot corpus`, which knows no bot. The message names who sent it.
RELOAD_CHANNEL = "qabot:reload"
# How long a worker that lost its subscription waits before it subscribes again.
_RESUBSCRIBE_SECONDS = 1.0


def turn(after: Conversation, message_id: int | None, before: Conversation) -> dict[str, Any]:
    """A chat's conversation as it is kept: where it is now, and the message that brought it
    there, with where it was before. An update handled again (its worker died after saving
    the conversation but before the answer went out) starts from where it started the first
    time: "more" shows the passages after the last ones the chat saw, not after those its
    lost answer would have shown."""
    return {**after.to_json(), "message": message_id, "before": before.to_json()}


def conversation_for(kept: Any, message_id: int | None) -> Conversation:
    """The conversation a message continues, from what ``turn`` kept (or an older form)."""
    if isinstance(kept, dict) and message_id is not None and kept.get("message") == message_id:
        return Conversation.from_json(kept.get("before"))
    return Conversation.from_json(kept)


class Claim(str, Enum):
    """What a worker may do with an update it received."""

    NEW = "new"  # handle it
    DONE = "done"  # a worker handled it already: acknowledge it and do nothing
    BUSY = "busy"  # a worker is handling it now: Telegram should send it again later


class State(Protocol):
    """What the handlers and the webhook workers share (see the module's docstring)."""

    async def claim(self, update_id: int) -> Claim: ...

    @property
    def lease_seconds(self) -> float | None:
        """How long a claim holds before another worker may take the update; None when no
        other worker can."""
        ...

    async def renew(self, update_id: int) -> None:
        """Hold on to an update still being answered for another lease."""
        ...

    async def finish(self, update_id: int) -> None: ...

    async def conversation(self, chat_id: int, message_id: int | None = None) -> Conversation:
        """The conversation that message ``message_id`` of the chat continues (``turn``)."""
        ...

    async def save_conversation(
        self,
        chat_id: int,
        conversation: Conversation,
        message_id: int | None = None,
        before: Conversation | None = None,
    ) -> None:
        """Keep where message ``message_id`` brought the chat's conversation, from ``before``."""
        ...

    def chat_lock(self, chat_id: int) -> AbstractAsyncContextManager[Any]:
        """Held while a chat's conversation is read, moved on and kept, so that two messages
        of one chat, on one worker or two, do not both start from the same place."""
        ...

    async def announce_reload(self) -> None:
        """Tell the bot's other workers to load the corpus again."""
        ...

    async def reloads(self) -> AsyncIterator[None]:
        """One item each time another worker, or a maintainer, asks every worker to reload."""
        ...

    async def allow(self, who: int | None, kind: str = "asked", times: int = 1) -> bool:
        """Count a question of ``kind`` from ``who`` (a user, or a chat); False when it is one
        too many this minute. ``times`` multiplies the allowance, for cheaper kinds."""
        ...

    async def close(self) -> None: ...


class _ChatLocks:
    """One lock per chat in this process, so that a chat's conversation moves one message at
    a time; the locks of chats gone quiet are forgotten past ``_REMEMBERED_CHATS``."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}

    def __call__(self, chat_id: int) -> asyncio.Lock:
        if len(self._locks) > _REMEMBERED_CHATS:
            self._locks = {k: v for k, v in self._locks.items() if v.locked()}
        return self._locks.setdefault(chat_id, asyncio.Lock())


class LocalState:
    """The state of one process: claims and allowances in memory, conversations in the store."""

    def __init__(self, store: Store, rate_limit: RateLimit) -> None:
        self._store = store
        self._rate_limit = rate_limit
        self._updates: OrderedDict[int, Claim] = OrderedDict()
        self.chat_lock = _ChatLocks()

    async def claim(self, update_id: int) -> Claim:
        seen = self._updates.get(update_id)
        if seen is not None:
            return Claim.DONE if seen is Claim.DONE else Claim.BUSY
        self._updates[update_id] = Claim.BUSY
        while len(self._updates) > _REMEMBERED_UPDATES:
            self._updates.popitem(last=False)
        return Claim.NEW

    @property
    def lease_seconds(self) -> float | None:
        return None  # no other worker to take an update over

    async def renew(self, update_id: int) -> None:
        return None

    async def finish(self, update_id: int) -> None:
        self._updates[update_id] = Claim.DONE

    async def conversation(self, chat_id: int, message_id: int | None = None) -> Conversation:
        try:
            return conversation_for(self._store.conversation(chat_id), message_id)
        except STORE_ERRORS as error:  # the store is down: the question is answered afresh
            log.warning("could not read the conversation: %s", error)
            return Conversation()

    async def save_conversation(
        self,
        chat_id: int,
        conversation: Conversation,
        message_id: int | None = None,
        before: Conversation | None = None,
    ) -> None:
        kept = turn(conversation, message_id, before or Conversation())
        try:
            self._store.save_conversation(chat_id, kept)
        except STORE_ERRORS as error:  # a full or read-only disk: the answer still goes out
            log.warning("could not store the conversation: %s", error)

    async def announce_reload(self) -> None:
        return None  # no other worker to tell

    async def reloads(self) -> AsyncIterator[None]:
        await asyncio.Event().wait()  # no other worker to hear from
        yield

    async def allow(self, who: int | None, kind: str = "asked", times: int = 1) -> bool:
        return self._rate_limit.allow((kind, who), times)

    async def close(self) -> None:
        return None


T = TypeVar("T")


# Extend a claim's lease only while it is still the caller's own.
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('set', KEYS[1], ARGV[1], 'EX', ARGV[2])
end
return false
"""


# Release a chat's lock only while it is still the caller's own.
_UNLOCK = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""
# The longest a chat's lock is held (an answer takes milliseconds), and how often a worker
# waiting for it looks again.
_CHAT_LOCK_SECONDS = 10
_CHAT_LOCK_POLL_SECONDS = 0.02


def limits_storage(url: str, prefix: str) -> RedisStorage:
    """limits' asynchronous storage in the Redis at ``url``, through redis-py, its keys under
    ``prefix``; its errors raised as limits' ``StorageError``."""
    scheme, _, rest = url.partition("://")
    # limits names a Redis over a Unix socket "redis+unix".
    scheme = "redis+unix" if scheme == "unix" else scheme
    return RedisStorage(
        f"async+{scheme}://{rest}",
        wrap_exceptions=True,
        implementation="redispy",
        key_prefix=f"{prefix}:limits",
        socket_timeout=2.0,
    )


class RedisState:
    """The state of every worker of one bot, in one Redis database.

    Keys: ``qabot:<bot id>:update:<id>`` ("busy" while a worker handles it, for
    ``lease_seconds`` at a time; then "done", for ``done_seconds``), ``…:chat:<hashed chat>``
    (the conversation, forgotten after ``idle_seconds``), ``…:limits:…`` (allowances and flood
    limits), and ``…:salt``: chat and user ids are hashed with a salt that every worker reads
    from Redis, whatever store each keeps, so that the ids themselves are not kept.
    """

    def __init__(
        self,
        client: redis.asyncio.Redis,
        url: str,
        bot_id: str,
        salt: str,
        questions_per_minute: int,
        idle_seconds: float,
        lease_seconds: float,
        done_seconds: float,
    ) -> None:
        self._redis = client
        self._salt = salt
        # Who this worker is, on the reload channel (it does not reload for its own message)
        # and in its claims (it renews only its own).
        self._name = secrets.token_hex(8)
        self._busy = f"{Claim.BUSY.value}:{self._name}"
        self._renew = client.register_script(_RENEW)
        self._unlock = client.register_script(_UNLOCK)
        self._prefix = f"{PREFIX}:{bot_id}"
        self._local_locks = _ChatLocks()
        # Allowances and flood limits are moving windows of limits' own, in the same Redis:
        # every worker counts a user's questions, and the bot's messages, together.
        self._windows = limits_storage(url, self._prefix)
        self._limiter = MovingWindowRateLimiter(self._windows)
        self._per_minute = questions_per_minute
        self._idle = max(1, round(idle_seconds))
        self._lease = max(1, round(lease_seconds))
        self._done = max(1, round(done_seconds))
        self.outage = Outage("Redis", "answering without shared state; follow-ups may be lost")

    @classmethod
    async def connect(
        cls,
        url: str,
        bot_id: str,
        questions_per_minute: int,
        idle_seconds: float,
        lease_seconds: float,
        done_seconds: float,
    ) -> RedisState:
        """Connect to Redis at ``url``; a ``ConfigError`` naming it when it does not answer."""
        import redis.asyncio

        key = f"{PREFIX}:{bot_id}:salt"
        try:
            client = redis.asyncio.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0)
            await client.set(key, secrets.token_hex(32), nx=True)
            salt = await client.get(key)
        except (RedisError, ValueError, OSError) as error:
            raise ConfigError(f"cannot reach Redis at {without_password(url)}: {error}") from None
        try:
            return cls(
                client,
                url,
                bot_id,
                salt.decode(),
                questions_per_minute,
                idle_seconds,
                lease_seconds,
                done_seconds,
            )
        except ConfigurationError as error:  # a URL that limits cannot use
            await client.aclose()
            raise ConfigError(f"cannot use Redis at {without_password(url)}: {error}") from None

    def _hashed(self, identifier: int | None) -> str:
        return salted_hash(self._salt, identifier)

    async def _try(self, call: Callable[[], Awaitable[T]], fallback: T) -> T:
        if self.outage.skipping():
            return fallback
        try:
            result = await call()
        except (RedisError, StorageError, OSError) as error:
            self.outage.failed(error)
            return fallback
        self.outage.worked()
        return result

    async def claim(self, update_id: int) -> Claim:
        key = f"{self._prefix}:update:{update_id}"

        async def claim() -> Claim:
            if await self._redis.set(key, self._busy, nx=True, ex=self._lease):
                return Claim.NEW
            held = await self._redis.get(key)
            return Claim.DONE if held == Claim.DONE.value.encode() else Claim.BUSY

        return await self._try(claim, Claim.NEW)

    @property
    def lease_seconds(self) -> float | None:
        return float(self._lease)

    async def renew(self, update_id: int) -> None:
        key = f"{self._prefix}:update:{update_id}"
        # Only this worker's own claim: one whose lease lapsed (its loop was held up) must not
        # take back an update that another worker has claimed since.
        await self._try(lambda: self._renew(keys=[key], args=[self._busy, self._lease]), None)

    async def finish(self, update_id: int) -> None:
        key = f"{self._prefix}:update:{update_id}"
        await self._try(lambda: self._redis.set(key, Claim.DONE.value, ex=self._done), None)

    async def conversation(self, chat_id: int, message_id: int | None = None) -> Conversation:
        key = f"{self._prefix}:chat:{self._hashed(chat_id)}"
        stored = await self._try(lambda: self._redis.get(key), None)
        return conversation_for(json.loads(stored) if stored else None, message_id)

    async def save_conversation(
        self,
        chat_id: int,
        conversation: Conversation,
        message_id: int | None = None,
        before: Conversation | None = None,
    ) -> None:
        key = f"{self._prefix}:chat:{self._hashed(chat_id)}"
        value = json.dumps(turn(conversation, message_id, before or Conversation()))
        await self._try(lambda: self._redis.set(key, value, ex=self._idle), None)

    async def allow(self, who: int | None, kind: str = "asked", times: int = 1) -> bool:
        allowance = RateLimitItemPerMinute(self._per_minute * times)
        hashed = self._hashed(who)
        return await self._try(lambda: self._limiter.hit(allowance, kind, hashed), True)

    @contextlib.asynccontextmanager
    async def chat_lock(self, chat_id: int) -> AsyncIterator[None]:
        # This process's messages of the chat queue in order here; then one of them waits for
        # the other workers' in Redis.
        async with self._local_locks(chat_id), self._redis_lock(chat_id):
            yield

    @contextlib.asynccontextmanager
    async def _redis_lock(self, chat_id: int) -> AsyncIterator[None]:
        key = f"{self._prefix}:lock:{self._hashed(chat_id)}"
        token = secrets.token_hex(8)
        deadline = time.monotonic() + _CHAT_LOCK_SECONDS
        held = False
        # Waits at most as long as a holder may hold it; then, or with Redis down, goes on.
        while time.monotonic() < deadline and not self.outage.skipping():
            held = await self._try(
                lambda: self._redis.set(key, token, nx=True, px=_CHAT_LOCK_SECONDS * 1000), False
            )
            if held:
                break
            await asyncio.sleep(_CHAT_LOCK_POLL_SECONDS)
        try:
            yield
        finally:
            if held:
                await self._try(lambda: self._unlock(keys=[key], args=[token]), None)

    async def announce_reload(self) -> None:
        await self._try(lambda: self._redis.publish(RELOAD_CHANNEL, self._name), 0)

    async def reloads(self) -> AsyncIterator[None]:
        while True:
            try:
                async with self._redis.pubsub(ignore_subscribe_messages=True) as subscription:
                    await subscription.subscribe(RELOAD_CHANNEL)
                    async for message in subscription.listen():
                        if message.get("data") != self._name.encode():
                            yield
            except (RedisError, OSError) as error:
                self.outage.failed(error)
                await asyncio.sleep(_RESUBSCRIBE_SECONDS)

    def pace(self, per_second: int, per_group_minute: int) -> Pace:
        """Telegram's flood limits, kept in this Redis with every other worker."""
        from bot.pacing import Pace

        return Pace(per_second, per_group_minute, self._windows, self.outage)

    async def close(self) -> None:
        await self._redis.aclose()


def announce_corpus_change(url: str) -> None:
    """Tell every worker that shares the Redis at ``url`` to load the corpus again; a
    ``ConfigError`` naming it when it does not answer."""
    import redis

    try:
        with redis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0) as client:
            client.publish(RELOAD_CHANNEL, "corpus")
    except (RedisError, ValueError, OSError) as error:
        raise ConfigError(f"cannot reach Redis at {without_password(url)}: {error}") from None
