"""``qabot eval`` over several collections, each reported on its own, through the same engine as
``qabot ask``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.config import load_config
from corpus.errors import ConfigError
from retrieval.answering import AnswerSettings
from retrieval.eval_sets import development, engine_for
from retrieval.evaluation import load_gold
from retrieval.indexing import CorpusSettings
from tests.conftest import ROOT

PAGE = (
    "Reef Compact\n\n"
    "The Reef Compact is a programme for coral reefs. It was launched in 2009 in Suva.\n\n"
    "Funding\n\n"
    "Norway and the European Union pay for the work.\n"
)


def _development(root: Path) -> Path:
    """A development corpus of one page, and a tuned and an untuned part."""
    (root / "documents").mkdir(parents=True)
    (root / "documents" / "reef.txt").write_text(PAGE, encoding="utf-8")
    (root / "tuned.yaml").write_text(
        "questions:\n- q: when did the reef compact start\n  passage: launched in 2009\n"
        "out_of_scope:\n- best pizza in rome\nthresholds:\n  r_at_1: 1.0\n",
        encoding="utf-8",
    )
    (root / "untuned.yaml").write_text(
        "questions:\n- q: who pays for the reef compact\n  passage: Norway and the European\n",
        encoding="utf-8",
    )
    return root


def test_each_part_of_a_development_corpus_is_reported_on_its_own(tmp_path: Path) -> None:
    root = _development(tmp_path / "dev")
    corpus = CorpusSettings(tmp_path / "unused", tmp_path / "unused.yaml", tmp_path / "i.npz")
    tuned, untuned = development(root, corpus, AnswerSettings())
    assert tuned.name == "development corpus dev, tuned part (1 documents)"
    assert untuned.name == "development corpus dev, untuned part (1 documents)"
    assert tuned.report.metrics["r_at_1"] == 1.0
    assert tuned.report.metrics["out_of_scope_refused"] == 1.0
    assert tuned.report.thresholds == {"r_at_1": 1.0}
    assert untuned.report.counts["r_at_1"] == 1


def test_a_development_corpus_without_documents_or_gold_files_is_an_error(
    tmp_path: Path,
) -> None:
    corpus = CorpusSettings(tmp_path / "unused", tmp_path / "unused.yaml", tmp_path / "i.npz")
    (tmp_path / "dev").mkdir()
    with pytest.raises(ConfigError, match="needs a documents/ directory and gold files"):
        development(tmp_path / "dev", corpus, AnswerSettings())


def test_eval_development_prints_one_table_per_part_and_exits_1_below_a_threshold(
    tmp_path: Path,
) -> None:
    root = _development(tmp_path / "dev")
    (root / "tuned.yaml").write_text(
        "questions:\n- q: when did the reef compact start\n  passage: no such snippet\n"
        "thresholds:\n  r_at_1: 1.0\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["eval", "--development", str(root)])
    assert result.exit_code == 1
    assert "development corpus dev, tuned part (1 documents)" in result.output
    assert "development corpus dev, untuned part (1 documents)" in result.output
    assert (
        "below threshold: development corpus dev, tuned part (1 documents): r_at_1" in result.output
    )


def test_eval_json_gives_each_collection_its_figures(tmp_path: Path) -> None:
    root = _development(tmp_path / "dev")
    result = CliRunner().invoke(main, ["eval", "--development", str(root), "--json"])
    assert result.exit_code == 0, result.output
    reports = json.loads(result.output)
    assert [r["collection"].split(",")[1].strip() for r in reports] == [
        "tuned part (1 documents)",
        "untuned part (1 documents)",
    ]
    assert all(r["below"] == [] for r in reports)


def test_eval_reports_each_development_corpus_it_is_given(tmp_path: Path) -> None:
    first, second = _development(tmp_path / "dev"), _development(tmp_path / "web")
    result = CliRunner().invoke(
        main, ["eval", "--development", str(first), "--development", str(second), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert [r["collection"].split(",")[0] for r in json.loads(result.output)] == [
        "development corpus dev",
        "development corpus dev",
        "development corpus web",
        "development corpus web",
    ]


def test_the_shipped_development_corpus_has_its_parts_and_enough_questions() -> None:
    root = Path(__file__).parent / "dev"
    documents = [p for p in (root / "documents").iterdir() if p.suffix != ".yaml"]
    assert len(documents) >= 30
    parts = sorted(root.glob("*.yaml"))
    assert [part.stem for part in parts] == [
        "reverse-tuned",
        "reverse-untuned",
        "seen",
        "tuned",
        "untuned",
    ]
    gold = [load_gold(part) for part in parts]
    assert sum(len(g.questions) for g in gold) >= 100
    assert sum(len(g.out_of_scope) for g in gold) >= 20


def _development_dirs() -> list[Path]:
    config = load_config(ROOT / "config.yaml")
    return [ROOT / path for path in config.eval.development]


@pytest.mark.parametrize("root", _development_dirs(), ids=lambda root: root.name)
def test_every_gold_snippet_of_a_development_corpus_is_in_a_passage(root: Path) -> None:
    # A snippet that no passage holds can never count: the import lost its text, or the gold
    # file misquotes the page.
    config = load_config(ROOT / "config.yaml")
    passages = [
        " ".join(p.text.replace(" | ", " ").split())
        for p in engine_for(root / "documents", config.corpus, config.answers).index.passages
    ]
    for part in sorted(root.glob("*.yaml")):
        if part.name == "acronyms.yaml":
            continue
        for question in load_gold(part).questions:
            assert not question.passages or any(
                snippet.replace(" | ", " ") in text
                for snippet in question.passages
                for text in passages
            ), (part.name, question.q)
