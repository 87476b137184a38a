"""Repairs for the artifacts that scrapers leave in text."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")

# A repeated fragment shorter than this is more likely prose ("very, very") than a scrape glitch.
MIN_REPEAT_CHARS = 12
MIN_REPEAT_WORDS = 3
# Longer leading copies are not glitches of this kind, and the bound keeps the scan linear.
MAX_REPEAT_CHARS = 1000


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace, line breaks included, become one space; the ends are trimmed."""
    return _SPACE.sub(" ", text).strip()


def leading_repeat_end(text: str) -> int:
    """Where the text really starts, when it begins with a fragment of itself.

    Scrapers sometimes emit the first words of a paragraph twice, the first copy
    cut short: "We collaborate with a range of UN entities, notably thWe collaborate
    with ...". Such a text is ``F + S`` where ``F`` is a prefix of ``S``; this returns
    ``len(F)`` (plus the whitespace after it), or 0 when there is no such fragment.
    The shortest fragment that qualifies wins, so that a text repeated three times
    loses only its first copy per call.
    """
    limit = min(len(text) // 2, MAX_REPEAT_CHARS)
    for size in range(MIN_REPEAT_CHARS, limit + 1):
        fragment = text[:size]
        rest = size
        while rest < len(text) and text[rest].isspace():
            rest += 1
        if not text.startswith(fragment, rest):
            continue
        if len(fragment.split()) < MIN_REPEAT_WORDS:
            continue
        # The copy must start a word; otherwise "abcabc"-like words would be cut.
        glued = rest == size and text[size - 1].isalnum() and text[size].isalnum()
        if glued and not text[size].isupper():
            continue
        return rest
    return 0
