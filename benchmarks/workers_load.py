"""``qabot loadtest --workers N``: webhook workers behind nginx, under the load of chats that ask
questions with follow-ups, with one worker killed in the middle.

N ``qabot serve`` workers (sharing Redis and PostgreSQL, started here from Debian's packages,
when N > 1; one worker keeps its SQLite file) sit behind nginx. A local Bot API server delivers
each update to nginx as Telegram does, sending again what was not acknowledged, and records
the replies. Each chat asks its five questions one after the other's answer, as a person would;
the second and fifth are follow-ups, the third is "more". When the load is under way, every
"typing…" is held, so that each worker has updates it took and has not answered, and one worker
is killed with SIGKILL; a lone worker is started again, as its service manager would. The
report says whether every question was answered exactly once, every follow-up read in its
chat's conversation, and what the busiest second sent.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import itertools
import signal
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.load import TOKEN, BotProcess, Percentiles, write_bot_config
from benchmarks.local_bot_api import LocalBotApi, Sent
from benchmarks.services import Nginx, Postgres, RedisServer, free_port
from benchmarks.webhook_delivery import Delivery, wait_until_delivered
from bot.config import Config, StateSettings, StoreSettings
from corpus.errors import QabotError

SECRET = "loadtest-webhook-secret"
# Each chat's questions; the second and fifth are follow-ups, the third goes on with the second.
SCRIPTS = (
    ("What is AIRCOP?", "who implements it?", "more", "What is CRIMJUST?", "who runs it?"),
    ("What is CRIMJUST?", "who runs it?", "more", "What is AIRCOP?", "who implements it?"),
)
# What the answer to a follow-up says when it was read in its chat's conversation.
RESOLVED = {"AIRCOP": "AIRCOP is implemented by", "CRIMJUST": "CRIMJUST is implemented jointly by"}
FIRST_CHAT = 5_000_000
# How long each worker may take to start, and the whole load to be answered.
START_SECONDS = 180.0
LOAD_SECONDS = 300.0
# How long a killed worker's updates stay claimed before another worker may answer them.
LEASE_SECONDS = 2
# The share of the answers after which a worker is killed, once no answer has arrived for
# QUIET_SECONDS (waiting at most QUIET_WAIT_SECONDS).
KILL_AT = 0.4
QUIET_SECONDS = 0.5
QUIET_WAIT_SECONDS = 15.0
# What may arrive in the busiest second at the Bot API, as a multiple of the flood limit: the
# workers start at most the limit in any second, and what arrives tens of milliseconds later
# on a busy machine bunches up (106 to 113 for 100 in five runs on the 2-core machine).
ARRIVAL_SLACK = 1.2


@dataclass(frozen=True)
class WorkersReport:
    """What ``run`` measured.

    Attributes:
        workers: how many workers served.
        chats: how many chats asked.
        questions: how many questions they asked.
        answered: questions answered exactly once.
        duplicates: replies beyond the first to a question.
        lost: questions never answered.
        follow_ups: follow-ups asked ("who runs it?", "more").
        resolved: of those, answered in their chat's conversation.
        latency: from a question's delivery to its answer's arrival.
        peak_per_second: requests to chats that arrived in the busiest second.
        limit_per_second: the flood limit the workers were given.
        redelivered: updates delivered more than once (those the killed worker took).
        moved: consecutive questions of a chat that another worker answered.
        killed: whether a worker was killed.
        seconds: how long the load took.
    """

    workers: int
    chats: int
    questions: int
    answered: int
    duplicates: int
    lost: int
    follow_ups: int
    resolved: int
    latency: Percentiles | None
    peak_per_second: int
    limit_per_second: int
    redelivered: int
    moved: int
    killed: bool
    seconds: float

    @property
    def passed(self) -> bool:
        return (
            self.answered == self.questions
            and self.duplicates == 0
            and self.resolved == self.follow_ups
            and self.peak_per_second <= self.limit_per_second * ARRIVAL_SLACK
        )


@dataclass
class _Chat:
    user: dict[str, Any]
    script: tuple[str, ...]
    updates: list[int] = field(default_factory=list)
    asked_at: list[float] = field(default_factory=list)
    replies: list[Sent] = field(default_factory=list)


class _Deployment:
    """The services, the workers and nginx, started in ``directory``, stopped on exit."""

    def __init__(self, config: Config, workers: int, directory: Path, api: LocalBotApi) -> None:
        self.config, self.count, self.directory, self.api = config, workers, directory, api
        self.services: list[RedisServer | Postgres | Nginx] = []
        self.workers: list[BotProcess] = []
        self.ports: list[int] = []

    def __enter__(self) -> _Deployment:
        try:
            self._start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _start(self) -> None:
        config = self.config
        if self.count > 1:
            redis = RedisServer(self.directory).start()
            self.services.append(redis)
            postgres = Postgres()
            self.services.append(postgres)
            postgres.start()
            config = dataclasses.replace(
                config,
                state=StateSettings(redis.url, lease_seconds=LEASE_SECONDS),
                store=StoreSettings(postgres.url),
            )
        path = write_bot_config(config, self.directory, typing_after_seconds=0.0)
        self.ports = [free_port() for _ in range(self.count)]
        for number, port in enumerate(self.ports):
            worker = BotProcess(
                path,
                self.api,
                self.directory / f"worker-{number}.log",
                ("serve", "--listen", "127.0.0.1", "--port", str(port)),
                {"TELEGRAM_WEBHOOK_SECRET": SECRET},
            )
            self.workers.append(worker)
            worker.start()
        for worker, port in zip(self.workers, self.ports, strict=True):
            _wait_for_worker(worker, port)
        nginx = Nginx(self.directory, self.ports)
        self.services.append(nginx)
        nginx.start()
        self.api.delivery = Delivery(nginx.url, SECRET, connections=16).start()

    def kill_one(self) -> None:
        """Hold every "typing…", so that each worker's updates in flight wait before their
        answers; once the answers already on their way have arrived, kill the last worker with
        SIGKILL; let the others go on.

        The kill comes when no answer has gone out for a while: a worker killed between sending
        an answer and marking its update done (a few milliseconds) would have that answer sent
        twice, as Telegram has no send-at-most-once, and the load would measure luck."""
        victim = self.workers[-1]
        self.api.hold("sendChatAction")
        try:
            deadline = time.monotonic() + QUIET_WAIT_SECONDS
            while time.monotonic() < deadline and not self.api.quiet_for(QUIET_SECONDS):
                time.sleep(0.05)
            assert victim.process is not None
            victim.process.send_signal(signal.SIGKILL)
            victim.process.wait()
        finally:
            self.api.release("sendChatAction")

    def restart_killed(self) -> None:
        """Start a lone worker again once killed, as its service manager would. From the main
        thread: a worker dies with the thread that started it (``load.BotProcess``)."""
        victim = self.workers[-1]
        if self.count == 1 and not victim.running():
            victim.start()
            _wait_for_worker(victim, self.ports[-1])

    def __exit__(self, *exc: object) -> None:
        if self.api.delivery is not None:
            self.api.delivery.stop()
        for worker in self.workers:
            worker.stop()
        for service in reversed(self.services):
            service.stop()


def _wait_for_worker(worker: BotProcess, port: int) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        url = f"http://127.0.0.1:{port}/healthz"
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=1) as reply:
            if reply.status == 200:
                return
        if not worker.running():
            raise QabotError(f"a worker exited while starting: {worker.tail()}")
        if time.monotonic() > deadline:
            raise QabotError(f"a worker did not start within {START_SECONDS:.0f} s")
        time.sleep(0.05)


def run(
    config: Config,
    workers: int = 3,
    chats: int = 200,
    kill: bool = True,
    progress: Callable[[str], None] = lambda message: None,
) -> WorkersReport:
    """Serve ``chats`` chats' questions with ``workers`` workers behind nginx, killing one in
    the middle when ``kill``; files in a temporary directory, removed after."""
    with (
        tempfile.TemporaryDirectory(prefix="qabot-workers-") as directory,
        LocalBotApi(TOKEN) as api,
    ):
        progress(f"starting {workers} worker(s) behind nginx")
        with _Deployment(config, workers, Path(directory), api) as deployment:
            progress(f"{chats} chats ask {len(SCRIPTS[0])} questions each")
            return _load(deployment, chats, kill, progress)


def _load(
    deployment: _Deployment, count: int, kill: bool, progress: Callable[[str], None]
) -> WorkersReport:
    api = deployment.api
    assert api.delivery is not None
    chats = {
        FIRST_CHAT + n: _Chat(
            {"id": FIRST_CHAT + n, "is_bot": False, "first_name": f"User {n}"},
            SCRIPTS[n % len(SCRIPTS)],
        )
        for n in range(count)
    }
    total = count * len(SCRIPTS[0])
    started, read, rates_from = time.perf_counter(), 0, len(api.to_chats)
    killer = threading.Thread(target=deployment.kill_one) if kill else None
    deadline = time.monotonic() + LOAD_SECONDS
    while time.monotonic() < deadline:
        read = _read_replies(api, chats, read)
        answered = sum(len(chat.replies) for chat in chats.values())
        if killer is not None and killer.ident is None and answered >= total * KILL_AT:
            progress("killing a worker with SIGKILL")
            killer.start()
        if killer is not None and killer.ident is not None and not killer.is_alive():
            deployment.restart_killed()
        if all(len(chat.asked_at) == len(chat.script) for chat in chats.values()) and (
            answered >= total
        ):
            break
        for chat in chats.values():
            asked = len(chat.asked_at)
            if asked < len(chat.script) and len(chat.replies) >= asked:
                _ask(api, chat, chat.script[asked])
        time.sleep(0.02)
    if killer is not None and killer.ident is not None:
        killer.join()
    wait_until_delivered(api.delivery, 60)
    time.sleep(0.5)  # a late duplicate, if any, arrives
    _read_replies(api, chats, read)
    return _report(deployment, chats, kill, api.to_chats[rates_from:], started)


def _read_replies(api: LocalBotApi, chats: dict[int, _Chat], read: int) -> int:
    """File the replies after the first ``read`` with their chats; how many there are now."""
    new = api.sent_since(read)
    for sent in new:
        if sent.chat_id in chats:
            chats[sent.chat_id].replies.append(sent)
    return read + len(new)


def _ask(api: LocalBotApi, chat: _Chat, text: str) -> None:
    message = {
        "message_id": api.new_message_id(),
        "date": int(time.time()),
        "chat": {"id": chat.user["id"], "type": "private", "first_name": "User"},
        "from": chat.user,
        "text": text,
    }
    update_id, offered = api.push({"message": message})
    chat.updates.append(update_id)
    chat.asked_at.append(offered)


def _report(
    deployment: _Deployment,
    chats: dict[int, _Chat],
    kill: bool,
    to_chats: list[float],
    started: float,
) -> WorkersReport:
    delivery = deployment.api.delivery
    assert delivery is not None
    questions = sum(len(chat.asked_at) for chat in chats.values())
    answered = sum(min(len(chat.replies), len(chat.asked_at)) for chat in chats.values())
    follow_ups = resolved = 0
    latencies = []
    for chat in chats.values():
        replies = chat.replies
        latencies += [r.arrived - a for r, a in zip(replies, chat.asked_at, strict=False)]
        for position in (1, 4):
            follow_ups += 1
            subject = chat.script[position - 1].removeprefix("What is ").rstrip("?")
            resolved += len(replies) > position and RESOLVED[subject] in replies[position].text
        follow_ups += 1  # "more" goes on after the first passage shown
        resolved += len(replies) > 2 and "[2]" in replies[2].text
    arrivals = sorted(to_chats)
    peak = max(
        (bisect.bisect_left(arrivals, at + 1.0) - i for i, at in enumerate(arrivals)), default=0
    )
    handled = delivery.handled_by
    moved = sum(
        handled.get(a) != handled.get(b)
        for chat in chats.values()
        for a, b in itertools.pairwise(chat.updates)
    )
    extra = Counter(max(0, len(chat.replies) - len(chat.asked_at)) for chat in chats.values())
    return WorkersReport(
        workers=deployment.count,
        chats=len(chats),
        questions=questions,
        answered=answered,
        duplicates=sum(n * times for n, times in extra.items()),
        lost=questions - answered,
        follow_ups=follow_ups,
        resolved=resolved,
        latency=Percentiles.of(latencies),
        peak_per_second=peak,
        limit_per_second=deployment.config.telegram.messages_per_second,
        redelivered=sum(1 for attempts in delivery.attempts.values() if attempts > 1),
        moved=moved,
        killed=kill,
        seconds=time.perf_counter() - started,
    )


def render(report: WorkersReport) -> str:
    """The report as the terminal shows it."""
    latency = report.latency
    rows = [
        ("workers", f"{report.workers} behind nginx" + (", one killed" if report.killed else "")),
        ("questions", f"{report.questions} from {report.chats} chats"),
        ("answered exactly once", f"{report.answered}"),
        ("duplicates", f"{report.duplicates}"),
        ("lost", f"{report.lost}"),
        ("follow-ups resolved", f"{report.resolved} of {report.follow_ups}"),
        (
            "latency p50 / p99",
            f"{latency.p50_ms:.0f} / {latency.p99_ms:.0f} ms" if latency else "-",
        ),
        (
            "peak send rate",
            f"{report.peak_per_second} in the busiest second (limit {report.limit_per_second}/s)",
        ),
        ("updates delivered again", f"{report.redelivered}"),
        ("questions that moved worker", f"{report.moved}"),
        ("took", f"{report.seconds:.1f} s"),
        ("result", "passed" if report.passed else "FAILED"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)


def to_json(report: WorkersReport) -> dict[str, Any]:
    data = dataclasses.asdict(report)
    data["passed"] = report.passed
    return data
