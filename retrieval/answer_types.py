"""Answer types: a question asking "when" wants a passage with a date in it, "how many" a number.

Both sides get a marker term that no word can produce, so BM25 itself weighs the match.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|hundreds|thousand|thousands|million|millions|dozens?"
)
# marker term → (what a question asking for it says, what a passage that answers it holds)
ANSWER_TYPES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "#date": (
        re.compile(
            r"\b(?:when|since\s+when|what\s+year|which\s+year|what\s+date|how\s+long|since\s+what)\b",
            re.IGNORECASE,
        ),
        re.compile(r"\b(?:1[5-9]|20)\d\d\b"),
    ),
    "#contrast": (
        re.compile(
            r"\b(?:difference|differences|differ|differs|different|compare|compared|comparison|"
            r"versus|vs|unlike|contrast)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(?:while|whereas|unlike|however|in\s+contrast|rather\s+than|on\s+the\s+other\s+hand|"
            r"more\s+\w+\s+than)\b",
            re.IGNORECASE,
        ),
    ),
    "#number": (
        re.compile(r"\bhow\s+(?:many|much)\b|\bnumber\s+of\b", re.IGNORECASE),
        re.compile(rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS})\b", re.IGNORECASE),
    ),
}


def passage_types(text: str) -> list[str]:
    """The marker terms of the answer types that a passage can answer."""
    return [marker for marker, (_, holds) in ANSWER_TYPES.items() if holds.search(text)]


def question_types(text: str) -> list[str]:
    """The marker terms of the answer types that a question asks for."""
    return [marker for marker, (asks, _) in ANSWER_TYPES.items() if asks.search(text)]
