"""The store (``bot/store.py``) behaves the same on SQLite and on PostgreSQL, which several
workers share; each test runs on both, against a real PostgreSQL server."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.services import Postgres, free_port
from bot.databases import MIGRATIONS, SCHEMA_VERSION, STORE_ERRORS, StoreError
from bot.store import Store
from corpus.errors import ConfigError
from retrieval.conversation import Conversation
from tests.bot_process import write_config


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    server = Postgres().start()
    yield server
    server.stop()


_databases = 0


@pytest.fixture(params=["sqlite", "postgresql"])
def where(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """A new, empty database of each kind."""
    if request.param == "sqlite":
        return tmp_path / "bot.sqlite3"
    global _databases
    _databases += 1
    server: Postgres = request.getfixturevalue("postgres")
    import psycopg

    name = f"store{_databases}"
    with psycopg.connect(server.url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return server.url.rsplit("/", 1)[0] + f"/{name}"


def test_a_conversation_is_kept_and_replaced(where: str | Path) -> None:
    store = Store(where)
    assert store.conversation(1) is None
    store.save_conversation(1, Conversation("what is aircop", 3, 100.0).to_json())
    store.save_conversation(1, Conversation("what is crimjust", 1, 200.0).to_json())
    kept = Conversation.from_json(store.conversation(1))
    assert (kept.question, kept.shown) == ("what is crimjust", 1)
    store.close()


def test_an_answer_is_found_by_its_number_and_a_button_works_once(where: str | Path) -> None:
    store = Store(where)
    first = store.remember_answer(5, "what is AIRCOP", "what is aircop", 3, "seed:4")
    second = store.remember_answer(5, "and CRIMJUST?", "what is crimjust", 3, None)
    assert second > first
    record = store.answer(first)
    assert record is not None
    assert (record.question, record.understood, record.shown, record.top_passage) == (
        "what is AIRCOP",
        "what is aircop",
        3,
        "seed:4",
    )
    assert record.chat == store.hashed(5)
    assert store.answer(second + 1000) is None
    assert store.first_press(first, "more") is True
    assert store.first_press(first, "more") is False
    assert store.first_press(first, "section") is True
    store.close()


def test_feedback_counts_a_users_vote_once_and_takes_a_change(where: str | Path) -> None:
    store = Store(where)
    record = store.answer(store.remember_answer(5, "q", "q", 3, "seed:1"))
    assert record is not None
    assert store.record_feedback(record, 7, helpful=True) is True
    assert store.record_feedback(record, 7, helpful=True) is False
    assert store.record_feedback(record, 7, helpful=False) is True
    assert store.record_feedback(record, 8, helpful=True) is True
    stats = store.stats()
    assert (stats.helpful, stats.unhelpful) == (1, 1)
    store.close()


def test_the_question_log_stats_report_and_purge(where: str | Path) -> None:
    store = Store(where)
    for question in ("What's the weather?", "what's the weather", "passport renewal"):
        store.log_question("private", 1, question, False, None, None, 0.01)
    for score in (9.0, 1.0, 5.0, 7.0):
        store.log_question("group", 2, f"what is aircop {score}", True, "seed:4", score, 0.01)
    for user, question in ((7, "who runs aircop"), (8, "aircop partners")):
        record = store.answer(store.remember_answer(5, question, question, 3, "seed:4"))
        assert record is not None
        store.record_feedback(record, user, helpful=False)
    stats = store.stats()
    assert (stats.questions, stats.unanswered) == (7, 3)
    report = store.report(since=0, limit=10)
    assert [(q.question, q.count) for q in report.unanswered] == [
        ("what's the weather", 2),
        ("passport renewal", 1),
    ]
    assert [q.question for q in report.weak] == ["what is aircop 1.0"]
    [disliked] = report.disliked
    assert (disliked.passage, disliked.down, disliked.up) == ("seed:4", 2, 0)
    assert sorted(disliked.questions) == ["aircop partners", "who runs aircop"]
    assert [(d.asked, d.answered) for d in report.daily] == [(7, 4)]
    assert store.purge(older_than=0) == 0
    assert store.purge(older_than=time.time() + 10) == 7 + 2 + 2
    assert store.stats().questions == 0
    store.close()


def test_workers_on_one_database_share_its_salt_and_secret(where: str | Path) -> None:
    one, two = Store(where), Store(where)
    assert one.secret == two.secret and one.hashed(12345) == two.hashed(12345)
    answer = one.remember_answer(5, "q", "q", 3, None)
    assert two.answer(answer) is not None  # a button sent by one works on the other
    assert one.first_press(answer, "more") and not two.first_press(answer, "more")
    one.close()
    two.close()


def test_workers_starting_together_migrate_once(where: str | Path) -> None:
    failures: list[BaseException] = []

    def open_one() -> None:
        try:
            Store(where).close()
        except BaseException as error:  # any failure fails the test
            failures.append(error)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    store = Store(where)
    row = store._db.execute("SELECT value FROM meta WHERE key = ?", (SCHEMA_VERSION,))
    assert row.fetchone()[0] == str(len(MIGRATIONS))
    store.close()


def test_a_sqlite_store_of_an_older_qabot_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "INSERT INTO meta VALUES ('salt', 'aa'), ('secret', 'bb');"
            "CREATE TABLE questions (id INTEGER PRIMARY KEY, created REAL NOT NULL, "
            "chat_type TEXT NOT NULL, user TEXT, question TEXT NOT NULL, answered INTEGER NOT "
            "NULL, top_passage TEXT, score REAL, seconds REAL NOT NULL);"
            "INSERT INTO questions VALUES (1, 1.0, 'private', NULL, 'kept', 1, NULL, NULL, 0.1);"
        )
    store = Store(path)
    assert store.secret == bytes.fromhex("bb") and store.stats().questions == 1
    store.close()


def test_a_store_newer_than_this_qabot_is_refused(where: str | Path) -> None:
    store = Store(where)
    store._db.execute(
        "UPDATE meta SET value = ? WHERE key = ?", (str(len(MIGRATIONS) + 1), SCHEMA_VERSION)
    )
    store.close()
    with pytest.raises(ConfigError, match="newer than this qabot"):
        Store(where)


def test_postgresql_down_at_start_up_is_one_clear_error() -> None:
    url = f"postgresql://qabot:p4ssw0rd-x@127.0.0.1:{free_port()}/qabot"
    with pytest.raises(ConfigError) as refused:
        Store(url)
    assert str(refused.value).startswith("cannot reach PostgreSQL at postgresql://qabot:***@")
    assert "p4ssw0rd" not in str(refused.value)


def test_postgresql_down_while_running_fails_fast_warns_once_and_recovers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = Postgres().start()
    try:
        store = Store(server.url)
        store.log_question("private", 1, "before", True, None, None, 0.1)
        server.stop_keeping_files()
        with caplog.at_level(logging.WARNING, logger="qabot.state"):
            for _ in range(5):
                started = time.monotonic()
                with pytest.raises(STORE_ERRORS):
                    store.log_question("private", 1, "during", True, None, None, 0.1)
                assert time.monotonic() - started < 3
            server.start()
            deadline = time.monotonic() + 10
            while True:
                try:
                    store.log_question("private", 1, "after", True, None, None, 0.1)
                    break
                except StoreError:
                    assert time.monotonic() < deadline
                    time.sleep(0.2)
        assert store.stats().questions == 2
        warnings = [r.getMessage() for r in caplog.records]
        assert len([w for w in warnings if "PostgreSQL is unreachable" in w]) == 1
        assert any("PostgreSQL is back" in w for w in warnings)
        store.close()
    finally:
        server.stop()


def test_qabot_report_reads_a_postgresql_store(postgres: Postgres, tmp_path: Path) -> None:
    import psycopg

    with psycopg.connect(postgres.url, autocommit=True) as connection:
        connection.execute("CREATE DATABASE reported")
    url = postgres.url.rsplit("/", 1)[0] + "/reported"
    store = Store(url)
    store.log_question("private", 1, "passport renewal", False, None, None, 0.1)
    store.close()
    config = write_config(tmp_path)
    env: dict[str, Any] = {**os.environ, "QABOT_STORE_URL": url}
    script = Path(sys.executable).parent / "qabot"
    done = subprocess.run(
        [str(script), "--config", str(config), "report", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["unanswered"][0]["question"] == "passport renewal"


@pytest.mark.parametrize("password", ["se%zzret-1", "se cret-2"])
def test_a_postgresql_url_that_cannot_be_read_never_shows_its_password(password: str) -> None:
    with pytest.raises(ConfigError) as refused:
        Store(f"postgresql://qabot:{password}@127.0.0.1:{free_port()}/qabot")
    assert password not in str(refused.value)
    assert str(refused.value).startswith("cannot reach PostgreSQL at postgresql://qabot:***@")
