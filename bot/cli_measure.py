"""The ``qabot`` commands that measure: ``eval`` (answer quality, per collection), ``bench``
(speed and memory) and ``loadtest`` (the bot under load).

The benchmarks and the evaluation are imported when a command runs: ``qabot ask`` needs none
of them.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from benchmarks import load_limits
from benchmarks.synthetic import DEFAULT_SEED

if TYPE_CHECKING:
    from bot.cli import State
    from retrieval.eval_sets import Collection


@click.command(name="eval")
@click.option(
    "--gold",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Only these gold questions, about the configured corpus.",
)
@click.option(
    "--development",
    type=click.Path(path_type=Path, file_okay=False),
    multiple=True,
    help="Only this development corpus (documents/ and one gold file per part); may be repeated.",
)
@click.option(
    "--cranfield",
    type=click.Path(path_type=Path, file_okay=False),
    help="Only the Cranfield collection in this directory, asked through qabot.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--failures", is_flag=True, help="List the questions that missed.")
@click.pass_obj
def eval_command(
    state: State,
    gold: Path | None,
    development: tuple[Path, ...],
    cranfield: Path | None,
    as_json: bool,
    failures: bool,
) -> None:
    """Ask each collection's questions through the same engine as `qabot ask`, and report each
    collection on its own: R@1, R@3, MRR, direct answers and no-answer accuracy for gold
    questions; nDCG@10 and the share answered for Cranfield.

    By default every collection of the config's eval section: the seed gold set, each part of
    the development corpus (tuned and untuned), and Cranfield. Exits 1 when a figure is under
    its threshold.

    Examples:

        qabot eval --failures

        qabot eval --cranfield ../shared/benchmarks/cranfield --json
    """
    configured = state.config.eval
    from retrieval import eval_sets

    if gold or development or cranfield:
        configured = dataclasses.replace(
            configured, gold=gold, development=development, cranfield=cranfield
        )
    config = state.config
    engine = state.engine if configured.gold is not None else None
    found = eval_sets.every(configured, config.corpus, config.answers, engine)
    if not found:
        raise click.UsageError("nothing to evaluate: set the eval section of the config")
    if as_json:
        click.echo(json.dumps([_report_data(each) for each in found]))
    else:
        click.echo("\n\n".join(_report_text(each, failures) for each in found))
    below = [f"{each.name}: {', '.join(each.report.below)}" for each in found if each.report.below]
    if below:
        raise click.ClickException(f"below threshold: {'; '.join(below)}")


def _report_data(collection: Collection) -> dict[str, Any]:
    """One collection's figures as JSON data."""
    report = collection.report
    return {
        "collection": collection.name,
        "metrics": report.metrics,
        "counts": report.counts,
        "thresholds": dict(report.thresholds),
        "below": report.below,
    }


def _report_text(collection: Collection, failures: bool) -> str:
    """One collection's figures as a table under its name, and its misses if asked."""
    report = collection.report
    lines = [collection.name, f"  {'metric':<22}{'value':>8}{'threshold':>11}{'n':>6}"]
    for metric, value in report.metrics.items():
        threshold = report.thresholds.get(metric)
        mark = "" if threshold is None else ("  ok" if value >= threshold else "  BELOW")
        shown = "" if threshold is None else f"{threshold:.3f}"
        lines.append(f"  {metric:<22}{value:>8.3f}{shown:>11}{report.counts[metric]:>6}{mark}")
    if failures and report.failures:
        lines += ["  misses:", *(f"    {line}" for line in report.failures)]
    return "\n".join(lines)


# The bench extra: what the scoring benchmark imports beyond qabot's own dependencies.
_BENCH_EXTRA = ("bm25s", "psutil", "tantivy")


@click.command()
@click.option("--bot", "bot_mode", is_flag=True, help="Time the Telegram bot, per question.")
@click.option(
    "--build", "build_mode", is_flag=True, help="Time qabot index build on plain-text corpora."
)
@click.option(
    "--answer",
    "answer_mode",
    is_flag=True,
    help="Time whole answers (qabot ask --json) and the start-up of qabot ask.",
)
@click.option(
    "--sizes",
    help="Synthetic corpus sizes in passages, such as 1k,10k,100k,1M "
    "(default: those four; with --bot, 100k; with --build or --answer, 100k,1M).",
)
@click.option(
    "--queries",
    type=click.IntRange(1, 10_000),
    help="Queries per corpus size (default 200); with --bot or --answer, questions per "
    "corpus (--answer: 400 by default).",
)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Corpus seed.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.option("--markdown", is_flag=True, help="Markdown tables, to paste into the README.")
@click.pass_obj
def bench(
    state: State,
    bot_mode: bool,
    build_mode: bool,
    answer_mode: bool,
    sizes: str | None,
    queries: int | None,
    seed: int,
    as_json: bool,
    markdown: bool,
) -> None:
    """Benchmark qabot's exact BM25 against rank-bm25 and bm25s, a whole answer, or the bot's
    cost per question.

    Without a mode: each engine is built on synthetic corpora (Zipf-distributed terms, a fixed
    seed) in a process of its own, and the report gives build time, peak and resident memory,
    query latency p50 and p99, queries per second, qabot's index size and its save and load
    times, qabot's ratios to the peers, whether qabot and rank-bm25 agree, and each of qabot's
    targets met or missed. It needs the bench extra (pip install -e '.[bench]'); at 1M
    passages it takes several minutes and, for rank-bm25, several GB of memory.

    With --bot: the Telegram bot runs against a Bot API server on 127.0.0.1, and each question
    is timed from the Update's JSON to the reply's JSON, on the config's corpus and on
    synthetic documents indexed by the normal pipeline.

    With --build: qabot index build, timed whole (reading, splitting, tokenizing, indexing,
    saving) on synthetic plain-text corpora written to a temporary directory, with its
    progress bars; the target is 1M passages within 90 s.

    With --answer: each question timed from its text to its answer's JSON through the engine
    of qabot ask, beside the scoring alone and rank-bm25's get_scores on the same passages, on
    synthetic documents indexed by the normal pipeline (some questions hold one of the
    corpus's commonest words); and the start-up of qabot ask on the config's corpus, from the
    command to the answer.

    Progress goes to stderr, the report to stdout.

    Examples:

        qabot bench --sizes 1k,10k --queries 50

        qabot bench --markdown > bench.md

        qabot bench --bot --queries 100

        qabot bench --answer --sizes 100k

        qabot bench --build --sizes 1M
    """
    if as_json and markdown:
        raise click.UsageError("choose --json or --markdown, not both")
    if bot_mode + build_mode + answer_mode > 1:
        raise click.UsageError("choose one of --bot, --build and --answer")
    from benchmarks.reporting import parse_sizes

    try:
        chosen = parse_sizes(sizes) if sizes else None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--sizes") from None

    def progress(message: str) -> None:
        click.echo(message, err=True)

    if build_mode:
        from benchmarks import pipeline
        from bot.cli import progress_bars

        built = pipeline.run(chosen or pipeline.DEFAULT_SIZES, seed, progress_bars, progress)
        _print_report(pipeline, built, as_json, markdown)
        return
    if answer_mode:
        from benchmarks import answer

        timed_answers = answer.run(
            state.config,
            chosen or answer.DEFAULT_SIZES,
            queries or answer.DEFAULT_QUESTIONS,
            seed,
            progress,
        )
        _print_report(answer, timed_answers, as_json, markdown)
        return
    if bot_mode:
        from benchmarks import bot as bot_benchmark

        config = state.load_config(secrets=(bot_benchmark.TOKEN,))
        questions = queries or bot_benchmark.DEFAULT_QUESTIONS
        timed = bot_benchmark.run(
            config, chosen or bot_benchmark.DEFAULT_SIZES, questions, seed, progress
        )
        _print_report(bot_benchmark, timed, as_json, markdown)
        return
    try:
        from benchmarks import scoring
    except ImportError as error:
        if error.name not in _BENCH_EXTRA:
            raise
        raise click.ClickException(
            f"the scoring benchmark needs {error.name}: pip install -e '.[bench]'"
        ) from None
    measured = scoring.run(
        chosen or scoring.DEFAULT_SIZES, queries or scoring.DEFAULT_QUERIES, seed, progress=progress
    )
    _print_report(scoring, measured, as_json, markdown)


def _print_report(benchmark: Any, report: Any, as_json: bool, markdown: bool) -> None:
    """A benchmark's report on stdout: JSON, Markdown tables or aligned text."""
    click.echo(
        json.dumps(benchmark.to_json(report)) if as_json else benchmark.render(report, markdown)
    )


@click.command()
@click.option(
    "--chats",
    type=click.IntRange(1, load_limits.MAX_CHATS),
    default=load_limits.DEFAULT_CHATS,
    show_default=True,
    help="Simulated chats; in a soak, the pool asked in turn.",
)
@click.option(
    "--questions",
    "per_chat",
    type=click.IntRange(1, load_limits.MAX_PER_CHAT),
    default=load_limits.DEFAULT_PER_CHAT,
    show_default=True,
    help="Questions per chat, in a burst.",
)
@click.option(
    "--mix",
    default=load_limits.DEFAULT_MIX,
    show_default=True,
    help="Weights of private chats, groups and inline users.",
)
@click.option(
    "--spread",
    type=click.FloatRange(0, load_limits.MAX_SPREAD_SECONDS),
    default=load_limits.DEFAULT_SPREAD_SECONDS,
    show_default=True,
    help="Seconds over which the burst is sent.",
)
@click.option(
    "--soak",
    type=click.IntRange(load_limits.MIN_SOAK_SECONDS, load_limits.MAX_SOAK_SECONDS),
    is_flag=False,
    flag_value=load_limits.DEFAULT_SOAK_SECONDS,
    default=None,
    metavar="[SECONDS]",
    help="A soak at a steady rate instead of a burst "
    f"(alone: {load_limits.DEFAULT_SOAK_SECONDS} s).",
)
@click.option(
    "--rate",
    type=click.FloatRange(0, load_limits.MAX_RATE, min_open=True),
    default=load_limits.DEFAULT_RATE,
    show_default=True,
    help="Questions per second in a soak.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(1, 3600),
    default=load_limits.DEFAULT_REPLY_TIMEOUT,
    show_default=True,
    help="Seconds to wait for answers after the last question.",
)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Order seed.")
@click.option(
    "--workers",
    type=click.IntRange(1, 16),
    help="Instead: this many `qabot serve` workers behind nginx, one killed midway.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.pass_context
def loadtest(
    ctx: click.Context,
    workers: int | None,
    chats: int,
    per_chat: int,
    mix: str,
    spread: float,
    soak: int | None,
    rate: float,
    timeout: float,
    seed: int,
    as_json: bool,
) -> None:
    """Load the real bot: `qabot run` against a Bot API server on 127.0.0.1, with many chats.

    Simulated private chats, groups (mentioning the bot, replying to it, or /ask) and inline
    users ask the gold questions; every answer is matched to its question. The report gives
    answers against questions (exactly one each, or the run fails with exit code 1), latency
    p50, p95 and p99 from the update available to getUpdates to the answer at the server, and
    the bot's memory. The bot's outgoing rate limit (Telegram's 30 messages a second) paces
    a burst: its latencies are those of a real bot under that limit. --soak asks at a steady
    rate and checks that the memory stays flat. Progress goes to stderr, the report to stdout.

    Examples:

        qabot loadtest

        qabot loadtest --chats 5 --questions 2 --spread 1

        qabot loadtest --soak 300 --rate 8 --json

    --workers N runs N webhook workers (`qabot serve`) behind nginx instead, sharing Redis and
    PostgreSQL (started here, from Debian's packages) when N > 1: each chat asks 5 questions
    with follow-ups, one worker is killed with SIGKILL midway, and the report gives the
    questions answered, the duplicates, latency p50/p99 and the peak send rate.

        qabot loadtest --workers 3
    """
    state: State = ctx.obj
    if workers is not None:
        from benchmarks import workers_load

        config = state.load_config()
        found = workers_load.run(config, workers, chats, progress=lambda m: click.echo(m, err=True))
        click.echo(
            json.dumps(workers_load.to_json(found)) if as_json else workers_load.render(found)
        )
        if not found.passed:
            ctx.exit(1)
        return
    from benchmarks import load as load_test

    try:
        scenario = load_test.Scenario(
            chats=chats,
            per_chat=per_chat,
            mix=load_test.Mix.parse(mix),
            spread=spread,
            soak=soak,
            rate=rate,
            reply_timeout=timeout,
            seed=seed,
        )
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--mix") from None
    config = state.load_config(secrets=(load_test.TOKEN,))
    report = load_test.run(config, scenario, lambda message: click.echo(message, err=True))
    click.echo(json.dumps(load_test.to_json(report)) if as_json else load_test.render(report))
    if not report.passed:
        ctx.exit(1)
