"""The benchmarks, at tiny sizes: reproducible corpora of the documented shape, every figure for
every engine, the ratios and targets, and a bot that answers every question."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from click.testing import CliRunner

import benchmarks
from benchmarks import answer, bot, pipeline
from benchmarks.reporting import Latency, parse_sizes, ratio, size_label, times
from benchmarks.synthetic import (
    FREQUENT_TERMS,
    MAX_LENGTH,
    MIN_LENGTH,
    VOCABULARY_SIZE,
    document_frequencies,
    generate_corpus,
    generate_queries,
)
from bot.cli import main
from bot.config import load_config
from corpus.errors import QabotError
from corpus.progress import quietly
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def scoring() -> ModuleType:
    """The scoring benchmark, when the bench extra is installed."""
    pytest.importorskip("bm25s")
    pytest.importorskip("psutil")
    from benchmarks import scoring

    return scoring


@pytest.fixture(scope="module")
def tiny_report(scoring: ModuleType) -> object:
    """The whole scoring benchmark at 1k passages, each engine in its own process."""
    return scoring.run([1_000], queries=8)


def test_the_synthetic_corpus_is_the_same_for_the_same_seed() -> None:
    first, again, other = (generate_corpus(1_000, seed) for seed in (7, 7, 8))
    assert np.array_equal(first.ids, again.ids) and np.array_equal(first.lengths, again.lengths)
    assert not np.array_equal(first.lengths, other.lengths)
    assert generate_queries(first, 20, 7) == generate_queries(again, 20, 7)


def test_the_synthetic_corpus_has_the_documented_shape() -> None:
    corpus = generate_corpus(1_000, 7)
    assert corpus.size == 1_000 and len(corpus.vocabulary) == VOCABULARY_SIZE
    assert corpus.lengths.min() >= MIN_LENGTH and corpus.lengths.max() <= MAX_LENGTH
    assert len(corpus.ids) == corpus.lengths.sum()
    assert corpus.ids.min() >= 0 and corpus.ids.max() < VOCABULARY_SIZE
    counts = np.bincount(corpus.ids, minlength=VOCABULARY_SIZE)
    # Zipf: the commonest term is id 0, about 11 % of the tokens, and frequency falls with rank.
    assert counts.argmax() == 0 and 0.08 < counts[0] / len(corpus.ids) < 0.14
    assert counts[0] > counts[9] > counts[99:200].mean() > counts[9_000:10_000].mean()


def test_queries_have_two_to_eight_distinct_terms_some_of_them_one_of_the_commonest() -> None:
    corpus = generate_corpus(1_000, 7)
    frequency = dict(zip(corpus.vocabulary, document_frequencies(corpus), strict=True))
    common = set(corpus.vocabulary[:FREQUENT_TERMS])
    queries = generate_queries(corpus, 100, 7)
    assert len(queries) == 100
    for query in queries:
        assert 2 <= len(query) <= 8 and len(set(query)) == len(query)
        rest = [term for term in query if term not in common]
        assert len(rest) >= len(query) - 1
        assert all(1 <= frequency[term] <= 50 for term in rest)  # 0.1 % to 5 % of 1,000
    assert {len(query) for query in queries} == set(range(2, 9))
    with_common = sum(not common.isdisjoint(query) for query in queries)
    assert 20 <= with_common <= 50  # 35 % of them


def test_too_small_a_corpus_for_mid_frequency_queries_is_a_clear_error() -> None:
    with pytest.raises(QabotError, match="use 1k passages or more"):
        generate_queries(generate_corpus(10, 7), 5, 7)


def test_document_frequencies_count_passages_not_occurrences() -> None:
    corpus = generate_corpus(1_000, 7)
    passages = corpus.passages()
    for term in (0, 5, 500):
        assert document_frequencies(corpus)[term] == sum(term in p for p in passages)


def test_ratios_sizes_and_latency_figures() -> None:
    assert ratio(10.0, 2.0) == 5.0 and ratio(1.0, 4.0) == 0.25
    assert math.isnan(ratio(1.0, 0.0)) and math.isnan(ratio(-1.0, 2.0))
    assert [times(v) for v in (812.4, 14.2, 1.6, 0.42, math.nan)] == [
        "812×",
        "14×",
        "1.6×",
        "0.42×",
        "n/a",
    ]
    assert parse_sizes("1k, 10k,100k,1M,2500") == (1_000, 10_000, 100_000, 1_000_000, 2_500)
    assert [size_label(s) for s in (1_000, 1_000_000, 2_500)] == ["1k", "1M", "2500"]
    for bad in ("1x", "0", "1.5", ""):
        with pytest.raises(ValueError):
            parse_sizes(bad)
    latency = Latency.of([0.001] * 98 + [0.002, 0.010])
    assert latency.samples == 100 and latency.p50_ms == pytest.approx(1.0)
    assert 1.0 < latency.p99_ms <= 10.0 and latency.per_second == pytest.approx(100 / 0.110)


def test_the_scoring_benchmark_reports_every_figure_for_every_engine(
    scoring: ModuleType, tiny_report: object
) -> None:
    for engine in scoring.ENGINES:
        measured = tiny_report.measurement(engine, 1_000)
        assert measured is not None, [r for r in tiny_report.results if r.engine == engine]
        assert measured.build_seconds > 0 and measured.peak_bytes >= measured.resident_bytes > 0
        assert measured.queries == 8
        assert measured.latency.samples == 8 * (1 if engine == scoring.NAIVE else scoring.REPEATS)
        assert 0 < measured.latency.p50_ms <= measured.latency.p99_ms
        assert measured.latency.per_second > 0 and len(measured.top) == 8
    figures = tiny_report.measurement(scoring.QABOT, 1_000).qabot
    assert figures.index_bytes > figures.postings_bytes > 0 and figures.file_bytes > 0
    assert figures.save_seconds > 0 and figures.loading is not None
    assert 0 < figures.loading.load_seconds <= figures.loading.ready_seconds
    assert scoring.agreement(tiny_report, 1_000).agrees


def test_the_scoring_report_reads_as_text_markdown_and_json(
    scoring: ModuleType, tiny_report: object
) -> None:
    text = scoring.render(tiny_report)
    for engine in scoring.ENGINES:
        assert f"1k        {engine}" in text
    assert "qabot is" in text and "than rank-bm25 at p50" in text and "than bm25s" in text
    assert "than tantivy at p50" in text
    assert "sanity 1k: qabot and rank-bm25 give the same top-10 on 8/8 queries: ok" in text
    assert "n/a   1M: load ≤ 5 s" in text and "Total time:" in text
    markdown = scoring.render(tiny_report, markdown=True)
    assert "| passages | engine | build s |" in markdown and "|---|" in markdown
    data = json.loads(json.dumps(scoring.to_json(tiny_report)))
    assert [r["status"] for r in data["results"]] == ["ok"] * 4
    assert data["results"][1]["qabot"]["loading"]["ready_seconds"] > 0
    assert len(data["targets"]) == 13 and all(t["passed"] is None for t in data["targets"])


def _measurement(scoring: ModuleType, engine: str, size: int, p50: float, p99: float) -> object:
    figures = scoring.QabotFigures(900 * size, 450 * size, 450 * size, 0.1, None)
    loaded = scoring.QabotFigures(
        900 * size, 450 * size, 450 * size, 0.1, scoring.Loading(0.5, 4.0, 900 * size)
    )
    return scoring.Measurement(
        engine=engine,
        size=size,
        build_seconds=20.0,
        peak_bytes=1,
        resident_bytes=1,
        queries=1,
        latency=Latency(1, p50, p99, 1000 / p50),
        top=(),
        qabot=(loaded if size == 1_000_000 else figures) if engine == scoring.QABOT else None,
    )


def test_targets_pass_and_fail_on_the_figures_and_ratios(scoring: ModuleType) -> None:
    results = (
        _measurement(scoring, scoring.NAIVE, 100_000, 100.0, 200.0),
        _measurement(scoring, scoring.QABOT, 100_000, 0.15, 1.5),
        _measurement(scoring, scoring.BM25S, 100_000, 0.1, 0.5),
        _measurement(scoring, scoring.TANTIVY, 100_000, 0.1, 1.0),
        _measurement(scoring, scoring.QABOT, 1_000_000, 2.0, 9.0),
        _measurement(scoring, scoring.TANTIVY, 1_000_000, 1.5, 3.0),
    )
    report = scoring.Report((100_000, 1_000_000), 1, 1, results, 1.0, "a test machine")
    verdicts = {target.goal: target.passed for target in scoring.targets(report)}
    assert verdicts == {
        "100k: p50 ≤ 0.2 ms": True,
        "100k: p99 ≤ 1 ms": False,
        "100k: ≥ 500× faster than rank-bm25": True,  # 667×
        "100k: faster than bm25s": False,  # 0.67×
        "100k: p50 within 1.5× of tantivy's": True,  # 1.5×
        "100k: p99 within 2× of tantivy's": True,  # 1.5×
        "1M: p50 within 1.5× of tantivy's": True,  # 1.33×
        "1M: p99 within 2× of tantivy's": False,  # 3×
        "1M: p50 ≤ 3 ms": True,
        "1M: p99 ≤ 10 ms": True,
        "1M: index ≤ 1.0 KB (1,000 bytes) per passage": True,
        "1M: build ≤ 90 s": True,
        "1M: load ≤ 5 s (npz to a ready Scorer)": True,
    }
    lines = scoring.comparisons(report, 100_000)
    assert lines[0].startswith("100k: qabot is 667× faster than rank-bm25 at p50")
    assert lines[1].startswith("100k: qabot is 1.5× slower than bm25s at p50")


def test_the_bot_answers_every_question_on_the_seed_and_a_synthetic_corpus() -> None:
    config = load_config(ROOT / "config.yaml")
    report = bot.run(config, sizes=(300,), questions=4)
    seed, synthetic = report.runs
    assert synthetic.name == "300" and synthetic.passages == 300 and synthetic.documents == 2
    for run in report.runs:
        assert run.replied == run.questions == 4 and run.latency.samples == 4
        assert 0 < run.latency.p50_ms <= run.returned.p50_ms
        assert run.paced.samples == 4 and run.paced.p50_ms > 0
    assert seed.passages > 0 and seed.answered >= 1
    text = bot.render(report)
    assert "seed" in text and "n/a   100k: p50 ≤ 5 ms per question: not measured" in text
    assert "paced p50 ms" in text and "back to back" in text
    assert json.loads(json.dumps(bot.to_json(report)))["target"]["passed"] is None


def test_the_build_benchmark_times_qabot_index_build_step_by_step() -> None:
    report = pipeline.run((400, 3_000), seed=7, bars=quietly)
    small, large = report.runs
    assert (small.passages, small.documents, large.documents) == (400, 2, 15)
    for run in report.runs:
        assert [what for what, _ in run.steps] == [
            "reading documents",
            "splitting",
            "reading words",
            "indexing passages",
        ]
        assert 0 < sum(seconds for _, seconds in run.steps) <= run.build_seconds
        assert run.index_bytes > 0 and run.load_seconds > 0 and run.peak_bytes > 0
        assert run.processes == 1 and run.corpus_bytes > 0
    text = pipeline.render(report)
    assert "reading words s" in text and "3k" in text
    assert "(the 90 s target applies at 1M)" in text
    assert json.loads(json.dumps(pipeline.to_json(report)))["runs"][1]["passages"] >= 3_000


def test_the_build_target_passes_and_fails_on_the_build_time() -> None:
    def at(seconds: float) -> pipeline.PipelineReport:
        run = pipeline.BuildRun(1_000_000, 5_000, 1, 1_000_000, 2, (), seconds, 1, 1.0, 1, 1)
        return pipeline.PipelineReport((run,), 1, seconds, "here")

    assert pipeline.target_line(at(89.9)).startswith("PASS  1M: build ≤ 90 s: 89.9 s")
    assert pipeline.target_line(at(90.1)).startswith("FAIL")


def test_bench_build_prints_the_report() -> None:
    result = CliRunner().invoke(main, ["bench", "--build", "--sizes", "500", "--markdown"])
    assert result.exit_code == 0, result.output
    assert "| 500 | 3 |" in result.output and "indexing passages s" in result.output
    both = CliRunner().invoke(main, ["bench", "--build", "--bot"])
    assert both.exit_code == 2 and "choose one of --bot, --build and --answer" in both.output


def test_bench_refuses_json_with_markdown_and_a_bad_size() -> None:
    both = CliRunner().invoke(main, ["bench", "--json", "--markdown"])
    assert both.exit_code == 2 and "not both" in both.output
    bad = CliRunner().invoke(main, ["bench", "--sizes", "1x"])
    assert bad.exit_code == 2 and "1k, 250k or 1M" in bad.output


def test_bench_without_the_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "benchmarks.scoring", raising=False)
    monkeypatch.delattr(benchmarks, "scoring", raising=False)
    monkeypatch.setitem(sys.modules, "bm25s", None)  # importing it now fails
    result = CliRunner().invoke(main, ["bench", "--sizes", "1k"])
    assert result.exit_code == 1
    assert "needs bm25s: pip install -e '.[bench]'" in result.output


def test_bench_has_help_with_an_example() -> None:
    result = CliRunner().invoke(main, ["bench", "--help"])
    assert result.exit_code == 0 and "Example" in result.output and "--bot" in result.output


def test_the_answer_benchmark_times_whole_answers_beside_the_scoring_and_rank_bm25() -> None:
    config = load_config(ROOT / "config.yaml")
    report = answer.run(config, sizes=(600,), questions=12, seed=3)
    (run,) = report.runs
    assert (run.passages, run.documents, run.questions) == (600, 3, 12)
    assert run.answer.samples == run.scoring.samples == 12
    assert run.naive.samples == run.naive_questions == 12
    # The scoring is a step of the answer; rank-bm25 scores all 600 passages in Python.
    assert 0 < run.scoring.p50_ms < run.answer.p50_ms
    assert 0 < report.startup_seconds < 30
    text = answer.render(report)
    assert "answer p50 ms" in text and "Start-up: `qabot ask" in text
    assert "qabot ask on the seed corpus, command to answer ≤ 0.3 s" in text
    data = json.loads(json.dumps(answer.to_json(report)))
    assert data["runs"][0]["passages"] == 600 and len(data["goals"]) == 1


def test_some_benchmark_questions_hold_one_of_the_commonest_words(seed_index: object) -> None:
    asked, frequent = answer.questions_for(seed_index, 200, 5)
    assert len(asked) == 200 and 40 <= frequent <= 100
    again, _ = answer.questions_for(seed_index, 200, 5)
    assert again == asked


def test_the_answer_goals_pass_and_fail_on_the_figures() -> None:
    def at(p50: float, p99: float, naive_p50: float, size: int = 100_000) -> answer.AnswerReport:
        run = answer.SizeRun(
            size,
            size,
            size // 200,
            1.0,
            400,
            140,
            Latency(400, p50, p99, 1000 / p50),
            Latency(400, p50 / 10, p99 / 10, 10_000 / p50),
            Latency(20, naive_p50, naive_p50, 1000 / naive_p50),
            20,
        )
        return answer.AnswerReport((run,), 0.25, 5, 1, 60.0, "here")

    met = answer.goals(at(0.9, 3.0, 95.0))
    assert [ok for ok, _ in met] == [True, True, True]
    assert "100k: answer p50 ≤ 1 ms: 0.90 ms" in met[0][1] and "106×" in met[1][1]
    assert [ok for ok, _ in answer.goals(at(1.1, 3.0, 95.0))] == [False, False, True]
    large = answer.goals(at(4.0, 21.0, 900.0, size=1_000_000))
    assert [ok for ok, _ in large] == [True, False, True]


def test_the_start_up_is_timed_to_a_cited_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(ROOT / "config.yaml")
    assert 0 < answer.startup(config, runs=1) < 30
    monkeypatch.setattr(answer, "STARTUP_QUESTION", "who won the tour de france in 2019")
    with pytest.raises(QabotError, match="no cited answer"):
        answer.startup(config, runs=1)


def test_the_start_up_is_timed_from_bytecode_as_an_installed_qabot_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A shell that says not to write bytecode would time the compiling of every module.
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path))
    answer.startup(load_config(ROOT / "config.yaml"), runs=1)
    assert list(tmp_path.rglob("answering*.pyc"))
