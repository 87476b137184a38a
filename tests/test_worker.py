"""``qabot serve`` (one webhook worker) and ``qabot webhook`` (its registration), as real
processes against the fake Bot API server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.services import free_port
from tests.bot_process import BotProcess, post_update, write_config
from tests.fake_bot_api import FakeBotApi, text_update, user

SECRET = "worker-secret_token"


def wait_for_listener(port: int, timeout: float = 60) -> None:
    """Wait until a worker answers its health check on ``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"no worker answers on port {port}")


def qabot(
    config: Path, api: FakeBotApi, *args: str, secret: str = SECRET, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_BASE_URL": api.base_url,
        "TELEGRAM_WEBHOOK_SECRET": secret,
        **env,
    }
    script = Path(sys.executable).parent / "qabot"
    return subprocess.run(
        [str(script), "--config", str(config), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeBotApi, str]]:
    api = FakeBotApi().start()
    directory = tmp_path_factory.mktemp("worker")
    port = free_port()
    process = BotProcess(
        api,
        write_config(directory),
        directory / "bot.log",
        args=("--listen", "127.0.0.1", "--port", str(port)),
        env={"TELEGRAM_WEBHOOK_SECRET": SECRET},
        command="serve",
    ).start()
    wait_for_listener(port)
    yield api, f"http://127.0.0.1:{port}/telegram"
    assert process.stop() == 0
    api.stop()


def test_a_worker_answers_before_it_acknowledges(worker: tuple[FakeBotApi, str]) -> None:
    api, url = worker
    mark = api.mark()
    ada = user(41)
    assert post_update(url, text_update(5001, "Which agencies run AIRCOP?", ada), SECRET) == 200
    # The reply was sent by the time the update was acknowledged: no waiting.
    [reply] = api.replies(ada["id"], mark)
    assert "AIRCOP is implemented by" in reply.params["text"]


def test_an_update_sent_again_is_acknowledged_and_not_answered_again(
    worker: tuple[FakeBotApi, str],
) -> None:
    api, url = worker
    mark = api.mark()
    bob = user(42)
    update = text_update(5002, "What is CRIMJUST?", bob)
    assert post_update(url, update, SECRET) == 200
    assert post_update(url, update, SECRET) == 200
    assert len(api.replies(bob["id"], mark)) == 1


@pytest.mark.parametrize("secret", [None, "", "wrong-secret"])
def test_a_worker_refuses_an_update_without_the_secret(
    worker: tuple[FakeBotApi, str], secret: str | None
) -> None:
    api, url = worker
    mark = api.mark()
    eve = user(43)
    update = text_update(5100 + len(secret or "x"), "what is AIRCOP", eve)
    assert post_update(url, update, secret) == 403
    assert api.quiet_for(0.5, mark)


def test_a_worker_refuses_a_body_that_is_not_an_update(worker: tuple[FakeBotApi, str]) -> None:
    _, url = worker
    request = urllib.request.Request(
        url,
        b"not json",
        {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 400


def test_a_worker_leaves_the_webhook_alone(worker: tuple[FakeBotApi, str]) -> None:
    api, _ = worker
    assert not [c for c in api.calls if c.method in ("setWebhook", "deleteWebhook")]


def test_a_worker_answers_follow_ups_in_the_chat(worker: tuple[FakeBotApi, str]) -> None:
    api, url = worker
    mark = api.mark()
    cy = user(44)
    assert post_update(url, text_update(5201, "What is AIRCOP?", cy), SECRET) == 200
    assert post_update(url, text_update(5202, "who runs it?", cy), SECRET) == 200
    _, follow_up = api.replies(cy["id"], mark)
    assert "AIRCOP" in follow_up.params["text"]


def test_webhook_set_info_and_delete(tmp_path: Path) -> None:
    api = FakeBotApi().start()
    try:
        config = write_config(tmp_path)
        url = "https://bot.example.org/telegram"
        done = qabot(config, api, "webhook", "set", url, "--max-connections", "8")
        assert done.returncode == 0, done.stderr
        assert api.webhook["url"] == url
        assert api.webhook["secret_token"] == SECRET
        assert api.webhook["max_connections"] == 8
        assert set(api.webhook["allowed_updates"]) == {"message", "callback_query", "inline_query"}
        info = qabot(config, api, "webhook", "info")
        assert info.returncode == 0 and f"url: {url}" in info.stdout
        assert qabot(config, api, "webhook", "delete").returncode == 0
        assert api.webhook == {}
        assert "(none: polling)" in qabot(config, api, "webhook", "info").stdout
    finally:
        api.stop()


@pytest.mark.parametrize(
    ("args", "secret", "says"),
    [
        (("webhook", "set", "https://bot.example.org/telegram"), "", "TELEGRAM_WEBHOOK_SECRET"),
        (("webhook", "set", "ftp://bot.example.org/telegram"), SECRET, "http(s) URL"),
        (("serve", "--port", "8081"), "", "TELEGRAM_WEBHOOK_SECRET"),
    ],
)
def test_bad_worker_input_gets_one_line_and_changes_nothing(
    tmp_path: Path, args: tuple[str, ...], secret: str, says: str
) -> None:
    api = FakeBotApi().start()
    try:
        done = qabot(write_config(tmp_path), api, *args, secret=secret)
        assert done.returncode == 1
        [error] = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
        assert says in error
        assert "Traceback" not in done.stderr and api.token not in done.stderr
        assert api.webhook == {}
    finally:
        api.stop()


@pytest.mark.parametrize(
    ("variable", "url", "says"),
    [
        ("QABOT_REDIS_URL", "redis://:s3cr3t-pass@127.0.0.1:{port}/0", "Redis at redis://:***@"),
        (
            "QABOT_STORE_URL",
            "postgresql://qabot:s3cr3t-pass@127.0.0.1:{port}/qabot",
            "PostgreSQL at postgresql://qabot:***@",
        ),
    ],
)
def test_a_worker_whose_service_is_down_at_start_up_says_so_and_exits(
    tmp_path: Path, variable: str, url: str, says: str
) -> None:
    api = FakeBotApi().start()
    try:
        dead = url.format(port=free_port())
        args = ("serve", "--port", str(free_port()))
        done = qabot(write_config(tmp_path), api, *args, **{variable: dead})
        assert done.returncode == 1
        [error] = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
        assert f"cannot reach {says}127.0.0.1:" in error
        assert "s3cr3t" not in done.stderr and "Traceback" not in done.stderr
    finally:
        api.stop()
