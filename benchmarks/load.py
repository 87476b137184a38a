"""The load test: the real bot (``qabot run``, its own process) polling a Bot API server on
127.0.0.1, with many simulated chats asking the gold questions at once, or at a steady rate
for minutes (the soak).

The chats are private chats, groups and inline users, in the proportions of ``Mix``. In a
group the bot has privacy mode, so each question is one it answers there: a mention
(``@bot question``), a reply to one of its earlier messages, or ``/ask question``, in turn.
An inline user sends inline queries, which the bot answers with answerInlineQuery. Every
question is an update that the server makes available to the bot's getUpdates, and it is
matched to its answer by key: a message by its chat and message id (the bot's reply quotes
it, in ``reply_parameters``), an inline query by its id. ``tally`` counts the questions
answered, those with no answer, those answered twice, and answers that match no question.

Latency runs from the moment an update is available to getUpdates to the moment the server
has read the reply's JSON; it includes the long poll's return, the bot's queueing, its work,
and the outgoing rate limiter. That limiter (PTB's ``AIORateLimiter``, in
``bot/telegram_app.py``) keeps the bot within Telegram's flood limits: 30 requests a second
overall for the requests that carry a ``chat_id`` (sendMessage, sendChatAction), and 20 a
minute in each group, with bursts up to those sizes. answerInlineQuery carries no chat id
and is not limited. So 1,000 questions in a few seconds, of which 800 want a message, take
about 800 / 30 ≈ 27 s to answer: the messages queue in the limiter, as they must for a real
bot, and their latency grows with their place in the queue up to that figure. Inline answers
do not wait. The per-user allowance (``telegram.questions_per_minute``) is another matter:
each simulated user asks ``per_chat`` questions, and a question past the allowance is still
answered, with "slow down", which ``tally`` counts apart. Group members take turns, so a
group's questions spread over several users.

The soak asks at a steady rate, well under the limiter's 30 a second, over a pool of chats,
and samples the bot's resident memory every second: its memory is flat when the
least-squares line through the samples after the warm-up rises by less than
``FLAT_MB`` plus ``FLAT_SHARE`` of the memory at the end of the warm-up, over the rest of the
soak.

Everything stays on 127.0.0.1 and is bounded: the bot has ``START_SECONDS`` to start
polling, the replies ``reply_timeout`` after the last question, and the bot
``STOP_SECONDS`` to stop after SIGTERM before it is killed; the bot is stopped however the
run ends, and on Linux it dies with this process.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import html
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from benchmarks.load_limits import (
    DEFAULT_CHATS,
    DEFAULT_PER_CHAT,
    DEFAULT_RATE,
    DEFAULT_REPLY_TIMEOUT,
    DEFAULT_SPREAD_SECONDS,
    MAX_CHATS,
    MAX_PER_CHAT,
    MAX_QUESTIONS,
    MAX_RATE,
    MAX_SOAK_SECONDS,
    MAX_SPREAD_SECONDS,
    MIN_SOAK_SECONDS,
)
from benchmarks.local_bot_api import BOT, LocalBotApi, Sent
from benchmarks.reporting import machine, read_memory, table
from benchmarks.synthetic import DEFAULT_SEED, generator
from bot.config import Config
from bot.handlers import APOLOGY, SLOW_DOWN
from bot.rendering import NO_ANSWER
from corpus.errors import ConfigError, QabotError
from retrieval.evaluation import load_gold

# Not a real token: the local server takes it, and nothing else ever sees it.
TOKEN = "123456789:local-loadtest-token-not-a-secret"
KINDS = ("private", "group", "inline")
# The bot's start (index load, command menus) until its first getUpdates.
START_SECONDS = 180.0
# After SIGTERM, before SIGKILL.
STOP_SECONDS = 15.0
# After the last expected answer, how long to go on listening for a second one.
SETTLE_SECONDS = 1.0
# How often the bot's memory is read.
SAMPLE_SECONDS = 0.25
SOAK_SAMPLE_SECONDS = 1.0
# The soak's warm-up: its first WARM_UP_SHARE, and at least WARM_UP_SECONDS.
WARM_UP_SHARE = 0.2
WARM_UP_SECONDS = 10.0
# Flat memory: after the warm-up, the fitted line rises less than this. The bot's store grows
# with every question, and SQLite's page cache with it up to its default 2 MiB, then stops:
# that much growth is expected; the share allows for the allocator's noise.
FLAT_MB = 2.0
FLAT_SHARE = 0.02
# Soak progress lines and memory rows: about this many over the soak.
SOAK_ROWS = 10
# Ids of the simulated users and chats, clear of each other.
FIRST_PRIVATE = 1_000_000
FIRST_GROUP_MEMBER = 2_000_000
FIRST_INLINE_USER = 3_000_000
FIRST_GROUP_CHAT = -1_001_000_000_000
FIRST_INLINE_QUERY = 4_000_000_000_000_000
GROUP_MEMBERS = 3
GROUP_FORMS = ("mention", "reply", "ask")
INLINE_QUERY_CHARS = 256
# Telegram refuses an inline answer that comes this late or later, roughly: "query is too old".
INLINE_TOO_OLD_SECONDS = 10.0
MB = 1024 * 1024


@dataclass(frozen=True)
class Mix:
    """How many private chats, groups and inline users, in proportion.

    Attributes:
        private: the weight of private chats.
        group: the weight of groups.
        inline: the weight of inline users.
    """

    private: int = 5
    group: int = 3
    inline: int = 2

    @classmethod
    def parse(cls, text: str) -> Mix:
        """A mix from "private=5,group=3,inline=2"; a kind left out weighs 0."""
        weights = dict.fromkeys(KINDS, 0)
        for part in text.split(","):
            name, _, value = part.partition("=")
            name = name.strip()
            if name not in weights or not value.strip().isdigit():
                raise ValueError(
                    f"{part.strip()!r} is not KIND=WEIGHT, with KIND one of {', '.join(KINDS)}"
                )
            weights[name] = int(value)
        if not any(weights.values()):
            raise ValueError("the mix needs at least one kind with a weight above 0")
        return cls(**weights)

    def split(self, chats: int) -> dict[str, int]:
        """``chats`` shared out by weight, the remainders to the largest fractions."""
        weights = {kind: getattr(self, kind) for kind in KINDS}
        total = sum(weights.values())
        exact = {kind: chats * weight / total for kind, weight in weights.items()}
        counts = {kind: int(share) for kind, share in exact.items()}
        by_remainder = sorted(
            KINDS, key=lambda kind: (counts[kind] - exact[kind], KINDS.index(kind))
        )
        for kind in by_remainder[: chats - sum(counts.values())]:
            counts[kind] += 1
        return counts

    def label(self) -> str:
        return ",".join(f"{kind}={getattr(self, kind)}" for kind in KINDS)


@dataclass(frozen=True)
class Scenario:
    """What one run asks.

    Attributes:
        chats: simulated chats (private chats, groups and inline users).
        per_chat: questions per chat, in a burst; unused by the soak.
        mix: the share of each kind of chat.
        spread: the burst's questions go out over this many seconds.
        soak: the soak's length in seconds, or None for a burst.
        rate: the soak's questions per second, over the chats in turn.
        reply_timeout: how long to wait for answers after the last question.
        seed: the seed of the questions' order and the burst's timing.
    """

    chats: int = DEFAULT_CHATS
    per_chat: int = DEFAULT_PER_CHAT
    mix: Mix = dataclasses.field(default_factory=Mix)
    spread: float = DEFAULT_SPREAD_SECONDS
    soak: float | None = None
    rate: float = DEFAULT_RATE
    reply_timeout: float = DEFAULT_REPLY_TIMEOUT
    seed: int = DEFAULT_SEED

    def __post_init__(self) -> None:
        checks = (
            (1 <= self.chats <= MAX_CHATS, f"chats must be 1 to {MAX_CHATS:,}"),
            (1 <= self.per_chat <= MAX_PER_CHAT, f"questions per chat must be 1 to {MAX_PER_CHAT}"),
            (
                0 <= self.spread <= MAX_SPREAD_SECONDS,
                f"spread must be 0 to {MAX_SPREAD_SECONDS:g} s",
            ),
            (
                self.soak is None or MIN_SOAK_SECONDS <= self.soak <= MAX_SOAK_SECONDS,
                f"the soak must last {MIN_SOAK_SECONDS} to {MAX_SOAK_SECONDS} s",
            ),
            (0 < self.rate <= MAX_RATE, f"the rate must be above 0 and at most {MAX_RATE:g}/s"),
            (
                0 < self.reply_timeout <= 3_600,
                "the reply timeout must be above 0 and at most 3600 s",
            ),
            (self.questions <= MAX_QUESTIONS, f"at most {MAX_QUESTIONS:,} questions in one run"),
        )
        for passed, message in checks:
            if not passed:
                raise ConfigError(f"loadtest: {message}")

    @property
    def questions(self) -> int:
        """How many questions the run asks."""
        if self.soak is not None:
            return max(1, round(self.rate * self.soak))
        return self.chats * self.per_chat


@dataclass(frozen=True)
class Question:
    """One question of the run, and how it reaches the bot.

    Attributes:
        key: what its answer is matched by: ``CHAT:MESSAGE`` or ``inline:QUERY``.
        kind: private, group or inline.
        form: text (private), mention, reply or ask (groups), inline.
        chat_id: its chat; for inline, the user.
        user_id: who asks it.
        message_id: its message's id; for inline, 0.
        reply_to: for a reply in a group, the bot's earlier message it replies to.
        text: the question.
        due: when it goes out, in seconds from the start of the run.
    """

    key: str
    kind: str
    form: str
    chat_id: int
    user_id: int
    message_id: int
    reply_to: int
    text: str
    due: float


def message_key(chat_id: int, message_id: int | None) -> str:
    """The key of a message in a chat."""
    return f"{chat_id}:{message_id}"


def inline_key(query_id: str) -> str:
    """The key of an inline query."""
    return f"inline:{query_id}"


def answer_key(sent: Sent) -> str:
    """The key of the question a message or inline answer answers."""
    if sent.method == "answerInlineQuery":
        return inline_key(sent.inline_query_id)
    return message_key(sent.chat_id, sent.reply_to)


def outcome(sent: Sent) -> str:
    """What an answer says: answer, no answer, slow down, apology, empty (an inline answer
    with no result), or other."""
    if sent.method == "answerInlineQuery":
        if not sent.results:
            return "empty"
        return {"none": "no answer", "hint": "other", "private": "other"}.get(
            sent.results[0], "answer"
        )
    if sent.has_buttons:
        return "answer"
    text = html.unescape(sent.text)
    for start, name in ((SLOW_DOWN, "slow down"), (APOLOGY, "apology"), (NO_ANSWER, "no answer")):
        if text.startswith(start):
            return name
    return "other"


def question_pool(config: Config) -> list[str]:
    """The gold questions, answerable and out of scope, for the simulated users to ask."""
    if config.eval.gold is None:
        raise ConfigError("loadtest asks the gold questions: set eval.gold in the config")
    gold = load_gold(config.eval.gold)
    pool = [question.q for question in gold.questions] + list(gold.out_of_scope)
    if not pool:
        raise ConfigError(f"{config.eval.gold} holds no questions to ask")
    return pool


def plan(
    pool: Sequence[str], scenario: Scenario, message_ids: Callable[[], int]
) -> tuple[list[Question], dict[int, int]]:
    """The run's questions in the order they go out, and each group's earlier bot message
    (group chat id → message id) that its replies reply to. ``message_ids`` gives ids unique
    across the run, so that no user's message shares an id with the bot's."""
    rng = generator(scenario.seed, 7)
    counts = scenario.mix.split(scenario.chats)
    kinds = [kind for kind in KINDS for _ in range(counts[kind])]
    kinds = [kinds[i] for i in rng.permutation(len(kinds))]
    texts = [pool[i] for i in rng.permutation(len(pool))]
    earlier = {
        FIRST_GROUP_CHAT - chat: message_ids() for chat, kind in enumerate(kinds) if kind == "group"
    }
    total = scenario.questions
    if scenario.soak is not None:
        # Over the chats in turn, one every 1/rate seconds.
        slots = [(n % scenario.chats, n // scenario.chats, n / scenario.rate) for n in range(total)]
    else:
        # At random over the spread; a chat's turns in the order of their times.
        dues = np.sort(rng.uniform(0.0, scenario.spread, size=(scenario.chats, scenario.per_chat)))
        slots = sorted(
            (
                (chat, turn, float(dues[chat, turn]))
                for chat in range(scenario.chats)
                for turn in range(scenario.per_chat)
            ),
            key=lambda slot: slot[2],
        )
    questions = []
    for number, (chat, turn, due) in enumerate(slots):
        text, kind = texts[number % len(texts)], kinds[chat]
        if kind == "inline":
            user, query = FIRST_INLINE_USER + chat, str(FIRST_INLINE_QUERY + number)
            text = text[:INLINE_QUERY_CHARS]
            questions.append(Question(inline_key(query), kind, kind, user, user, 0, 0, text, due))
            continue
        message = message_ids()
        if kind == "private":
            chat_id = user = FIRST_PRIVATE + chat
            form, reply_to = "text", 0
        else:
            chat_id = FIRST_GROUP_CHAT - chat
            user = FIRST_GROUP_MEMBER + chat * GROUP_MEMBERS + turn % GROUP_MEMBERS
            form = GROUP_FORMS[(chat + turn) % len(GROUP_FORMS)]
            reply_to = earlier[chat_id] if form == "reply" else 0
        key = message_key(chat_id, message)
        questions.append(Question(key, kind, form, chat_id, user, message, reply_to, text, due))
    return questions, earlier


def update_of(question: Question, now: int) -> dict[str, Any]:
    """The update Telegram would send for a question, without its update id."""
    user = {"id": question.user_id, "is_bot": False, "first_name": "Load", "language_code": "en"}
    if question.kind == "inline":
        query = question.key.removeprefix("inline:")
        inline = {
            "id": query,
            "from": user,
            "query": question.text,
            "offset": "",
            "chat_type": "sender",
        }
        return {"inline_query": inline}
    if question.kind == "private":
        chat: dict[str, Any] = {"id": question.chat_id, "type": "private", "first_name": "Load"}
    else:
        chat = {
            "id": question.chat_id,
            "type": "supergroup",
            "title": f"Load group {-question.chat_id}",
        }
    message: dict[str, Any] = {
        "message_id": question.message_id,
        "date": now,
        "chat": chat,
        "from": user,
        "text": question.text,
    }
    if question.form == "mention":
        mention = f"@{BOT['username']}"
        message["text"] = f"{mention} {question.text}"
        message["entities"] = [{"type": "mention", "offset": 0, "length": len(mention)}]
    elif question.form == "ask":
        message["text"] = f"/ask {question.text}"
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len("/ask")}]
    elif question.form == "reply":
        message["reply_to_message"] = {
            "message_id": question.reply_to,
            "date": now - 60,
            "chat": chat,
            "from": BOT,
            "text": "An earlier answer.",
        }
    return {"message": message}


@dataclass(frozen=True)
class Tally:
    """Answers against questions.

    Attributes:
        asked: questions sent.
        answered: questions with at least one answer.
        missing: keys of the questions with no answer.
        duplicated: keys of the questions answered more than once.
        unmatched: answers that answer no question (such as an apology out of the blue).
        outcomes: what the first answers said: answer, no answer, slow down…, with counts.
    """

    asked: int
    answered: int
    missing: tuple[str, ...]
    duplicated: tuple[str, ...]
    unmatched: int
    outcomes: dict[str, int]

    @property
    def exact(self) -> bool:
        """Every question answered exactly once, and nothing else sent."""
        return self.answered == self.asked and not self.duplicated and not self.unmatched


def tally(keys: Iterable[str], answers: Iterable[Sent]) -> Tally:
    """Match the answers to the questions by key and count."""
    asked = list(keys)
    expected = set(asked)
    if len(expected) != len(asked):
        raise ValueError("two questions share a key")
    first: dict[str, Sent] = {}
    times: collections.Counter[str] = collections.Counter()
    unmatched = 0
    for sent in answers:
        key = answer_key(sent)
        if key not in expected:
            unmatched += 1
            continue
        times[key] += 1
        first.setdefault(key, sent)
    outcomes = collections.Counter(outcome(sent) for sent in first.values())
    return Tally(
        asked=len(asked),
        answered=len(first),
        missing=tuple(key for key in asked if key not in first),
        duplicated=tuple(key for key in asked if times[key] > 1),
        unmatched=unmatched,
        outcomes=dict(sorted(outcomes.items())),
    )


@dataclass(frozen=True)
class Percentiles:
    """Latencies, in milliseconds.

    Attributes:
        samples: how many.
        p50_ms: the median.
        p95_ms: the 95th percentile.
        p99_ms: the 99th percentile.
        max_ms: the longest.
    """

    samples: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Percentiles | None:
        """The figures of timings in seconds; None for none."""
        if not seconds:
            return None
        p50, p95, p99, top = np.percentile(np.asarray(seconds) * 1000, [50, 95, 99, 100])
        return cls(len(seconds), float(p50), float(p95), float(p99), float(top))


@dataclass(frozen=True)
class MemorySample:
    """The bot's resident memory at one moment.

    Attributes:
        seconds: since the first question went out (negative: before).
        rss_mb: resident set size, in MiB.
        answers: answers the server had received by then.
    """

    seconds: float
    rss_mb: float
    answers: int


@dataclass(frozen=True)
class Memory:
    """The bot's resident memory over the run.

    Attributes:
        ready_mb: once it polls, before the first question.
        end_mb: after the last answer, before it stops.
        peak_mb: the most it ever held, start-up included (the kernel's high-water mark).
        warm_mb: the soak only: at the end of the warm-up.
        growth_mb: the soak only: the rise of the least-squares line over the samples after
            the warm-up, from its first to its last.
        per_minute_kb: the soak only: that line's slope.
        flat: the soak only: whether that rise is under the tolerance.
        tolerance_mb: the soak only: ``FLAT_MB`` plus ``FLAT_SHARE`` of ``warm_mb``.
        samples: the samples, one per ``SAMPLE_SECONDS`` (burst) or ``SOAK_SAMPLE_SECONDS``.
    """

    ready_mb: float
    end_mb: float
    peak_mb: float
    warm_mb: float | None = None
    growth_mb: float | None = None
    per_minute_kb: float | None = None
    flat: bool | None = None
    tolerance_mb: float | None = None
    samples: tuple[MemorySample, ...] = ()


@dataclass(frozen=True)
class LoadReport:
    """A whole load test or soak.

    Attributes:
        mode: burst or soak.
        scenario: what it asked.
        chats: chats of each kind.
        tally: answers against questions.
        latency: from an update available to getUpdates to its answer at the server, for
            all questions and for each kind.
        late_inline: inline answers ``INLINE_TOO_OLD_SECONDS`` or more after their query,
            which Telegram might refuse as too old.
        pickup: from an update available to getUpdates to a getUpdates handing it out.
        sending_seconds: from the first question out to the last.
        draining_seconds: from the last question out to the last answer in.
        messages: sendMessage requests received.
        messages_per_second: their rate, from the first to the last.
        typing: sendChatAction requests (the "typing…" indicator).
        cpu_seconds: the processor time the bot used from its first question to its last
            answer (user and system, all threads); None where it cannot be read.
        resent_updates: updates handed out by more than one getUpdates.
        unconfirmed_updates: updates the bot never confirmed with an offset.
        memory: the bot's resident memory.
        store_mb: the size of the bot's SQLite store at the end (with its write-ahead log):
            questions, answers and conversations, which SQLite caches up to 2 MiB of.
        exit_code: the bot's exit code after SIGTERM (or SIGKILL: negative).
        stop_seconds: from SIGTERM to its exit.
        log_errors: ERROR lines in the bot's log.
        log_warnings: WARNING lines in the bot's log.
        log_excerpt: the first few of those lines.
        seconds: the run's wall-clock time.
        machine: the cores, their load and the software versions.
    """

    mode: str
    scenario: Scenario
    chats: dict[str, int]
    tally: Tally
    latency: dict[str, Percentiles | None]
    late_inline: int
    pickup: Percentiles | None
    sending_seconds: float
    draining_seconds: float
    messages: int
    messages_per_second: float
    typing: int
    cpu_seconds: float | None
    resent_updates: int
    unconfirmed_updates: int
    memory: Memory
    store_mb: float
    exit_code: int | None
    stop_seconds: float
    log_errors: int
    log_warnings: int
    log_excerpt: tuple[str, ...]
    seconds: float
    machine: str

    @property
    def passed(self) -> bool:
        """Every question answered exactly once, and, in a soak, memory flat."""
        return self.tally.exact and self.memory.flat is not False


def _config_data(value: Any) -> Any:
    """A config value as ``config.yaml`` writes it."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: _config_data(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.name != "source"
        }
    if isinstance(value, Path):
        return str(value.resolve())
    if isinstance(value, tuple):
        return [_config_data(item) for item in value]
    return value


def write_bot_config(config: Config, directory: Path, **telegram: Any) -> Path:
    """The config for the bot under load: the given one, with its index (a copy, if there is
    one) and its store in ``directory``, and no allowlist; ``telegram`` overrides more of its
    keys."""
    index = directory / "index" / config.corpus.index.name
    index.parent.mkdir(parents=True, exist_ok=True)
    if config.corpus.index.is_file():
        shutil.copyfile(config.corpus.index, index)
    settings = dataclasses.replace(
        config.telegram,
        store=directory / "bot.sqlite3",
        allowed_chats=(),
        allowed_users=(),
        **telegram,
    )
    bot_config = dataclasses.replace(
        config, corpus=dataclasses.replace(config.corpus, index=index), telegram=settings
    )
    path = directory / "config.yaml"
    path.write_text(yaml.safe_dump(_config_data(bot_config), sort_keys=False), encoding="utf-8")
    return path


def read_cpu_seconds(pid: int) -> float | None:
    """The processor time a process has used, user and system, from /proc; None without it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, IndexError):
        return None
    # After the command's closing parenthesis, utime and stime are the 12th and 13th fields.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# On Linux the bot is started through this, which asks the kernel to kill it when the load
# test dies (PR_SET_PDEATHSIG, kept across exec; to the kernel the parent is the thread that
# started the bot, so start it from one that lives as long), then becomes ``qabot run`` in the same
# process: argv is the load test's pid, then the bot's command.
_DIE_WITH_PARENT = """
import ctypes, os, signal, sys
ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
if os.getppid() != int(sys.argv[1]):
    sys.exit("the load test has gone")
os.execv(sys.argv[2], sys.argv[2:])
"""


class BotProcess:
    """``qabot run`` in a process of its own, polling the local server; or another command of
    the bot (``serve`` and its options), with more of the environment set."""

    def __init__(
        self,
        config_path: Path,
        api: LocalBotApi,
        log: Path,
        command: tuple[str, ...] = ("run",),
        environment: dict[str, str] | None = None,
    ) -> None:
        self.config_path, self.api, self.log = config_path, api, log
        self.command, self.environment = command, environment or {}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start it, with the fake token and the local server, and no proxy."""
        script = shutil.which("qabot", path=str(Path(sys.executable).parent))
        command = [script] if script else [sys.executable, "-c", "from bot.cli import main; main()"]
        if sys.platform.startswith("linux"):
            command = [sys.executable, "-c", _DIE_WITH_PARENT, str(os.getpid()), *command]
        environment = {
            name: value
            for name, value in os.environ.items()
            if name.lower() not in ("http_proxy", "https_proxy", "all_proxy")
        }
        environment.update(
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_BASE_URL=self.api.base_url,
            NO_PROXY="127.0.0.1,localhost",
        )
        environment.update(self.environment)
        environment.pop("QABOT_CONFIG", None)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [*command, "--config", str(self.config_path), *self.command],
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_until_polling(self, timeout: float = START_SECONDS) -> None:
        """Wait for its first getUpdates; a clear error if it exits or takes too long."""
        deadline = time.monotonic() + timeout
        while not self.api.polled.wait(0.1):
            if not self.running():
                raise QabotError(f"the bot exited while starting: {self.tail()}")
            if time.monotonic() > deadline:
                raise QabotError(f"the bot did not start polling within {timeout:.0f} s")

    def stop(self) -> tuple[int | None, float]:
        """SIGTERM, then SIGKILL after ``STOP_SECONDS``; its exit code and how long it took."""
        if self.process is None:
            return None, 0.0
        started = time.perf_counter()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode, time.perf_counter() - started

    def tail(self, lines: int = 5) -> str:
        """The end of its log, for an error message."""
        text = self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        return " | ".join(text[-lines:]) or "(no output)"


class Sampler:
    """Reads the bot's resident memory from a thread, every ``every`` seconds."""

    def __init__(self, pid: int, api: LocalBotApi, every: float) -> None:
        self.pid, self.api, self.every = pid, api, every
        # (time.perf_counter(), RSS in bytes, answers so far)
        self.readings: list[tuple[float, int, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Sampler:
        self.sample()
        self._thread.start()
        return self

    def sample(self) -> bool:
        """Read it now; False once the process is gone."""
        try:
            rss, _ = read_memory(self.pid)
        except (ProcessLookupError, OSError):
            return False
        self.readings.append((time.perf_counter(), rss, len(self.api.sent)))
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def samples(self, origin: float) -> tuple[MemorySample, ...]:
        """The readings, their times counted from ``origin``."""
        return tuple(
            MemorySample(when - origin, rss / MB, answers) for when, rss, answers in self.readings
        )


def flatness(
    samples: Sequence[MemorySample], warm_up_until: float
) -> tuple[float, float, float, float, bool]:
    """The memory after the warm-up: the RSS at its end, the rise of the least-squares line
    over the rest, its slope in KiB per minute, the tolerance, and whether the rise is under it."""
    after = [sample for sample in samples if sample.seconds >= warm_up_until]
    if len(after) < 2:
        raise ValueError("too short a soak to judge its memory")
    seconds = np.array([sample.seconds for sample in after])
    rss = np.array([sample.rss_mb for sample in after])
    slope, _ = np.polyfit(seconds, rss, 1)
    growth = float(slope * (seconds[-1] - seconds[0]))
    warm = float(rss[0])
    tolerance = FLAT_MB + FLAT_SHARE * warm
    return warm, growth, float(slope * 60 * 1024), tolerance, growth < tolerance


def _log_lines(log: Path) -> tuple[int, int, tuple[str, ...]]:
    errors = warnings = 0
    excerpt: list[str] = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        level = line.split(" ", 3)[2] if line.count(" ") >= 3 else ""
        if level in ("ERROR", "CRITICAL") or line.startswith("Traceback"):
            errors += 1
        elif level == "WARNING":
            warnings += 1
        else:
            continue
        if len(excerpt) < 5:
            excerpt.append(line[:300])
    return errors, warnings, tuple(excerpt)


def run(
    config: Config, scenario: Scenario, progress: Callable[[str], None] = lambda message: None
) -> LoadReport:
    """Start the bot against a local Bot API server, ask the scenario's questions, wait for the
    answers, stop the bot, and report; its files go to a temporary directory, removed after."""
    started = time.perf_counter()
    measured_on = machine(("python-telegram-bot", "httpx"))
    pool = question_pool(config)
    mode = "soak" if scenario.soak is not None else "burst"
    with (
        tempfile.TemporaryDirectory(prefix="qabot-loadtest-") as directory,
        LocalBotApi(TOKEN) as api,
    ):
        root = Path(directory)
        questions, _ = plan(pool, scenario, api.new_message_id)
        bot = BotProcess(write_bot_config(config, root), api, root / "bot.log")
        progress(f"starting the bot: qabot run, polling {api.base_url}")
        bot.start()
        sampler = Sampler(bot.pid, api, SOAK_SAMPLE_SECONDS if mode == "soak" else SAMPLE_SECONDS)
        peak = 0
        cpu: list[float | None] = [None, None]
        try:
            bot.wait_until_polling()
            progress(f"the bot (pid {bot.pid}) is polling; asking {len(questions)} questions")
            sampler.start()
            ready = len(sampler.readings)
            cpu[0] = read_cpu_seconds(bot.pid)
            offered = _ask(api, bot, questions, scenario, sampler, progress)
            last_out = max(when for _, when in offered.values())
            last_in = _wait_for_answers(api, bot, questions, last_out + scenario.reply_timeout)
            time.sleep(SETTLE_SECONDS)
            sampler.sample()
            cpu[1] = read_cpu_seconds(bot.pid)
            with contextlib.suppress(ProcessLookupError, OSError):
                _, peak = read_memory(bot.pid)
        finally:
            sampler.stop()
            exit_code, stop_seconds = bot.stop()
        answers = api.sent_since(0)
        first_out = min(when for _, when in offered.values())
        samples = sampler.samples(first_out)
        if len(samples) < 2:
            raise QabotError(f"the bot's memory could not be read: {bot.tail()}")
        errors, warnings, excerpt = _log_lines(bot.log)
        message_times = [sent.arrived for sent in answers if sent.method == "sendMessage"]
        span = max(message_times) - min(message_times) if len(message_times) > 1 else 0.0
        return LoadReport(
            mode=mode,
            scenario=scenario,
            chats=scenario.mix.split(scenario.chats),
            tally=tally([question.key for question in questions], answers),
            latency=_latencies(questions, offered, answers),
            late_inline=_late_inline(questions, offered, answers),
            pickup=Percentiles.of(
                [
                    api.handed_out[update_id][0] - when
                    for update_id, when in offered.values()
                    if api.handed_out.get(update_id)
                ]
            ),
            sending_seconds=last_out - first_out,
            draining_seconds=max(0.0, (last_in or last_out) - last_out),
            messages=len(message_times),
            messages_per_second=(len(message_times) - 1) / span if span else 0.0,
            typing=api.calls["sendChatAction"],
            cpu_seconds=cpu[1] - cpu[0] if cpu[0] is not None and cpu[1] is not None else None,
            resent_updates=sum(len(times) > 1 for times in api.handed_out.values()),
            unconfirmed_updates=max(0, max(i for i, _ in offered.values()) - api.confirmed),
            memory=_memory(scenario, samples[ready - 1], samples[-1], peak, samples),
            store_mb=sum(path.stat().st_size for path in root.glob("bot.sqlite3*")) / MB,
            exit_code=exit_code,
            stop_seconds=stop_seconds,
            log_errors=errors,
            log_warnings=warnings,
            log_excerpt=excerpt,
            seconds=time.perf_counter() - started,
            machine=measured_on,
        )


def _ask(
    api: LocalBotApi,
    bot: BotProcess,
    questions: Sequence[Question],
    scenario: Scenario,
    sampler: Sampler,
    progress: Callable[[str], None],
) -> dict[str, tuple[int, float]]:
    """Make each question available at its due time; returns, for each, its update id and
    when it became available (``time.perf_counter()``)."""
    offered: dict[str, tuple[int, float]] = {}
    start = time.perf_counter()
    report_every = (scenario.soak or 0) / SOAK_ROWS
    next_report = report_every
    for question in questions:
        wait = start + question.due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        if not bot.running():
            raise QabotError(f"the bot exited under load: {bot.tail()}")
        offered[question.key] = api.push(update_of(question, int(time.time())))
        if report_every and question.due >= next_report:
            rss = sampler.readings[-1][1] / MB if sampler.readings else float("nan")
            progress(
                f"{question.due:5.0f} s: {len(offered)} asked, {len(api.sent)} answers, "
                f"RSS {rss:.1f} MiB"
            )
            next_report += report_every
    return offered


def _wait_for_answers(
    api: LocalBotApi, bot: BotProcess, questions: Sequence[Question], deadline: float
) -> float | None:
    """Wait until every question has an answer, the deadline passes or the bot exits; returns
    when the last expected answer arrived."""
    waiting = {question.key for question in questions}
    seen = 0
    last: float | None = None
    while waiting and time.perf_counter() < deadline and bot.running():
        for sent in api.sent_since(seen):
            seen += 1
            key = answer_key(sent)
            if key in waiting:
                waiting.discard(key)
                last = sent.arrived
        if waiting:
            time.sleep(0.05)
    return last


def _latencies(
    questions: Sequence[Question], offered: dict[str, tuple[int, float]], answers: Sequence[Sent]
) -> dict[str, Percentiles | None]:
    """From each question available to its first answer, by kind and for all."""
    first: dict[str, float] = {}
    for sent in answers:
        first.setdefault(answer_key(sent), sent.arrived)
    by_kind: dict[str, list[float]] = collections.defaultdict(list)
    for question in questions:
        if question.key in first and question.key in offered:
            seconds = first[question.key] - offered[question.key][1]
            by_kind[question.kind].append(seconds)
            by_kind["all"].append(seconds)
    return {kind: Percentiles.of(by_kind[kind]) for kind in (*KINDS, "all")}


def _late_inline(
    questions: Sequence[Question], offered: dict[str, tuple[int, float]], answers: Sequence[Sent]
) -> int:
    """Inline answers that came ``INLINE_TOO_OLD_SECONDS`` or more after their query."""
    kinds = {question.key: question.kind for question in questions}
    return sum(
        1
        for sent in answers
        if kinds.get(key := answer_key(sent)) == "inline"
        and key in offered
        and sent.arrived - offered[key][1] >= INLINE_TOO_OLD_SECONDS
    )


def _memory(
    scenario: Scenario,
    ready: MemorySample,
    end: MemorySample,
    peak: int,
    samples: Sequence[MemorySample],
) -> Memory:
    """The memory figures; for a soak, whether they stayed flat after the warm-up."""
    peak_mb = max(peak / MB, *(sample.rss_mb for sample in samples))
    if scenario.soak is None:
        return Memory(ready.rss_mb, end.rss_mb, peak_mb, samples=tuple(samples))
    warm_up = max(WARM_UP_SECONDS, WARM_UP_SHARE * scenario.soak)
    warm, growth, slope, tolerance, flat = flatness(samples, warm_up)
    return Memory(
        ready.rss_mb, end.rss_mb, peak_mb, warm, growth, slope, flat, tolerance, tuple(samples)
    )


LATENCY_HEADER = ("kind", "questions", "p50 ms", "p95 ms", "p99 ms", "max ms")
_KIND_LABELS = {"private": "private chats", "group": "groups", "inline": "inline users"}


def _latency_rows(report: LoadReport) -> list[list[str]]:
    rows = []
    for kind in (*KINDS, "all"):
        figures = report.latency.get(kind)
        if figures is None:
            continue
        rows.append(
            [
                kind,
                f"{figures.samples:,}",
                *(
                    f"{value:,.0f}" if value >= 100 else f"{value:.1f}"
                    for value in (figures.p50_ms, figures.p95_ms, figures.p99_ms, figures.max_ms)
                ),
            ]
        )
    return rows


def _memory_rows(report: LoadReport) -> list[list[str]]:
    """The soak's memory at the start, about every tenth of the way, and at the end."""
    samples = report.memory.samples
    soak = report.scenario.soak or 0.0
    marks = [soak * step / SOAK_ROWS for step in range(1, SOAK_ROWS + 1)]
    chosen = [samples[0]]
    for mark in marks:
        nearest = min(samples, key=lambda sample: abs(sample.seconds - mark))
        if nearest not in chosen:
            chosen.append(nearest)
    if samples[-1] not in chosen:
        chosen.append(samples[-1])
    return [
        [
            "ready" if number == 0 else f"{sample.seconds:.0f}",
            f"{sample.answers:,}",
            f"{sample.rss_mb:.1f}",
        ]
        for number, sample in enumerate(chosen)
    ]


def render(report: LoadReport) -> str:
    """The report for people."""
    scenario, counted, memory = report.scenario, report.tally, report.memory
    chats = ", ".join(
        f"{count} {_KIND_LABELS[kind]}" for kind, count in report.chats.items() if count
    )
    if report.mode == "soak":
        what = (
            f"a soak of {counted.asked:,} questions, {scenario.rate:g} a second for "
            f"{scenario.soak:g} s, over {scenario.chats} chats ({chats}) in turn"
        )
    else:
        what = (
            f"a burst of {counted.asked:,} questions from {scenario.chats} chats ({chats}), "
            f"{scenario.per_chat} each, sent over {report.sending_seconds:.1f} s"
        )
    said = ", ".join(f"{count:,} {name}" for name, count in counted.outcomes.items())
    lines = [
        f"qabot loadtest: {what}, to `qabot run` polling a Bot API server on 127.0.0.1.",
        "",
        f"Answers: {counted.answered:,} of {counted.asked:,} questions answered; "
        f"{len(counted.missing)} missing, {len(counted.duplicated)} answered twice, "
        f"{counted.unmatched} stray messages.",
        f"  What the answers said: {said or 'nothing'}.",
    ]
    if counted.missing:
        lines.append(f"  Missing: {', '.join(counted.missing[:10])}")
    if counted.duplicated:
        lines.append(f"  Answered twice: {', '.join(counted.duplicated[:10])}")
    lines += [
        "",
        "Latency, from the update available to getUpdates to its answer at the server:",
        table(LATENCY_HEADER, _latency_rows(report)),
        *(
            [
                f"{report.late_inline} inline answers came {INLINE_TOO_OLD_SECONDS:g} s or more "
                "after their query: Telegram may refuse them as too old."
            ]
            if report.late_inline
            else []
        ),
        "",
        f"The answers came in until {report.draining_seconds:.1f} s after the last question. "
        f"{report.messages:,} messages arrived at {report.messages_per_second:.1f} a second "
        "(AIORateLimiter keeps them within Telegram's 30 a second; inline answers are not "
        f"limited); {report.typing} typing indicators.",
    ]
    if report.cpu_seconds is not None:
        lines.append(
            f"The bot used {report.cpu_seconds:.1f} s of processor time for them, "
            f"{report.cpu_seconds / max(counted.asked, 1) * 1000:.1f} ms a question."
        )
    if report.pickup is not None:
        lines.append(
            f"getUpdates handed each update out within {report.pickup.p99_ms:.1f} ms (p99) of it "
            f"being available; {report.resent_updates} handed out twice, "
            f"{report.unconfirmed_updates} never confirmed."
        )
    lines += [
        "",
        f"Memory (RSS of the bot): {memory.ready_mb:.1f} MiB polling before the first "
        f"question, {memory.end_mb:.1f} MiB after the last answer, peak {memory.peak_mb:.1f} MiB "
        f"(start-up included). Its store grew to {report.store_mb:.1f} MiB.",
    ]
    if memory.flat is not None:
        warm_up = max(WARM_UP_SECONDS, WARM_UP_SHARE * (scenario.soak or 0))
        lines += [
            table(("seconds", "answers", "RSS MiB"), _memory_rows(report), left=0),
            f"After the first {warm_up:.0f} s ({memory.warm_mb:.1f} MiB), the least-squares line "
            f"through the samples rises {memory.growth_mb:+.2f} MiB "
            f"({memory.per_minute_kb:+.0f} KiB a minute); the tolerance is "
            f"{memory.tolerance_mb:.1f} MiB ({FLAT_MB:g} MiB + {FLAT_SHARE:.0%}): "
            + ("flat." if memory.flat else "NOT flat."),
        ]
    lines += [
        "",
        f"The bot stopped on SIGTERM in {report.stop_seconds:.1f} s with exit code "
        f"{report.exit_code}; its log has {report.log_errors} errors and "
        f"{report.log_warnings} warnings.",
        *(f"  {line}" for line in report.log_excerpt),
        f"Machine: {report.machine}. Total time: {report.seconds:.0f} s.",
        "",
        ("PASS" if report.passed else "FAIL")
        + ": every question answered exactly once"
        + (", memory flat" if memory.flat is not None else "")
        + ("." if report.passed else ": no."),
    ]
    return "\n".join(lines)


def to_json(report: LoadReport) -> dict[str, Any]:
    """The report for machines."""
    data = dataclasses.asdict(report)
    data["scenario"]["mix"] = report.scenario.mix.label()
    data["passed"] = report.passed
    return data
