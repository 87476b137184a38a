"""Faults injected where they happen in production, and what the bot must do about each.

The Bot API server goes down, answers 500, 502 or 429, or stalls past the client's timeout;
a corpus file becomes unreadable while the bot runs; the disk fills up or turns read-only in
the middle of a corpus change; the bot gets SIGTERM while replies are on their way. The bot
is the real ``qabot run`` process, polling the local Bot API server of ``fake_bot_api``.

The default run injects short faults. ``QABOT_FAULTS=full`` injects them at full length: a
10 s outage with dozens of questions in flight, errors for over 15 s, longer waits on 429.
"""

from __future__ import annotations

import asyncio
import errno
import itertools
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.bot import write_documents
from bot.config import load_config
from bot.reloading import reload_now, watch
from bot.service import Service
from bot.telegram_app import RETRY_FIRST_WAIT, RETRY_LONGEST_WAIT
from corpus.errors import BuildCancelled
from retrieval.answering import Engine
from retrieval.indexing import load_or_build
from tests.bot_process import BotProcess, write_config
from tests.conftest import SEED_DOCUMENTS, seed_site
from tests.fake_bot_api import Call, FakeBotApi, private_chat, user
from tests.test_maintenance import STADIA, page, qabot, snapshot
from tests.test_telegram_e2e import ask, keyboard

FULL = os.environ.get("QABOT_FAULTS") == "full"
OUTAGE_SECONDS = 10.0 if FULL else 3.0
# Questions whose replies are at the server when it goes down, and questions sent while it
# is down.
IN_FLIGHT = 20 if FULL else 3
SENT_DURING = 30 if FULL else 3
# Consecutive server errors on one reply; in the full run they last over 15 s.
SERVER_ERRORS = [(500, "Internal Server Error"), (502, "Bad Gateway")] * (3 if FULL else 1)
# Consecutive errors on long polls.
POLL_ERRORS = [(502, "Bad Gateway"), (500, "Internal Server Error")] * (2 if FULL else 1)
RETRY_AFTER = [5, 3] if FULL else [2]
# PTB's default read timeout for requests other than getUpdates.
READ_TIMEOUT = 5.0
STOP_DEADLINE = 10.0
ADMIN = user(77, "Maintainer")
SEED_TEXT_NAME = "cooperation-with-united-nations-entities.txt"
_user_ids = iter(range(20_000, 30_000))


def someone() -> dict[str, Any]:
    """A user of their own, so that tests share no conversation and no rate limit."""
    return user(next(_user_ids))


def attempts(api: FakeBotApi, chat_id: int, after: int) -> list[Call]:
    """Every sendMessage the bot tried for one chat, answered or not."""
    return [
        call
        for call in api.calls[after:]
        if call.method == "sendMessage" and call.params.get("chat_id") == chat_id
    ]


def stop_timed(bot: BotProcess) -> tuple[int, float]:
    """SIGTERM the bot; its exit code and the seconds it took to exit."""
    started = time.monotonic()
    code = bot.stop()
    return code, time.monotonic() - started


def assert_stopped_in_time(code: int, took: float) -> None:
    assert code == 0
    assert took <= STOP_DEADLINE


def gaps(calls: list[Call]) -> list[float]:
    """Seconds between consecutive calls."""
    return [later.at - earlier.at for earlier, later in itertools.pairwise(calls)]


@pytest.fixture(scope="module")
def bot(api: FakeBotApi, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    """One bot for the faults that leave it running."""
    directory = tmp_path_factory.mktemp("faults")
    config = write_config(directory, questions_per_minute=1000)
    process = BotProcess(api, config, directory / "bot.log").start()
    yield process
    assert process.stop() == 0


# -- the Bot API server misbehaves -------------------------------------------------------------


def test_an_outage_loses_no_question_and_answers_each_exactly_once(tmp_path: Path) -> None:
    api = FakeBotApi().start()
    bot = BotProcess(
        api, write_config(tmp_path, questions_per_minute=1000), tmp_path / "bot.log"
    ).start()
    try:
        in_flight = [someone() for _ in range(IN_FLIGHT)]
        during = [someone() for _ in range(SENT_DURING)]
        # The replies to these are at the server, held, when it goes down: they are cut off
        # unprocessed, and the bot must send them again once it is back.
        api.delay("sendMessage", 60, times=len(in_flight))
        for who in in_flight:
            api.message(private_chat(who), who, "what is AIRCOP")
        api.wait_until(lambda: api.held == len(in_flight), timeout=20)
        api.stop()
        for who in during:
            api.message(private_chat(who), who, "what is UNODA")
        time.sleep(OUTAGE_SECONDS)
        assert bot.process is not None and bot.process.poll() is None, "the bot exited"
        api.start()
        for who in in_flight + during:
            api.wait_until(lambda who=who: bool(api.replies(who["id"])), timeout=40)
        # Polling resumed: a new question is answered at once.
        assert "AIRCOP" in ask(api, someone(), "what is AIRCOP").params["text"]
        time.sleep(1.0)  # time for a duplicate, if any, to arrive
        for who in in_flight:
            [reply] = api.replies(who["id"])
            assert "Airport Communication Project" in reply.params["text"]
        for who in during:
            [reply] = api.replies(who["id"])
            assert "Disarmament Affairs" in reply.params["text"]
    finally:
        code = bot.stop()
        api.stop()
    assert code == 0
    # The outage is told in one line per failed poll, not in tracebacks.
    log = (tmp_path / "bot.log").read_text(encoding="utf-8")
    assert "cannot reach the Bot API to fetch updates" in log
    assert "Traceback" not in log and "ERROR" not in log


def test_server_errors_on_a_reply_are_retried_after_growing_waits_until_it_arrives(
    api: FakeBotApi, bot: BotProcess
) -> None:
    who = someone()
    for code, description in SERVER_ERRORS:
        api.fail("sendMessage", code, description)
    mark = api.mark()
    api.message(private_chat(who), who, "what is UNICRI")
    api.wait_until(lambda: bool(api.replies(who["id"], mark)), timeout=60)
    time.sleep(0.5)
    tried = attempts(api, who["id"], mark)
    assert [call.error for call in tried] == [f"{c} {d}" for c, d in SERVER_ERRORS] + [None]
    assert "UNICRI" in tried[-1].params["text"]
    for number, gap in enumerate(gaps(tried)):
        # Each wait is the doubled one, up to half as long again, and at most the longest.
        shortest = min(RETRY_FIRST_WAIT * 2**number, RETRY_LONGEST_WAIT)
        assert shortest <= gap <= min(shortest * 1.5, RETRY_LONGEST_WAIT) + 0.5, gaps(tried)


def test_server_errors_while_polling_are_retried_and_the_question_is_then_answered(
    api: FakeBotApi, bot: BotProcess
) -> None:
    mark = api.mark()
    for code, description in POLL_ERRORS:
        api.fail("getUpdates", code, description)

    def polls() -> list[Call]:
        return [call for call in api.calls[mark:] if call.method == "getUpdates"]

    api.wait_until(lambda: len(polls()) == len(POLL_ERRORS), timeout=30)
    assert [call.error for call in polls()] == [f"{c} {d}" for c, d in POLL_ERRORS]
    # PTB's polling loop waits 1 s after the first error, then half as long again each time.
    assert all(gap >= 0.9 for gap in gaps(polls())), gaps(polls())
    assert "UNODA" in ask(api, someone(), "what is UNODA").params["text"]


def test_a_reply_that_times_out_is_sent_again_and_arrives_once(
    api: FakeBotApi, bot: BotProcess
) -> None:
    who = someone()
    api.stall("sendMessage", READ_TIMEOUT + 1)
    mark = api.mark()
    api.message(private_chat(who), who, "what is ICAO")
    # The stalled request is on record when the server hangs up on it, after the retry.
    api.wait_until(lambda: len(attempts(api, who["id"], mark)) == 2, timeout=30)
    assert api.quiet_for(1.0, api.mark())
    tried = sorted(attempts(api, who["id"], mark), key=lambda call: call.at)
    assert [call.error for call in tried] == ["hung up", None]
    assert READ_TIMEOUT <= tried[1].at - tried[0].at <= READ_TIMEOUT + 2
    assert "ICAO" in tried[1].params["text"]


@pytest.mark.skipif(not FULL, reason="a stalled long poll takes over 8 s; QABOT_FAULTS=full")
def test_a_long_poll_that_times_out_is_made_again_and_the_question_then_answered(
    api: FakeBotApi, bot: BotProcess
) -> None:
    mark = api.mark()
    # Beyond the long poll's own read timeout: the poll timeout plus PTB's 5 s.
    api.stall("getUpdates", READ_TIMEOUT + 3, times=2)
    api.wait_until(lambda: sum(c.method == "getUpdates" for c in api.calls[mark:]) == 2, timeout=30)
    assert "UNODA" in ask(api, someone(), "what is UNODA").params["text"]


def test_a_429_is_waited_out_for_its_retry_after_then_the_reply_is_sent(
    api: FakeBotApi, bot: BotProcess
) -> None:
    who = someone()
    for seconds in RETRY_AFTER:
        api.fail("sendMessage", 429, f"Too Many Requests: retry after {seconds}", 1, seconds)
    mark = api.mark()
    api.message(private_chat(who), who, "what is UNICRI")
    api.wait_until(lambda: bool(api.replies(who["id"], mark)), timeout=30)
    tried = attempts(api, who["id"], mark)
    assert [call.error is None for call in tried] == [False] * len(RETRY_AFTER) + [True]
    for waited, seconds in zip(gaps(tried), RETRY_AFTER, strict=True):
        assert seconds <= waited <= seconds + 1.0, gaps(tried)
    assert "UNICRI" in tried[-1].params["text"]


# -- SIGTERM ---------------------------------------------------------------------------------


def test_sigterm_lets_replies_in_flight_finish_flushes_the_store_and_exits_0_within_10_s(
    tmp_path: Path,
) -> None:
    api = FakeBotApi().start()
    config = write_config(tmp_path, questions_per_minute=1000, hash_user_ids=False)
    bot = BotProcess(api, config, tmp_path / "bot.log").start()
    voter, askers = someone(), [someone() for _ in range(10 if FULL else 2)]
    try:
        answer = ask(api, voter, "what is ICAO")
        start = api.mark()
        # Both the vote's acknowledgement and the replies are held at the server when the
        # signal comes: their handlers are in the middle of their work.
        api.delay("answerCallbackQuery", 2.0)
        api.press(answer.result, keyboard(answer)["👍"], voter)
        api.delay("sendMessage", 2.0, times=len(askers))
        for who in askers:
            api.message(private_chat(who), who, "Which agencies run AIRCOP?")
        api.wait_until(lambda: api.held == 1 + len(askers))
        code, took = stop_timed(bot)
    finally:
        api.stop()
    assert_stopped_in_time(code, took)
    finished = Counter(
        call.method
        for call in api.calls[start:]
        if call.result and call.method in ("answerCallbackQuery", "sendMessage")
    )
    assert finished == {"answerCallbackQuery": 1, "sendMessage": len(askers)}
    for who in askers:
        [reply] = api.replies(who["id"], start)
        assert "AIRCOP is implemented by" in reply.params["text"]
    store = Path(yaml.safe_load(config.read_text())["telegram"]["store"])
    # A store closed cleanly has folded its write-ahead log back into the database.
    assert not Path(f"{store}-wal").exists()
    with sqlite3.connect(store) as database:
        votes = database.execute("SELECT user, vote, question FROM feedback").fetchall()
        assert votes == [(str(voter["id"]), 1, "what is ICAO")]
        for who in askers:
            [[state]] = database.execute(
                "SELECT state FROM conversations WHERE chat = ?", (str(who["id"]),)
            ).fetchall()
            assert "AIRCOP" in json.loads(state)["question"]
        logged = database.execute(
            "SELECT COUNT(*) FROM questions WHERE question = 'Which agencies run AIRCOP?'"
        ).fetchone()
        assert logged == (len(askers),)


def test_sigterm_during_an_outage_still_exits_0_within_10_s(tmp_path: Path) -> None:
    api = FakeBotApi().start()
    bot = BotProcess(api, write_config(tmp_path), tmp_path / "bot.log").start()
    who = someone()
    try:
        api.delay("sendMessage", 60)
        api.message(private_chat(who), who, "what is AIRCOP")
        api.wait_until(lambda: api.held == 1)
        api.stop()  # the reply is cut off, and the bot keeps trying to send it
        time.sleep(1.0)
        code, took = stop_timed(bot)
    finally:
        api.stop()
    assert_stopped_in_time(code, took)
    assert "trying again" in bot.log.read_text()


# -- the corpus and the disk -----------------------------------------------------------------


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _dangling_link(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.with_name("moved-away.txt"))


def _link_loop(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.name)


def _named_pipe(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _invalid_utf8(path: Path) -> None:
    path.write_bytes(b"Cooperation\n\n\xff\xfe no longer UTF-8")


def _dangling_sidecar(path: Path) -> None:
    _dangling_link(path.with_suffix(".yaml"))


# How a corpus file becomes unreadable to a bot that runs as root, which chmod cannot stop;
# each names the file that the admins must be told about.
UNREADABLE: dict[str, tuple[Callable[[Path], None], str]] = {
    "replaced by a directory": (_directory, SEED_TEXT_NAME),
    "replaced by a broken link": (_dangling_link, SEED_TEXT_NAME),
    "replaced by a link to itself": (_link_loop, SEED_TEXT_NAME),
    "replaced by a named pipe": (_named_pipe, SEED_TEXT_NAME),
    "rewritten as invalid UTF-8": (_invalid_utf8, SEED_TEXT_NAME),
    "its sidecar replaced by a broken link": (
        _dangling_sidecar,
        SEED_TEXT_NAME.replace(".txt", ".yaml"),
    ),
}


@pytest.fixture(scope="module")
def live_corpus(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[FakeBotApi, Path, Path]]:
    """A running bot that reloads its own copy of the seed corpus within a fraction of a second;
    that directory; and the bot's log."""
    directory = tmp_path_factory.mktemp("live-corpus")
    documents = directory / "documents"
    shutil.copytree(SEED_DOCUMENTS, documents)
    config = write_config(directory, admins=[ADMIN["id"]], reload_seconds=0.3)
    settings = yaml.safe_load(config.read_text())
    settings["corpus"]["documents"] = str(documents)
    config.write_text(yaml.safe_dump(settings))
    api = FakeBotApi().start()
    bot = BotProcess(api, config, directory / "bot.log").start()
    yield api, documents, bot.log
    assert bot.stop() == 0
    api.stop()


@pytest.mark.parametrize("kind", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_a_corpus_file_that_becomes_unreadable_keeps_the_old_index_and_tells_the_admins(
    live_corpus: tuple[FakeBotApi, Path, Path], kind: tuple[Callable[[Path], None], str]
) -> None:
    api, documents, log = live_corpus
    breaks, named = kind
    originals = {path: path.read_bytes() for path in documents.iterdir()}
    mark = api.mark()
    breaks(documents / SEED_TEXT_NAME)
    try:
        told = api.wait_for(
            "sendMessage", lambda c: c.params["chat_id"] == ADMIN["id"], after=mark, timeout=10
        )
        assert "did not load" in told.params["text"] and named in told.params["text"]
        # The only document is the broken one: only the old index can still answer this.
        assert (
            "Airport Communication Project" in ask(api, someone(), "what is AIRCOP").params["text"]
        )
        assert "Last reload failed" in ask(api, ADMIN, "/stats").params["text"]
    finally:
        reloads = log.read_text().count("reloaded:")
        for path, content in originals.items():
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
            path.write_bytes(content)
        # The next case starts from the repaired corpus, served.
        deadline = time.monotonic() + 10
        while log.read_text().count("reloaded:") == reloads:
            assert time.monotonic() < deadline, "the repaired corpus was not reloaded"
            time.sleep(0.1)
    assert "Last reload failed" not in ask(api, ADMIN, "/stats").params["text"]


@dataclass
class AdminInbox:
    """The Bot as the corpus watcher uses it: it only sends messages, kept here."""

    told: list[tuple[int, str]] = field(default_factory=list)

    async def send_message(self, chat_id: int, text: str) -> None:
        self.told.append((chat_id, text))

    def as_bot(self) -> Any:
        return self


def test_the_corpus_watcher_outlives_an_unforeseen_reload_error_and_a_full_store(
    tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(write_config(tmp_path, admins=[ADMIN["id"]], reload_seconds=0.1))
    service = Service.start(config, engine, ())
    bot = AdminInbox()

    def unforeseen() -> Engine:
        raise RuntimeError("a bug in the reader")

    def full(older_than: float) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(service.store, "purge", full)

    async def main() -> bool:
        # Any manifest but the corpus's own: the first look sees a change and reloads.
        watcher = asyncio.create_task(watch(service, unforeseen, bot.as_bot(), seen="stale"))
        await asyncio.sleep(0.5)
        alive = not watcher.done()
        watcher.cancel()
        return alive

    try:
        assert asyncio.run(main()), "the watcher died"
    finally:
        service.store.close()
    assert service.engine is engine
    assert service.reload_error is not None and "a bug in the reader" in service.reload_error
    assert [chat for chat, _ in bot.told] == [ADMIN["id"]]
    assert "did not load" in bot.told[0][1]


def test_a_rebuild_stopped_because_the_bot_is_stopping_is_no_failure_and_tells_no_one(
    tmp_path: Path, engine: Engine
) -> None:
    config = load_config(write_config(tmp_path, admins=[ADMIN["id"]]))
    service = Service.start(config, engine, ())
    bot = AdminInbox()

    def stopped() -> Engine:
        raise BuildCancelled("stopped while indexing passages")

    try:
        asyncio.run(reload_now(service, stopped, bot.as_bot()))
    finally:
        service.store.close()
    assert service.engine is engine and service.reload_error is None and not bot.told


@pytest.mark.skipif(not FULL, reason="indexes 100k passages, about 30 s; QABOT_FAULTS=full")
def test_sigterm_during_a_long_rebuild_gives_it_up_and_exits_0_within_10_s(
    tmp_path: Path,
) -> None:
    documents = tmp_path / "documents"
    write_documents(documents, 100_000, seed=1)
    path = write_config(tmp_path, reload_seconds=0.5)
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["corpus"].update(documents=str(documents), acronyms=str(tmp_path / "acronyms.yaml"))
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    load_or_build(load_config(path).corpus)  # the bot starts from a saved index
    index = load_config(path).corpus.index
    saved = index.read_bytes()
    api = FakeBotApi().start()
    bot = BotProcess(api, path, tmp_path / "bot.log").start()
    try:
        first = sorted(documents.glob("*.txt"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.\n")
        deadline = time.monotonic() + 20
        while "rebuilding the index" not in bot.log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, "the bot did not notice the change"
            time.sleep(0.1)
        time.sleep(1.0)  # well into a rebuild that takes over 10 s
        code, took = stop_timed(bot)
    finally:
        api.stop()
    assert_stopped_in_time(code, took)
    # Given up, not finished: a finished rebuild would have saved a new index.
    assert index.read_bytes() == saved


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A config over a writable copy of the seed corpus, with its index built."""
    path = seed_site(tmp_path)
    assert qabot(path, "index", "build").exit_code == 0
    return path


class Disk:
    """The calls through which corpus changes reach the disk: creating a file, forcing its
    bytes to the disk (where a full disk is reported), and renaming. ``failing`` says, from
    the number of the call (1 for the first), which ones fail and with what error."""

    NAMES = ((tempfile, "mkstemp"), (os, "fsync"), (os, "replace"))

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        self.failing: Callable[[int], int | None] = lambda number: None
        for module, name in self.NAMES:
            monkeypatch.setattr(module, name, self._wrap(getattr(module, name)))

    def _wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            error = self.failing(self.calls)
            if error is not None:
                raise OSError(error, os.strerror(error))
            return real(*args, **kwargs)

        return call

    def run(self, failing: Callable[[int], int | None], command: Callable[[], Any]) -> Any:
        """Run ``command`` with these failures; count its calls afresh."""
        self.calls, self.failing = 0, failing
        try:
            return command()
        finally:
            self.failing = lambda number: None


CHANGES: dict[str, Callable[[Path, Path], list[str]]] = {
    "add": lambda config, pages: ["corpus", "add", str(page(pages, "stadia.html", STADIA))],
    "update": lambda config, pages: [
        "corpus",
        "update",
        "cooperation-with-united-nations-entities",
        str(page(pages, "fixed.txt", "Cooperation\n\nINTERPOL and UNODC run AIRCOP together.\n")),
    ],
    "remove": lambda config, pages: [
        "corpus",
        "remove",
        "cooperation-with-united-nations-entities",
        "--yes",
    ],
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_disk_that_fills_up_at_any_step_of_a_corpus_change_changes_nothing(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[..., list[str]]
) -> None:
    arguments = change(site, tmp_path)
    before = snapshot(site)
    disk = Disk(monkeypatch)
    # Find every step by failing each in turn, until the change gets through.
    step = 0
    while True:
        step += 1
        result = disk.run(
            lambda number, step=step: errno.ENOSPC if number == step else None,
            lambda: qabot(site, *arguments),
        )
        if result.exit_code == 0:
            break
        assert os.strerror(errno.ENOSPC) in result.output and "unchanged" in result.output
        assert "Traceback" not in result.output
        assert snapshot(site) == before, f"step {step} left the corpus or the index changed"
    assert step > 3  # the change got through only once no step failed
    assert snapshot(site) != before


@pytest.mark.parametrize("command", ["update", "remove"])
def test_a_read_only_disk_changes_nothing_for_update_and_remove(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    arguments = CHANGES[command](site, tmp_path)
    before = snapshot(site)
    result = Disk(monkeypatch).run(lambda number: errno.EROFS, lambda: qabot(site, *arguments))
    assert result.exit_code == 1
    assert os.strerror(errno.EROFS) in result.output and "unchanged" in result.output
    assert snapshot(site) == before
