"""Typo correction: an unknown word becomes the nearest word of the vocabulary, if one is close."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

from corpus.english import english_words

# How often a word must occur in pyspellchecker's English frequency list to count as a real
# word that the user meant as typed ("passport"), rather than a typo ("agencys").
ENGLISH_MIN_FREQUENCY = 50
# ... and to be a word of everyday English ("central", "coast", "lakes": thousands), not a
# place's name that the list also has ("Cotopaxi", "Amazonas": 50).
EVERYDAY_MIN_FREQUENCY = 1000


def is_english_word(word: str) -> bool:
    """Whether ``word`` is a common English word."""
    return english_words()[word] >= ENGLISH_MIN_FREQUENCY


def is_everyday_word(word: str) -> bool:
    """Whether ``word`` is a word of everyday English (``EVERYDAY_MIN_FREQUENCY``)."""
    return english_words()[word] >= EVERYDAY_MIN_FREQUENCY


def max_distance(word: str) -> int:
    """How many edits a word of this length may be from its correction."""
    if len(word) <= 3:
        return 0
    if len(word) <= 5:
        return 1
    return 2


class Speller:
    """Corrects words to the nearest vocabulary word by optimal string alignment distance.

    A transposition counts as one edit. Ties go to the candidate that keeps the first
    letter, then to one that the typed word spells with letters left out, then to the
    more frequent word, then to one with the letters typed (two of them swapped), then to the
    first in alphabetical order. Words too short to correct safely, and
    common English words, are left alone.
    """

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        self._frequency = dict(vocabulary)
        self._words = list(self._frequency)
        # A word written without its accents → the corpus's word with them ("paramo" →
        # "páramo"); made when first asked.
        self._accented: dict[str, str] | None = None

    def accented(self, word: str) -> str | None:
        """The corpus's word that ``word`` writes without its accents, or None: a typist
        without "á" on their keyboard means "páramo", whatever English makes of "paramo". A
        word the corpus itself writes as typed stays: "in" is no "în" because one Romanian
        name has it."""
        if word in self._frequency:
            return None
        if self._accented is None:
            # Of two accented words written alike without accents, the more frequent.
            found: dict[str, str] = {}
            # Only a word with a letter beyond ASCII can have an accent to leave out.
            for known in (w for w in self._words if not w.isascii()):
                plain = _without_accents(known)
                if plain != known and (
                    plain not in found or self._frequency[known] > self._frequency[found[plain]]
                ):
                    found[plain] = known
            self._accented = found
        return self._accented.get(word)

    def correct(self, word: str) -> str | None:
        """The correction for ``word``, or None when it has none or needs none."""
        limit = max_distance(word)
        if limit == 0 or word in self._frequency or not word.isalpha() or is_english_word(word):
            return None
        matches = process.extract(
            word, self._words, scorer=OSA.distance, score_cutoff=limit, limit=None
        )
        if not matches:
            return None
        best = min(
            matches,
            key=lambda m: (
                m[1],
                m[0][0] != word[0],
                not _dropped_letters(word, m[0]),
                -self._frequency[m[0]],
                # Two letters swapped ("waht" for "what") keep every letter typed.
                sorted(m[0]) != sorted(word),
                m[0],  # the same correction every run, whatever order the words came in
            ),
        )
        return best[0]


def _without_accents(word: str) -> str:
    """A word without its diacritics: "rivières" → "rivieres"."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )


def _dropped_letters(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with letters left out, the commonest typo ("wich")."""
    letters = iter(word)
    return len(typed) < len(word) and all(ch in letters for ch in typed)
