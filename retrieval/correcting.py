"""Typo correction of a question: chat shorthand becomes its word ("b4", "govt"), unknown words
the nearest corpus word, two words the one word the corpus writes ("peace keeping"), one unknown
word two it knows ("drugtrafficking").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from retrieval.questions import is_question_word
from retrieval.spelling import Speller, is_english_word
from retrieval.tokenizing import STOPWORDS, Token, Tokenizer, stem

_MIN_SPLIT_PART = 3


def _shorthand() -> dict[str, str]:
    """Chat shorthand → the word it stands for, from ``data/chat_shorthand.txt``."""
    text = resources.files("retrieval").joinpath("data", "chat_shorthand.txt").read_text("utf-8")
    pairs = (line.split() for line in text.splitlines() if not line.startswith("#"))
    return {short: word for short, word in (pair for pair in pairs if pair)}


_SHORTHAND = _shorthand()


@dataclass(frozen=True)
class Correction:
    """A word of the question replaced because the corpus does not know it.

    Attributes:
        typed: the word as typed.
        corrected: what it became.
    """

    typed: str
    corrected: str


class Corrector:
    """Corrects the words of questions asked of one index."""

    def __init__(
        self,
        known: Callable[[str], bool],
        tokenizer: Tokenizer,
        speller: Speller | None,
        shortens: Callable[[Token], bool] = lambda _: False,
    ) -> None:
        self._known = known  # whether some page of the index holds a term
        self._tokenizer = tokenizer
        self._speller = speller  # None: typos are left as typed
        # Whether a word begins words of the corpus, as a short form no English word is ("desal"
        # for "desalination"): the search reads it so, and a typo's correction would not.
        self._shortens = shortens

    def _split_compound(self, word: str) -> str | None:
        # An English word splits only into two English words ("healthcare", where the corpus
        # writes "health care"), not into a word and an ending ("longest", where the corpus
        # has "long" and the "Est" of a region's name).
        english = is_english_word(word)
        for cut in range(_MIN_SPLIT_PART, len(word) - _MIN_SPLIT_PART + 1):
            left, right = word[:cut], word[cut:]
            if english and not (is_english_word(left) and is_english_word(right)):
                continue
            if self._known(stem(left)) and self._known(stem(right)):
                return f"{left} {right}"
        return None

    def _correction(self, token: Token) -> str | None:
        if token.acronym or self._known(token.term):
            return None
        if token.surface in _SHORTHAND:
            return _SHORTHAND[token.surface]  # "b4": no typo of a corpus word
        accented = self._speller.accented(token.surface) if self._speller else None
        if accented is not None:
            return accented  # "paramo" for "páramo", though English has a "paramo"
        if (
            token.surface in STOPWORDS
            or is_question_word(token.surface)
            or not token.surface.isalpha()
        ):
            return None
        split = self._split_compound(token.surface)
        if split is not None:
            return split
        if not is_english_word(token.surface) and self._shortens(token):
            return None
        return self._speller.correct(token.surface) if self._speller else None

    def _joined(self, text: str, left: Token, right: Token) -> str | None:
        """The one word that two adjacent words make, if the corpus knows it and the two words
        are not already words of their own there: "peace keeping", "crim-just", "crim just";
        but not "set up", "wind tunnel", "wing-body" or "for the"."""
        parts = (left, right)
        unknown = [t for t in parts if not self._known(t.term)]
        if not unknown or left.acronym or right.acronym or text[left.end : right.start].strip(" -"):
            return None
        word = left.surface + right.surface
        if not self._known(stem(word)):
            return None
        if any(not is_english_word(t.surface) for t in unknown):
            return word  # a fragment: "crim"
        if any(t.surface in STOPWORDS for t in parts):
            return None  # a phrase: "set up", "carried out"
        return word

    def correct(self, text: str) -> tuple[str, tuple[Correction, ...]]:
        """The text with unknown words corrected, and the corrections."""
        corrections: list[Correction] = []
        pieces: list[str] = []
        position = 0
        tokens = self._tokenizer.tokens(text, keep_stopwords=True)
        index = 0
        while index < len(tokens):
            token, end = tokens[index], tokens[index].end
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            fixed = self._joined(text, token, following) if following else None
            if fixed is not None and following is not None:
                end = following.end
                index += 1
            else:
                fixed = self._correction(token)
            index += 1
            if fixed is None:
                continue
            typed = text[token.start : end]
            fixed = _cased_like(typed, fixed)
            corrections.append(Correction(typed, fixed))
            pieces.append(text[position : token.start] + fixed)
            position = end
        pieces.append(text[position:])
        return "".join(pieces), tuple(corrections)


def _cased_like(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word
