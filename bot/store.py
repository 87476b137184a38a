"""The bot's store: conversations per chat (without Redis), the answers that buttons point to,
feedback, and the question log that maintainers read; in a SQLite file or in PostgreSQL, which
several workers share (``bot/databases.py``).

User and chat ids are kept as salted hashes unless the config says otherwise; the salt never
leaves the database. Rows older than the retention period are deleted.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.databases import Database, open_database


def salted_hash(salt: str, identifier: int | None) -> str:
    """An id as kept: the start of its SHA-256 with a salt, which only the database holds."""
    return hashlib.sha256(f"{salt}:{identifier}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class AnswerRecord:
    """An answer that buttons point to.

    Attributes:
        id: its number, which callback data carry.
        chat: the salted hash of its chat.
        question: the message as the user sent it.
        understood: the question it was read as, which "More" asks again.
        shown: how many passages have been shown for it.
        top_passage: the id of its first passage, which feedback and "Full section" use.
        created: when it was given, in Unix seconds.
    """

    id: int
    chat: str
    question: str
    understood: str
    shown: int
    top_passage: str | None
    created: float


@dataclass(frozen=True)
class Stats:
    """What /stats reports.

    Attributes:
        questions: questions asked.
        unanswered: of those, how many the corpus did not cover.
        helpful: 👍 votes.
        unhelpful: 👎 votes.
    """

    questions: int
    unanswered: int
    helpful: int
    unhelpful: int


class Store:
    """One database (a SQLite file, or PostgreSQL at a ``postgresql://`` URL), used from the
    bot's event loop; each write is committed at once. Its errors are ``STORE_ERRORS``."""

    def __init__(self, where: Path | str, hash_ids: bool = True) -> None:
        self._hash_ids = hash_ids
        self._db: Database = open_database(where)
        self._salt = self._meta("salt")
        self.secret = bytes.fromhex(self._meta("secret"))

    def _meta(self, key: str) -> str:
        """A random value created once per database: the id salt, the callback secret. Workers
        that share the database share them, so a button one sent works on another."""
        self._db.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT DO NOTHING", (key, secrets.token_hex(32))
        )
        return self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0]

    def close(self) -> None:
        """Close the database; every write is already on disk."""
        self._db.close()

    def hashed(self, identifier: int | None) -> str | None:
        """A user or chat id as stored: salted and hashed, unless the config keeps ids."""
        if identifier is None:
            return None
        if not self._hash_ids:
            return str(identifier)
        return salted_hash(self._salt, identifier)

    def conversation(self, chat_id: int) -> Any:
        """The chat's conversation as ``save_conversation`` kept it (``bot/state.py``'s
        ``turn``), or None."""
        row = self._db.execute(
            "SELECT state FROM conversations WHERE chat = ?", (self.hashed(chat_id),)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def save_conversation(self, chat_id: int, turn: dict[str, Any]) -> None:
        """Keep the chat's conversation, so that it survives a restart."""
        self._db.execute(
            "INSERT INTO conversations VALUES (?, ?, ?) ON CONFLICT (chat) DO UPDATE "
            "SET state = excluded.state, updated = excluded.updated",
            (self.hashed(chat_id), json.dumps(turn), time.time()),
        )

    def remember_answer(
        self, chat_id: int, question: str, understood: str, shown: int, top_passage: str | None
    ) -> int:
        """Keep an answer that has buttons; returns the number they refer to it by."""
        row = self._db.execute(
            "INSERT INTO answers (chat, question, understood, shown, top_passage, created) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (self.hashed(chat_id), question, understood, shown, top_passage, time.time()),
        ).fetchone()
        return int(row[0])

    def answer(self, answer_id: int) -> AnswerRecord | None:
        """An answer by its number, or None if there is no such answer."""
        row = self._db.execute(
            "SELECT id, chat, question, understood, shown, top_passage, created "
            "FROM answers WHERE id = ?",
            (answer_id,),
        ).fetchone()
        return AnswerRecord(*row) if row else None

    def first_press(self, answer_id: int, action: str) -> bool:
        """Record a press of a button that works once; False when it was pressed before."""
        rows = self._db.execute(
            "INSERT INTO presses VALUES (?, ?) ON CONFLICT DO NOTHING", (answer_id, action)
        )
        return rows.rowcount == 1

    def record_feedback(self, answer: AnswerRecord, user_id: int, helpful: bool) -> bool:
        """A 👍 or 👎 on an answer; False when this user had already voted the same."""
        user = self.hashed(user_id)
        vote = 1 if helpful else -1
        row = self._db.execute(
            'SELECT vote FROM feedback WHERE answer = ? AND "user" = ?', (answer.id, user)
        ).fetchone()
        if row and row[0] == vote:
            return False
        self._db.execute(
            'INSERT INTO feedback VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (answer, "user") DO '
            "UPDATE SET vote = excluded.vote, question = excluded.question, "
            "passage = excluded.passage, created = excluded.created",
            (answer.id, user, vote, answer.question, answer.top_passage, time.time()),
        )
        return True

    def log_question(
        self,
        chat_type: str,
        user_id: int | None,
        question: str,
        answered: bool,
        top_passage: str | None,
        score: float | None,
        seconds: float,
    ) -> None:
        """One line of the question log."""
        self._db.execute(
            'INSERT INTO questions (created, chat_type, "user", question, answered, '
            "top_passage, score, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                time.time(),
                chat_type,
                self.hashed(user_id),
                question,
                int(answered),
                top_passage,
                score,
                seconds,
            ),
        )

    def stats(self) -> Stats:
        """Counts for /stats."""
        asked, unanswered = self._db.execute(
            "SELECT COUNT(*), COALESCE(SUM(1 - answered), 0) FROM questions"
        ).fetchone()
        helpful, unhelpful = self._db.execute(
            "SELECT COALESCE(SUM(CASE WHEN vote = 1 THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN vote = -1 THEN 1 ELSE 0 END), 0) FROM feedback"
        ).fetchone()
        return Stats(asked, unanswered, helpful, unhelpful)

    def purge(self, older_than: float) -> int:
        """Delete what is older than ``older_than`` (Unix seconds); returns the rows deleted."""
        deleted = 0
        for table, column in (
            ("questions", "created"),
            ("feedback", "created"),
            ("answers", "created"),
            ("conversations", "updated"),
        ):
            deleted += self._db.execute(
                f"DELETE FROM {table} WHERE {column} < ?", (older_than,)
            ).rowcount
        self._db.execute("DELETE FROM presses WHERE answer NOT IN (SELECT id FROM answers)")
        return deleted

    def report(self, since: float, limit: int) -> Report:
        """What maintainers need to decide what to add next, from ``since`` on."""
        rows = self._db.execute(
            "SELECT question, answered, score, created FROM questions WHERE created >= ?",
            (since,),
        ).fetchall()
        unanswered: dict[str, list[float]] = {}
        scores = sorted(score for _, answered, score, _ in rows if answered and score is not None)
        low = scores[len(scores) // 4] if scores else 0.0
        weak: dict[str, list[float]] = {}
        days: dict[str, list[int]] = {}
        for question, answered, score, created in rows:
            key = _normalized(question)
            if not answered:
                unanswered.setdefault(key, []).append(created)
            elif score is not None and score < low:
                weak.setdefault(key, []).append(score)
            day = time.strftime("%Y-%m-%d", time.gmtime(created))
            counts = days.setdefault(day, [0, 0])
            counts[0] += 1
            counts[1] += int(answered)
        disliked = self._db.execute(
            "SELECT passage, SUM(CASE WHEN vote = -1 THEN 1 ELSE 0 END) AS down, "
            "SUM(CASE WHEN vote = 1 THEN 1 ELSE 0 END) AS up, "
            "{group_concat}(question, ' | ') FROM feedback "
            "WHERE created >= ? AND passage IS NOT NULL GROUP BY passage "
            "HAVING SUM(CASE WHEN vote = -1 THEN 1 ELSE 0 END) > 0 "
            "ORDER BY down DESC, up ASC, passage LIMIT ?",
            (since, limit),
        ).fetchall()
        return Report(
            unanswered=[
                QuestionCount(q, len(times), max(times))
                for q, times in sorted(unanswered.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            ][:limit],
            weak=[
                QuestionCount(q, len(s), min(s))
                for q, s in sorted(weak.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            ][:limit],
            disliked=[
                PassageVotes(
                    passage, down, up, tuple(dict.fromkeys((questions or "").split(" | ")))
                )
                for passage, down, up, questions in disliked
            ],
            daily=[
                DayCount(day, asked, answered) for day, (asked, answered) in sorted(days.items())
            ],
        )


def _normalized(question: str) -> str:
    """A question as the report groups it: lower case, one space, no end punctuation."""
    return " ".join(question.casefold().split()).strip(" ?!.")


@dataclass(frozen=True)
class QuestionCount:
    """Questions asked alike.

    Attributes:
        question: the question, lower-cased.
        count: how often it was asked.
        value: for unanswered questions the last time it was asked (Unix seconds), for
            weak answers the lowest score.
    """

    question: str
    count: int
    value: float


@dataclass(frozen=True)
class PassageVotes:
    """A passage that got 👎.

    Attributes:
        passage: its id.
        down: 👎 votes.
        up: 👍 votes.
        questions: the questions that led to it.
    """

    passage: str
    down: int
    up: int
    questions: tuple[str, ...]


@dataclass(frozen=True)
class DayCount:
    """Questions of one day.

    Attributes:
        day: the date, UTC, YYYY-MM-DD.
        asked: questions asked.
        answered: of those, answered.
    """

    day: str
    asked: int
    answered: int


@dataclass(frozen=True)
class Report:
    """``qabot report``.

    Attributes:
        unanswered: questions the corpus did not cover, most asked first.
        weak: questions answered with a score in the lowest quarter, most asked first.
        disliked: passages with the most 👎, with the questions that led to them.
        daily: questions asked and answered per day.
    """

    unanswered: list[QuestionCount]
    weak: list[QuestionCount]
    disliked: list[PassageVotes]
    daily: list[DayCount]
