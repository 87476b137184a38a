"""A maintainer changes the corpus while the bot runs and answers: the bot notices within
seconds, swaps the index in, and no question fails on the way."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.bot_process import BotProcess
from tests.conftest import ROOT, SEED_ACRONYMS, SEED_DOCUMENTS
from tests.fake_bot_api import FakeBotApi, private_chat, user
from tests.test_maintenance import STADIA
from tests.test_telegram_e2e import ask

ADMIN = user(77, "Maintainer")
RELOAD_DEADLINE = 5.0


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[FakeBotApi, BotProcess, Path]]:
    """A running bot over a corpus in ``tmp_path``, and the config that maintainers use."""
    documents = tmp_path / "documents"
    shutil.copytree(SEED_DOCUMENTS, documents)
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["corpus"].update(
        documents=str(documents),
        acronyms=str(SEED_ACRONYMS),
        index=str(tmp_path / "index.json"),
    )
    config["telegram"].update(
        poll_timeout=1,
        store=str(tmp_path / "bot.sqlite3"),
        admins=[ADMIN["id"]],
        reload_seconds=0.3,
        questions_per_minute=1000,
    )
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    api = FakeBotApi().start()
    bot = BotProcess(api, path, tmp_path / "bot.log").start()
    yield api, bot, path
    assert bot.stop() == 0
    api.stop()


def maintain(config: Path, *args: str) -> None:
    command = [str(Path(sys.executable).parent / "qabot"), "--config", str(config), *args]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr


def answered_within(api: FakeBotApi, question: str, expected: str, seconds: float) -> float:
    """Ask until the reply holds ``expected``; returns how long that took."""
    started = time.monotonic()
    asker = user(5000 + int(started * 1000) % 10_000)
    while time.monotonic() - started < seconds:
        if expected in ask(api, asker, question).params["text"]:
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"{expected!r} not in the answer to {question!r} after {seconds} s")


def test_an_added_page_is_answered_within_seconds_while_questions_keep_flowing(
    live: tuple[FakeBotApi, BotProcess, Path], tmp_path: Path
) -> None:
    api, _, config = live
    sent: list[int] = []
    stop = threading.Event()

    def keep_asking() -> None:
        chat_id = 9000
        while not stop.is_set():
            chat_id += 1
            api.message(private_chat(user(chat_id)), user(chat_id), "what is AIRCOP")
            sent.append(chat_id)
            time.sleep(0.05)

    flow = threading.Thread(target=keep_asking)
    flow.start()
    try:
        page = tmp_path / "stadia.html"
        page.write_text(STADIA, encoding="utf-8")
        maintain(config, "corpus", "add", str(page))
        took = answered_within(
            api, "who runs project stadia?", "Project Stadia is implemented by INTERPOL", 10
        )
    finally:
        stop.set()
        flow.join()
    assert took <= RELOAD_DEADLINE
    for chat_id in sent:
        reply = api.wait_for("sendMessage", lambda c, i=chat_id: c.params["chat_id"] == i)
        assert "AIRCOP" in reply.params["text"], reply.params["text"]


def test_a_fixed_page_and_a_removed_page_are_noticed_too(
    live: tuple[FakeBotApi, BotProcess, Path], tmp_path: Path
) -> None:
    api, _, config = live
    page = tmp_path / "stadia.html"
    page.write_text(STADIA, encoding="utf-8")
    maintain(config, "corpus", "add", str(page))
    answered_within(api, "who runs project stadia?", "implemented by INTERPOL", 10)
    page.write_text(STADIA.replace("implemented by INTERPOL", "implemented by UNICRI"))
    maintain(config, "corpus", "update", "project-stadia", str(page))
    assert answered_within(api, "who runs project stadia?", "by UNICRI", 10) <= RELOAD_DEADLINE
    maintain(config, "corpus", "remove", "project-stadia", "--yes")
    took = answered_within(api, "who runs project stadia?", "can't find that in the corpus", 10)
    assert took <= RELOAD_DEADLINE


def test_a_broken_change_keeps_the_old_index_and_tells_the_admins(
    live: tuple[FakeBotApi, BotProcess, Path],
) -> None:
    api, bot, config = live
    mark = api.mark()
    broken = Path(yaml.safe_load(config.read_text())["corpus"]["documents"]) / "broken.txt"
    broken.write_bytes(b"Broken page\n\n\xff\xfe not UTF-8 at all")
    told = api.wait_for("sendMessage", lambda c: c.params["chat_id"] == ADMIN["id"], after=mark)
    assert "did not load" in told.params["text"] and "broken.txt" in told.params["text"]
    assert "AIRCOP" in ask(api, user(31337), "what is AIRCOP").params["text"]
    assert "Last reload failed" in ask(api, ADMIN, "/stats").params["text"]
    assert "did not load" in bot.log.read_text()
