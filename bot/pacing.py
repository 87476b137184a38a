"""Telegram's flood limits: about 30 messages a second for a bot, and 20 a minute to one group,
whichever of its processes sends them.

Each request to a chat takes a place in a moving window of limits' (the bot's, and its
group's), waiting until one is free: in no second do more than ``per_second`` requests go
out. One process keeps its windows in memory; workers that share Redis keep them there,
together. When Redis is down the requests go out unpaced, and a 429's ``retry_after`` is
waited out as always. (PTB's own ``AIORateLimiter`` paces with a leaky bucket, which lets a
burst of twice the rate through in the first second.)
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from limits import RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from redis.exceptions import RedisError

from bot.outages import Outage

# The shortest and longest wait between two looks at a full window.
_MIN_WAIT = 0.005
_MAX_WAIT = 1.0


def group_of(data: dict[str, Any]) -> str | None:
    """The group or channel a request is for, as PTB's ``AIORateLimiter`` tells it: a negative
    chat id, or a @username; None for a private chat or no chat."""
    chat_id = data.get("chat_id")
    if chat_id is None:
        return None
    try:
        return str(chat_id) if int(chat_id) < 0 else None
    except (TypeError, ValueError):
        return str(chat_id)


class Pace:
    """Places in the bot's windows, taken before each request to a chat."""

    def __init__(
        self,
        per_second: float,
        per_group_minute: float,
        storage: RedisStorage | None = None,
        outage: Outage | None = None,
    ) -> None:
        """Windows in ``storage`` (Redis, for every worker; memory when None), reporting
        ``storage``'s outages to ``outage``."""
        storage = storage or MemoryStorage()
        self._limiter = MovingWindowRateLimiter(storage)
        self._overall = RateLimitItemPerSecond(int(per_second))
        self._group = RateLimitItemPerMinute(int(per_group_minute))
        self._outage = outage
        # One request of this process asks for a place in the bot's window at a time, the
        # others queue here. limits stamps a place with the time it was asked for, before the
        # request reaches Redis: hundreds of waiters asking at once, as a window frees up,
        # would reach it late, with stale stamps that free their places early, and the bot
        # would send well over its limit (66 a second for 30, measured with three processes).
        self._turn = asyncio.Lock()

    async def wait(self, data: dict[str, Any]) -> None:
        """Wait for a place for a request with these parameters (none without a chat)."""
        if data.get("chat_id") is None:
            return
        if self._outage is not None and self._outage.skipping():
            return  # Redis just failed: unpaced for a moment, rather than a timeout a request
        try:
            group = group_of(data)
            # The group's window first: its wait is the longer one, and a place in the bot's
            # window taken before it would go unused meanwhile.
            if group is not None:
                await self._take(self._group, "group", group)
            async with self._turn:
                await self._take(self._overall, "sent")
        except (RedisError, StorageError, OSError) as error:
            if self._outage is not None:
                self._outage.failed(error)
            return
        if self._outage is not None:
            self._outage.worked()

    async def _take(self, item: Any, *identifiers: str) -> None:
        while not await self._limiter.hit(item, *identifiers):
            stats = await self._limiter.get_window_stats(item, *identifiers)
            await asyncio.sleep(min(_MAX_WAIT, max(_MIN_WAIT, stats.reset_time - time.time())))
