"""The databases the store can live in: a SQLite file (one machine, the default) or PostgreSQL
(any number of workers), with one schema and the migrations that bring a database to it.

The store writes its SQL once, with ``?`` for parameters and ``{group_concat}`` for the one
function the two name differently; each database turns that into its own. Errors come out as
``sqlite3.Error`` or ``StoreError``, both in ``STORE_ERRORS``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from bot.config import is_postgres
from bot.logs import redact, without_password
from bot.outages import Outage
from corpus.errors import ConfigError

# Each migration brings the schema from the version before it to its own; a database records
# the version it is at in ``meta``. Migrations run at start-up, once, whoever starts first.
MIGRATIONS = (
    """
    CREATE TABLE IF NOT EXISTS conversations (
        chat TEXT PRIMARY KEY, state TEXT NOT NULL, updated DOUBLE PRECISION NOT NULL);
    CREATE TABLE IF NOT EXISTS answers (
        id {serial}, chat TEXT NOT NULL, question TEXT NOT NULL,
        understood TEXT NOT NULL, shown INTEGER NOT NULL, top_passage TEXT,
        created DOUBLE PRECISION NOT NULL);
    CREATE TABLE IF NOT EXISTS presses (
        answer BIGINT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (answer, action));
    CREATE TABLE IF NOT EXISTS feedback (
        answer BIGINT NOT NULL, "user" TEXT NOT NULL, vote INTEGER NOT NULL,
        question TEXT NOT NULL, passage TEXT, created DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (answer, "user"));
    CREATE TABLE IF NOT EXISTS questions (
        id {serial}, created DOUBLE PRECISION NOT NULL, chat_type TEXT NOT NULL,
        "user" TEXT, question TEXT NOT NULL, answered INTEGER NOT NULL, top_passage TEXT,
        score DOUBLE PRECISION, seconds DOUBLE PRECISION NOT NULL);
    CREATE INDEX IF NOT EXISTS questions_created ON questions (created);
    """,
)
_META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
SCHEMA_VERSION = "schema_version"
_CONNECT_TIMEOUT_SECONDS = 2
_STATEMENT_TIMEOUT_MS = 5000
# How long a SQLite statement waits for another process's lock before it fails.
_SQLITE_BUSY_SECONDS = 5.0


class StoreError(Exception):
    """The database could not be read or written (PostgreSQL down, say)."""


STORE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, StoreError)


class Rows(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Database(Protocol):
    """One connection to the store's database."""

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Rows: ...

    def close(self) -> None: ...


def open_database(where: str | Path) -> Database:
    """The database at ``where``: a PostgreSQL URL, else a SQLite file; migrated."""
    database: Database = Postgres(str(where)) if is_postgres(where) else Sqlite(Path(where))
    return database


class Sqlite:
    """A SQLite file, used from one thread; each write is committed at once."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, timeout=_SQLITE_BUSY_SECONDS)
        self._wal()
        # With WAL, NORMAL still never corrupts the database; a power cut may lose the last
        # writes, which for conversations and feedback is a fair price for skipping an fsync
        # on every question.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_META)
        self._db.execute("BEGIN IMMEDIATE")  # one process migrates; the others wait
        try:
            _migrate(self._execute_script, self.execute, "INTEGER PRIMARY KEY")
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _wal(self) -> None:
        """Write-ahead logging, so that readers and a writer do not wait for each other. The
        switch does not wait for a lock as other statements do: another process opening the
        file at the same moment makes it fail at once, so it is tried again for a while."""
        deadline = time.monotonic() + _SQLITE_BUSY_SECONDS
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _execute_script(self, script: str) -> None:
        for statement in script.split(";"):
            if statement.strip():
                self._db.execute(statement)

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Rows:
        return self._db.execute(sql.format(group_concat="GROUP_CONCAT"), parameters)

    def close(self) -> None:
        self._db.close()


class Postgres:
    """A PostgreSQL database, through psycopg 3, in autocommit: each write is committed at
    once. A connection that breaks is opened again on a later call; meanwhile calls fail fast
    with ``StoreError``, and the outage is reported once a minute."""

    def __init__(self, url: str) -> None:
        import psycopg

        self._url = url
        self._password = urlsplit(url).password or ""
        self._outage = Outage("PostgreSQL", "answering without storing what the store keeps")
        self._connection = None
        where = without_password(url)
        try:
            self._connection = self._connect()
            with self._connection.transaction():
                # One worker migrates at a time: the others wait here, then find it done.
                self._connection.execute("SELECT pg_advisory_xact_lock(727274)")
                self._connection.execute(_META)
                _migrate(self._execute_script, self._execute, "BIGSERIAL PRIMARY KEY")
        except StoreError as error:
            raise ConfigError(f"cannot reach PostgreSQL at {where}: {error}") from None
        except psycopg.Error as error:
            self.close()
            raise ConfigError(
                f"cannot prepare PostgreSQL at {where}: {self._said(error)}"
            ) from None
        except BaseException:
            self.close()
            raise

    def _said(self, error: Exception) -> str:
        """An error's first line, without the password: psycopg quotes the parts of a URL it
        cannot read."""
        first = (str(error).strip().splitlines() or [""])[0]
        return redact(first, (self._password,))

    def _connect(self) -> Any:
        import psycopg

        try:
            return psycopg.connect(
                self._url,
                autocommit=True,
                connect_timeout=_CONNECT_TIMEOUT_SECONDS,
                # The store is used from the bot's event loop: a server that stops answering
                # must fail a call within seconds, not hold every chat up.
                options=f"-c statement_timeout={_STATEMENT_TIMEOUT_MS}",
                keepalives=1,
                keepalives_idle=5,
                keepalives_interval=2,
                keepalives_count=2,
                tcp_user_timeout=_STATEMENT_TIMEOUT_MS,
            )
        except psycopg.Error as error:
            raise StoreError(self._said(error)) from None

    def _execute_script(self, script: str) -> None:
        self._connection.execute(script)

    def _execute(self, sql: str, parameters: Sequence[Any] = ()) -> Rows:
        return self._connection.execute(
            sql.replace("?", "%s").format(group_concat="string_agg"), parameters
        )

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Rows:
        import psycopg

        if self._connection is None or self._connection.closed:
            # A database that just failed is not asked again for a moment: a connection
            # attempt must not be added to every question while it is down.
            if self._outage.skipping():
                raise StoreError("PostgreSQL is unreachable")
            try:
                self._connection = self._connect()
            except StoreError as error:
                self._outage.failed(error)
                raise
        try:
            rows = self._execute(sql, parameters)
        except psycopg.OperationalError as error:  # the connection broke: open another later
            self._connection.close()
            self._outage.failed(error)
            raise StoreError(self._said(error)) from None
        except psycopg.Error as error:
            raise StoreError(self._said(error)) from None
        self._outage.worked()
        return rows

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()


def _migrate(script: Any, execute: Any, serial: str) -> None:
    """Run the migrations past the database's version, and record the new one; inside the
    caller's transaction, which keeps other processes out."""
    row = execute("SELECT value FROM meta WHERE key = ?", (SCHEMA_VERSION,)).fetchone()
    done = int(row[0]) if row else 0
    if done > len(MIGRATIONS):
        raise ConfigError(
            f"the store is at schema version {done}, newer than this qabot knows "
            f"({len(MIGRATIONS)}): upgrade qabot"
        )
    for migration in MIGRATIONS[done:]:
        script(migration.format(serial=serial))
    execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (SCHEMA_VERSION, str(len(MIGRATIONS))),
    )
