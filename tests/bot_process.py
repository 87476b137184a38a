"""``qabot run`` as a real process, polling the fake Bot API server, for the end-to-end tests."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT, SEED_ACRONYMS, SEED_DOCUMENTS
from tests.fake_bot_api import FakeBotApi


def write_config(directory: Path, answers: dict[str, Any] | None = None, **telegram: Any) -> Path:
    """A config for a bot under test: the seed corpus, files in ``directory``, fast polling;
    ``answers`` and the keyword arguments override keys of those sections."""
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
    config["log_level"] = "DEBUG"
    path = directory / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@dataclass
class BotProcess:
    """One running ``qabot run``.

    Attributes:
        api: the fake Bot API server it polls.
        config: its config file.
        log: where its stderr goes.
        args: extra arguments after ``run``.
        env: extra environment variables.
    """

    api: FakeBotApi
    config: Path
    log: Path
    args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
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
                [script, "--config", str(self.config), "run", *self.args],
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
