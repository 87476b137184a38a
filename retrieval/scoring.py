"""BM25 scores of passages for a weighted query, as rank-bm25 defines them."""

from __future__ import annotations

import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from rank_bm25 import BM25, BM25L, BM25Okapi, BM25Plus

from corpus.errors import require

Variant = Literal["okapi", "plus", "l"]


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


def _model(corpus: Sequence[Sequence[str]], settings: BM25Settings) -> BM25:
    # Never pass rank-bm25 a tokenizer: it would start a process pool that is never closed.
    documents = [list(terms) for terms in corpus]
    if settings.variant == "okapi":
        return BM25Okapi(documents, k1=settings.k1, b=settings.b, epsilon=settings.epsilon)
    if settings.variant == "plus":
        return BM25Plus(documents, k1=settings.k1, b=settings.b, delta=settings.delta)
    return BM25L(documents, k1=settings.k1, b=settings.b, delta=settings.delta)


class Scorer:
    """Scores every passage for a query whose terms carry weights.

    A weight multiplies a term's BM25 contribution, so that an expansion can count
    for less than a word the user typed. With all weights 1 the scores are exactly
    rank-bm25's ``get_scores``.
    """

    def __init__(self, corpus: Sequence[Sequence[str]], settings: BM25Settings) -> None:
        self.size = len(corpus)
        self.document_frequency: dict[str, int] = {}
        for terms in corpus:
            for term in set(terms):
                self.document_frequency[term] = self.document_frequency.get(term, 0) + 1
        # rank-bm25 divides by the corpus size, the mean length and the vocabulary size.
        usable = self.size > 0 and bool(self.document_frequency)
        self._model = _model(corpus, settings) if usable else None
        self._plus = settings.variant == "plus"
        self._delta = settings.delta

    def scores(self, query: Mapping[str, float]) -> np.ndarray:
        """One score per passage, in corpus order."""
        total = np.zeros(self.size)
        if self._model is None:
            return total
        for term, weight in query.items():
            if weight and term in self.document_frequency:
                contribution = self._model.get_scores([term])
                # rank-bm25 computes 0/0 where a passage lacks the term and k1 is 0, or the
                # passage is empty and b is 1; the formula's limit there is the absent-term value.
                absent = self._model.idf[term] * self._delta if self._plus else 0.0
                total += weight * np.where(np.isnan(contribution), absent, contribution)
        return total
