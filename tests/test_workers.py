"""Webhook workers behind nginx, under the load of ``qabot loadtest --workers``
(``benchmarks/workers_load.py``): every question answered exactly once, follow-ups resolved on
whichever worker takes them, and a worker killed mid-load costs nothing, as Telegram sends
again what it did not acknowledge.

The same load runs on two deployments: three workers sharing Redis and PostgreSQL, and one
worker with nothing but its SQLite file, which a service manager starts again once killed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import workers_load
from bot.config import load_config
from tests.bot_process import write_config

# Telegram's flood limit as the workers are told it: low enough that the load meets it, high
# enough that the test is quick.
PER_SECOND = 100


@pytest.mark.parametrize(
    "workers", [3, 1], ids=["3 workers, Redis, PostgreSQL", "1 worker, SQLite"]
)
def test_every_question_is_answered_exactly_once_with_a_worker_killed(
    tmp_path: Path, workers: int
) -> None:
    config = load_config(write_config(tmp_path, messages_per_second=PER_SECOND))
    report = workers_load.run(config, workers, chats=200)
    assert (report.questions, report.answered, report.duplicates, report.lost) == (
        1000,
        1000,
        0,
        0,
    )
    # Every follow-up was read in its chat's conversation, on whichever worker took it.
    assert report.resolved == report.follow_ups == 600
    # The killed worker had taken updates it never answered; they were delivered again.
    assert report.redelivered >= 1
    if workers > 1:
        # Consecutive questions of a chat went to different workers.
        assert report.moved >= 200
    # The workers start at most PER_SECOND requests in any second between them
    # (tests/test_state.py checks that exactly); what arrives at the Bot API bunches a little.
    assert report.peak_per_second <= PER_SECOND * workers_load.ARRIVAL_SLACK
    assert report.passed


def test_qabot_loadtest_workers_prints_its_report(tmp_path: Path) -> None:
    path = write_config(tmp_path, messages_per_second=PER_SECOND)
    script = Path(sys.executable).parent / "qabot"
    done = subprocess.run(
        [
            str(script),
            "--config",
            str(path),
            "loadtest",
            "--workers",
            "2",
            "--chats",
            "20",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["answered"] == report["questions"] == 100 and report["passed"]
    assert report["duplicates"] == 0 and report["peak_per_second"] > 0
    assert report["latency"]["p99_ms"] >= report["latency"]["p50_ms"] > 0
