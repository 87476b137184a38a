"""The Cranfield benchmark: reading its files, the metrics' arithmetic, cross-validation, and
``qabot eval --cranfield`` on a small invented collection and, when present, the real one."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from corpus.errors import BenchmarkError
from retrieval.cranfield import (
    DOCUMENTS_FILE,
    JUDGEMENTS_FILE,
    QUERIES_FILE,
    Document,
    Judgement,
    Query,
    load_collection,
    ndcg,
    recall,
    write_corpus,
)

REAL_CRANFIELD = Path(__file__).parent / "cranfield"

DOCUMENTS = """\
.I 1
.T
flutter of a swept wing
in a wind tunnel .
.A
smith,j.
.B
j. ae. scs. 12, 1955, 100.
.W
flutter of a swept wing
in a wind tunnel .
  the flutter speed of a swept wing model was measured .
.I 2
.T
heat transfer to a flat plate .
.A
jones,k.
.B
naca tn 1234
.W
heat transfer to a flat plate .
  heat transfer rates in laminar and turbulent flow are compared .
.I 3
.T
boundary layer separation on airfoils .
.W
boundary layer separation on airfoils .
  separation of the laminar boundary layer is predicted .
.I 4
.T
.A
.B
.W
.I 5
.T
shock waves in hypersonic flow .
.A
lee,m.
.B
arc 222
.W
shock waves in hypersonic flow .
  the shock standoff distance at high mach number is computed .
"""

# Windows line endings, as the real cran.qry has, and .I numbers that skip.
QUERIES = (
    ".I 001\r\n.W\r\nwhat is the flutter speed\r\nof a swept wing .\r\n"
    ".I 004\r\n.W\r\nhow does heat transfer depend on turbulent flow .\r\n"
    ".I 009\r\n.W\r\ncan boundary layer separation be predicted .\r\n"
)

# Queries by position: 2 is the query whose .I is 004, 3 the one whose .I is 009.
JUDGEMENTS = "1 1 1\n1 5 -1\n2 2 2\n2 3 4\n3 3 1\n"


def write_collection(
    directory: Path,
    documents: str = DOCUMENTS,
    queries: str = QUERIES,
    judgements: str = JUDGEMENTS,
) -> Path:
    """The three Cranfield files, written into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / DOCUMENTS_FILE).write_text(documents, encoding="utf-8")
    (directory / QUERIES_FILE).write_bytes(queries.encode("utf-8"))
    (directory / JUDGEMENTS_FILE).write_text(judgements, encoding="utf-8")
    return directory


@pytest.fixture
def collection_dir(tmp_path: Path) -> Path:
    return write_collection(tmp_path / "cranfield")


def test_documents_keep_every_field_with_multi_line_fields_joined(collection_dir: Path) -> None:
    documents = load_collection(collection_dir).documents
    assert [document.number for document in documents] == [1, 2, 3, 4, 5]
    assert documents[0] == Document(
        number=1,
        title="flutter of a swept wing in a wind tunnel .",
        authors="smith,j.",
        bibliography="j. ae. scs. 12, 1955, 100.",
        text="flutter of a swept wing in a wind tunnel . the flutter speed of a swept wing model "
        "was measured .",
    )


def test_a_missing_or_empty_field_reads_as_empty_text(collection_dir: Path) -> None:
    documents = load_collection(collection_dir).documents
    assert (documents[2].authors, documents[2].bibliography) == ("", "")
    assert documents[2].title == "boundary layer separation on airfoils ."
    assert documents[3] == Document(4, "", "", "", "")


def test_a_field_marked_twice_in_a_record_continues(tmp_path: Path) -> None:
    # The real cran.all.1400 has abstracts spliced with marker lines in them (record 240).
    spliced = ".I 7\n.T\nmixing layers .\n.W\nfirst part .\n.A\nsecond author\n.W\nsecond part .\n"
    directory = write_collection(tmp_path, documents=spliced, judgements="")
    document = load_collection(directory).documents[0]
    assert document.text == "first part . second part ."
    assert document.authors == "second author"


def test_queries_are_numbered_by_position_and_keep_their_own_number(
    collection_dir: Path,
) -> None:
    queries = load_collection(collection_dir).queries
    assert queries == (
        Query(1, 1, "what is the flutter speed of a swept wing ."),
        Query(2, 4, "how does heat transfer depend on turbulent flow ."),
        Query(3, 9, "can boundary layer separation be predicted ."),
    )


def test_judgements_name_queries_by_position_not_by_their_number(collection_dir: Path) -> None:
    gains = load_collection(collection_dir).gains()
    # Query 2 is the one numbered .I 004; document 5 is judged (-1) but not relevant.
    assert gains == {1: {1: 4}, 2: {2: 3, 3: 1}, 3: {3: 4}}


def test_grades_one_to_four_are_relevant_with_gain_five_minus_grade() -> None:
    assert [(Judgement(1, 1, g).relevant, Judgement(1, 1, g).gain) for g in (1, 2, 3, 4)] == [
        (True, 4),
        (True, 3),
        (True, 2),
        (True, 1),
    ]
    assert [(Judgement(1, 1, g).relevant, Judgement(1, 1, g).gain) for g in (-1, 0, 5)] == [
        (False, 0),
        (False, 0),
        (False, 0),
    ]


@pytest.mark.parametrize(
    ("file", "content", "message", "line"),
    [
        (DOCUMENTS_FILE, ".I 1\n.T\nwing\n.X\nflutter\n", "unknown field .X", 4),
        (DOCUMENTS_FILE, ".I one\n.T\nwing\n", ".I needs a number", 1),
        (DOCUMENTS_FILE, ".I 1\n.T\nwing\n.I 1\n.T\ntail\n", ".I 1 again (first on line 1)", 4),
        (DOCUMENTS_FILE, "wing flutter\n.I 1\n.T\nwing\n", "text outside any field", 1),
        (DOCUMENTS_FILE, ".I 1\nwing flutter\n", "text outside any field", 2),
        (DOCUMENTS_FILE, "\n\n", "no .I records", None),
        (QUERIES_FILE, ".I 1\n.T\nwing\n", "unknown field .T (expected .I, .W)", 2),
        (JUDGEMENTS_FILE, "1 1 1\n1 2\n", "expected 'query document grade', got '1 2'", 2),
        (JUDGEMENTS_FILE, "1 1 high\n", "expected 'query document grade'", 1),
        (JUDGEMENTS_FILE, "9 1 1\n", "query 9 out of range: the query file has 3 queries", 1),
        (JUDGEMENTS_FILE, "1 6 1\n", "no document .I 6", 1),
        (JUDGEMENTS_FILE, "1 1 1\n2 2 1\n1 1 2\n", "judged again (first on line 1)", 3),
    ],
)
def test_a_malformed_file_is_an_error_naming_the_file_and_line(
    tmp_path: Path, file: str, content: str, message: str, line: int | None
) -> None:
    directory = write_collection(tmp_path)
    (directory / file).write_text(content, encoding="utf-8")
    with pytest.raises(BenchmarkError) as caught:
        load_collection(directory)
    assert caught.value.path == directory / file
    assert caught.value.line == line
    assert message in str(caught.value)


def test_a_missing_file_or_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkError, match="not a directory"):
        load_collection(tmp_path / "nowhere")
    (tmp_path / DOCUMENTS_FILE).write_text(DOCUMENTS, encoding="utf-8")
    with pytest.raises(BenchmarkError, match=f"{QUERIES_FILE}: no such file"):
        load_collection(tmp_path)


def test_ndcg_divides_by_the_best_order_of_all_relevant_documents() -> None:
    gains = {"a": 4, "b": 2, "c": 3}
    # DCG: 4/log2(2) + 0 + 2/log2(4) = 5; ideal: 4 + 3/log2(3) + 2/log2(4).
    assert ndcg(["a", "x", "b"], gains) == pytest.approx(5 / (5 + 3 / math.log2(3)))
    assert ndcg(["a", "c", "b"], gains) == pytest.approx(1.0)
    assert ndcg(["x", "y"], gains) == 0.0


def test_ndcg_counts_only_the_first_ten_places() -> None:
    ranking = [f"n{i}" for i in range(10)] + ["a"]
    assert ndcg(ranking, {"a": 4}) == 0.0
    # With twelve relevant documents the ideal holds only the best ten.
    gains = {f"r{i}": 1 for i in range(12)}
    assert ndcg([f"r{i}" for i in range(10)], gains) == pytest.approx(1.0)


def test_recall_is_the_share_of_relevant_documents_found_within_the_depth() -> None:
    assert recall(["a", "x", "b"], {"a", "b", "c"}) == pytest.approx(2 / 3)
    assert recall(["a", "x", "b"], {"a", "b", "c"}, depth=2) == pytest.approx(1 / 3)


def test_the_documents_are_written_as_a_corpus_of_text_files_with_their_titles(
    collection_dir: Path, tmp_path: Path
) -> None:
    write_corpus(load_collection(collection_dir), tmp_path / "documents")
    text = (tmp_path / "documents" / "cranfield-0001.txt").read_text(encoding="utf-8")
    assert text.startswith("flutter of a swept wing in a wind tunnel . the flutter speed")
    sidecar = (tmp_path / "documents" / "cranfield-0001.yaml").read_text(encoding="utf-8")
    assert "title: flutter of a swept wing in a wind tunnel ." in sidecar
    # A record without a title is still a document, named by its number.
    assert "title: Cranfield 4" in (tmp_path / "documents" / "cranfield-0004.yaml").read_text()


def test_eval_cranfield_asks_the_queries_through_qabot_and_reports_its_figures(
    collection_dir: Path,
) -> None:
    result = CliRunner().invoke(main, ["eval", "--cranfield", str(collection_dir), "--json"])
    assert result.exit_code in (0, 1), result.output
    [report] = json.loads(result.output.splitlines()[0])
    assert report["collection"].startswith("Cranfield through qabot ask (5 documents)")
    assert set(report["metrics"]) == {"ndcg_at_10", "recall_at_10", "answered"}
    assert report["counts"]["ndcg_at_10"] == 3  # the queries with a relevant document
    # The documents are few and the queries share their words: each finds its own first.
    assert report["metrics"]["answered"] == 1.0
    assert report["metrics"]["ndcg_at_10"] > 0.8


def test_eval_cranfield_reports_a_malformed_file_in_one_line(collection_dir: Path) -> None:
    (collection_dir / JUDGEMENTS_FILE).write_text("1 1 1\n4 1 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--cranfield", str(collection_dir)])
    assert result.exit_code == 1
    assert f"{JUDGEMENTS_FILE}:2: query 4 out of range" in result.output
    assert "Traceback" not in result.output
