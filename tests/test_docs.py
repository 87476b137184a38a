"""The README tells the truth: its two commands, CI's command, the commands and config keys."""

from __future__ import annotations

import re

import yaml

from bot.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
TOP = README.split("\n## ", 1)[0]
COMMANDS = re.findall(r"```bash\n(.+?)\n```", TOP, flags=re.DOTALL)


def test_the_readme_starts_with_exactly_two_one_line_commands() -> None:
    assert len(COMMANDS) == 2
    assert all("\n" not in command for command in COMMANDS)


def test_the_first_command_installs_and_asks_about_aircop() -> None:
    assert "pip install" in COMMANDS[0]
    assert COMMANDS[0].endswith('qabot ask "Which agencies run AIRCOP?"')


def test_the_second_command_runs_ruff_the_evaluation_and_pytest() -> None:
    for part in ("ruff check", "qabot eval", "pytest"):
        assert part in COMMANDS[1]


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert COMMANDS[1] in ci.splitlines()


def test_every_command_is_documented_in_the_readme() -> None:
    for name in main.commands:
        assert f"qabot {name}" in README


def _leaf_keys(data: dict, prefix: str = "") -> list[str]:
    keys = []
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        keys += _leaf_keys(value, dotted + ".") if isinstance(value, dict) else [dotted]
    return keys


def test_every_config_key_is_documented_in_the_readme() -> None:
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    documented = README.replace("`, `.", "` `" + "answers.search.bm25.")
    for key in _leaf_keys(config):
        assert f"`{key}`" in documented, key
