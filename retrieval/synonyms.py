"""Other words for a question's word that the corpus lacks: derived forms ("environmental" for
"environment") and synonyms from ``data/synonyms_en.txt``."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from importlib import resources

from retrieval.tokenizing import stem

# Endings that derive one word from another where Snowball leaves different stems:
# "environment"/"environmental", "africa"/"african", "close"/"closer".
_DERIVATIONS = (
    "al",
    "ally",
    "ly",
    "ment",
    "mental",
    "ation",
    "ational",
    "er",
    "ers",
    "or",
    "ors",
    "ist",
    "ists",
    "ism",
    "ic",
    "ical",
    "ian",
    "n",
    "an",
    "ans",
    "ity",
    "ive",
    "ness",
    "r",
)
_MIN_VARIANT_STEM = 5


def _synonym_groups() -> dict[str, frozenset[str]]:
    """stem → the stems that share a group with it in ``data/synonyms_en.txt``."""
    text = resources.files("retrieval").joinpath("data", "synonyms_en.txt").read_text("utf-8")
    groups: dict[str, set[str]] = defaultdict(set)
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        stems = {stem(word) for word in line.split()}
        for one in stems:
            groups[one] |= stems - {one}
    return {key: frozenset(value) for key, value in groups.items()}


SYNONYMS = _synonym_groups()


# Ordinals in words, first to twentieth: "the 7th replenishment" is "the Seventh Replenishment".
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_ORDINAL_STEMS = [stem(word) for word in _ORDINAL_WORDS]
_ORDINAL_DIGITS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
# Up to twentieth, only the first three end otherwise than in "th".
_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def _ordinal_forms(term: str) -> tuple[str, ...]:
    """The other way of writing an ordinal: "7th" for "seventh" and "seventh" for "7th"."""
    digits = _ORDINAL_DIGITS.fullmatch(term)
    if digits:
        number = int(digits.group(1))
        return (_ORDINAL_STEMS[number - 1],) if 1 <= number <= len(_ORDINAL_STEMS) else ()
    if term not in _ORDINAL_STEMS:
        return ()
    number = _ORDINAL_STEMS.index(term) + 1
    return (f"{number}{_SUFFIXES.get(number, 'th')}",)


def alternatives(term: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """Corpus terms for an unknown term, by ``known``: another way of writing an ordinal,
    derived forms of it, else its synonyms."""
    ordinals = tuple(t for t in _ordinal_forms(term) if known(t))
    if ordinals:
        return ordinals
    variants: list[str] = []
    if len(term) >= _MIN_VARIANT_STEM:
        variants += [term + ending for ending in _DERIVATIONS if known(term + ending)]
        variants += [
            term[: -len(ending)]
            for ending in _DERIVATIONS
            if term.endswith(ending)
            and len(term) - len(ending) >= _MIN_VARIANT_STEM
            and known(term[: -len(ending)])
        ]
    if variants:
        return tuple(dict.fromkeys(variants))
    return tuple(sorted(t for t in SYNONYMS.get(term, ()) if known(t)))
