"""Answer types: a question asking "when" wants a passage with a date in it, "how many" a number.

Both sides get a marker term that no word can produce, so BM25 itself weighs the match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Numbers written as words: a passage's "#number" counts their plurals too ("hundreds of"), a
# sentence's "billion" too (``SENTENCE_TYPES``).
_COUNT_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred thousand million dozen".split()
)
_NUMBER_WORDS = frozenset(_COUNT_WORDS) | {"hundreds", "thousands", "millions", "dozens"}
_CONTRAST_WORDS = frozenset({"while", "whereas", "unlike", "however"})
# Phrases of contrast, looked for only in a passage that has all of their anchor words.
_CONTRAST_PHRASES = re.compile(
    r"\b(?:in\s+contrast|rather\s+than|on\s+the\s+other\s+hand|more\s+\w+\s+than)\b",
    re.IGNORECASE,
)
_CONTRAST_ANCHORS = ({"contrast"}, {"rather", "than"}, {"other", "hand"}, {"more", "than"})
# Words and phrases of a name that changed: "Formerly: X", "was renamed", "relaunched under its
# present name", "until 2022 it was called X"; the phrases looked for only in a passage that
# has "name" or "called".
_RENAMING_WORDS = frozenset({"formerly", "renamed", "rebranded", "previously"})
_NAME_PHRASES = re.compile(
    r"\b(?:present|current|new|former|old|original|previous)\s+name\b|"
    r"\buntil\b[^.;]{0,40}\b(?:was|were)\s+called\b",
    re.IGNORECASE,
)
# Every word that can mark a type, as a passage writes it: in lower case, capitalized or in
# capitals.
_WRITTEN_MARKERS = frozenset(
    written
    for word in _NUMBER_WORDS.union(
        _CONTRAST_WORDS, _RENAMING_WORDS, {"name", "called"}, *_CONTRAST_ANCHORS
    )
    for written in (word, word.capitalize(), word.upper())
)

# marker term → what a question asking for it says
QUESTION_TYPES: dict[str, re.Pattern[str]] = {
    "#date": re.compile(
        r"\b(?:when|since\s+when|what\s+year|which\s+year|what\s+date|how\s+long|since\s+what)\b",
        re.IGNORECASE,
    ),
    "#contrast": re.compile(
        r"\b(?:difference|differences|differ|differs|different|compare|compared|comparison|"
        r"versus|vs|unlike|contrast)\b",
        re.IGNORECASE,
    ),
    "#number": re.compile(r"\bhow\s+(?:many|much|big|large)\b|\bnumber\s+of\b", re.IGNORECASE),
    # "what was X called before", "the old name of X", "what did X use to be called".
    "#renamed": re.compile(
        r"\b(?:(?:called|named|known\s+as)\s+(?:before|previously|formerly|originally|earlier|"
        r"at\s+first|in\s+the\s+past)|(?:old|former|previous|original|earlier)\s+name|"
        r"use[d]?\s+to\s+be\s+(?:called|named|known)|what\s+was\s.{1,80}?\scalled)\b",
        re.IGNORECASE,
    ),
}
# The words of such a question that only say it asks a former name: "called", "current name".
RENAMING_ASKED = re.compile(
    r"call(?:ed)?|names?|named|known|current|present|old|former(?:ly)?|previous(?:ly)?|"
    r"original(?:ly)?|earlier",
    re.IGNORECASE,
)


# What one sentence must hold to answer a question of an answer type (``Engine``'s sentence
# check). Digits count inside a word too ("US$5m"), unlike a passage's answer types below.
_SENTENCE_NUMBER_WORDS = "|".join([*_COUNT_WORDS, "billion"])
SENTENCE_TYPES = {
    "#date": re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b"),
    "#number": re.compile(rf"\d|\b(?:{_SENTENCE_NUMBER_WORDS})\b", re.I),
    # A word of a changed name, or a phrase of one (``passage_types`` marks passages so).
    "#renamed": re.compile(
        rf"\b(?:{'|'.join(sorted(_RENAMING_WORDS))})\b|{_NAME_PHRASES.pattern}", re.I
    ),
}
# Words of a beginning: "when was X created" is answered by "X was established in 2011", "to
# form X in 2016".
BEGINNING = re.compile(
    r"\b(?:start\w*|began|begin\w*|launch\w*|creat\w*|found(?:ed|ing)?|establish\w*|"
    r"set\s+up|form(?:ed)?|inception|first)\b",
    re.IGNORECASE,
)
# A number and the few words after it, what it counts: "65 SUN Countries", "three agencies".
# A year counts nothing: "in 2019 the volcano watch met".
NUMBER_THEN = re.compile(
    rf"(?:\b(?!(?:1[5-9]|20)\d\d\b)\d[\d,.]*|\b(?:{_SENTENCE_NUMBER_WORDS}))"
    rf"\s+((?:[\w-]+\s+){{0,2}}[\w-]+)",
    re.I,
)


def _is_year(run: str) -> bool:
    """A year from 1500 to 2099, written alone: "2015", not "G2015" or "20150"."""
    return (
        len(run) == 4
        and run.isdecimal()
        and (run[:2] == "20" or (run[0] == "1" and run[1] in "56789"))
    )


def passage_types(words: Sequence[str], text: str) -> list[str]:
    """The marker terms of the answer types that a passage can answer: a year for "when", a
    number in digits or words for "how many", a word or phrase of contrast for "what is the
    difference", a word of a changed name for "what was X called before".

    ``words`` are the passage's words as the tokenizer finds them (``Tokenizer.words``), so
    that every passage of the corpus is read once; the parts of a word with an apostrophe
    count on their own ("1990's" has a year). A word counts written in lower case,
    capitalized or in capitals.
    """
    joined = " ".join(words)
    if "'" in joined:
        words = joined.replace("'", " ").split()
    # Only the words that can mark a type are lower-cased: the words' hashes are already
    # known, new lower-case strings would need theirs worked out.
    runs = {word.casefold() for word in _WRITTEN_MARKERS.intersection(words)}
    # Filtered in C: a passage has dozens of words and few numbers.
    numbers = list(filter(str.isdecimal, words))
    found = []
    if any(_is_year(run) for run in numbers):
        found.append("#date")
    if runs & _CONTRAST_WORDS or any(
        anchors <= runs and _CONTRAST_PHRASES.search(text) for anchors in _CONTRAST_ANCHORS
    ):
        found.append("#contrast")
    if numbers or runs & _NUMBER_WORDS:
        found.append("#number")
    if runs & _RENAMING_WORDS or (runs & {"name", "called"} and _NAME_PHRASES.search(text)):
        found.append("#renamed")
    return found


def question_types(text: str) -> list[str]:
    """The marker terms of the answer types that a question asks for."""
    return [marker for marker, asks in QUESTION_TYPES.items() if asks.search(text)]
