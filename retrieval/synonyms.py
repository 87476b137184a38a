"""Other words for a question's word that the corpus lacks: derived forms ("environmental" for
"environment") and synonyms from ``data/synonyms_en.txt``."""

from __future__ import annotations

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


def alternatives(term: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """Corpus terms for an unknown term, by ``known``: derived forms of it, else its synonyms."""
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
