"""Synthetic corpora and queries for the scoring benchmark: reproducible for a seed, and built
with vectorised NumPy, so that a million passages take seconds.

The shape, and why:

- Words follow Zipf's law, the probability of the term of rank r proportional to r^-1.1, over
  100,000 terms. Natural text has an exponent near 1; 1.1 is the usual choice for synthetic
  retrieval benchmarks: the commonest term is about 11 % of all tokens (an English "the" is
  5-7 %) and most of the vocabulary is rare, so postings range from nearly every passage to a
  handful, as in real text.
- Passages have 40 to 120 tokens, uniformly: the range of a paragraph.
- Queries have 2 to 8 distinct terms, each held by 0.1 % to 5 % of the passages: the words
  that carry a question's topic. Rarer ones make a query trivially cheap for every engine.
  35 % of the queries also hold one of the 100 commonest terms, in place of one of those: real
  questions hold frequent words, and their long postings are what an engine must read or
  skip.

A term's id is its frequency rank (0 is the commonest); a term's text is ``t`` and its id.
The corpus of a size and seed is the same on every run (with the same NumPy: its random
streams may change between versions): its generator is seeded with (seed, size), and the
queries' with (seed, size, 1).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from corpus.errors import QabotError

DEFAULT_SEED = 20261129
VOCABULARY_SIZE = 100_000
ZIPF_EXPONENT = 1.1
MIN_LENGTH = 40
MAX_LENGTH = 120
MID_FREQUENCY = (0.001, 0.05)
QUERY_TERMS = (2, 8)
FREQUENT_SHARE = 0.35
FREQUENT_TERMS = 100
# Tokens drawn per step: bounds the temporary arrays to a few hundred MB at any corpus size.
_CHUNK = 10_000_000


@dataclass(frozen=True)
class Corpus:
    """Passages as term ids.

    Attributes:
        ids: every passage's term ids, one passage after another (int32).
        lengths: the number of tokens of each passage (int32).
        vocabulary: the terms; a term's id is its position.
    """

    ids: np.ndarray
    lengths: np.ndarray
    vocabulary: tuple[str, ...]

    @property
    def size(self) -> int:
        """How many passages."""
        return len(self.lengths)

    def passages(self) -> list[np.ndarray]:
        """Each passage's term ids, as views into ``ids``."""
        return np.split(self.ids, np.cumsum(self.lengths)[:-1])


@functools.lru_cache(maxsize=2)
def vocabulary(size: int = VOCABULARY_SIZE) -> tuple[str, ...]:
    """The terms, by frequency rank."""
    return tuple(f"t{rank}" for rank in range(size))


def generator(seed: int, *key: int) -> np.random.Generator:
    """A generator seeded with ``seed`` and ``key``: the same numbers for the same arguments."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))


def generate_corpus(
    size: int,
    seed: int,
    vocabulary_size: int = VOCABULARY_SIZE,
    exponent: float = ZIPF_EXPONENT,
) -> Corpus:
    """``size`` passages of Zipf-distributed terms, the same for the same arguments."""
    rng = generator(seed, size)
    lengths = rng.integers(MIN_LENGTH, MAX_LENGTH + 1, size=size).astype(np.int32)
    ids = zipf_ids(rng, int(lengths.sum()), vocabulary_size, exponent)
    return Corpus(ids, lengths, vocabulary(vocabulary_size))


def zipf_ids(
    rng: np.random.Generator,
    count: int,
    vocabulary_size: int = VOCABULARY_SIZE,
    exponent: float = ZIPF_EXPONENT,
) -> np.ndarray:
    """``count`` term ids (int32) drawn by Zipf's law: id r with probability ∝ (r + 1)^-exponent."""
    weights = np.arange(1, vocabulary_size + 1, dtype=np.float64) ** -exponent
    cumulative = np.cumsum(weights)
    cumulative /= cumulative[-1]
    ids = np.empty(count, dtype=np.int32)
    for start in range(0, count, _CHUNK):
        end = min(count, start + _CHUNK)
        drawn = np.searchsorted(cumulative, rng.random(end - start), side="right")
        # Rounding can put the last cumulative weight a hair under 1.
        ids[start:end] = np.minimum(drawn, vocabulary_size - 1)
    return ids


def document_frequencies(corpus: Corpus) -> np.ndarray:
    """How many passages hold each term."""
    width = len(corpus.vocabulary)
    passage = np.repeat(np.arange(corpus.size, dtype=np.int64), corpus.lengths)
    keys = np.sort(passage * width + corpus.ids)
    # Sorting and comparing neighbours, not np.unique: from NumPy 2.3, np.unique without
    # return_counts uses a hash table, which took 27 s on 20 million keys here against 0.3 s
    # for a sort.
    first = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return np.bincount(keys[first] % width, minlength=width)


def mid_frequency_terms(corpus: Corpus) -> np.ndarray:
    """The ids of the terms held by 0.1 % to 5 % of the passages (at least one passage)."""
    frequency = document_frequencies(corpus)
    low, high = MID_FREQUENCY
    return np.flatnonzero(
        (frequency >= max(1.0, low * corpus.size)) & (frequency <= high * corpus.size)
    )


def generate_queries(corpus: Corpus, count: int, seed: int) -> tuple[tuple[str, ...], ...]:
    """``count`` queries of 2 to 8 distinct terms, the same for the same arguments: mid-frequency
    terms, one of them replaced by one of the commonest terms in ``FREQUENT_SHARE`` of them."""
    rng = generator(seed, corpus.size, 1)
    eligible = mid_frequency_terms(corpus)
    fewest, most = QUERY_TERMS
    if len(eligible) < most:
        raise QabotError(
            f"{corpus.size} passages hold only {len(eligible)} mid-frequency terms, too few "
            f"for queries of up to {most}: use 1k passages or more"
        )
    queries = []
    for _ in range(count):
        chosen = rng.choice(eligible, size=int(rng.integers(fewest, most + 1)), replace=False)
        if rng.random() < FREQUENT_SHARE:
            # Term ids are frequency ranks: ids below FREQUENT_TERMS are the commonest.
            common = np.setdiff1d(np.arange(FREQUENT_TERMS), chosen)
            chosen[int(rng.integers(len(chosen)))] = int(rng.choice(common))
        queries.append(tuple(corpus.vocabulary[term] for term in chosen))
    return tuple(queries)
