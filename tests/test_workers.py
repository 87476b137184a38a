"""Several webhook workers behind nginx, sharing state in Redis: every question answered exactly
once, follow-ups resolved on whichever worker takes them, and a worker killed mid-load costs
nothing, as Telegram sends again what it did not acknowledge."""

from __future__ import annotations

import bisect
import itertools
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from benchmarks.webhook_delivery import Delivery, wait_until_delivered
from tests.bot_process import BotProcess, free_port, write_config
from tests.fake_bot_api import Call, FakeBotApi, private_chat, user
from tests.services import Nginx, RedisServer
from tests.test_worker import SECRET, wait_for_listener

WORKERS = 3
CHATS = 200
# Telegram's flood limit as the workers are told it: low enough that the load meets it.
PER_SECOND = 100
# Each chat's questions, asked one after the other's answer, as a person would. The second and
# fifth are follow-ups, the third goes on with the second's answer.
SCRIPTS = (
    ("What is AIRCOP?", "who implements it?", "more", "What is CRIMJUST?", "who runs it?"),
    ("What is CRIMJUST?", "who runs it?", "more", "What is AIRCOP?", "who implements it?"),
)
# What the answer to each follow-up must say: it was read in its chat's conversation.
RESOLVED = {
    "AIRCOP": "AIRCOP is implemented by",
    "CRIMJUST": "CRIMJUST is implemented jointly by",
}


@dataclass
class Deployment:
    api: FakeBotApi
    redis: RedisServer
    nginx: Nginx
    workers: list[BotProcess]
    delivery: Delivery


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    directory = tmp_path_factory.mktemp("workers")
    redis = RedisServer(directory).start()
    api = FakeBotApi().start()
    config = write_config(
        directory,
        state={"redis_url": redis.url, "lease_seconds": 2},
        # Every answer starts with "typing…": the test holds those to stop a worker between
        # taking an update and answering it.
        typing_after_seconds=0,
        messages_per_second=PER_SECOND,
    )
    ports = [free_port() for _ in range(WORKERS)]
    workers = []
    nginx = None
    try:
        for number, port in enumerate(ports):
            workers.append(
                BotProcess(
                    api,
                    config,
                    directory / f"worker-{number}.log",
                    args=("--listen", "127.0.0.1", "--port", str(port)),
                    env={"TELEGRAM_WEBHOOK_SECRET": SECRET},
                    command="serve",
                ).start()
            )
            wait_for_listener(port)
        nginx = Nginx(directory, ports).start()
        api.delivery = Delivery(nginx.url, SECRET, connections=16).start()
        yield Deployment(api, redis, nginx, workers, api.delivery)
    finally:
        if api.delivery is not None:
            api.delivery.stop()
        for worker in workers:
            worker.stop()
        if nginx is not None:
            nginx.stop()
        api.stop()
        redis.stop()


class _Chats:
    """The chats of the load: each sends its next question once its last one is answered."""

    def __init__(self, api: FakeBotApi, first_user: int) -> None:
        self.api = api
        self.users = [user(first_user + n, f"User {n}") for n in range(CHATS)]
        self.replies: dict[int, list[Call]] = {u["id"]: [] for u in self.users}
        self.asked: Counter[int] = Counter()
        self.updates: dict[int, list[int]] = {u["id"]: [] for u in self.users}
        self._read = api.mark()

    def script(self, chat_id: int) -> tuple[str, ...]:
        return SCRIPTS[chat_id % len(SCRIPTS)]

    def ask_next(self) -> None:
        for who in self.users:
            chat_id = who["id"]
            asked = self.asked[chat_id]
            if asked < len(self.script(chat_id)) and len(self.replies[chat_id]) >= asked:
                message = {
                    "message_id": 1_000_000 + len(self.updates[chat_id]),
                    "date": int(time.time()),
                    "chat": private_chat(who),
                    "from": who,
                    "text": self.script(chat_id)[asked],
                }
                update = self.api.push({"message": message})
                self.updates[chat_id].append(update["update_id"])
                self.asked[chat_id] += 1

    def read_replies(self) -> None:
        with self.api._changed:
            new = self.api.calls[self._read :]
            self._read = len(self.api.calls)
        for call in new:
            if call.method == "sendMessage" and call.result is not None:
                chat_id = call.params.get("chat_id")
                if chat_id in self.replies:
                    self.replies[chat_id].append(call)

    @property
    def answered(self) -> int:
        return sum(len(r) for r in self.replies.values())

    def run(self, until: float, while_running: dict[int, Any] | None = None) -> None:
        """Go on until every chat has its answers, calling ``while_running[n]`` once when n
        answers have come."""
        pending = dict(while_running or {})
        total = CHATS * len(SCRIPTS[0])
        while self.answered < total and time.monotonic() < until:
            self.ask_next()
            time.sleep(0.02)
            self.read_replies()
            for count in sorted(pending):
                if self.answered >= count:
                    pending.pop(count)()


def _kill_between_taking_and_answering(deployment: Deployment, victim: BotProcess) -> None:
    """Hold every "typing…" so that each worker's updates in flight wait before their answers,
    kill one worker with SIGKILL, then let the others go on."""
    api = deployment.api
    api.delay("sendChatAction", 1.0, times=10_000)
    time.sleep(0.3)  # the answers already on their way arrive
    assert victim.process is not None
    victim.process.send_signal(signal.SIGKILL)
    victim.process.wait()
    with api._changed:
        api.failures["sendChatAction"] = []


def test_every_question_is_answered_exactly_once_across_workers_with_one_killed(
    deployment: Deployment,
) -> None:
    chats = _Chats(deployment.api, first_user=700_000)
    start = deployment.api.mark()
    victim = deployment.workers[1]
    killer = threading.Thread(target=_kill_between_taking_and_answering, args=(deployment, victim))
    chats.run(time.monotonic() + 240, {CHATS * 2: killer.start})
    killer.join()
    assert wait_until_delivered(deployment.delivery, 60)
    time.sleep(0.5)
    chats.read_replies()

    # Nothing lost, nothing doubled.
    counts = Counter(len(replies) for replies in chats.replies.values())
    assert counts == {len(SCRIPTS[0]): CHATS}, counts
    # Every follow-up was read in its chat's conversation, on whichever worker took it.
    for chat_id, replies in chats.replies.items():
        script = chats.script(chat_id)
        for position in (1, 4):
            subject = script[position - 1].removeprefix("What is ").rstrip("?")
            assert RESOLVED[subject] in replies[position].params["text"], (chat_id, position)
        assert "[2]" in replies[2].params["text"]  # "more" went on after the first passage
    # The killed worker took updates it never answered; Telegram sent them again.
    assert any(count > 1 for count in deployment.delivery.attempts.values())
    # Consecutive messages of a chat landed on different workers.
    handled = deployment.delivery.handled_by
    moves = sum(
        handled.get(a) != handled.get(b)
        for ids in chats.updates.values()
        for a, b in itertools.pairwise(ids)
    )
    assert len(set(handled.values())) == WORKERS
    assert moves >= CHATS
    # Together, the workers kept to the bot's flood limit. They start at most PER_SECOND
    # requests in any second between them (tests/test_state.py checks that exactly); what
    # arrives here a few milliseconds later bunches up by a few percent more.
    with deployment.api._changed:
        sent = sorted(c.at for c in deployment.api.calls[start:] if "chat_id" in c.params)
    assert len(sent) >= CHATS * len(SCRIPTS[0]) * 2  # an answer and a "typing…" each
    busiest = max(bisect.bisect_left(sent, at + 1.0) - i for i, at in enumerate(sent))
    assert busiest <= PER_SECOND * 1.1
