"""The other names a page gives what it is about: a name in another language or a second
official one ("Hatua Mpya, also called the New Steps Kenya clubfoot programme", "known in
Spanish as Alerta Huayco", "The Ahwar Revival Project (in Arabic, Ihya' al-Ahwar)", "Local name:
Surya Sinchai Pariyojana"). Users ask by any of them, so a page's other names name its subject
as its title does, in a who-answer: whether a sentence speaks of the subject asked, and what
the line calls it. (Not in the ranking: as words of every passage's title they cost a part
nobody tuned on more than they gave; README, "Evaluation".)

A pair of names counts where the first, the one named again, shares a word with the page's title
or publisher, or opens one of the page's first passages, its lead: a box about another
programme gives that programme's other names, and "… with the Center for Volcanology (CVGHM),
known in Indonesia as Pusat Vulkanologi" a partner's. A name given to "the programme", or by a
line of key facts, is the page's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

# A name as pages write one: capitalized words, or Arabic's "al-" before one, with the small
# words inside names of several languages ("Chuma Cha Bana", "Ihya' al-Ahwar", "Centre de
# Recherches").
_CAPITALIZED = r"(?:[A-ZÀ-Þ]|(?:al|el|ul)-)[\w'’-]*"
_INSIDE = r"(?:of|for|the|and|de|del|la|le|du|des|da|do|y|e)"
_NAME = rf"{_CAPITALIZED}(?:\s+(?:{_INSIDE}\s+)*{_CAPITALIZED})*"
# How a page gives a name another: "also called", "known in Spanish as", "officially named".
_CALLED = (
    r"(?:(?:also|locally|officially|commonly|popularly|better|otherwise|widely)\s+)?"
    r"(?:called|known(?:\s+locally|\s+in\s+[A-Z]\w+)?\s+as|named|dubbed|nicknamed)"
)
# "A (gloss), also called the B", "A, known in Spanish as B".
_PAIR = re.compile(
    rf"(?P<first>{_NAME})(?:\s*\([^()]{{0,60}}\))?,?\s+{_CALLED}\s+(?:the\s+)?(?P<second>{_NAME})"
)
# "A (in Arabic, B)".
_TRANSLATED = re.compile(rf"(?P<first>{_NAME})\s+\(in\s+[A-Z]\w+,\s+(?P<second>{_NAME})\)")
# "The programme … is officially called the B", "The top-up is known locally as B".
_GENERIC = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Oo]ur)\s+(?:programme|program|project|initiative|scheme|network|"
    # Between them, at most a clause set off by commas: "The programme, whose name means …,".
    r"partnership|fund|facility|system|top-up|grant|campaign|alliance)(?:,[^,.;]{0,80},)?\s+"
    rf"(?:is|was)\s+{_CALLED}\s+(?:the\s+)?(?P<second>{_NAME})"
)
# A line of key facts that gives another name: "Local name: B", "Also known as: B".
_LABELLED = re.compile(
    r"^\s*(?:(?:local|other|alternative|english|official|short|common|popular)\s+name|"
    rf"also\s+known\s+as|a\.?k\.?a\.?)\s*[:|]\s*(?:the\s+)?(?P<second>{_NAME})",
    re.IGNORECASE,
)
# Words that open a sentence in capitals without being part of a name after them.
OPENING_WORDS = frozenset(
    "The This Our In At Since From Under With Its It A An That There Here What Which".split()
)
_OPENERS = re.compile(rf"^(?:{'|'.join(sorted(OPENING_WORDS))})\s+")


# How many passages open a page, as its lead, where a name that opens a passage is the page's.
LEAD_PASSAGES = 3
# How many passages of a page are read for its other names: a PDF's cover and contents come
# before its first sentence.
OPENING_PASSAGES = 30


def other_names(
    texts: Sequence[str], title: str, terms: Callable[[str], Iterable[str]]
) -> tuple[str, ...]:
    """The other names that ``texts`` (a page's first passages, in order) give what the page
    is about, in the order they come, each once; ``terms`` tokenizes, to tell whether a name
    shares a word with the ``title`` (with the publisher)."""
    titled = set(terms(title))
    found: dict[str, None] = {}
    for number, text in enumerate(texts):
        for pattern in (_PAIR, _TRANSLATED):
            for match in pattern.finditer(text):
                first = _OPENERS.sub("", match.group("first"))
                opens = number < LEAD_PASSAGES and not text[: match.start()].strip()
                if opens or titled & set(terms(first)):
                    found.update({first: None, match.group("second"): None})
        for pattern in (_GENERIC, _LABELLED):
            for match in pattern.finditer(text):
                found[match.group("second")] = None
    return tuple(name for name in found if not set(terms(name)) <= titled)
