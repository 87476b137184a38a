"""``qabot run`` (or ``qabot serve``) as a real process, talking to the fake Bot API server, for
the end-to-end tests."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT, SEED_ACRONYMS, SEED_DOCUMENTS
from tests.fake_bot_api import FakeBotApi


def post_update(url: str, update: dict[str, Any], secret: str | None) -> int:
    """POST an update to a webhook as Telegram does, with its secret header; the HTTP status."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(update).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def write_config(
    directory: Path,
    answers: dict[str, Any] | None = None,
    state: dict[str, Any] | None = None,
    store: dict[str, Any] | None = None,
    **telegram: Any,
) -> Path:
    """A config for a bot under test: the seed corpus, files in ``directory``, fast polling;
    ``answers``, ``state``, ``store`` and the keyword arguments override keys of those
    sections (the keyword arguments ``telegram``'s)."""
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["corpus"].update(
        documents=str(SEED_DOCUMENTS),
        acronyms=str(SEED_ACRONYMS),
        index=str(directory / "index.json"),
    )
    config["telegram"].update(
        {"poll_timeout": 1, "store": str(directory / "bot.sqlite3"), **telegram}
    )
    config["answers"].update(answers or {})
    for section, overrides in (("state", state), ("store", store)):
        if overrides:
            config[section] = {**(config.get(section) or {}), **overrides}
    config["log_level"] = "DEBUG"
    path = directory / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@dataclass
class BotProcess:
    """One running ``qabot run``, or another command of the bot.

    Attributes:
        api: the fake Bot API server it talks to.
        config: its config file.
        log: where its stderr goes.
        args: extra arguments after the command.
        env: extra environment variables.
        command: ``run``, or ``serve`` for a webhook worker.
    """

    api: FakeBotApi
    config: Path
    log: Path
    args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    command: str = "run"
    process: subprocess.Popen[bytes] | None = None

    def start(self, ready: bool = True) -> BotProcess:
        """Start the bot; with ``ready``, wait until it has registered its commands."""
        mark = self.api.mark()
        script = shutil.which("qabot", path=str(Path(sys.executable).parent)) or "qabot"
        environment = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": self.api.token,
            "TELEGRAM_BASE_URL": self.api.base_url,
            **self.env,
        }
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [script, "--config", str(self.config), self.command, *self.args],
                env=environment,
                stdout=log,
                stderr=log,
            )
        if ready:
            self.api.wait_for(
                "setMyCommands",
                lambda call: (call.params.get("scope") or {}).get("type") == "all_group_chats",
                after=mark,
                timeout=60,
            )
        return self

    def stop(self) -> int:
        """Stop the bot as a service manager would, with SIGTERM; returns its exit code."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()
