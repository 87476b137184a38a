"""BM25 scores of passages for a weighted query: rank-bm25's numbers, computed fast.

rank-bm25 defines the scores: its idf for each variant (Okapi's floor for negative idf
included) and its term-weight formulas. Its ``get_scores`` loops in Python over every passage
for every query term. Here every (term, passage) weight is computed once, into an inverted
index of NumPy arrays, and a query touches only the postings of its own terms; the top k are
then chosen among the passages that hold a query term, without sorting everything.

BM25Plus gives every passage ``delta * idf`` for every query term, holding it or not: that part
is the same for all passages, so it is added as one constant.
"""

from __future__ import annotations

import itertools
import math
import threading
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from corpus.errors import require
from retrieval.postings import Postings

Variant = Literal["okapi", "plus", "l"]
# Postings weighed at a time when an index is loaded: small enough to reuse memory.
_SLICE = 1 << 20


@dataclass(frozen=True)
class BM25Settings:
    """Which BM25 and its parameters; rank-bm25's names and meanings.

    Attributes:
        variant: ``okapi``, ``plus`` or ``l``.
        k1: term-frequency saturation.
        b: document-length normalization, 0 (none) to 1 (full).
        epsilon: Okapi only; idf floor, as a fraction of the mean idf, for terms in
            half or more of the passages.
        delta: Plus and L only; the boost that every matching term gets.
    """

    variant: Variant = "plus"
    k1: float = 1.2
    b: float = 0.5
    epsilon: float = 0.25
    delta: float = 1.0

    def __post_init__(self) -> None:
        require(self.variant in typing.get_args(Variant), "variant", "must be okapi, plus or l")
        require(self.k1 >= 0, "k1", "must be 0 or more")
        require(0 <= self.b <= 1, "b", "must be between 0 and 1")
        require(self.epsilon >= 0, "epsilon", "must be 0 or more")
        require(self.delta >= 0, "delta", "must be 0 or more")


def _idf(settings: BM25Settings, frequency: np.ndarray, size: int) -> np.ndarray:
    """rank-bm25's idf of each term, for its variant; 0 for a term of the vocabulary that no
    passage holds (the vocabulary may be shared with other postings), as it is no term of
    rank-bm25's."""
    held = frequency > 0
    idf = np.zeros(len(frequency))
    idf[held] = _rank_bm25_idf(settings, frequency[held], size)
    return idf


def _rank_bm25_idf(settings: BM25Settings, frequency: np.ndarray, size: int) -> np.ndarray:
    if settings.variant == "plus":
        return np.log((size + 1) / frequency)
    if settings.variant == "l":
        return math.log(size + 1) - np.log(frequency + 0.5)
    idf = np.log(size - frequency + 0.5) - np.log(frequency + 0.5)
    if len(idf):
        # Okapi floors negative idf (terms in more than half of the passages) at epsilon
        # times the mean idf, the mean taken before the floor.
        idf = np.where(idf < 0, settings.epsilon * (idf.sum() / len(idf)), idf)
    return idf


def _weights(
    postings: Postings, settings: BM25Settings, idf: np.ndarray, frequency: np.ndarray
) -> np.ndarray:
    """Each posting's BM25 weight: its term's contribution to its passage's score, in
    rank-bm25's order of operations, so that the weights are its numbers to the last bit.

    They are worked out a slice of terms at a time: on a million passages, arrays of tens of
    millions of floats for each step cost more in fresh memory than in arithmetic, and made
    loading the index slow.
    """
    k1, b, delta = settings.k1, settings.b, settings.delta
    lengths = postings.lengths.astype(np.float64)
    size = len(lengths)
    average = float(lengths.sum()) / size if size else 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        norm = 1 - b + b * lengths / average
    scaled = k1 * norm
    indptr, docs, counts = postings.indptr, postings.docs, postings.counts
    weights = np.empty(len(docs), dtype=np.float64)
    # The terms whose postings hold every _SLICE-th posting, each once, in order.
    cuts = dict.fromkeys(
        (np.searchsorted(indptr, np.arange(0, len(docs), _SLICE), side="right") - 1).tolist()
    )
    for first, last in itertools.pairwise([*cuts, len(frequency)]):
        start, end = indptr[first], indptr[last]
        part = weights[start:end]
        part[:] = np.repeat(idf[first:last], frequency[first:last])
        count = counts[start:end].astype(np.float64)
        if settings.variant == "l":
            # idf * counts * (k1 + 1) * (ctd + delta) / (k1 + ctd + delta), ctd = counts / norm
            ctd = count / norm[docs[start:end]]
            part *= count
            part *= k1 + 1
            part *= ctd + delta
            ctd += k1
            ctd += delta
            part /= ctd
        else:
            # Okapi and Plus: idf * (counts * (k1 + 1) / (counts + k1 * norm))
            denominator = scaled[docs[start:end]]
            denominator += count
            count *= k1 + 1
            count /= denominator
            part *= count
    return weights


# MaxScore skips a query's common terms when their postings outnumber the others' this many
# times, and number this many or more: below either, reading the others first costs about
# what skipping saves (chosen with `qabot bench` at 100k and 1M passages).
_SKIPPED_SHARE = 4
_MIN_SKIPPED = 1 << 17
# Looking a passage up in a term's postings costs about this many times adding one posting.
_LOOKUP_COST = 8


class Scorer:
    """Exact BM25 scores for weighted queries, by their terms' postings only.

    A weight multiplies a term's contribution, so that an expansion can count for less than
    a word the user typed; with all weights 1 the scores are rank-bm25's ``get_scores``.
    """

    def __init__(self, postings: Postings, settings: BM25Settings) -> None:
        self.postings = postings
        self.size = postings.size
        self._term_id = {term: number for number, term in enumerate(postings.vocabulary)}
        self._frequency = np.diff(postings.indptr)
        self._idf = _idf(settings, self._frequency.astype(np.float64), self.size)
        self._weights = _weights(postings, settings, self._idf, self._frequency)
        # Each term's highest weight in any passage: what it can add to a score at most.
        self._highest = _highest(postings.indptr, self._weights)
        # BM25Plus: what every passage gets for a query term, holding it or not.
        self._absent = self._idf * settings.delta if settings.variant == "plus" else None
        self._buffers = threading.local()

    def document_frequency(self, term: str) -> int:
        """How many passages hold ``term``."""
        number = self._term_id.get(term)
        return 0 if number is None else int(self._frequency[number])

    def contains(self, term: str, passage: int) -> bool:
        """Whether passage number ``passage`` holds ``term``."""
        return bool(self.holding(term, np.array([passage]))[0])

    def holding(self, term: str, passages: np.ndarray) -> np.ndarray:
        """For each of some passage numbers, whether that passage holds ``term``."""
        number = self._term_id.get(term)
        if number is None:
            return np.zeros(len(passages), dtype=bool)
        docs = self.postings.docs[self.postings.indptr[number] : self.postings.indptr[number + 1]]
        if not len(docs):
            return np.zeros(len(passages), dtype=bool)
        return _find(docs, passages)[1]

    def contributions(self, term: str, passages: np.ndarray, ordered: bool = False) -> np.ndarray:
        """For each of some passage numbers, what ``term`` adds to that passage's score, the
        part that BM25Plus gives every passage left out: 0 where the passage lacks it.
        ``ordered`` says that the numbers ascend, each once: a term held by fewer passages
        is then looked up the other way round, its postings among them."""
        number = self._term_id.get(term)
        found = np.zeros(len(passages))
        if number is None or not len(passages):
            return found
        start, end = self.postings.indptr[number], self.postings.indptr[number + 1]
        docs = self.postings.docs[start:end]
        if not len(docs):
            return found
        at, held = _find(docs, passages, ordered)
        found[held] = self._weights[start + at[held]]
        return found

    def _terms(self, query: Mapping[str, float]) -> list[tuple[int, float]]:
        # Terms of weight 0 add nothing to a score, but a passage that holds one still
        # matches the query.
        found = ((self._term_id.get(term), weight) for term, weight in query.items())
        return [(number, weight) for number, weight in found if number is not None]

    def _constant(self, terms: list[tuple[int, float]]) -> float:
        if self._absent is None:
            return 0.0
        return float(sum(weight * self._absent[number] for number, weight in terms))

    def scores(self, query: Mapping[str, float]) -> np.ndarray:
        """Every passage's score, in passage order."""
        terms = self._terms(query)
        total = np.full(self.size, self._constant(terms))
        for number, weight in terms:
            start, end = self.postings.indptr[number], self.postings.indptr[number + 1]
            total[self.postings.docs[start:end]] += weight * self._weights[start:end]
        return total

    def matching(self, query: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """The passages that hold a query term, in no order, and their scores. Only the
        postings of the query's terms are read."""
        terms = self._terms(query)
        if self.size == 0:
            return np.empty(0, dtype=np.int64), np.empty(0)
        candidates, values = self._sums(terms, distinct=True)
        return candidates, values + self._constant(terms)

    def _sums(
        self, terms: list[tuple[int, float]], distinct: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """The passages that hold one of ``terms``, and their weighted sums, without the
        constant; the buffer is left clean. A passage comes once for each of the terms that
        it holds unless ``distinct``: making them distinct costs a pass over every posting,
        and ``top`` needs it only for the few best."""
        scores = self._scores()
        indptr, docs, weights = self.postings.indptr, self.postings.docs, self._weights
        held: list[np.ndarray] = []
        for number, weight in terms:
            start, end = indptr[number], indptr[number + 1]
            # NumPy indexes with its own integer type several times faster than with the
            # postings' int32, and the copy costs a tenth of that.
            mine = docs[start:end].astype(np.intp)
            # A weight of 1 multiplies nothing: the same floats without a copy. Each passage
            # is once in a term's postings, so add.at adds as ``+=`` would, only faster.
            np.add.at(
                scores, mine, weights[start:end] if weight == 1.0 else weight * weights[start:end]
            )
            held.append(mine)
        passages = held[0] if len(held) == 1 else np.concatenate(held or [np.empty(0, np.intp)])
        values = scores.take(passages)
        if distinct and len(held) > 1:
            # Each place writes its own number; where a passage stands more than once, one
            # of its places' numbers stays, and that place is the one kept.
            places = np.arange(len(passages), dtype=np.float64)
            scores[passages] = places
            first = scores.take(passages) == places
            passages, values = passages[first], values[first]
        scores[passages] = 0.0
        return passages, values

    def _scores(self) -> np.ndarray:
        """This thread's buffer of a score for every passage, all 0."""
        buffers = self._buffers
        if getattr(buffers, "scores", None) is None or len(buffers.scores) != self.size:
            buffers.scores = np.zeros(self.size)
        return buffers.scores

    def top(
        self, query: Mapping[str, float], k: int, *, matching: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` best passages and their scores, best first; equal scores in passage order.

        These are the first k of rank-bm25's ``get_scores`` ranking. With ``matching``, only
        passages that hold a query term are ranked. Only the postings of the query's terms
        are read, and the top k are chosen among the passages they name, plus, where they
        rank that high, the first passages that hold no query term and so all score alike.
        """
        terms = self._terms(query)
        if k <= 0 or self.size == 0:
            return np.empty(0, dtype=np.int64), np.empty(0)
        constant = self._constant(terms)
        found = self._pruned(terms, k)
        if found is not None:
            candidates, values = found
        else:
            # A passage stands once for each query term it holds: the k best passages are
            # among the k * len(terms) best of those, and only these are made distinct.
            candidates, values = self._sums(terms)
            if len(terms) > 1:
                if len(candidates) > k * len(terms):
                    keep = _leading(values, k * len(terms))
                    candidates, values = candidates[keep], values[keep]
                candidates, first = np.unique(candidates, return_index=True)
                values = values[first]
        values = values + constant
        positions, scores = best(candidates.astype(np.int64, copy=False), values, k)
        if matching or (len(positions) == k and scores[-1] > constant):
            return positions, scores
        # Passages without a query term all score the constant; only the first k of them
        # can make the top k. Among the first k + len(candidates) passages at least k hold
        # no query term.
        everyone, _ = self._sums(terms)
        held = np.zeros(min(self.size, k + len(everyone)), dtype=bool)
        held[everyone[everyone < len(held)]] = True
        others = np.flatnonzero(~held)[:k]
        return best(
            np.concatenate([positions, others]),
            np.concatenate([scores, np.full(len(others), constant)]),
            k,
        )

    def _pruned(
        self, terms: list[tuple[int, float]], k: int
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """The passages that can make the top k, and their weighted sums, with the postings of
        the query's commonest terms read only for them (MaxScore); None where those terms
        cannot be skipped so.

        The common terms are those whose postings outnumber the others' ``_SKIPPED_SHARE``
        times. The other terms' sums give a floor of the k-th best score; a passage whose sum
        of them, plus all that the common terms could add together, stays under that floor
        cannot reach the top k, nor tie it. The few passages left are summed again, term by
        term in the query's order, as ``_sums`` sums them: the same floats.
        """
        if len(terms) < 2 or any(weight < 0 or self._idf[n] < 0 for n, weight in terms):
            return None  # a negative contribution (Okapi's idf) bounds nothing
        indptr = self.postings.indptr
        lengths = [int(indptr[n + 1] - indptr[n]) for n, _ in terms]
        common: set[int] = set()
        skipped, rest = 0, sum(lengths)
        # The longest postings first; at least one term is read whole.
        for place in sorted(range(len(terms)), key=lambda i: -lengths[i])[:-1]:
            common.add(place)
            skipped, rest = skipped + lengths[place], rest - lengths[place]
            if skipped >= _SKIPPED_SHARE * rest:
                break
        else:
            return None
        if skipped < _MIN_SKIPPED:
            return None
        others = [t for i, t in enumerate(terms) if i not in common]
        bound = sum(terms[i][1] * float(self._highest[terms[i][0]]) for i in common)
        if bound >= sum(weight * float(self._highest[n]) for n, weight in others):
            return None  # no passage can score more from the others than the common terms
        found, partial = self._sums(others)
        # A passage stands once for each of those terms it holds, always with its whole sum:
        # the k best passages are among the k * len(others) best of these.
        leading = _leading(partial, k * len(others))
        sums = np.unique(partial[leading])
        if len(sums) < k:
            return None
        floor = sums[-k]
        # Margins for the rounding of sums made in another order.
        if bound * (1 + 1e-9) >= floor * (1 - 1e-9):
            return None
        near = np.flatnonzero(partial >= floor * (1 - 1e-9) - bound * (1 + 1e-9))
        # Looking up too many passages costs more than reading the common terms whole.
        if len(near) * _LOOKUP_COST * len(common) > skipped:
            return None
        candidates = np.unique(found[near])
        docs, weights = self.postings.docs, self._weights
        values = np.zeros(len(candidates))
        for number, weight in terms:
            start, end = indptr[number], indptr[number + 1]
            at, hit = _find(docs[start:end], candidates)
            term = np.where(hit, weights[start:end][at], 0.0)
            values += term if weight == 1.0 else weight * term
        return candidates, values


def _find(
    docs: np.ndarray, passages: np.ndarray, ordered: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Where each of some passage numbers stands in a term's postings (sorted, not empty), and
    whether it is there (where it is not, the place is some place of the postings). The
    numbers are searched in the postings' own type (int32): searching int64 numbers would
    first copy the postings to int64, and a frequent term's are many.

    ``ordered`` passage numbers ascend, each once; fewer postings than them are then searched
    among them, a search of each posting in a short array rather than of each number in
    a long one."""
    passages = passages.astype(docs.dtype, copy=False)
    if ordered and len(docs) < len(passages):
        place = np.minimum(np.searchsorted(passages, docs), len(passages) - 1)
        there = passages[place] == docs
        found = place[there]
        at = np.zeros(len(passages), dtype=np.intp)
        at[found] = np.flatnonzero(there)
        held = np.zeros(len(passages), dtype=bool)
        held[found] = True
        return at, held
    at = np.minimum(np.searchsorted(docs, passages), len(docs) - 1)
    return at, docs[at] == passages


def _highest(indptr: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each term's highest weight over its postings (0 for a term with none)."""
    highest = np.zeros(len(indptr) - 1)
    held = np.flatnonzero(np.diff(indptr) > 0)
    if len(held):
        highest[held] = np.maximum.reduceat(weights, indptr[held])
    return highest


# ``_leading`` looks at the maxima of this many groups of values for each value it keeps, where
# it keeps one value in _FEW_KEPT or fewer; else at a sample of about _SAMPLE values, whose
# share of values kept it takes _SAMPLE_MARGIN times over, and _SAMPLE_SLACK more, so that
# the floor it finds there seldom fails to be one.
_GROUPS_PER_KEPT = 4
_FEW_KEPT = 64
_SAMPLE = 2048
_SAMPLE_MARGIN = 1.3
_SAMPLE_SLACK = 8


def _leading(values: np.ndarray, m: int) -> np.ndarray:
    """The places of the values at least as high as the m-th highest (ties with it too), and
    perhaps a few more; every place when there are m or fewer.

    Choosing among every value, as a partition does, takes several passes over them, and a
    frequent term's candidates are tens of thousands, so a floor is found first, and only
    the values that reach it are chosen among. For a few of many (the 10 best): the m-th
    highest of 4m groups' maxima, as each of those m maxima has m - 1 others at least as high,
    the floor is at most the m-th highest value. For more (the 2,000 that ranking weighs): a
    value a little under the m-th highest of a sample, which is a floor once m values reach
    it; where they do not, every value is chosen among."""
    count = len(values)
    if count <= m:
        return np.arange(count)
    kept = None
    if count >= _FEW_KEPT * m:
        groups = _GROUPS_PER_KEPT * m
        size = count // groups
        maxima = values[: groups * size].reshape(groups, size).max(axis=1)
        kept = np.flatnonzero(values >= _highest_at(maxima, m))
    elif count >= 2 * _SAMPLE:
        sample = values[:: count // _SAMPLE]
        taken = int(_SAMPLE_MARGIN * m / count * len(sample)) + _SAMPLE_SLACK
        floor = _highest_at(sample, min(len(sample), taken))
        kept = np.flatnonzero(values >= floor)
        if len(kept) < m:
            kept = None
    if kept is None:
        return np.flatnonzero(values >= _highest_at(values, m))
    if len(kept) <= 2 * m:
        return kept
    # Values in runs (higher ones together) leave many to keep: choose among those.
    return kept[values[kept] >= _highest_at(values[kept], m)]


def _highest_at(values: np.ndarray, m: int) -> float:
    """The m-th highest of some values (m at most their number)."""
    return np.partition(values, len(values) - m)[len(values) - m]


def best(positions: np.ndarray, values: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` highest of ``values`` with their positions, best first; equal values in the
    order of their positions."""
    if len(positions) > k:
        keep = _leading(values, k)
        positions, values = positions[keep], values[keep]
    order = np.lexsort((positions, -values))[:k]
    return positions[order], values[order]
