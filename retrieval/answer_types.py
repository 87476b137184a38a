"""Answer types: a question asking "when" wants a passage with a date in it, "how many" a number.

Both sides get a marker term that no word can produce, so BM25 itself weighs the match.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred hundreds thousand thousands million millions dozen dozens".split()
)
_CONTRAST_WORDS = frozenset({"while", "whereas", "unlike", "however"})
# Phrases of contrast, looked for only in a passage that has all of their anchor words.
_CONTRAST_PHRASES = re.compile(
    r"\b(?:in\s+contrast|rather\s+than|on\s+the\s+other\s+hand|more\s+\w+\s+than)\b",
    re.IGNORECASE,
)
_CONTRAST_ANCHORS = ({"contrast"}, {"rather", "than"}, {"other", "hand"}, {"more", "than"})
_RUN = re.compile(r"\w+")

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
    "#number": re.compile(r"\bhow\s+(?:many|much)\b|\bnumber\s+of\b", re.IGNORECASE),
}


def _is_year(run: str) -> bool:
    """A year from 1500 to 2099, written alone: "2015", not "G2015" or "20150"."""
    return (
        len(run) == 4
        and run.isdecimal()
        and (run[:2] == "20" or (run[0] == "1" and run[1] in "56789"))
    )


def passage_types(text: str) -> list[str]:
    """The marker terms of the answer types that a passage can answer: a year for "when", a
    number in digits or words for "how many", a word or phrase of contrast for "what is the
    difference".

    Every passage of the corpus is checked, so the check works on its set of words (runs
    of word characters) rather than scanning the text once per kind.
    """
    runs = set(_RUN.findall(text.casefold()))
    # Filtered in C: a passage has dozens of words and few numbers.
    numbers = list(filter(str.isdecimal, runs))
    found = []
    if any(_is_year(run) for run in numbers):
        found.append("#date")
    if runs & _CONTRAST_WORDS or any(
        anchors <= runs and _CONTRAST_PHRASES.search(text) for anchors in _CONTRAST_ANCHORS
    ):
        found.append("#contrast")
    if numbers or runs & _NUMBER_WORDS:
        found.append("#number")
    return found


def question_types(text: str) -> list[str]:
    """The marker terms of the answer types that a question asks for."""
    return [marker for marker, asks in QUESTION_TYPES.items() if asks.search(text)]
