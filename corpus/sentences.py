"""Sentence boundaries, as character spans, for English prose."""

from __future__ import annotations

import re

# A stop, then optional closing quotes or brackets, then whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+")
_NEXT_STARTS_SENTENCE = re.compile(r"[\"'“‘(\[]?[^\W_a-z]")

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs al approx cf fig no nos art para paras p pp vol ch sec mr mrs ms dr prof st "
    "jr sr inc ltd co corp dept univ gen gov sen rep jan feb mar apr jun jul aug sep sept oct "
    "nov dec".split()
)


def _is_abbreviation(word: str) -> bool:
    bare = word.rstrip(".").lstrip("\"'“‘([").casefold()
    if bare in _ABBREVIATIONS:
        return True
    # Initials and dotted acronyms: "J.", "U.S.", "U.N."
    return bool(re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_]", bare))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; each span excludes surrounding whitespace.

    The spans are in order, do not overlap, and together cover every
    non-whitespace character of ``text``.
    """
    spans: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for match in _BOUNDARY.finditer(text):
        stop_end = match.end() - len(match.group()) + len(match.group().rstrip())
        if not _NEXT_STARTS_SENTENCE.match(text, match.end()):
            continue
        # The word that the stop ends: the last run of non-space characters before it.
        head = text[start : match.start() + 1].rsplit(None, 1)
        if match.group().startswith(".") and head and _is_abbreviation(head[-1]):
            continue
        if stop_end > start:
            spans.append((start, stop_end))
        start = match.end()
    end = len(text.rstrip())
    if end > start:
        spans.append((start, end))
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[a:b] for a, b in sentence_spans(text)]
