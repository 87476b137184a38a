"""The ``qabot`` command: a thin layer over the answer engine, for terminals and scripts."""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from bot.config import Config, find_config, load_config
from bot.logs import configure_logging
from bot.rendering import answer_to_json, error_to_json, json_line, render_text
from bot.telegram_app import (
    Webhook,
    run_bot,
    token_from_environment,
    webhook_secret_from_environment,
)
from corpus.errors import QabotError, QuestionError
from retrieval.answering import Engine
from retrieval.conversation import Conversation
from retrieval.evaluation import evaluate, load_gold
from retrieval.indexing import load_or_build

EXIT_BAD_INPUT = 2


class BadInput(click.ClickException):
    """A question that cannot be asked: a clean message and exit code 2."""

    exit_code = EXIT_BAD_INPUT


class QabotGroup(click.Group):
    """Turns qabot's own errors into clean messages instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuestionError as error:
            raise BadInput(str(error)) from None
        except QabotError as error:
            raise click.ClickException(str(error)) from None


@dataclasses.dataclass
class State:
    """What the subcommands share: the config file, read once, and the engine built from it."""

    config_path: Path | None
    _config: Config | None = None
    _engine: Engine | None = None

    @property
    def config(self) -> Config:
        return self.load_config()

    def load_config(self, secrets: tuple[str, ...] = ()) -> Config:
        """The config, read and logging set up on first use; ``secrets`` are kept out of logs."""
        if self._config is None:
            self._config = load_config(find_config(self.config_path))
            configure_logging(self._config.log_level, secrets)
        return self._config

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = Engine(load_or_build(self.config.corpus), self.config.answers)
        return self._engine


@click.group(cls=QabotGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Config file. Default: $QABOT_CONFIG, else ./config.yaml.",
)
@click.version_option(package_name="qabot")
@click.pass_context
def main(ctx: click.Context, config_path: Path | None) -> None:
    """qabot answers questions from a document corpus, citing every passage.

    Example:

        qabot ask "Which agencies run AIRCOP?"
    """
    ctx.obj = State(config_path)


def _stdin_lines() -> Iterator[tuple[int, str | None]]:
    """(line number, text) for each stdin line; text is None where it is not UTF-8."""
    for number, raw in enumerate(sys.stdin.buffer, 1):
        try:
            yield number, raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            yield number, None


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per answer.")
@click.option("--top-k", type=click.IntRange(1, 20), help="Passages per answer (default: config).")
@click.option(
    "--conversation",
    is_flag=True,
    help="With '-': the lines are one chat, so follow-ups refer to the lines before them.",
)
@click.pass_obj
def ask(state: State, question: str, as_json: bool, top_k: int | None, conversation: bool) -> None:
    """Answer QUESTION with cited passages. Use '-' to read one question per line from stdin.

    With '-', every line gets exactly one answer, in order; a line that cannot be asked
    (empty, not UTF-8, too long) gets an object with an "error" key, and the exit code is 2.

    Examples:

        qabot ask "Which agencies run AIRCOP?"

        qabot ask --json "what is unoda"

        printf 'Who runs AIRCOP?\\nAnd CRIMJUST?\\n' | qabot ask --json --conversation -
    """
    engine = state.engine
    if question != "-":
        answer, _ = engine.ask(question, now=time.time(), top_k=top_k)
        click.echo(json_line(answer_to_json(answer)) if as_json else render_text(answer))
        return
    chat = Conversation()
    failed = False
    for number, line in _stdin_lines():
        try:
            if line is None:
                raise QuestionError("not valid UTF-8")
            answer, after = engine.ask(line, chat, now=time.time(), top_k=top_k)
        except QuestionError as error:
            failed = True
            click.echo(f"qabot: line {number}: {error}", err=True)
            click.echo(json_line(error_to_json(line or "", str(error))) if as_json else "")
            continue
        if conversation:
            chat = after
        click.echo(json_line(answer_to_json(answer)) if as_json else render_text(answer) + "\n")
    if failed:
        sys.exit(EXIT_BAD_INPUT)


@main.command()
@click.pass_obj
def chat(state: State) -> None:
    """Talk to qabot in the terminal, with follow-ups and "more", as in Telegram.

    Example:

        qabot chat
        you> Which agencies run AIRCOP?
        you> And CRIMJUST?
        you> more
    """
    engine = state.engine
    click.echo(f"qabot knows: {'; '.join(engine.titles)}. Ask a question; Ctrl-D to leave.")
    conversation = Conversation()
    while True:
        try:
            message = input("you> ")
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return
        if not message.strip():
            continue
        try:
            answer, conversation = engine.ask(message, conversation, now=time.time())
        except QuestionError as error:
            click.echo(f"qabot: {error}")
            continue
        click.echo(render_text(answer) + "\n")


@main.command(name="eval")
@click.option(
    "--gold", type=click.Path(path_type=Path, dir_okay=False), help="Gold file (default: config)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--failures", is_flag=True, help="List the questions that missed.")
@click.pass_obj
def eval_command(state: State, gold: Path | None, as_json: bool, failures: bool) -> None:
    """Ask the gold questions and report R@1, R@3, MRR, direct answers and no-answer accuracy.

    Exits 1 when a figure is under the threshold that the gold file sets.

    Example:

        qabot eval --failures
    """
    gold = gold or state.config.eval.gold
    if gold is None:
        raise click.UsageError("no gold file: set eval.gold in the config or pass --gold PATH")
    report = evaluate(state.engine, load_gold(gold))
    if as_json:
        click.echo(
            json.dumps(
                {
                    "metrics": report.metrics,
                    "counts": report.counts,
                    "thresholds": dict(report.thresholds),
                    "below": report.below,
                }
            )
        )
    else:
        click.echo(f"{'metric':<22}{'value':>8}{'threshold':>11}{'n':>6}")
        for metric, value in report.metrics.items():
            threshold = report.thresholds.get(metric)
            mark = "" if threshold is None else ("  ok" if value >= threshold else "  BELOW")
            shown = "" if threshold is None else f"{threshold:.3f}"
            click.echo(f"{metric:<22}{value:>8.3f}{shown:>11}{report.counts[metric]:>6}{mark}")
        if failures and report.failures:
            click.echo("\nMisses:")
            for line in report.failures:
                click.echo(f"  {line}")
    if report.below:
        raise click.ClickException(f"below threshold: {', '.join(report.below)}")


@main.command()
@click.option("--webhook-url", help="Receive updates by webhook at this public URL.")
@click.option("--listen", default="127.0.0.1", show_default=True, help="Webhook: address to bind.")
@click.option("--port", default=8443, show_default=True, type=int, help="Webhook: port to bind.")
@click.pass_obj
def run(state: State, webhook_url: str | None, listen: str, port: int) -> None:
    """Run the Telegram bot: long polling, or a webhook with --webhook-url.

    The token comes from $TELEGRAM_BOT_TOKEN; $TELEGRAM_BASE_URL overrides telegram.base_url;
    a webhook also needs $TELEGRAM_WEBHOOK_SECRET.

    Examples:

        TELEGRAM_BOT_TOKEN=123456:ABC... qabot run

        qabot run --webhook-url https://bot.example.org/qabot --listen 127.0.0.1 --port 8443
    """
    token = token_from_environment()
    secret = webhook_secret_from_environment() if webhook_url else None
    config = state.load_config(secrets=(token, secret or ""))
    webhook = Webhook(webhook_url, listen, port, secret) if webhook_url and secret else None
    run_bot(config, token, webhook)
