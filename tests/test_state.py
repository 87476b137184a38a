"""What workers share in Redis (``bot/state.py``, ``bot/pacing.py``), against a real
redis-server: claims, conversations, allowances, reload signals and Telegram's flood limits,
and what happens when Redis goes away."""

from __future__ import annotations

import asyncio
import bisect
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.services import RedisServer, free_port
from bot.logs import without_password
from bot.outages import SKIP_SECONDS
from bot.state import Claim, RedisState, announce_corpus_change
from corpus.errors import ConfigError
from retrieval.conversation import Conversation


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


async def _state(
    url: str,
    bot: str,
    per_minute: int = 20,
    idle: float = 1800,
    lease: float = 30,
) -> RedisState:
    return await RedisState.connect(url, bot, per_minute, idle, lease, 3600)


def run(coroutine: object) -> object:
    return asyncio.run(coroutine)  # type: ignore[arg-type]


def test_an_update_is_claimed_once_across_workers(redis_server: RedisServer) -> None:
    async def scenario() -> list[Claim]:
        one, two = await _state(redis_server.url, "b1"), await _state(redis_server.url, "b1")
        seen = [await one.claim(7), await two.claim(7)]
        await one.finish(7)
        seen += [await two.claim(7), await one.claim(8)]
        await one.close()
        await two.close()
        return seen

    assert run(scenario()) == [Claim.NEW, Claim.BUSY, Claim.DONE, Claim.NEW]


def test_an_update_whose_worker_died_is_free_again_after_its_lease(
    redis_server: RedisServer,
) -> None:
    async def scenario() -> list[Claim]:
        dead, alive = (
            await _state(redis_server.url, "b2", lease=1),
            await _state(redis_server.url, "b2", lease=1),
        )
        assert await dead.claim(9) is Claim.NEW  # and the worker dies before finishing
        busy = await alive.claim(9)
        await asyncio.sleep(1.2)
        again = await alive.claim(9)
        for state in (dead, alive):
            await state.close()
        return [busy, again]

    assert run(scenario()) == [Claim.BUSY, Claim.NEW]


def test_two_bots_in_one_redis_do_not_share_claims(redis_server: RedisServer) -> None:
    async def scenario() -> tuple[Claim, Claim]:
        one, other = await _state(redis_server.url, "b3"), await _state(redis_server.url, "b4")
        claims = await one.claim(1), await other.claim(1)
        await one.close()
        await other.close()
        return claims

    assert run(scenario()) == (Claim.NEW, Claim.NEW)


def test_a_conversation_follows_its_chat_to_another_worker_and_expires(
    redis_server: RedisServer,
) -> None:
    async def scenario() -> tuple[Conversation, Conversation]:
        one = await _state(redis_server.url, "b5", idle=1)
        two = await _state(redis_server.url, "b5", idle=1)
        await one.save_conversation(42, Conversation("what is aircop", 3, time.time()))
        moved = await two.conversation(42)
        await asyncio.sleep(1.6)
        expired = await two.conversation(42)
        await one.close()
        await two.close()
        return moved, expired

    moved, expired = run(scenario())
    assert (moved.question, moved.shown) == ("what is aircop", 3)
    assert expired.question is None


def test_a_users_allowance_is_counted_across_workers(redis_server: RedisServer) -> None:
    async def scenario() -> list[bool]:
        one = await _state(redis_server.url, "b6", per_minute=3)
        two = await _state(redis_server.url, "b6", per_minute=3)
        answers = [await one.allow(5), await two.allow(5), await one.allow(5), await two.allow(5)]
        answers.append(await two.allow(6))  # another user has an allowance of their own
        answers.append(await one.allow(5, "inline", times=2))  # and each kind has its own
        await one.close()
        await two.close()
        return answers

    assert run(scenario()) == [True, True, True, False, True, True]


def test_a_reload_reaches_every_other_worker(redis_server: RedisServer) -> None:
    async def scenario() -> tuple[int, int]:
        asking = await _state(redis_server.url, "b7")
        other = await _state(redis_server.url, "b7")
        heard = {"asking": 0, "other": 0}

        async def count(state: RedisState, who: str) -> None:
            async for _ in state.reloads():
                heard[who] += 1

        tasks = [
            asyncio.create_task(count(asking, "asking")),
            asyncio.create_task(count(other, "other")),
        ]
        await asyncio.sleep(0.3)  # both subscribed
        await asking.announce_reload()
        await asyncio.to_thread(announce_corpus_change, redis_server.url)
        await asyncio.sleep(0.3)
        for task in tasks:
            task.cancel()
        await asking.close()
        await other.close()
        return heard["asking"], heard["other"]

    # The worker that asked reloaded already; the maintainer's change reaches both.
    assert run(scenario()) == (1, 2)


def test_the_flood_limit_holds_across_workers_with_many_waiting(
    redis_server: RedisServer,
) -> None:
    """Hundreds of replies waiting on three workers: the bot's window holds, though each place
    is stamped before it reaches Redis (without the queue in ``Pace``, 66 a second for 30)."""
    per_second = 50

    async def scenario() -> list[float]:
        workers = [await _state(redis_server.url, "b8") for _ in range(3)]
        paces = [w.pace(per_second, 20) for w in workers]
        sent: list[float] = []

        async def send(pace: object, chat: int) -> None:
            await pace.wait({"chat_id": chat})  # type: ignore[attr-defined]
            sent.append(time.monotonic())

        await asyncio.gather(*(send(paces[n % 3], 100 + n) for n in range(300)))
        for worker in workers:
            await worker.close()
        return sorted(sent)

    sent = run(scenario())
    # The whole took as long as the limit makes it: the first 50 at once, then 50 a second.
    assert sent[-1] - sent[0] >= (300 - per_second) / per_second - 0.05
    # And in no second did more than the limit go out, whichever worker sent them, give or
    # take one a worker: the time noted here, after the wait, lags the place's own stamp.
    busiest = max(bisect.bisect_left(sent, at + 1.0) - i for i, at in enumerate(sent))
    assert busiest <= per_second + 3


def test_a_group_gets_at_most_its_limit_a_minute(redis_server: RedisServer) -> None:
    async def scenario() -> tuple[int, int]:
        one, two = await _state(redis_server.url, "b9"), await _state(redis_server.url, "b9")
        paces = [one.pace(30, 3), two.pace(30, 3)]
        done = 0

        async def send(pace: object, chat: int = -1001) -> None:
            nonlocal done
            await pace.wait({"chat_id": chat})  # type: ignore[attr-defined]
            done += 1

        tasks = [asyncio.create_task(send(paces[n % 2])) for n in range(5)]
        await asyncio.sleep(1.0)
        held = done
        for task in tasks:
            task.cancel()
        private = asyncio.create_task(send(paces[0], 77))
        await asyncio.wait_for(private, 1)  # not a group: not held
        await one.close()
        await two.close()
        return held, done

    held, done = run(scenario())
    assert held == 3 and done == 4


def test_redis_that_does_not_answer_at_start_up_is_one_clear_error() -> None:
    url = f"redis://:hunter2-password@127.0.0.1:{free_port()}/0"
    with pytest.raises(ConfigError) as refused:
        run(_state(url, "b10"))
    message = str(refused.value)
    assert message.startswith("cannot reach Redis at redis://:***@127.0.0.1:")
    assert "hunter2" not in message
    assert without_password("redis://u:p@h:1/0") == "redis://u:***@h:1/0"


def test_redis_down_while_running_costs_follow_ups_not_answers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = RedisServer(tmp_path).start()

    async def scenario() -> list[object]:
        state = await _state(server.url, "b11", per_minute=1)
        await state.save_conversation(1, Conversation("what is aircop", 3, time.time()))
        server.stop()
        during = [
            await state.claim(1),
            await state.claim(1),  # no claims: a re-sent update may be answered twice
            (await state.conversation(1)).question,
            await state.allow(1),
            await state.allow(1),  # no allowance either
        ]
        await state.pace(1, 1).wait({"chat_id": 5})  # unpaced
        await state.finish(1)
        server.start()  # on the same port
        await asyncio.sleep(SKIP_SECONDS)  # calls went on without Redis for a moment
        await state.save_conversation(1, Conversation("what is crimjust", 1, time.time()))
        after = (await state.conversation(1)).question
        await state.close()
        return [*during, after]

    with caplog.at_level(logging.WARNING, logger="qabot.state"):
        results = run(scenario())
    server.stop()
    assert results == [Claim.NEW, Claim.NEW, None, True, True, "what is crimjust"]
    warnings = [r.getMessage() for r in caplog.records]
    assert len([w for w in warnings if "unreachable" in w]) == 1  # one a minute, not one a call
    assert any("is back" in w for w in warnings)


def test_a_message_handled_again_continues_from_where_it_first_started(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    """A worker that saved a message's conversation and died before the answer went out:
    another worker, handling the message again, starts where the first one started ("more"
    after what the chat saw, not after the lost answer); the next message goes on from there."""
    from bot.service import RateLimit
    from bot.state import LocalState
    from bot.store import Store

    before, after = Conversation("what is aircop", 3, 1.0), Conversation("what is aircop", 6, 2.0)

    async def scenario(state: object) -> tuple[int, int, int]:
        await state.save_conversation(9, after, 77, before)  # type: ignore[attr-defined]
        again = await state.conversation(9, 77)  # type: ignore[attr-defined]
        following = await state.conversation(9, 78)  # type: ignore[attr-defined]
        unknown = await state.conversation(9)  # type: ignore[attr-defined]
        return again.shown, following.shown, unknown.shown

    async def in_redis() -> tuple[int, int, int]:
        state = await _state(redis_server.url, "b12")
        try:
            return await scenario(state)
        finally:
            await state.close()

    store = Store(tmp_path / "bot.sqlite3")
    local = LocalState(store, RateLimit(20))
    assert run(in_redis()) == run(scenario(local)) == (3, 6, 6)
    store.close()


def test_a_claim_renewed_while_its_update_is_answered_is_not_taken_over(
    redis_server: RedisServer,
) -> None:
    async def scenario() -> list[Claim]:
        slow = await _state(redis_server.url, "b13", lease=1)
        other = await _state(redis_server.url, "b13", lease=1)
        assert await slow.claim(3) is Claim.NEW
        seen = []
        for _ in range(3):  # a slow answer, its claim renewed as the worker does
            await asyncio.sleep(0.5)
            await slow.renew(3)
            seen.append(await other.claim(3))
        await asyncio.sleep(1.2)  # the worker died: no more renewals
        seen.append(await other.claim(3))
        await slow.close()
        await other.close()
        return seen

    assert run(scenario()) == [Claim.BUSY, Claim.BUSY, Claim.BUSY, Claim.NEW]


def test_two_messages_of_a_chat_on_two_workers_take_turns(redis_server: RedisServer) -> None:
    async def scenario() -> list[str]:
        one, two = await _state(redis_server.url, "b14"), await _state(redis_server.url, "b14")
        order: list[str] = []

        async def handle(state: RedisState, name: str) -> None:
            async with state.chat_lock(5):
                order.append(f"{name} in")
                await asyncio.sleep(0.2)
                order.append(f"{name} out")

        await asyncio.gather(handle(one, "first"), handle(two, "second"))
        async with two.chat_lock(6), one.chat_lock(7):  # other chats do not wait
            order.append("others")
        await one.close()
        await two.close()
        return order

    order = run(scenario())
    assert order[:4] in (
        ["first in", "first out", "second in", "second out"],
        ["second in", "second out", "first in", "first out"],
    )
    assert order[4] == "others"


def test_a_redis_on_a_unix_socket_is_usable_for_the_windows_too() -> None:
    from bot.state import limits_storage

    # limits refused "async+unix://" with a ConfigurationError, which ended the worker.
    limits_storage("unix:///run/redis/redis.sock?db=0", "qabot:1")
