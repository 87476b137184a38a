"""Progress reporting for long steps, such as indexing a large corpus.

The core only wraps the items it works through; the terminal decides how to show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")

# progress(items, total, what) yields the items while it reports how far along they are.
Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


def quietly(items: Iterable[T], total: int, what: str) -> Iterable[T]:
    """The progress reporter that reports nothing."""
    return items
