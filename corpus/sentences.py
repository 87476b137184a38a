"""Sentence boundaries, as character spans, for English prose."""

from __future__ import annotations

import re

# A stop, then optional closing quotes or brackets, then whitespace. It starts only where a
# run of stops starts: tried at every stop of a run, it rescanned the rest of the run each
# time, and a line of 20,000 dots took seconds.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’)\]]*\s+")
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


def _word_ending_at(text: str, start: int, end: int) -> str:
    """The last run of non-space characters in ``text[start:end]``.

    It looks back only as far as that word goes: slicing from ``start`` instead made a long
    run of stops that end no sentence ("Dr. A Dr. A …", half a megabyte of it) take seconds,
    as every stop copied the whole run again.
    """
    while end > start and text[end - 1].isspace():
        end -= 1
    first = end
    while first > start and not text[first - 1].isspace():
        first -= 1
    return text[first:end]


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
        word = _word_ending_at(text, start, match.start() + 1)
        if match.group().startswith(".") and word and _is_abbreviation(word):
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
