"""Progress reporting for long steps, such as indexing a large corpus.

The core only wraps the items it works through; the terminal decides how to show them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from corpus.errors import BuildCancelled

T = TypeVar("T")

# progress(items, total, what) yields the items while it reports how far along they are.
Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


def quietly(items: Iterable[T], total: int, what: str) -> Iterable[T]:
    """The progress reporter that reports nothing."""
    return items


def until(stop: threading.Event, progress: Progress = quietly) -> Progress:
    """``progress``, which also stops the work with ``BuildCancelled`` at the next item once
    ``stop`` is set: a bot that is asked to stop must not first finish a long rebuild in a
    thread that the process waits for."""

    def checked(items: Iterable[T], total: int, what: str) -> Iterator[T]:
        for item in progress(items, total, what):
            if stop.is_set():
                raise BuildCancelled(f"stopped while {what}")
            yield item

    return checked
