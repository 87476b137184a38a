"""A bounded memo of what is read from a passage or a page, by its position or id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
T = TypeVar("T")

# Keys remembered before a memo starts over.
MEMO_LIMIT = 100_000


class Memo(Generic[K, T]):
    """What ``read`` finds in a passage or a page, remembered by its position or id: reading
    relations, denials, claims and a page's names is the slowest step of a who-answer, and
    popular questions bring back the same passages. Bounded: past ``limit`` keys it starts
    over."""

    def __init__(self, read: Callable[[K], T], limit: int = MEMO_LIMIT) -> None:
        self._read = read
        self._limit = limit
        self._found: dict[K, T] = {}

    def __call__(self, key: K) -> T:
        if key not in self._found:
            if len(self._found) >= self._limit:
                self._found.clear()
            self._found[key] = self._read(key)
        return self._found[key]
