"""Ranking quality on the Cranfield collection: nDCG@10, MAP@100 and Recall@100.

Cranfield is 1400 aeronautics abstracts, 225 queries and graded judgements. It is indexed here
with qabot's own tokenizer and BM25 scorer, so that its figures measure qabot's ranking on a
collection it was not written for, against published baselines.

The figures come from a recipe of steps, each adding one change to the one before, so that the
report says what each change is worth (an ablation). A step either ranks with fixed settings,
chosen before looking at Cranfield, or picks its settings by cross-validation: the queries are
split into folds, each fold is ranked with the settings that did best on the other folds, and
only those held-out rankings are scored. No figure comes from settings chosen on the queries
it scores.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, fields, replace
from itertools import product
from pathlib import Path

import numpy as np

from corpus.errors import BenchmarkError
from retrieval.scoring import BM25Settings, Postings, Scorer
from retrieval.tokenizing import Tokenizer

DOCUMENTS_FILE = "cran.all.1400"
QUERIES_FILE = "cran.qry"
JUDGEMENTS_FILE = "cranqrel"
NDCG_DEPTH = 10
DEPTH = 100
FOLDS = 5
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


def average_precision(ranking: Sequence[int], relevant: Set[int], depth: int = DEPTH) -> float:
    """AP@depth: the precision at each relevant document in the first ``depth``, summed and
    divided by min(number relevant, ``depth``).

    The divisor is what the first ``depth`` can hold at best, so that a perfect ranking scores
    1; it is trec_eval's divisor, the number relevant, whenever that is at most ``depth``, as
    it is for every Cranfield query (39 at most).
    """
    found, total = 0, 0.0
    for rank, document in enumerate(ranking[:depth], 1):
        if document in relevant:
            found += 1
            total += found / rank
    return total / min(len(relevant), depth) if relevant else 0.0


def recall(ranking: Sequence[int], relevant: Set[int], depth: int = DEPTH) -> float:
    """Recall@depth: the share of the relevant documents found in the first ``depth``."""
    found = sum(1 for document in ranking[:depth] if document in relevant)
    return found / len(relevant) if relevant else 0.0


@dataclass(frozen=True)
class Feedback:
    """RM3 pseudo-relevance feedback: the query, expanded with the words of its first results.

    The relevance model weighs each word by its share of each top document's words, the
    documents weighted by their scores; its best ``terms`` words are mixed with the query,
    both scaled to sum to 1. The defaults are Anserini's. Anserini also drops words found in
    over 10% of the documents, its stand-in for a stopword list: qabot's tokenizer has dropped
    the stopwords already, and on Cranfield's narrow vocabulary the filter drops topic words
    such as "flow".

    Attributes:
        documents: how many top documents are read.
        terms: how many of their words join the query.
        original_weight: the query's share of the mix, 0 to 1.
    """

    documents: int = 10
    terms: int = 10
    original_weight: float = 0.5

    def __str__(self) -> str:
        return f"RM3 {self.documents}d/{self.terms}t/{self.original_weight:g}"


def expanded(
    query: Mapping[str, float],
    documents: Sequence[Mapping[str, int]],
    scores: Sequence[float],
    feedback: Feedback,
) -> dict[str, float]:
    """``query`` mixed with the relevance model of its top ``documents`` (their term counts),
    which scored ``scores``."""
    model: Counter[str] = Counter()
    for counts, score in zip(documents, scores, strict=True):
        length = sum(counts.values())
        for term, count in counts.items():
            model[term] += score * count / length
    best = model.most_common(feedback.terms)
    model_total = sum(weight for _, weight in best)
    query_total = sum(query.values())
    mixed = Counter({term: feedback.original_weight * w / query_total for term, w in query.items()})
    if model_total > 0:
        for term, weight in best:
            mixed[term] += (1 - feedback.original_weight) * weight / model_total
    return dict(mixed)


@dataclass(frozen=True)
class RunSettings:
    """How one run ranks the documents.

    Attributes:
        bm25: the BM25 variant and its parameters.
        title_repeats: how many times the title is indexed besides the text. Cranfield's
            text starts with its title, so 0 counts the title's words once, 1 twice.
        feedback: RM3 feedback, or None for the query alone.
    """

    bm25: BM25Settings
    title_repeats: int = 0
    feedback: Feedback | None = None

    def __str__(self) -> str:
        bm25 = f"{self.bm25.variant} k1={self.bm25.k1:g} b={self.bm25.b:g}"
        parts = [bm25, f"title x{self.title_repeats + 1}"]
        return ", ".join([*parts, str(self.feedback)] if self.feedback else parts)


@dataclass(frozen=True)
class Figures:
    """Per-query figures of a run, over the judged queries in order.

    Attributes:
        ndcg: nDCG@10 of each query.
        average_precision: AP@100 of each query.
        recall: Recall@100 of each query.
    """

    ndcg: np.ndarray
    average_precision: np.ndarray
    recall: np.ndarray


@dataclass(frozen=True)
class Summary:
    """Figures averaged over the queries that have at least one relevant document.

    Attributes:
        ndcg: mean nDCG@10.
        map: mean AP@100.
        recall: mean Recall@100.
        queries: how many queries they average.
    """

    ndcg: float
    map: float
    recall: float
    queries: int

    @classmethod
    def of(cls, figures: Figures) -> Summary:
        """The means of per-query figures."""
        return cls(
            ndcg=float(figures.ndcg.mean()),
            map=float(figures.average_precision.mean()),
            recall=float(figures.recall.mean()),
            queries=len(figures.ndcg),
        )


class Runner:
    """The collection in qabot's index terms, ranked and scored under any ``RunSettings``."""

    def __init__(self, collection: Collection, tokenizer: Tokenizer | None = None) -> None:
        tokenizer = tokenizer or Tokenizer()
        self._numbers = np.array([document.number for document in collection.documents])
        self._titles = [tokenizer.terms(document.title) for document in collection.documents]
        self._texts = [tokenizer.terms(document.text) for document in collection.documents]
        gains = collection.gains()
        judged = [query for query in collection.queries if query.position in gains]
        self._queries = [Counter(tokenizer.terms(query.text)) for query in judged]
        self._gains = [gains[query.position] for query in judged]
        self._indexes: dict[int, tuple[Postings, list[Counter[str]]]] = {}
        self._scorers: dict[tuple[int, BM25Settings], Scorer] = {}
        self._figures: dict[RunSettings, Figures] = {}

    @property
    def queries(self) -> int:
        """How many queries have a relevant document: the ones scored."""
        return len(self._queries)

    def _index(self, title_repeats: int) -> tuple[Postings, list[Counter[str]]]:
        """The postings, and each document's term counts, with the title repeated."""
        if title_repeats not in self._indexes:
            corpus = [
                title * title_repeats + text
                for title, text in zip(self._titles, self._texts, strict=True)
            ]
            postings = Postings.from_terms(corpus, len(corpus))
            self._indexes[title_repeats] = postings, [Counter(terms) for terms in corpus]
        return self._indexes[title_repeats]

    def _scorer(self, settings: RunSettings) -> Scorer:
        key = settings.title_repeats, settings.bm25
        if key not in self._scorers:
            self._scorers[key] = Scorer(self._index(settings.title_repeats)[0], settings.bm25)
        return self._scorers[key]

    def rankings(self, settings: RunSettings) -> list[list[int]]:
        """Each judged query's first ``DEPTH`` document numbers, best first."""
        scorer = self._scorer(settings)
        counts = self._index(settings.title_repeats)[1]
        rankings = []
        for terms in self._queries:
            query = {term: float(count) for term, count in terms.items()}
            found, scores = scorer.top(query, DEPTH)
            if settings.feedback and len(found):
                top = found[: settings.feedback.documents]
                documents = [counts[position] for position in top]
                query = expanded(query, documents, scores[: len(top)].tolist(), settings.feedback)
                found, _ = scorer.top(query, DEPTH)
            rankings.append(self._numbers[found].tolist())
        return rankings

    def figures(self, settings: RunSettings) -> Figures:
        """Each judged query's figures under ``settings``."""
        if settings not in self._figures:
            pairs = list(zip(self.rankings(settings), self._gains, strict=True))
            self._figures[settings] = Figures(
                ndcg=np.array([ndcg(ranking, gains) for ranking, gains in pairs]),
                average_precision=np.array(
                    [average_precision(ranking, gains.keys()) for ranking, gains in pairs]
                ),
                recall=np.array([recall(ranking, gains.keys()) for ranking, gains in pairs]),
            )
        return self._figures[settings]


Propose = Callable[[RunSettings], tuple[RunSettings, ...]]


@dataclass(frozen=True)
class Step:
    """One change of the recipe.

    Attributes:
        name: what it changes.
        propose: the settings to try, given those the step before chose: one to rank with
            them, several to choose among by cross-validation.
    """

    name: str
    propose: Propose


@dataclass(frozen=True)
class Outcome:
    """What one step measured.

    Attributes:
        name: the step's name.
        chosen: the settings each fold ranked with, chosen on the other folds.
        summary: the held-out figures.
    """

    name: str
    chosen: tuple[RunSettings, ...]
    summary: Summary


# Okapi with k1 1.5 and b 0.75 is rank-bm25's default, and what the published baselines use.
BASELINE = RunSettings(BM25Settings(variant="okapi", k1=1.5, b=0.75))
# The usual ranges. BM25L is left out: rank-bm25's version of it ranked worst on qabot's own
# gold questions (README), before Cranfield was tried.
BM25_GRID = tuple(
    BM25Settings(variant=variant, k1=k1, b=b)
    for variant, k1, b in product(("okapi", "plus"), (0.9, 1.2, 1.5, 2.0), (0.5, 0.75, 0.9))
)
TITLE_REPEATS = (0, 1, 2)
FEEDBACK_GRID = tuple(
    Feedback(documents, terms, weight)
    for documents, terms, weight in product((5, 10, 20), (10, 20, 40), (0.3, 0.5, 0.7))
)

RECIPE = (
    Step("baseline: text only, Okapi k1=1.5 b=0.75", lambda _: (BASELINE,)),
    Step("+ title indexed once more", lambda chosen: (replace(chosen, title_repeats=1),)),
    Step(
        "+ variant, k1, b, title weight by cross-validation",
        lambda chosen: tuple(
            replace(chosen, bm25=bm25, title_repeats=repeats)
            for bm25, repeats in product(BM25_GRID, TITLE_REPEATS)
        ),
    ),
    Step(
        "+ RM3 feedback, Anserini's defaults",
        lambda chosen: (replace(chosen, feedback=Feedback()),),
    ),
    Step(
        "+ RM3 depth, terms, weight by cross-validation",
        lambda chosen: tuple(replace(chosen, feedback=feedback) for feedback in FEEDBACK_GRID),
    ),
)


def evaluate(
    collection: Collection, steps: Sequence[Step] = RECIPE, folds: int = FOLDS
) -> tuple[Outcome, ...]:
    """Run ``steps`` in turn on ``collection``; the last one's figures are the reported ones.

    The queries that have a relevant document go to ``folds`` folds in turn (query i to fold
    i mod ``folds``). At each step, each fold takes the proposed settings with the best mean
    nDCG@10 over the other folds' queries (the first on a tie), and is scored with them on
    its own queries; the next step starts, in each fold, from what that fold chose.
    """
    runner = Runner(collection)
    if runner.queries < 2:
        raise BenchmarkError(
            JUDGEMENTS_FILE, "cross-validation needs two or more queries with a relevant document"
        )
    fold = np.arange(runner.queries) % min(folds, runner.queries)
    chosen = [BASELINE] * (int(fold.max()) + 1)
    outcomes = []
    for step in steps:
        held = {field.name: np.empty(runner.queries) for field in fields(Figures)}
        for number, start in enumerate(chosen):
            test = fold == number
            candidates = step.propose(start)
            figures = [runner.figures(settings) for settings in candidates]
            best = int(np.argmax([each.ndcg[~test].mean() for each in figures]))
            chosen[number] = candidates[best]
            for name, values in held.items():
                values[test] = getattr(figures[best], name)[test]
        outcomes.append(Outcome(step.name, tuple(chosen), Summary.of(Figures(**held))))
    return tuple(outcomes)
