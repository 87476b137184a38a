"""Webhook mode: Telegram's secret token is checked before an update is processed."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.services import free_port
from tests.bot_process import BotProcess, post_update, write_config
from tests.fake_bot_api import FakeBotApi, text_update, user

SECRET = "s3cret-webhook_token"


def _wait_for_listener(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port}")


@pytest.fixture(scope="module")
def webhook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeBotApi, str]]:
    api = FakeBotApi().start()
    directory = tmp_path_factory.mktemp("webhook")
    port = free_port()
    url = f"http://127.0.0.1:{port}/qabot-hook"
    process = BotProcess(
        api,
        write_config(directory),
        directory / "bot.log",
        args=("--webhook-url", url, "--listen", "127.0.0.1", "--port", str(port)),
        env={"TELEGRAM_WEBHOOK_SECRET": SECRET},
    ).start()
    api.wait_for("setWebhook", timeout=30)
    _wait_for_listener(port)
    yield api, url
    assert process.stop() == 0
    api.stop()


def test_the_bot_registers_its_webhook_with_the_secret(webhook: tuple[FakeBotApi, str]) -> None:
    api, url = webhook
    assert api.webhook["url"] == url
    assert api.webhook["secret_token"] == SECRET


@pytest.mark.parametrize("secret", [None, "", "wrong-secret"])
def test_an_update_without_the_right_secret_is_refused_and_not_processed(
    webhook: tuple[FakeBotApi, str], secret: str | None
) -> None:
    api, url = webhook
    mark = api.mark()
    eve = user(31)
    assert (
        post_update(url, text_update(900 + len(secret or "x"), "what is AIRCOP", eve), secret)
        == 403
    )
    assert api.quiet_for(1.0, mark)


def test_an_update_with_the_secret_is_answered(webhook: tuple[FakeBotApi, str]) -> None:
    api, url = webhook
    mark = api.mark()
    ada = user(32)
    assert post_update(url, text_update(1000, "Which agencies run AIRCOP?", ada), SECRET) == 200
    reply = api.wait_for("sendMessage", lambda c: c.params["chat_id"] == ada["id"], after=mark)
    assert "AIRCOP is implemented by" in reply.params["text"]


def test_webhook_mode_without_a_secret_says_so_and_exits(tmp_path: Path) -> None:
    api = FakeBotApi().start()
    try:
        process = BotProcess(
            api,
            write_config(tmp_path),
            tmp_path / "bot.log",
            args=("--webhook-url", "https://bot.example.org/hook"),
            env={"TELEGRAM_WEBHOOK_SECRET": ""},
        ).start(ready=False)
        assert process.process is not None
        assert process.process.wait(timeout=30) == 1
        assert "TELEGRAM_WEBHOOK_SECRET" in (tmp_path / "bot.log").read_text()
    finally:
        api.stop()


def test_run_without_a_token_says_how_to_get_one(tmp_path: Path) -> None:
    completed = subprocess.run(
        ["qabot", "--config", str(write_config(tmp_path)), "run"],
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"], "TELEGRAM_BOT_TOKEN": ""},
        timeout=60,
        check=False,
    )
    assert completed.returncode == 1
    assert "@BotFather" in completed.stderr and "qabot chat" in completed.stderr


def test_a_refused_token_exits_cleanly_without_printing_it(tmp_path: Path) -> None:
    api = FakeBotApi().start()
    wrong = "123456789:AAWrongTokenThatTheServerRefuses_xyz"
    try:
        process = BotProcess(
            api, write_config(tmp_path), tmp_path / "bot.log", env={"TELEGRAM_BOT_TOKEN": wrong}
        ).start(ready=False)
        assert process.process is not None
        assert process.process.wait(timeout=60) == 1
        log = (tmp_path / "bot.log").read_text()
        assert "refused the token" in log
        assert wrong not in log and wrong.split(":")[1] not in log
    finally:
        api.stop()


def test_a_malformed_webhook_secret_is_refused_before_starting(tmp_path: Path) -> None:
    completed = subprocess.run(
        [
            "qabot",
            "--config",
            str(write_config(tmp_path)),
            "run",
            "--webhook-url",
            "https://x.org/h",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_SECRET": "has spaces!"},
        timeout=60,
        check=False,
    )
    assert completed.returncode == 1
    assert "1 to 256 characters" in completed.stderr
