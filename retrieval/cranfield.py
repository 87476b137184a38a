"""Ranking quality on the Cranfield collection, measured through the product.

Cranfield is 1400 aeronautics abstracts, 225 queries and graded judgements, written by nobody on
the team. Its documents are written out as a qabot corpus (one text file and sidecar each), read,
split and indexed by the same code as any corpus, and its queries are asked of the same
``Engine`` as ``qabot ask`` and the bot, with the same settings. A query is scored on the
documents of the first passages of its answer, in the order they first appear; a refused query
("not in the corpus") scores 0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Container, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path

import yaml

from corpus.errors import BenchmarkError, QuestionError
from retrieval.answering import Engine

DOCUMENTS_FILE = "cran.all.1400"
QUERIES_FILE = "cran.qry"
JUDGEMENTS_FILE = "cranqrel"
NDCG_DEPTH = 10
# A query is scored on the documents of its answer's first passages: as many as one may ask for.
PASSAGES = 20
RELEVANT_GRADES = range(1, 5)
# A relevant document's gain is 5 - grade: 4 for grade 1, a complete answer, down to 1.
_GAIN_BASE = 5

_MARKER = re.compile(r"\.([A-Z])(?:\s+(.*))?")
_DOCUMENT_FIELDS = {"T": "title", "A": "authors", "B": "bibliography", "W": "text"}
_QUERY_FIELDS = {"W": "text"}


@dataclass(frozen=True)
class Document:
    """One document of ``cran.all.1400``; a field the record lacks is empty.

    Attributes:
        number: its ``.I`` number, which the judgements use.
        title: ``.T``.
        authors: ``.A``.
        bibliography: ``.B``, where it was published.
        text: ``.W``, the abstract; in Cranfield it starts with the title again.
    """

    number: int
    title: str
    authors: str
    bibliography: str
    text: str


@dataclass(frozen=True)
class Query:
    """One query of ``cran.qry``.

    Attributes:
        position: its place in the file, from 1: the number the judgements use.
        number: its ``.I`` number, which the judgements do not use.
        text: ``.W``.
    """

    position: int
    number: int
    text: str


@dataclass(frozen=True)
class Judgement:
    """One line of ``cranqrel``.

    Attributes:
        query: the query's position in ``cran.qry``.
        document: the document's ``.I`` number.
        grade: 1 (a complete answer) to 4 (minimal interest) for a relevant document; any
            other grade (Cranfield has -1) judges it not relevant.
    """

    query: int
    document: int
    grade: int

    @property
    def relevant(self) -> bool:
        """Whether the grade makes the document relevant."""
        return self.grade in RELEVANT_GRADES

    @property
    def gain(self) -> int:
        """Its gain for nDCG: 5 - grade when relevant, else 0."""
        return _GAIN_BASE - self.grade if self.relevant else 0


@dataclass(frozen=True)
class Collection:
    """The three files of a Cranfield directory, read and checked against each other.

    Attributes:
        documents: in file order.
        queries: in file order.
        judgements: in file order.
    """

    documents: tuple[Document, ...]
    queries: tuple[Query, ...]
    judgements: tuple[Judgement, ...]

    def gains(self) -> dict[int, dict[int, int]]:
        """Query position → {document number: gain} of its relevant documents."""
        gains: dict[int, dict[int, int]] = {}
        for judgement in self.judgements:
            if judgement.relevant:
                gains.setdefault(judgement.query, {})[judgement.document] = judgement.gain
        return gains


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BenchmarkError(path, "no such file") from None
    except UnicodeDecodeError:
        raise BenchmarkError(path, "not UTF-8 text") from None
    except OSError as error:
        raise BenchmarkError(path, error.strerror or str(error)) from None


def _records(path: Path, fields: Mapping[str, str]) -> list[tuple[int, dict[str, str]]]:
    """(``.I`` number, {field name: text}) of each record of a SMART-format file.

    A field runs until the next marker; its lines are joined with single spaces. A field
    marked twice in one record continues: the real ``cran.all.1400`` has three records
    (240, 576, 578) whose abstracts were spliced with marker lines inside them.
    """
    records: list[tuple[int, dict[str, list[str]]]] = []
    field: str | None = None
    seen: dict[int, int] = {}
    for line_number, line in enumerate(_read(path).splitlines(), 1):
        marker = _MARKER.fullmatch(line.rstrip())
        if marker and marker[1] == "I":
            number = (marker[2] or "").strip()
            if not number.isdigit():
                raise BenchmarkError(path, f".I needs a number, not {number!r}", line_number)
            if int(number) in seen:
                raise BenchmarkError(
                    path, f".I {int(number)} again (first on line {seen[int(number)]})", line_number
                )
            seen[int(number)] = line_number
            records.append((int(number), {}))
            field = None
        elif marker:
            if marker[1] not in fields:
                known = ", ".join(f".{name}" for name in ["I", *fields])
                raise BenchmarkError(
                    path, f"unknown field .{marker[1]} (expected {known})", line_number
                )
            if not records:
                raise BenchmarkError(path, f".{marker[1]} before the first .I", line_number)
            field = fields[marker[1]]
            records[-1][1].setdefault(field, []).append(marker[2] or "")
        elif line.strip():
            if field is None:
                raise BenchmarkError(path, "text outside any field", line_number)
            records[-1][1][field].append(line)
    if not records:
        raise BenchmarkError(path, "no .I records")
    return [
        (number, {name: " ".join(" ".join(lines).split()) for name, lines in texts.items()})
        for number, texts in records
    ]


def read_documents(path: Path) -> tuple[Document, ...]:
    """The documents of a ``cran.all.1400`` file."""
    return tuple(
        Document(
            number=number,
            title=texts.get("title", ""),
            authors=texts.get("authors", ""),
            bibliography=texts.get("bibliography", ""),
            text=texts.get("text", ""),
        )
        for number, texts in _records(path, _DOCUMENT_FIELDS)
    )


def read_queries(path: Path) -> tuple[Query, ...]:
    """The queries of a ``cran.qry`` file, numbered by position as the judgements number them."""
    return tuple(
        Query(position=position, number=number, text=texts.get("text", ""))
        for position, (number, texts) in enumerate(_records(path, _QUERY_FIELDS), 1)
    )


def read_judgements(path: Path, queries: int, documents: Container[int]) -> tuple[Judgement, ...]:
    """The judgements of a ``cranqrel`` file: ``query document grade`` lines, where the query
    is a position from 1 to ``queries`` and the document one of ``documents``."""
    judgements: list[Judgement] = []
    seen: dict[tuple[int, int], int] = {}
    for line_number, line in enumerate(_read(path).splitlines(), 1):
        words = line.split()
        if not words:
            continue
        try:
            query, document, grade = (int(word) for word in words)
        except ValueError:
            raise BenchmarkError(
                path, f"expected 'query document grade', got {line.strip()!r}", line_number
            ) from None
        if not 1 <= query <= queries:
            raise BenchmarkError(
                path,
                f"query {query} out of range: the query file has {queries} queries, "
                "and judgements number them by position",
                line_number,
            )
        if document not in documents:
            raise BenchmarkError(path, f"no document .I {document}", line_number)
        if (query, document) in seen:
            raise BenchmarkError(
                path,
                f"query {query}, document {document} judged again "
                f"(first on line {seen[query, document]})",
                line_number,
            )
        seen[query, document] = line_number
        judgements.append(Judgement(query, document, grade))
    return tuple(judgements)


def load_collection(directory: Path) -> Collection:
    """The Cranfield files of ``directory``, read and checked."""
    if not directory.is_dir():
        raise BenchmarkError(directory, "not a directory with the Cranfield files")
    documents = read_documents(directory / DOCUMENTS_FILE)
    queries = read_queries(directory / QUERIES_FILE)
    numbers = {document.number for document in documents}
    judgements = read_judgements(directory / JUDGEMENTS_FILE, len(queries), numbers)
    return Collection(documents, queries, judgements)


def _dcg(gains: Iterable[float]) -> float:
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, 1))


def ndcg(ranking: Sequence[int], gains: Mapping[int, int], depth: int = NDCG_DEPTH) -> float:
    """nDCG@depth: each document's gain over log2(rank + 1), divided by the same sum for the
    best order of every judged relevant document, retrieved or not."""
    ideal = _dcg(sorted(gains.values(), reverse=True)[:depth])
    return _dcg(gains.get(document, 0) for document in ranking[:depth]) / ideal if ideal else 0.0


def recall(ranking: Sequence[int], relevant: Set[int], depth: int = NDCG_DEPTH) -> float:
    """Recall@depth: the share of the relevant documents found in the first ``depth``."""
    found = sum(1 for document in ranking[:depth] if document in relevant)
    return found / len(relevant) if relevant else 0.0


def document_id(number: int) -> str:
    """The corpus id of the document numbered ``number``."""
    return f"cranfield-{number:04d}"


def write_corpus(collection: Collection, directory: Path) -> None:
    """The documents as a qabot corpus in ``directory``: each abstract as a text file, its
    title in a sidecar, as a maintainer would import them."""
    directory.mkdir(parents=True, exist_ok=True)
    for document in collection.documents:
        name = document_id(document.number)
        (directory / f"{name}.txt").write_text(f"{document.text}\n", encoding="utf-8")
        meta = {"id": name, "title": document.title or f"Cranfield {document.number}"}
        (directory / f"{name}.yaml").write_text(yaml.safe_dump(meta), encoding="utf-8")


@dataclass(frozen=True)
class Report:
    """The product's figures on the judged queries.

    Attributes:
        ndcg: mean nDCG@10 over the documents of each answer's first passages; 0 for a
            refused query.
        recall: mean share of each query's relevant documents among its first ten.
        answered: the share of queries that got passages rather than "not in the corpus".
        queries: how many queries were asked: those with a relevant document.
    """

    ndcg: float
    recall: float
    answered: float
    queries: int


def ranked_documents(engine: Engine, text: str) -> list[int] | None:
    """The document numbers of the first ``PASSAGES`` passages of the answer to ``text``, in
    the order they first appear; None when the engine finds no answer."""
    try:
        answer, _ = engine.ask(text, top_k=PASSAGES)
    except QuestionError:
        return None  # a query that cannot be asked is a refused one
    if answer.no_answer:
        return None
    numbers = (int(hit.passage.doc_id.rpartition("-")[2]) for hit in answer.hits)
    return list(dict.fromkeys(numbers))


def evaluate(engine: Engine, collection: Collection) -> Report:
    """Ask every judged query of an engine built on ``write_corpus``'s documents."""
    gains = collection.gains()
    judged = [query for query in collection.queries if query.position in gains]
    if not judged:
        raise BenchmarkError(Path(JUDGEMENTS_FILE), "no query has a relevant document")
    ndcgs, recalls, answered = [], [], 0
    for query in judged:
        ranking = ranked_documents(engine, query.text) or []
        answered += bool(ranking)
        ndcgs.append(ndcg(ranking, gains[query.position]))
        recalls.append(recall(ranking, set(gains[query.position])))
    count = len(judged)
    return Report(sum(ndcgs) / count, sum(recalls) / count, answered / count, count)
