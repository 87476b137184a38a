"""The passages of an index, stored as a few NumPy arrays instead of a million objects.

A corpus of a million passages as Python objects takes seconds to load and gigabytes to
hold. Stored by column, its strings in one UTF-8 buffer each, it loads as fast as the disk
reads it, and a ``Passage`` is made only when someone asks for it.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from corpus.errors import IndexFormatError
from corpus.models import BlockKind, Passage

_KINDS = tuple(BlockKind)
_PARAGRAPH = _KINDS.index(BlockKind.PARAGRAPH)
_NONE = -1


@dataclass(frozen=True)
class Strings:
    """Strings in one UTF-8 buffer: string i is ``data[offsets[i]:offsets[i + 1]]``."""

    data: np.ndarray
    offsets: np.ndarray

    @classmethod
    def of(cls, strings: Sequence[str]) -> Strings:
        encoded = [string.encode("utf-8") for string in strings]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(item) for item in encoded], out=offsets[1:])
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets)

    @classmethod
    def concat(cls, parts: Sequence[Strings]) -> Strings:
        """The strings of ``parts``, one after another."""
        shifts = np.cumsum([0] + [len(part.data) for part in parts])
        offsets = [part.offsets[:-1] + shift for part, shift in zip(parts, shifts, strict=False)]
        return cls(
            np.concatenate([np.zeros(0, np.uint8)] + [part.data for part in parts]),
            np.concatenate([*offsets, shifts[-1:]]).astype(np.int64),
        )

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Strings):
            return NotImplemented
        return np.array_equal(self.data, other.data) and np.array_equal(self.offsets, other.offsets)

    __hash__ = None  # type: ignore[assignment]  # equal by value, and mutable arrays inside

    def __iter__(self) -> Iterator[str]:
        text = self.data.tobytes()
        bounds = self.offsets.tolist()
        return (text[a:b].decode("utf-8") for a, b in itertools.pairwise(bounds))

    def __getitem__(self, number: int) -> str:
        start, end = self.offsets[number], self.offsets[number + 1]
        return self.data[start:end].tobytes().decode("utf-8")

    def check(self, what: str) -> None:
        """Refuse offsets that do not describe strings of the buffer."""
        data, offsets = self.data, self.offsets
        if (
            data.dtype != np.uint8
            or data.ndim != 1
            or not np.issubdtype(offsets.dtype, np.integer)
            or offsets.ndim != 1
            or len(offsets) == 0
            or offsets[0] != 0
            or offsets[-1] != len(data)
            or bool((np.diff(offsets) < 0).any())
        ):
            raise IndexFormatError(f"malformed index: {what} strings")
        # Every string must decode: the buffer is UTF-8, and no string starts inside a
        # character (on a continuation byte, 10xxxxxx).
        starts = offsets[:-1][offsets[:-1] < len(data)]
        try:
            data.tobytes().decode("utf-8")
        except UnicodeDecodeError:
            raise IndexFormatError(f"malformed index: {what} strings are not UTF-8") from None
        if bool(((data[starts] & 0xC0) == 0x80).any()):
            raise IndexFormatError(f"malformed index: {what} strings split a character")


@dataclass(frozen=True)
class Coded:
    """A column with few distinct values, such as sections: each row is a code into ``values``,
    or -1 for None."""

    values: Strings
    codes: np.ndarray

    @classmethod
    def of(cls, items: Sequence[str | None]) -> Coded:
        table: dict[str, int] = {}
        codes = np.array(
            [_NONE if item is None else table.setdefault(item, len(table)) for item in items],
            dtype=np.int32,
        )
        return cls(Strings.of(list(table)), codes)

    @classmethod
    def concat(cls, parts: Sequence[Coded]) -> Coded:
        """The rows of ``parts``, one after another, with the values they share stored once,
        in the order they first appear: as ``of`` makes them from all the rows."""
        table: dict[str, int] = {}
        codes = []
        for part in parts:
            # The last entry, _NONE, is where code -1 (None) lands.
            recode = [table.setdefault(value, len(table)) for value in part.values] + [_NONE]
            codes.append(np.array(recode, dtype=np.int32)[part.codes])
        return cls(Strings.of(list(table)), np.concatenate([np.zeros(0, np.int32), *codes]))

    def __getitem__(self, row: int) -> str | None:
        code = int(self.codes[row])
        return None if code == _NONE else self.values[code]

    def check(self, what: str, rows: int) -> None:
        self.values.check(what)
        codes = self.codes
        if (
            codes.ndim != 1
            or len(codes) != rows
            or (len(codes) and (codes.min() < _NONE or codes.max() >= len(self.values)))
        ):
            raise IndexFormatError(f"malformed index: {what} codes")


_PLAIN = ("id", "text")
_CODED = ("doc_id", "title", "url", "section", "lead_in")
# How many of the passages read last are kept made (``PassageTable.__getitem__``).
_RECENT = 1024


class PassageTable(Sequence[Passage]):
    """Every passage of the index, in corpus order, by column."""

    def __init__(
        self,
        plain: Mapping[str, Strings],
        coded: Mapping[str, Coded],
        spans: np.ndarray,
        kinds: np.ndarray,
    ) -> None:
        self._plain = dict(plain)
        self._coded = dict(coded)
        self._spans = spans
        self._kinds = kinds
        self._recent = self._remembering()

    def _remembering(self) -> Callable[[int], Passage]:
        # An answer reads the same few passages for their claims, relations, page and
        # rendering, and each read makes the passage from its columns: the last ones read are
        # kept. Passages are frozen values: a kept one is the one that would be made.
        return functools.lru_cache(maxsize=_RECENT)(self._make)

    def __getstate__(self) -> dict[str, object]:
        # Sent to and from the processes that index: the columns, not the passages kept.
        return {key: value for key, value in self.__dict__.items() if key != "_recent"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._recent = self._remembering()

    @classmethod
    def of(cls, passages: Sequence[Passage]) -> PassageTable:
        return cls(
            plain={name: Strings.of([getattr(p, name) for p in passages]) for name in _PLAIN},
            coded={name: Coded.of([getattr(p, name) for p in passages]) for name in _CODED},
            spans=np.array([(p.start, p.end) for p in passages], dtype=np.int64).reshape(-1, 2),
            kinds=np.array([_KINDS.index(p.kind) for p in passages], dtype=np.uint8),
        )

    @classmethod
    def concat(cls, parts: Sequence[PassageTable]) -> PassageTable:
        """The passages of ``parts``, one after another: the table ``of`` makes from them all."""
        return cls(
            plain={name: Strings.concat([p._plain[name] for p in parts]) for name in _PLAIN},
            coded={name: Coded.concat([p._coded[name] for p in parts]) for name in _CODED},
            spans=np.concatenate([np.zeros((0, 2), np.int64)] + [p._spans for p in parts]),
            kinds=np.concatenate([np.zeros(0, np.uint8)] + [p._kinds for p in parts]),
        )

    def __len__(self) -> int:
        return len(self._kinds)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PassageTable):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    @overload
    def __getitem__(self, position: int) -> Passage: ...

    @overload
    def __getitem__(self, position: slice) -> list[Passage]: ...

    def __getitem__(self, position: int | slice) -> Passage | list[Passage]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if not -len(self) <= position < len(self):
            raise IndexError(position)
        return self._recent(position % len(self))

    def _make(self, row: int) -> Passage:
        start, end = self._spans[row]
        return Passage(
            id=self._plain["id"][row],
            doc_id=self._coded_str("doc_id", row),
            title=self._coded_str("title", row),
            url=self._coded_str("url", row),
            section=self._coded_str("section", row),
            text=self._plain["text"][row],
            start=int(start),
            end=int(end),
            kind=_KINDS[int(self._kinds[row])],
            lead_in=self._coded["lead_in"][row],
        )

    def __iter__(self) -> Iterator[Passage]:
        return (self[row] for row in range(len(self)))

    def column_headings(self, positions: np.ndarray) -> dict[int, str]:
        """The column headings of the table rows among some passages (``Passage.lead_in`` of
        a paragraph), by position; most passages are no rows, and none is made."""
        coded = self._coded["lead_in"]
        codes = coded.codes[positions]
        rows = (codes != _NONE) & (self._kinds[positions] == _PARAGRAPH)
        return {
            int(position): coded.values[int(code)]
            for position, code in zip(positions[rows].tolist(), codes[rows].tolist(), strict=True)
        }

    def _coded_str(self, name: str, row: int) -> str:
        return self._coded[name][row] or ""

    def of_document(self, doc_id: str) -> list[int]:
        """The positions of a document's passages, in corpus order, without making the others."""
        codes, order, sorted_codes = self._by_document
        code = codes.get(doc_id)
        if code is None:
            return []
        start, end = np.searchsorted(sorted_codes, [code, code + 1]).tolist()
        return order[start:end].tolist()

    @functools.cached_property
    def _by_document(self) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """Each document id's code, and the passages sorted by it: who-runs answers look up a
        page's passages for every question. Made on first use, so loading stays as fast."""
        coded = self._coded["doc_id"]
        codes = {coded.values[code]: code for code in range(len(coded.values))}
        order = np.argsort(coded.codes, kind="stable")
        return codes, order, coded.codes[order]

    def find(self, passage_id: str) -> int | None:
        """The position of the passage with this id, if there is one."""
        doc_id = passage_id.rpartition(":")[0]
        ids = self._plain["id"]
        return next((row for row in self.of_document(doc_id) if ids[row] == passage_id), None)

    def headings(self) -> set[str]:
        """The section headings of the corpus: sections other than their document's title."""
        section, title = self._coded["section"], self._coded["title"]
        pairs = np.unique(np.stack([section.codes, title.codes], axis=1), axis=0)
        return {
            heading for s, t in pairs.tolist() if (heading := section.values[s]) != title.values[t]
        }

    def section_keys(self) -> np.ndarray:
        """A number per passage that is equal for passages of the same document and section."""
        doc = self._coded["doc_id"].codes.astype(np.int64)
        section = self._coded["section"].codes.astype(np.int64)
        return doc * (len(self._coded["section"].values) + 1) + section

    def section_rows(self) -> np.ndarray:
        """For each passage, the number of its section, sections numbered in the order they
        first appear: its row in ``Index.sections``."""
        keys = self.section_keys()
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        number = np.empty(len(first), dtype=np.int64)
        number[np.argsort(first)] = np.arange(len(first))
        return number[inverse.reshape(-1)]

    def document_rows(self, doc_ids: Sequence[str]) -> np.ndarray:
        """For each passage, the place of its document's id in ``doc_ids``."""
        coded = self._coded["doc_id"]
        place = {doc_id: number for number, doc_id in enumerate(doc_ids)}
        lookup = np.array([place[doc_id] for doc_id in coded.values], dtype=np.int64)
        return lookup[coded.codes] if len(lookup) else np.zeros(len(self), dtype=np.int64)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The table as named arrays, for ``numpy.savez``."""
        out: dict[str, np.ndarray] = {f"{prefix}spans": self._spans, f"{prefix}kinds": self._kinds}
        for name, strings in self._plain.items():
            out[f"{prefix}{name}.data"], out[f"{prefix}{name}.offsets"] = (
                strings.data,
                strings.offsets,
            )
        for name, coded in self._coded.items():
            out[f"{prefix}{name}.data"] = coded.values.data
            out[f"{prefix}{name}.offsets"] = coded.values.offsets
            out[f"{prefix}{name}.codes"] = coded.codes
        return out

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], prefix: str) -> PassageTable:
        """Back from ``arrays``, checking that the columns fit together."""
        try:
            plain = {
                name: Strings(arrays[f"{prefix}{name}.data"], arrays[f"{prefix}{name}.offsets"])
                for name in _PLAIN
            }
            coded = {
                name: Coded(
                    Strings(arrays[f"{prefix}{name}.data"], arrays[f"{prefix}{name}.offsets"]),
                    arrays[f"{prefix}{name}.codes"],
                )
                for name in _CODED
            }
            spans, kinds = arrays[f"{prefix}spans"], arrays[f"{prefix}kinds"]
        except KeyError as error:
            raise IndexFormatError(f"malformed index: lacks {error}") from None
        rows = len(kinds)
        if kinds.ndim != 1 or (rows and int(kinds.max()) >= len(_KINDS)):
            raise IndexFormatError("malformed index: passage kinds")
        if spans.shape != (rows, 2) or not np.issubdtype(spans.dtype, np.integer):
            raise IndexFormatError("malformed index: passage spans")
        for name, strings in plain.items():
            strings.check(name)
            if len(strings) != rows:
                raise IndexFormatError(f"malformed index: {name} strings")
        for name, column in coded.items():
            column.check(name, rows)
        return cls(plain, coded, spans, kinds)
