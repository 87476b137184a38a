"""What a relation, or a who-question, is about: running, funding or taking part (``Kind``),
told by the words of a relation's phrase (``kind_of``) or by the first such word of a question
(``asked_kind``).
"""

from __future__ import annotations

import re
from enum import Enum


class Kind(str, Enum):
    """What a relation, or a who-question, is about."""

    RUNNING = "running"
    FUNDING = "funding"
    MEMBERSHIP = "membership"


_FUNDING_WORDS = re.compile(
    r"\b(?:(?:co-?)?(?:fund|funds|funded|funding|finance|finances|financed|financing)|sponsor\w*|"
    r"backed|back|backs|backing|pays?|paid|money|donors?|donates?|donated|contributions?|"
    r"contributors?|funders?|lenders?|lends?|lent|"
    r"support|supports|supported)\b",
    re.IGNORECASE,
)
_MEMBERSHIP_WORDS = re.compile(
    r"\b(?:members?|partners?|partnership|participants?|part\s+of|involved|brings\s+together|"
    r"alongside|together\s+with|in\s+(?:cooperation|co-operation|collaboration)\s+with|"
    r"comprises|"
    r"consists\s+of|made\s+up|composed|who(?:'s|\s+is|\s+are)\s+in)\b",
    re.IGNORECASE,
)


# Words that make a who-question ask who runs something.
_RUNNING_ASKED = re.compile(
    r"\b(?:run|runs|running|ran|implement\w*|manag\w*|lead|leads|leading|led|operat\w*|"
    r"co-?ordinat\w*|overs\w*|head\w*|deliver\w*|behind|charge|responsible|administ\w*|"
    r"direct\w*|steer\w*|chair\w*|host\w*|execut\w*)\b",
    re.IGNORECASE,
)


def asked_kind(question: str) -> Kind:
    """What a who-question asks about, told by the first word that says it: "which agencies
    run the Programme in support of the PSMA" and "who runs the Global Fund" ask who runs,
    though the programme's name then speaks of support and funds."""
    text = re.sub(r"\bin\s+support\s+of\b", " ", question, flags=re.IGNORECASE)
    firsts = [
        (found.start(), kind)
        for pattern, kind in (
            (_FUNDING_WORDS, Kind.FUNDING),
            (_MEMBERSHIP_WORDS, Kind.MEMBERSHIP),
            (_RUNNING_ASKED, Kind.RUNNING),
        )
        if (found := pattern.search(text)) is not None
    ]
    return min(firsts, key=lambda first: first[0])[1] if firsts else Kind.RUNNING


def kind_of(text: str) -> Kind:
    """What a relation's phrase, or a question, says about the organisations: that they pay for
    something, belong to it, or (by default) run it."""
    if _FUNDING_WORDS.search(text):
        return Kind.FUNDING
    if _MEMBERSHIP_WORDS.search(text):
        return Kind.MEMBERSHIP
    return Kind.RUNNING
