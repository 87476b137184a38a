"""From a query to ranked passages (BM25 over text, context and page), and what passages say
of a query: how much of it they cover, which of its words they hold."""

from __future__ import annotations

import itertools
import math
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from corpus.errors import require
from corpus.sentences import sentence_spans
from retrieval import feedback
from retrieval.analysis import (
    LONG_NAME_MIN_SHARE,
    Query,
    QuestionReader,
    initials_of,
    may_be_initials,
)
from retrieval.indexing import Index
from retrieval.scoring import BM25Settings, Scorer, best
from retrieval.synonyms import SYNONYMS
from retrieval.tokenizing import stem

# Rankings stop here: no one pages through more, and it bounds the work per question.
RANK_LIMIT = 100
# How many letters of a verb's stem its other forms share: irregular participles keep four
# ("build", "built"; "spend", "spent"), nouns of the verb more ("certif-ies", "certif-ication").
_ACTIVITY_LETTERS = 4
# How many passages of a page are read for the words a short form gives the initials of.
_INITIALS_READ = 200
# The passages, best by their own text, that are scored with their context and page: enough
# that the answer is among them, few enough that a frequent word costs little.
_RESCORED = 2000


@dataclass(frozen=True)
class SearchSettings:
    """How questions are matched to passages.

    Attributes:
        bm25: the BM25 variant and its parameters.
        context_weight: how much a query term's BM25 weight in a passage's context (its
            page's title, its section's heading, its publisher) counts for the passage,
            where the context holds it and the text does not.
        page_weight: how much a query term's BM25 weight in a passage's page counts for the
            passage, where the page holds it and the passage does not.
        page_bonus: how much the page's own BM25 score adds to each of its passages.
        expansion_weight: how much the other form of a name counts, relative to a word the
            user typed: each word of an acronym's long name when the question used the
            acronym, the acronym when it spelled out the long name.
        question_word_weight: how much a word that shapes the question ("run", "partner",
            "role") counts, relative to a word that names its topic.
        synonym_weight: how much the synonyms of a question word that the corpus knows count,
            together, relative to the word.
        spelling: whether unknown words are corrected to the nearest corpus word.
        feedback_weight: how much the words lent by the best passages weigh together,
            relative to the question's own, for a question that describes a topic
            (``retrieval/feedback.py``); 0 turns feedback off.
        feedback_min_words: the least topic words of a question that describes a topic.
    """

    bm25: BM25Settings = field(default_factory=BM25Settings)
    context_weight: float = 1.5
    page_weight: float = 1.0
    page_bonus: float = 1.0
    expansion_weight: float = 0.2
    question_word_weight: float = 0.5
    synonym_weight: float = 0.3
    spelling: bool = True
    feedback_weight: float = 1.0
    feedback_min_words: int = 6

    def __post_init__(self) -> None:
        require(self.context_weight >= 0, "context_weight", "must be 0 or more")
        require(self.page_weight >= 0, "page_weight", "must be 0 or more")
        require(self.page_bonus >= 0, "page_bonus", "must be 0 or more")
        require(self.expansion_weight >= 0, "expansion_weight", "must be 0 or more")
        require(self.question_word_weight >= 0, "question_word_weight", "must be 0 or more")
        require(self.synonym_weight >= 0, "synonym_weight", "must be 0 or more")
        require(self.feedback_weight >= 0, "feedback_weight", "must be 0 or more")
        require(self.feedback_min_words >= 1, "feedback_min_words", "must be 1 or more")


@dataclass(frozen=True)
class Ranked:
    """A passage's place in a ranking.

    Attributes:
        position: index of the passage in ``Index.passages``.
        score: its ranking score: the BM25 weights of the question words in its text, context
            and page (``Searcher.rank``).
    """

    position: int
    score: float


class Searcher:
    """Searches one index. Built once per index; cheap to query."""

    def __init__(self, index: Index, settings: SearchSettings) -> None:
        self.index = index
        self.settings = settings
        self.tokenizer = index.tokenizer
        self.scorer = Scorer(index.postings, settings.bm25)
        self._contexts = Scorer(index.sections, settings.bm25)
        self._headings_memo: dict[str, frozenset[str]] = {}
        self._pages = Scorer(index.pages, settings.bm25)
        # Each passage's section, numbered as the rows of ``index.sections``.
        self.section_of = index.passages.section_rows()
        self._page_of = index.passages.document_rows([meta.id for meta in index.documents])
        self.reader = QuestionReader(index, settings, self.scorer, self.known, self.information)

    def information(self, term: str) -> float:
        """How much a term tells apart passages: high for rare terms, highest for unknown ones."""
        frequency = self.scorer.document_frequency(term)
        return math.log(1 + self.scorer.size / (frequency or 0.5))

    def analyze(self, question: str) -> Query:
        """Turn a question into a weighted query (``QuestionReader.analyze``)."""
        return self.reader.analyze(question)

    def long_terms(self, word: str) -> tuple[str, ...]:
        """``QuestionReader.long_terms``."""
        return self.reader.long_terms(word)

    def spelled_out(self, word: str) -> tuple[str, str] | None:
        """``QuestionReader.spelled_out``."""
        return self.reader.spelled_out(word)

    def spells_out(self, word: str) -> bool:
        """``QuestionReader.spells_out``."""
        return self.reader.spells_out(word)

    def known(self, term: str) -> bool:
        """Whether some page holds the term, in its text, title, headings or publisher."""
        return self._pages.document_frequency(term) > 0 or self.scorer.document_frequency(term) > 0

    def rank(self, query: Query, limit: int = RANK_LIMIT) -> list[Ranked]:
        """The best ``limit`` passages for a query, best first (``ranked``); for a question
        that describes a topic, ranked again with the words its best passages lend it
        (``retrieval/feedback.py``)."""
        settings = self.settings
        if not settings.feedback_weight or not feedback.asks_for_topic(
            query.text, query.weights, query.content, settings.feedback_min_words
        ):
            return self.ranked(query.weights, limit)
        first = self.ranked(query.weights, feedback.PASSAGES)
        lent = [
            (self.tokenizer.terms(self.index.passages[r.position].text), r.score) for r in first
        ]
        weights = feedback.expanded(
            query.weights,
            lent,
            settings.feedback_weight,
            lambda term: self.scorer.document_frequency(term) > 1,
        )
        return self.ranked(weights, limit)

    def ranked(self, weights: Mapping[str, float], limit: int = RANK_LIMIT) -> list[Ranked]:
        """The best ``limit`` passages whose text shares a term with the query, best first.

        Each query term counts where it is best attested for the passage: in its text (its
        BM25 weight there), in its context, the page's title, the section's heading and the
        publisher (``context_weight`` times its weight there), or in its whole page
        (``page_weight`` times). So "it was launched in 2009" on the page of the programme
        asked about gets the programme's name from the page's title, and the passage that
        repeats the name but says nothing of a start does not win on the name alone. The
        page's own score then adds ``page_bonus`` times: of two passages alike, the one on
        the page that holds more of the question wins.
        """
        positions, scores = self.scorer.matching(weights)
        if not len(positions):
            return []
        if len(positions) > _RESCORED:
            positions, scores = best(positions, scores, _RESCORED)
        settings = self.settings
        # In ascending order, each section and page once, each term is looked up the
        # cheaper way round (``Scorer.contributions``); the order of the scores is ``best``'s.
        positions = np.sort(positions)
        contexts, in_section = _distinct(self.section_of[positions])
        pages, on_which = _distinct(self._page_of[positions])
        scores = np.zeros(len(positions))
        for term, weight in weights.items():
            if not weight:
                continue
            evidence = self.scorer.contributions(term, positions, ordered=True)
            in_context = self._contexts.contributions(term, contexts, ordered=True)[in_section]
            np.maximum(evidence, settings.context_weight * in_context, out=evidence)
            on_page = self._pages.contributions(term, pages, ordered=True)[on_which]
            np.maximum(evidence, settings.page_weight * on_page, out=evidence)
            scores += weight * (evidence + settings.page_bonus * on_page)
        positions, scores = best(positions, scores, limit)
        # Python's own numbers, made in one call each rather than one a passage.
        return [Ranked(i, s) for i, s in zip(positions.tolist(), scores.tolist(), strict=True)]

    def coverage(
        self,
        query: Query,
        position: int,
        unknown_weight: float = 1.0,
        page_evidence: float = 0.0,
    ) -> float:
        """The share of the question's information that a passage explains, from 0 to 1.

        A question word explains fully where the passage holds it in its text or its context
        (its page's title, its section's heading, its publisher), and counts
        ``page_evidence`` where only the rest of its page holds it. A word that the corpus
        does not know counts ``unknown_weight`` times as much as a word found in a single
        passage: questions about things the corpus lacks are mostly made of such words.
        """
        return self.coverages(query, [position], unknown_weight, page_evidence)[0]

    def coverages(
        self,
        query: Query,
        positions: Sequence[int],
        unknown_weight: float = 1.0,
        page_evidence: float = 0.0,
    ) -> list[float]:
        """``coverage`` of each of some passages, looking each term up once for them all."""
        if not query.content:
            return [0.0] * len(positions)
        relevant = {
            *query.content,
            *(t for found in query.implied.values() for t in found),
            *(t for long in query.spelled_out.values() for t in long),
        }
        where = np.asarray(positions, dtype=np.int64)
        contexts, pages = self.section_of[where], self._page_of[where]
        near = {
            term: self.scorer.holding(term, where) | self._contexts.holding(term, contexts)
            for term in relevant
        }
        # A table's row holds what its column headings say too: "Syunik | 18 | 46 | 3,420"
        # counts "Pupils transported daily".
        headings = self.index.passages.column_headings(where)
        if headings:
            said = [self._heading_terms(headings.get(p, "")) for p in positions]
            for term in relevant:
                near[term] = near[term] | np.fromiter((term in s for s in said), bool, len(said))
        # An unknown short word is explained by the passage whose words in a row it gives the
        # initials of: "psc" by "Port state control officers are trained by …".
        for term in query.content:
            if not self.known(term) and term not in query.implied and may_be_initials(term):
                texts = (self.index.passages[p].text for p in positions)
                near[term] = np.fromiter((initials_of(term, t) for t in texts), bool, len(where))
        far = {term: self._pages.holding(term, pages) for term in relevant if page_evidence}
        weights = []
        for term in query.content:
            if term in query.parts:
                weights.append(0.0)
            elif self.known(term):
                weights.append(self.information(term))
            elif term in query.implied:
                weights.append(max(self.information(t) for t in query.implied[term]))
            else:
                weights.append(unknown_weight * math.log(1 + self.scorer.size))
        # The words of a long name weigh together what its rarest word weighs alone: "World
        # Customs Organization" is one thing asked about, not three.
        for name in query.names:
            places = [query.content.index(term) for term in name]
            share = max(weights[i] for i in places) / (sum(weights[i] for i in places) or 1.0)
            for i in places:
                weights[i] *= share
        total = sum(weights)
        if not total:
            return [0.0] * len(positions)  # nothing asked about but a part: "who founded?"
        # Whole columns at a time: the rows are the (up to 100) ranked passages. Terms are
        # added in the question's order, an absent one adding 0.0, so the sums are the same
        # floats as adding up each passage's terms one by one.
        matched = np.zeros(len(positions))
        for term, weight in zip(query.content, weights, strict=True):
            explained = np.where(self._present(query, term, near), weight, 0.0)
            if page_evidence:
                on_page = self._present(query, term, far)
                explained = np.where(explained > 0, explained, on_page * page_evidence * weight)
            matched += explained
        return (matched / total).tolist()

    def pages_speak_of(self, verb: str, positions: Sequence[int]) -> bool:
        """Whether the page of one of some passages holds a synonym of a verb (``SYNONYMS``),
        or a word that begins as its stem does in its first ``_ACTIVITY_LETTERS`` letters:
        "trains" is spoken of on a page of "training" and "trainers", "builds" on one of
        "built", "taught" on one that says who they "learned it" from."""
        root = stem(verb)
        terms = {
            root,
            *SYNONYMS.get(root, ()),
            *self.reader.terms_beginning(root[:_ACTIVITY_LETTERS]),
        }
        pages = self._pages_of(positions)
        return any(self._pages.holding(term, pages).any() for term in terms)

    def _heading_terms(self, headings: str) -> frozenset[str]:
        """The terms of a table's column headings, read once a table."""
        found = self._headings_memo.get(headings)
        if found is None:
            found = self._headings_memo[headings] = frozenset(self.tokenizer.terms(headings))
        return found

    def _pages_of(self, positions: Sequence[int]) -> np.ndarray:
        """The pages of some passages, each once."""
        return np.unique(self._page_of[np.asarray(positions, dtype=np.int64)])

    def page_holds(self, terms: Sequence[str], positions: Sequence[int]) -> bool:
        """Whether the page of one of some passages holds every one of some terms."""
        if not positions:
            return False
        pages = self._pages_of(positions)
        held = np.ones(len(pages), dtype=bool)
        for term in terms:
            held &= self._pages.holding(term, pages)
        return bool(held.any())

    def names_on_pages(self, query: Query, positions: Sequence[int]) -> bool:
        """Whether, for each name the question calls its subject by (``Query.named``), the page
        of one of some passages holds every word of it in some form; an acronym where the page
        holds most of its long name. "The andean water security programme" is not the Andean
        cold chain initiative, whose page never speaks of water security: a question about
        something the corpus lacks shares some of its words with something the corpus has."""
        if not query.named or not positions:
            return True
        where = np.asarray(positions, dtype=np.int64)
        pages, on_which = np.unique(self._page_of[where], return_inverse=True)
        for name in query.named:
            whole = np.ones(len(pages), dtype=bool)
            for forms in name:
                if len(forms[0]) == 1:
                    continue  # the "e" of "e-bus", which no page need write alone
                held = np.zeros(len(pages), dtype=bool)
                for term in forms:
                    held |= self._pages.holding(term, pages)
                long_terms = query.spelled_out.get(forms[0], ())
                if long_terms:
                    holding = {t: self._pages.holding(t, pages) for t in long_terms}
                    held |= self._hold_most(holding, long_terms)
                if not held.all() and not self.known(forms[0]):
                    # "aml" for the "Anti-Money Laundering" the page writes.
                    for row, position in zip(on_which.tolist(), positions, strict=True):
                        if not held[row]:
                            held[row] = self._page_spells(forms[0], position)
                whole &= held
            if not whole.any():
                return False
        return True

    def _page_spells(self, short: str, position: int) -> bool:
        """Whether the page of a passage, its publisher or title or its first
        ``_INITIALS_READ`` passages, has words in a row whose initials spell a short form
        (``initials_of``): "aml" on the site of the "Caribbean Anti-Money Laundering …"."""
        meta = self.index.documents[int(self._page_of[position])]
        texts = itertools.chain(
            (meta.publisher, meta.title),
            (
                self.index.passages[p].text
                for p in self.index.passages.of_document(meta.id)[:_INITIALS_READ]
            ),
        )
        return any(initials_of(short, text) for text in texts)

    def _present(self, query: Query, term: str, holding: Mapping[str, np.ndarray]) -> np.ndarray:
        """Where a question term is found, in itself, a form it implies or its long name."""
        present = holding[term].copy()
        for implied in query.implied.get(term, ()):
            present |= holding[implied]
        long_terms = query.spelled_out.get(term, ())
        if long_terms:
            present |= self._hold_most(holding, long_terms)
        return present

    def _hold_most(
        self, holding: Mapping[str, np.ndarray], long_terms: Sequence[str]
    ) -> np.ndarray:
        """``_holds_most`` for each passage of the ``holding`` columns."""
        count = np.zeros(len(holding[long_terms[0]]), dtype=np.int64)
        information = np.zeros(len(count))
        for term in long_terms:
            count += holding[term]
            information += np.where(holding[term], self.information(term), 0.0)
        total = sum(self.information(t) for t in long_terms)
        return (count >= 2) & (information >= LONG_NAME_MIN_SHARE * total)

    def matched(self, query: Query, positions: Sequence[int]) -> list[tuple[str, ...]]:
        """For each of some passages, the weighted query terms that it contains; each term
        looked up once for them all."""
        where = np.asarray(positions, dtype=np.int64)
        held = [
            (term, self.scorer.holding(term, where))
            for term, weight in query.weights.items()
            if weight > 0
        ]
        return [tuple(term for term, found in held if found[row]) for row in range(len(where))]

    def marks(self, query: Query, text: str) -> tuple[tuple[int, int], tuple[tuple[int, int], ...]]:
        """A passage's best sentence, the span of the one that holds the most of the query's
        information, and its highlights, the spans of its words that match a weighted query
        term; the passage read once, as it was indexed, for both."""
        values = {t: w * self.information(t) for t, w in query.weights.items() if w > 0}
        found = self.tokenizer.matches(text, values)
        highlights = tuple((start, end) for start, end, _ in found)
        spans = sentence_spans(text)
        if len(spans) <= 1:
            return (0, len(text)), highlights
        starts = [start for start, _ in spans]
        held: list[set[str]] = [set() for _ in spans]
        for start, _, term in found:
            held[bisect_right(starts, start) - 1].add(term)
        totals = [sum(values[t] for t in terms) for terms in held]
        return spans[totals.index(max(totals))], highlights  # the first of equals

    def terms_of(self, texts: Iterable[str]) -> set[str]:
        """The index terms of some texts, together."""
        return {term for text in texts for term in self.tokenizer.terms(text)}


def _distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, ascending, and for each value the place of its own among them;
    values that already ascend (passages in order give sections and pages in order) need no
    sort."""
    if len(values) and (values[1:] >= values[:-1]).all():
        first = np.ones(len(values), dtype=bool)
        np.not_equal(values[1:], values[:-1], out=first[1:])
        return values[first], np.cumsum(first) - 1
    return np.unique(values, return_inverse=True)
