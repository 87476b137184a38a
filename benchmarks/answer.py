"""The whole-answer benchmark: what a question costs from its text to its answer's JSON, as
`qabot ask --json -` answers each line, beside the scoring alone and rank-bm25 on the same text.

The corpora are synthetic plain-text documents (front matter, headings, paragraphs of
pseudo-words drawn by Zipf's law: ``benchmarks.bot.write_documents``) indexed by the normal
pipeline, ``retrieval.indexing.load_or_build``, and answered by the ``Engine`` that `qabot ask`
and the bot use, with the config's answer settings. Each question is 2 to 4 words of a passage in
one of a few phrasings; ``FREQUENT_SHARE`` of them also hold one of the ``FREQUENT_WORDS``
commonest words of the corpus, whose postings are the longest to read.

For each question, one after another on one core, after a few untimed warm-up questions:

- answer: ``Engine.ask`` and the JSON line of its answer (``answer_to_json``, ``json_line``):
  the question's analysis, ranking, the no-answer decision, the who-answer, best sentences and
  highlights, rendering;
- scoring: ``Scorer.top(weights, 10)`` for the question's weighted terms, the BM25 step alone;
- rank-bm25: ``get_scores`` of rank-bm25's BM25 of the config's variant and parameters, over
  every passage's index terms, for the question's terms; slow, so only some questions at the
  larger sizes (``naive_count``).

And the start-up: `qabot ask` on the config's own corpus, timed from the command to its exit in
a fresh process (an untimed run first builds the index if need be), the median of a few runs.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from benchmarks.bot import make_questions, write_documents
from benchmarks.reporting import Latency, machine, ratio, size_label, table, times
from benchmarks.synthetic import DEFAULT_SEED, generator
from bot.config import Config
from bot.rendering import answer_to_json, json_line
from corpus.errors import QabotError
from retrieval.answering import Engine
from retrieval.indexing import Index, load_or_build
from retrieval.tokenizing import STOPWORDS

T = TypeVar("T")

DEFAULT_SIZES = (100_000, 1_000_000)
DEFAULT_QUESTIONS = 400
WARM_UP = 5
FREQUENT_SHARE = 0.35
FREQUENT_WORDS = 100
TOP_K = 10
STARTUP_QUESTION = "Which agencies run AIRCOP?"
STARTUP_RUNS = 5
# The goals (14): the whole answer at 100k and 1M passages, against rank-bm25 at 100k,
# and the start-up of `qabot ask`.
GOALS = {100_000: (1.0, None), 1_000_000: (5.0, 20.0)}
NAIVE_RATIO = 100.0
NAIVE_RATIO_SIZE = 100_000
STARTUP_SECONDS = 0.3


def naive_count(size: int, wanted: int) -> int:
    """How many questions rank-bm25 answers at a size: a second or more each past 100k."""
    return min(wanted, max(20, 5_000_000 // max(size, 1)))


@dataclass(frozen=True)
class SizeRun:
    """One corpus size.

    Attributes:
        size: passages asked for; passages: passages indexed; documents: files written.
        build_seconds: `load_or_build` on the written documents.
        frequent: questions that hold one of the commonest words.
        answer: the whole answer, per question.
        scoring: ``Scorer.top`` alone, per question.
        naive: rank-bm25's ``get_scores``, per question, over ``naive_questions`` of them.
    """

    size: int
    passages: int
    documents: int
    build_seconds: float
    questions: int
    frequent: int
    answer: Latency
    scoring: Latency
    naive: Latency
    naive_questions: int


@dataclass(frozen=True)
class AnswerReport:
    """A run: each size, the start-up of `qabot ask`, and where it ran."""

    runs: tuple[SizeRun, ...]
    startup_seconds: float
    startup_runs: int
    seed: int
    seconds: float
    machine: str


def questions_for(index: Index, count: int, seed: int) -> tuple[list[str], int]:
    """``count`` questions about passages of the index; ``FREQUENT_SHARE`` of them with one of
    its commonest words added. Returns them and how many hold such a word."""
    asked = make_questions(index, count, seed)
    counts = Counter({w: n for w, n in index.words.items() if w.isalpha() and w not in STOPWORDS})
    common = [word for word, _ in counts.most_common(FREQUENT_WORDS)]
    rng = generator(seed, len(index.passages), 4)
    frequent = 0
    for number, question in enumerate(asked):
        if common and rng.random() < FREQUENT_SHARE:
            word = common[int(rng.integers(len(common)))]
            stem, mark = (question[:-1], "?") if question.endswith("?") else (question, "")
            asked[number] = f"{stem} {word}{mark}"
            frequent += 1
    return asked, frequent


def _timed(function: Callable[[T], object], items: Sequence[T]) -> list[float]:
    """The seconds of ``function`` on each item, one after another, after a few untimed."""
    for item in items[:WARM_UP]:
        function(item)
    seconds = []
    for item in items:
        started = time.perf_counter()
        function(item)
        seconds.append(time.perf_counter() - started)
    return seconds


def _naive(config: Config, index: Index, queries: Sequence[list[str]]) -> Latency:
    """rank-bm25's ``get_scores`` over every passage's index terms, for each query's terms,
    with the config's BM25 variant and parameters."""
    from rank_bm25 import BM25L, BM25Okapi, BM25Plus

    bm25 = config.answers.search.bm25
    texts = [index.tokenizer.terms(passage.text) for passage in index.passages]
    if bm25.variant == "okapi":
        model = BM25Okapi(texts, k1=bm25.k1, b=bm25.b, epsilon=bm25.epsilon)
    else:
        kind = BM25Plus if bm25.variant == "plus" else BM25L
        model = kind(texts, k1=bm25.k1, b=bm25.b, delta=bm25.delta)
    del texts
    return Latency.of(_timed(model.get_scores, queries))


def _run_size(
    config: Config, root: Path, size: int, count: int, seed: int, progress: Callable[[str], None]
) -> SizeRun:
    name = size_label(size)
    progress(f"{name}: writing the documents")
    documents = write_documents(root / "documents", size, seed)
    acronyms = root / "acronyms.yaml"
    acronyms.write_text("{}\n", encoding="utf-8")
    corpus = dataclasses.replace(
        config.corpus, documents=root / "documents", acronyms=acronyms, index=root / "index.npz"
    )
    progress(f"{name}: indexing")
    started = time.perf_counter()
    index = load_or_build(corpus)
    build_seconds = time.perf_counter() - started
    engine = Engine(index, config.answers)
    questions, frequent = questions_for(index, count, seed)
    progress(f"{name}: {count} whole answers, then the scoring alone")
    answer = Latency.of(_timed(lambda q: json_line(answer_to_json(engine.ask(q)[0])), questions))
    weights = {q: engine.searcher.analyze(q).weights for q in questions}
    scorer = engine.searcher.scorer
    scoring = Latency.of(_timed(lambda q: scorer.top(weights[q], TOP_K), questions))
    asked = naive_count(size, count)
    progress(f"{name}: rank-bm25 on {asked} of the questions")
    naive = _naive(config, index, [list(weights[q]) for q in questions[:asked]])
    return SizeRun(
        size,
        len(index.passages),
        documents,
        build_seconds,
        count,
        frequent,
        answer,
        scoring,
        naive,
        asked,
    )


# What the `qabot` command runs (its console script), in this Python.
_QABOT = "import sys; from bot.cli import main; sys.argv[0] = 'qabot'; sys.exit(main())"


def startup(config: Config, runs: int = STARTUP_RUNS) -> float:
    """The median seconds of `qabot ask` on the config's corpus, from the command to its exit;
    ``QabotError`` if it gives no cited answer."""
    command = [sys.executable, "-c", _QABOT]
    if config.source is not None:
        command += ["--config", str(config.source)]
    command += ["ask", STARTUP_QUESTION]
    # An installed qabot runs from bytecode: pip compiles it on install, and Python writes it on
    # the first import of a checkout. A shell that sets PYTHONDONTWRITEBYTECODE (as CI may)
    # would instead time the compiling of every module, on every run.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # The first run builds the index if need be, and writes the bytecode.
    subprocess.run(command, check=True, capture_output=True, env=env)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
        seconds.append(time.perf_counter() - started)
        if "[1]" not in done.stdout:
            raise QabotError(f"qabot ask gave no cited answer: {done.stdout[:200]!r}")
    return statistics.median(seconds)


def run(
    config: Config,
    sizes: Sequence[int] = DEFAULT_SIZES,
    questions: int = DEFAULT_QUESTIONS,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] = lambda message: None,
) -> AnswerReport:
    """Time the start-up of `qabot ask`, then the questions at each size; the documents and
    indexes go to a temporary directory, removed afterwards."""
    started = time.perf_counter()
    measured_on = machine(("rank-bm25",))
    progress(f"start-up of qabot ask: {STARTUP_RUNS} runs")
    starting = startup(config)
    runs = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="qabot-bench-answer-") as directory:
            runs.append(_run_size(config, Path(directory), size, questions, seed, progress))
    return AnswerReport(
        tuple(runs), starting, STARTUP_RUNS, seed, time.perf_counter() - started, measured_on
    )


HEADER = (
    "passages",
    "build s",
    "answer p50 ms",
    "answer p99 ms",
    "scoring p50 ms",
    "scoring p99 ms",
    "rank-bm25 p50 ms",
    "answer vs rank-bm25",
)


def goals(report: AnswerReport) -> list[tuple[bool, str]]:
    """Each goal that the report measures, met or not, with its figure."""
    found = []
    for run in report.runs:
        p50_goal, p99_goal = GOALS.get(run.size, (None, None))
        label = size_label(run.size)
        if p50_goal is not None:
            found.append(
                (
                    run.answer.p50_ms <= p50_goal,
                    f"{label}: answer p50 ≤ {p50_goal:g} ms: {run.answer.p50_ms:.2f} ms",
                )
            )
        if p99_goal is not None:
            found.append(
                (
                    run.answer.p99_ms <= p99_goal,
                    f"{label}: answer p99 ≤ {p99_goal:g} ms: {run.answer.p99_ms:.2f} ms",
                )
            )
        if run.size == NAIVE_RATIO_SIZE:
            faster = ratio(run.naive.p50_ms, run.answer.p50_ms)
            found.append(
                (
                    faster >= NAIVE_RATIO,
                    f"{label}: answer ≥ {NAIVE_RATIO:g}× faster than rank-bm25's get_scores "
                    f"(p50): {times(faster)}",
                )
            )
    found.append(
        (
            report.startup_seconds <= STARTUP_SECONDS,
            f"qabot ask on the seed corpus, command to answer ≤ {STARTUP_SECONDS:g} s: "
            f"{report.startup_seconds:.2f} s",
        )
    )
    return found


def render(report: AnswerReport, markdown: bool = False) -> str:
    """The report for people: a table, and the goals."""
    rows = [
        [
            f"{run.passages:,}",
            f"{run.build_seconds:.1f}",
            f"{run.answer.p50_ms:.2f}",
            f"{run.answer.p99_ms:.2f}",
            f"{run.scoring.p50_ms:.3f}",
            f"{run.scoring.p99_ms:.3f}",
            f"{run.naive.p50_ms:,.1f}",
            times(ratio(run.naive.p50_ms, run.answer.p50_ms)),
        ]
        for run in report.runs
    ]
    bullet = "- " if markdown else "  "
    questions = ", ".join(
        f"{size_label(r.size)}: {r.questions} ({r.frequent} with a common word), rank-bm25 "
        f"{r.naive_questions}"
        for r in report.runs
    )
    lines = [
        "The whole answer, as `qabot ask --json -` gives each line: Engine.ask and the answer's "
        "JSON; beside the scoring alone (Scorer.top, 10 best) and rank-bm25's get_scores over "
        f"the same passages' terms. One question at a time, {WARM_UP} warm-up questions first. "
        f"Questions: {questions}.",
        f"Machine: {report.machine}.",
        "",
        table(HEADER, rows, markdown),
        "",
        f'Start-up: `qabot ask "{STARTUP_QUESTION}"` on the seed corpus, from the command to '
        f"its exit: {report.startup_seconds:.2f} s (median of {report.startup_runs}).",
        "",
        *(f"{bullet}{'PASS' if met else 'FAIL'}  {line}" for met, line in goals(report)),
        "",
        f"Total time: {report.seconds:.0f} s",
    ]
    return "\n".join(lines)


def to_json(report: AnswerReport) -> dict[str, Any]:
    """The report for machines."""
    return {
        **dataclasses.asdict(report),
        "warm_up": WARM_UP,
        "frequent_share": FREQUENT_SHARE,
        "goals": [{"met": met, "goal": line} for met, line in goals(report)],
    }
