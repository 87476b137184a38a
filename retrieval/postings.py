"""Postings: which passages hold each term, and how often: what BM25 needs of an index,
whatever its parameters. NumPy arrays in CSR form, built from each passage's terms or term
ids, joined from parts built apart, saved and loaded as plain arrays."""

from __future__ import annotations

import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from corpus.errors import IndexFormatError
from corpus.progress import Progress, quietly

_SEPARATOR = "\x00"


@dataclass(frozen=True, eq=False)
class Postings:
    """Which passages hold each term, and how often: what BM25 needs, whatever its parameters.

    Attributes:
        vocabulary: the terms; a term's position is its id.
        indptr: for term id t, its postings are ``docs[indptr[t]:indptr[t + 1]]``.
        docs: passage numbers, ascending within each term.
        counts: how often the term occurs in that passage.
        lengths: the number of terms of each passage.
    """

    vocabulary: tuple[str, ...]
    indptr: np.ndarray
    docs: np.ndarray
    counts: np.ndarray
    lengths: np.ndarray

    @property
    def size(self) -> int:
        """How many passages."""
        return len(self.lengths)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Postings):
            return NotImplemented
        return self.vocabulary == other.vocabulary and all(
            np.array_equal(getattr(self, name), getattr(other, name))
            for name in ("indptr", "docs", "counts", "lengths")
        )

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def from_ids(cls, ids: np.ndarray, lengths: np.ndarray, vocabulary: Sequence[str]) -> Postings:
        """Postings from every passage's term ids, one after another, and the passages' lengths."""
        size = max(len(lengths), 1)
        passage = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
        # One sort by term, then by passage, puts each term's postings together in passage
        # order, and each repeat of a term in a passage next to the others.
        keys = ids.astype(np.int64) * size + passage
        keys.sort()
        starts = np.flatnonzero(np.diff(keys, prepend=-1))
        pairs = keys[starts]
        indptr = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum(np.bincount(pairs // size, minlength=len(vocabulary)), out=indptr[1:])
        return cls(
            vocabulary=tuple(vocabulary),
            indptr=indptr,
            docs=(pairs % size).astype(np.int32),
            counts=np.diff(starts, append=len(keys)).astype(np.int32),
            lengths=np.asarray(lengths, dtype=np.int32),
        )

    @classmethod
    def concat(cls, parts: Sequence[Postings]) -> Postings:
        """The passages of ``parts``, one after another, under one vocabulary in the order
        the terms first appear: the postings ``from_terms`` makes from them all."""
        ids: dict[str, int] = {}
        recodes = [
            np.array([ids.setdefault(term, len(ids)) for term in part.vocabulary], np.int64)
            for part in parts
        ]
        frequencies = np.zeros((len(parts), len(ids)), dtype=np.int64)
        for row, (part, recode) in enumerate(zip(parts, recodes, strict=True)):
            frequencies[row, recode] = np.diff(part.indptr)
        indptr = np.zeros(len(ids) + 1, dtype=np.int64)
        np.cumsum(frequencies.sum(axis=0), out=indptr[1:])
        # Where each part's postings of a term start: after the earlier parts' postings of it.
        starts = indptr[:-1] + np.cumsum(frequencies, axis=0) - frequencies
        docs = np.zeros(indptr[-1], dtype=np.int32)
        counts = np.zeros(indptr[-1], dtype=np.int32)
        first = 0
        for row, (part, recode) in enumerate(zip(parts, recodes, strict=True)):
            shift = starts[row, recode] - part.indptr[:-1]
            places = np.repeat(shift, np.diff(part.indptr)) + np.arange(len(part.docs))
            docs[places] = part.docs + first
            counts[places] = part.counts
            first += part.size
        return cls(
            vocabulary=tuple(ids),
            indptr=indptr,
            docs=docs,
            counts=counts,
            lengths=np.concatenate([np.zeros(0, np.int32)] + [part.lengths for part in parts]),
        )

    @classmethod
    def from_terms(
        cls, corpus: Iterable[Sequence[str]], size: int, progress: Progress = quietly
    ) -> Postings:
        """Postings from each passage's terms."""
        ids: dict[str, int] = {}
        # 4 bytes a term: a list of ints would hold tens of millions of int objects.
        flat = array.array("i")
        lengths = np.zeros(size, dtype=np.int32)
        for number, terms in enumerate(progress(corpus, size, "indexing passages")):
            mark = len(flat)
            try:
                # Past the first passages nearly every term is known, and the lookup then
                # runs in C, not a Python loop per term.
                flat.extend(map(ids.__getitem__, terms))
            except KeyError:
                del flat[mark:]
                for term in terms:
                    ids.setdefault(term, len(ids))
                flat.extend(map(ids.__getitem__, terms))
            lengths[number] = len(terms)
        return cls.from_ids(np.frombuffer(flat, dtype=np.int32), lengths, list(ids))

    def arrays(self) -> dict[str, np.ndarray]:
        """The postings as arrays, for ``numpy.savez``.

        The vocabulary is one UTF-8 buffer of the terms joined by NUL, which no term
        holds: a million terms load with one decode and one split.
        """
        return {
            "vocabulary": np.frombuffer(_SEPARATOR.join(self.vocabulary).encode(), np.uint8),
            "indptr": self.indptr,
            "docs": self.docs,
            "counts": self.counts,
            "lengths": self.lengths,
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> Postings:
        """Back from ``arrays``, refusing arrays that do not fit together."""
        try:
            text = arrays["vocabulary"].astype(np.uint8, casting="equiv").tobytes().decode()
            postings = cls(
                vocabulary=tuple(text.split(_SEPARATOR)) if text else (),
                indptr=arrays["indptr"].astype(np.int64, casting="safe", copy=False),
                docs=arrays["docs"].astype(np.int32, casting="safe", copy=False),
                counts=arrays["counts"].astype(np.int32, casting="safe", copy=False),
                lengths=arrays["lengths"].astype(np.int32, casting="safe", copy=False),
            )
        except (KeyError, TypeError, ValueError, UnicodeDecodeError) as error:
            raise IndexFormatError(f"malformed postings: {error}") from None
        postings.check()
        return postings

    def check(self) -> None:
        """Refuse postings that would index outside their arrays or score nonsense."""
        indptr, docs, counts = self.indptr, self.docs, self.counts
        fits = (
            indptr.ndim == docs.ndim == counts.ndim == self.lengths.ndim == 1
            and len(indptr) == len(self.vocabulary) + 1
            and indptr[0] == 0
            and indptr[-1] == len(docs) == len(counts)
            and not (np.diff(indptr) < 0).any()
            and not (len(docs) and (docs.min() < 0 or docs.max() >= self.size))
            and not (len(counts) and counts.min() <= 0)
            and not (self.size and self.lengths.min() < 0)
            and len(set(self.vocabulary)) == len(self.vocabulary)
        )
        if not fits:
            raise IndexFormatError("malformed postings: the arrays do not fit together")
