"""pyspellchecker's English word list and its frequencies, loaded once per process and shared:
the plain-text reader tells a word split at a line's end by it, the question reader an English
word."""

from __future__ import annotations

import threading
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spellchecker.spellchecker import WordFrequency

_LOCK = threading.Lock()


def english_words() -> WordFrequency:
    """The English list, loaded once: about 37 MiB and a quarter of a second. The lock keeps the
    bot's worker threads, asked at once, from each loading a copy of its own."""
    with _LOCK:
        return _load()


@cache
def _load() -> WordFrequency:
    # Imported here: a command that reads no question and no plain text never loads it.
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency
