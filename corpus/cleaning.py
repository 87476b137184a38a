"""Repairs for the artifacts that scrapers leave in text."""

from __future__ import annotations

# A repeated fragment shorter than this is more likely prose ("very, very") than a scrape glitch.
MIN_REPEAT_CHARS = 12
MIN_REPEAT_WORDS = 3
# Longer leading copies are not glitches of this kind, and the bound keeps the scan linear.
MAX_REPEAT_CHARS = 1000


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace, line breaks included, become one space; the ends are trimmed."""
    # str.split breaks at exactly the characters that \s matches, four times as fast.
    return " ".join(text.split())


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
    # The copy S starts with F, so with the first MIN_REPEAT_CHARS characters at least:
    # only where those occur again can a fragment end. A text that starts with whitespace
    # never qualifies, since S starts after the whitespace that follows F.
    if limit < MIN_REPEAT_CHARS or text[0].isspace():
        return 0
    opening = text[:MIN_REPEAT_CHARS]
    rest = text.find(opening, MIN_REPEAT_CHARS)
    while rest != -1:
        # The fragments that end here: every size whose trailing whitespace reaches ``rest``.
        first = rest
        while first > MIN_REPEAT_CHARS and text[first - 1].isspace():
            first -= 1
        if first > limit:
            return 0
        for size in range(first, min(rest, limit) + 1):
            if _is_fragment(text, size, rest):
                return rest
        rest = text.find(opening, rest + 1)
    return 0


def _is_fragment(text: str, size: int, rest: int) -> bool:
    """Whether ``text[:size]``, followed by whitespace up to ``rest``, starts ``text[rest:]``
    and is long enough to be a scrape glitch rather than prose."""
    fragment = text[:size]
    if not text.startswith(fragment, rest) or len(fragment.split()) < MIN_REPEAT_WORDS:
        return False
    # The copy must start a word; otherwise "abcabc"-like words would be cut.
    glued = rest == size and text[size - 1].isalnum() and text[size].isalnum()
    return not glued or text[size].isupper()
