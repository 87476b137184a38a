"""The gold file and the evaluation's arithmetic."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corpus.errors import ConfigError
from retrieval.answering import Engine
from retrieval.evaluation import METRICS, evaluate, is_named, load_gold, names_all
from tests.conftest import ROOT

GOLD = ROOT / "tests" / "gold" / "questions.yaml"


def test_the_gold_file_has_enough_questions_of_each_kind() -> None:
    gold = load_gold(GOLD)
    assert len(gold.questions) >= 40
    assert len(gold.out_of_scope) >= 8
    assert sum(1 for q in gold.questions if q.orgs) >= 5
    assert len(gold.conversations) >= 3
    assert all(len(turns) >= 2 for turns in gold.conversations)
    assert set(gold.thresholds) == set(METRICS)


def test_every_gold_snippet_names_exactly_one_passage(engine: Engine) -> None:
    gold = load_gold(GOLD)
    asked = [q for q in gold.questions] + [t for turns in gold.conversations for t in turns]
    for question in asked:
        for snippet in question.passages:
            holders = [p for p in engine.index.passages if snippet in p.text]
            assert len(holders) == 1, question


def test_names_all_accepts_any_alternative_and_ignores_case() -> None:
    line = "AIRCOP is implemented by UNODC, the World Customs Organization and INTERPOL [1]"
    assert names_all(line, ["unodc", "WCO|World Customs Organization", "INTERPOL"])
    assert not names_all(line, ["UNODC", "World Bank"])
    assert not names_all(None, ["UNODC"])


def test_a_perfect_engine_scores_one_and_a_wrong_snippet_scores_zero(
    engine: Engine, tmp_path: Path
) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "questions:\n"
        '  - q: "what is unoda"\n    passage: "Disarmament Affairs"\n'
        '  - q: "what is unicri"\n    passage: "Internal Oversight"\n'
        'out_of_scope:\n  - "how do I renew my passport?"\n',
        encoding="utf-8",
    )
    report = evaluate(engine, load_gold(gold))
    assert report.metrics["r_at_1"] == 0.5
    assert report.metrics["out_of_scope_refused"] == 1.0
    assert report.counts["r_at_1"] == 2


def test_a_gold_file_with_an_unknown_threshold_is_rejected(tmp_path: Path) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text("questions: []\nthresholds:\n  precision: 0.5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="precision"):
        load_gold(gold)


def test_a_question_may_name_several_passages_that_answer_it(tmp_path: Path) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "questions:\n"
        "- q: when did it start\n  passage: launched in 2009\n"
        "- q: who pays\n  passage:\n  - funded by Norway\n  - 'Donor: Norway'\n",
        encoding="utf-8",
    )
    first, second = load_gold(gold).questions
    assert first.passages == ("launched in 2009",)
    assert second.passages == ("funded by Norway", "Donor: Norway")


@pytest.mark.parametrize("passage", ["[1, 2]", "[]", "{a: b}", "['']"])
def test_a_passage_that_is_no_snippet_is_rejected(tmp_path: Path, passage: str) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text(f"questions:\n- q: who pays\n  passage: {passage}\n", encoding="utf-8")
    if passage == "[]":
        assert load_gold(gold).questions[0].passages == ()
        return
    with pytest.raises(ConfigError, match="'passage' must be a snippet or a list of snippets"):
        load_gold(gold)


def test_right_names_counts_every_name_a_line_gives_that_was_not_asked_for(
    engine: Engine, tmp_path: Path
) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "questions:\n"
        '  - q: "which agencies run aircop"\n'
        '    passage: "Airport Communication Project"\n'
        "    orgs: [UNODC, World Customs Organization|WCO]\n",
        encoding="utf-8",
    )
    report = evaluate(engine, load_gold(gold))
    # The line names INTERPOL too, which this gold does not ask for.
    assert report.counts["right_names"] == 3
    assert report.metrics["right_names"] == pytest.approx(2 / 3)
    assert report.metrics["direct_answers"] == 1.0


def test_a_name_is_right_by_any_of_its_aliases_with_or_without_its_article() -> None:
    assert is_named("the World Bank", ["World Bank"])
    assert is_named("the Office for Lagoon Affairs (OLA)", ["OLA|Lagoon Office"])
    assert not is_named("the Reef Council", ["World Bank", "OLA"])


def test_a_name_asked_for_that_an_answer_gives_twice_is_one_right_name() -> None:
    from retrieval.evaluation import _judged

    named = ("the Reef Fund (RF)", "RF", "the Lagoon Bank")
    assert _judged(named, ["RF|Reef Fund"]) == [
        ("the Reef Fund (RF)", True),
        ("the Lagoon Bank", False),
    ]


def test_a_question_about_what_an_organisation_takes_part_in_scores_its_programmes(
    engine: Engine, tmp_path: Path
) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "questions:\n"
        '  - q: "which programmes is unodc part of"\n'
        '    passage: "Airport Communication Project"\n'
        "    subjects: [AIRCOP, CRIMJUST, Reef Compact]\n",
        encoding="utf-8",
    )
    report = evaluate(engine, load_gold(gold))
    # The line names AIRCOP and CRIMJUST but not the Reef Compact, which the page never names.
    assert report.metrics["programme_lines"] == 0.0
    assert report.counts["programmes_found"] == 3
    assert report.metrics["programmes_found"] == pytest.approx(2 / 3)
    # ICCWC, which the line also names, was not asked for.
    assert report.metrics["right_programmes"] == pytest.approx(2 / 3)


def test_a_table_row_counts_when_the_snippet_joins_its_cells_by_spaces(
    make_engine: Callable[[dict[str, str]], Engine], tmp_path: Path
) -> None:
    engine = make_engine(
        {
            "reef.html": "<html><head><title>Reef Fund</title></head><body><h1>Reef Fund</h1>"
            "<p>The Reef Fund restores coral in four island states with local fishers.</p>"
            "<h2>Suppliers</h2><table><tr><th>Supplier</th><th>Supplies</th></tr>"
            "<tr><td>Tide Works Ltd</td><td>Coral nursery frames and anchors</td></tr>"
            "<tr><td>Lagoon Boats</td><td>Survey boats</td></tr></table></body></html>"
        }
    )
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "questions:\n- q: who supplies the coral nursery frames to the reef fund\n"
        "  passage: Tide Works Ltd Coral nursery frames and anchors\n",
        encoding="utf-8",
    )
    assert evaluate(engine, load_gold(gold)).metrics["r_at_3"] == 1.0
