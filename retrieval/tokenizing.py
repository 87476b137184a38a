"""Text into index terms. The index and the questions go through the same function."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain

import snowballstemmer

from corpus.acronyms import is_acronym

WORD = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
# WORD for ASCII text with its apostrophes made plain, as normalizing makes them: the same
# matches, found about a third faster.
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")
# Apostrophes written otherwise than "'"; normalizing makes them plain.
_OTHER_APOSTROPHES = "’ʼ`"
_APOSTROPHES = str.maketrans(dict.fromkeys(_OTHER_APOSTROPHES, "'"))
_STEMMER = snowballstemmer.stemmer("english")
# Which implementation stems (PyStemmer's C code, or snowballstemmer's Python): part of what an
# index depends on, should the two ever disagree.
STEMMER = type(_STEMMER).__module__
# The format characters (Unicode category Cf) that real text carries: soft hyphen, zero-width
# space and joiners, direction marks, the byte order mark.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)

# British spellings become American ones before stemming, so that "organisation" and
# "organization" meet. Both index and query are rewritten, so a rare false merge is harmless.
_SPELLING_SUFFIXES = (
    ("isations", "izations", 9),
    ("isation", "ization", 8),
    ("ising", "izing", 7),
    ("ised", "ized", 6),
    ("ises", "izes", 6),
    ("ise", "ize", 6),
    ("yse", "yze", 6),
    ("ysed", "yzed", 7),
    ("grammes", "grams", 7),
    ("gramme", "gram", 6),
    ("ogues", "ogs", 7),
    ("ogue", "og", 6),
    ("ours", "ors", 7),
    ("our", "or", 6),
    ("tres", "ters", 6),
    ("tre", "ter", 5),
)
_SUFFIXES = tuple(suffix for suffix, _, _ in _SPELLING_SUFFIXES)
_SPELLING_WORDS = {"defence": "defense", "licence": "license", "offence": "offense"}


def load_words(name: str) -> frozenset[str]:
    """A word list from ``retrieval/data``: whitespace-separated, ``#`` starts a comment line."""
    text = resources.files("retrieval").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        word for line in text.splitlines() if not line.startswith("#") for word in line.split()
    )


STOPWORDS = load_words("stopwords_en.txt")


def american_spelling(word: str) -> str:
    """The American spelling of a lower-case word, by its suffix: "programme" → "program"."""
    if word in _SPELLING_WORDS:
        return _SPELLING_WORDS[word]
    if word.endswith("s") and word[:-1] in _SPELLING_WORDS:
        return _SPELLING_WORDS[word[:-1]] + "s"
    if not word.endswith(_SUFFIXES):
        return word  # most words: one test in C
    for suffix, replacement, min_length in _SPELLING_SUFFIXES:
        if len(word) >= min_length and word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    return word


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a lower-case word, after American spelling; an "ff"
    that a suffix followed stays: Snowball undoubles it ("staffing" → "staf"), though English
    never doubles an f before a suffix, so the word's own stem keeps both ("staff")."""
    spelled = american_spelling(word)
    stemmed = _STEMMER.stemWord(spelled)
    if stemmed.endswith("f") and spelled.startswith(f"{stemmed}f") and not stemmed.endswith("ff"):
        return f"{stemmed}f"
    return stemmed


def _normalized(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """NFKC of ``text`` with one kind of apostrophe, and for each of its characters the span
    of the original characters it came from (None when they are the same characters).

    Each base character is normalized with the combining marks after it, so that "e" and a
    combining accent become "é", while "½" becomes "1⁄2" and splits into two words. Invisible
    format characters (soft hyphens, zero-width spaces) are dropped, so that they do not split
    a word in two.
    """
    if unicodedata.is_normalized("NFKC", text) and not _INVISIBLE.search(text):
        # translate looks every character up; most texts have no such apostrophe at all.
        if any(apostrophe in text for apostrophe in _OTHER_APOSTROPHES):
            return text.translate(_APOSTROPHES), None
        return text, None
    pieces: list[str] = []
    origin: list[tuple[int, int]] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end < len(text) and unicodedata.combining(text[end]):
            continue
        piece = unicodedata.normalize("NFKC", text[start:end]).translate(_APOSTROPHES)
        piece = _INVISIBLE.sub("", piece)
        pieces.append(piece)
        origin.extend([(start, end)] * len(piece))
        start = end
    return "".join(pieces), origin


def _original_span(match: re.Match[str], origin: list[tuple[int, int]] | None) -> tuple[int, int]:
    """Where a word found in normalized text stands in the text it came from (``_normalized``
    says where each normalized character came from)."""
    start, end = match.span()
    if origin is None:
        return start, end
    return origin[start][0], origin[end - 1][1]


def _words(normal: str) -> list[str]:
    """The words of normalized text, as ``WORD`` finds them."""
    return (_ASCII_WORD if normal.isascii() else WORD).findall(normal)


def normalize(text: str) -> str:
    """NFKC, one kind of apostrophe, and casefolding: the form words are compared in."""
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()


@dataclass(frozen=True)
class Token:
    """One word of a text, as the index sees it.

    Attributes:
        term: the index term: a stem, or the whole word for an acronym.
        surface: the word as written, normalized and lower-cased.
        start: offset of the word in the text it came from.
        end: offset one past its end.
        acronym: whether it was kept whole as an acronym.
    """

    term: str
    surface: str
    start: int
    end: int
    acronym: bool = False


# What a word as written yields: (term, surface, acronym, stopword) for itself, and a "not"
# after a negation ("don't").
Analysis = tuple[tuple[str, str, bool, bool], ...]
_NEGATION: tuple[tuple[str, str, bool, bool], ...] = (("not", "not", False, False),)
# Distinct words as written, per tokenizer, before the memo starts over.
_MEMO_LIMIT = 1_000_000


def has_lower_case(text: str) -> bool:
    """Whether some letter of ``text`` is lower case; capitals in text that has none are
    shouting, not acronyms."""
    return text.upper() != text


class Tokenizer:
    """Splits text into index terms.

    NFKC and casefolding, typographic apostrophes, possessives and "n't" handled,
    English stopwords dropped (negations kept), Snowball stems, and acronyms kept
    whole: words written in capitals inside text that also has lower case (a shouted
    sentence is not a run of acronyms), and every word in ``protected``, which holds
    the acronyms that the corpus uses, so that "cites" typed in lower case still
    finds "CITES".

    A word's analysis depends only on how it is written and on whether its text has lower
    case, so it is worked out once per distinct word: a corpus of a million passages has
    far fewer distinct words than words.
    """

    def __init__(self, protected: frozenset[str] = frozenset()) -> None:
        self.protected = protected
        self._memo: dict[tuple[str, bool], Analysis] = {}
        # The index terms of a word, for text without lower case and for text with it.
        self._terms_memo: tuple[dict[str, tuple[str, ...]], ...] = ({}, {})

    def analyse(self, word: str, mixed_case: bool) -> Analysis:
        """What one word, as ``WORD`` matched it, yields."""
        key = (word, mixed_case)
        found = self._memo.get(key)
        if found is not None:
            return found
        head, _, tail = word.partition("'")
        negated = tail.casefold() == "t" and head.casefold().endswith("n")
        if negated:
            head = {"ca": "can", "wo": "will", "sha": "shall"}.get(head[:-1].casefold(), head[:-1])
        if mixed_case and head.endswith("s") and is_acronym(head[:-1]):
            head = head[:-1]  # "NGOs" is the plural of an acronym
        surface = head.casefold()
        acronym = (mixed_case and is_acronym(head)) or surface in self.protected
        own = (
            ((surface if acronym else stem(surface), surface, acronym, surface in STOPWORDS),)
            if surface
            else ()
        )
        found = own + _NEGATION if negated else own
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = found
        return found

    def tokens(self, text: str, keep_stopwords: bool = False) -> list[Token]:
        """The tokens of ``text``; stopwords only when ``keep_stopwords``."""
        normal, origin = _normalized(text)
        mixed_case = has_lower_case(normal)
        found: list[Token] = []
        for match in WORD.finditer(normal):
            start, end = _original_span(match, origin)
            for term, surface, acronym, stopword in self.analyse(match.group(), mixed_case):
                if keep_stopwords or acronym or not stopword:
                    found.append(Token(term, surface, start, end, acronym))
        return found

    def matches(self, text: str, wanted: Collection[str]) -> list[tuple[int, int, str]]:
        """The spans of the tokens of ``text`` whose term is ``wanted``, as ``tokens`` gives
        them, each with its term; fast: no token is made for the words that yield no such
        term. A word's terms begin with its first letter, but for the "not" of a negation: a
        word whose first letter begins no wanted term is not read at all."""
        normal, origin = _normalized(text)
        mixed_case = has_lower_case(normal)
        memo = self._terms_memo[mixed_case]
        firsts = None if "not" in wanted else {term[:1] for term in wanted}
        found: list[tuple[int, int, str]] = []
        for match in WORD.finditer(normal):
            word = match.group()
            if firsts is not None and word[0].casefold()[:1] not in firsts:
                continue
            terms = memo.get(word)
            if terms is None:
                terms = self.word_terms(word, mixed_case)
            for term in terms:
                if term in wanted:
                    found.append((*_original_span(match, origin), term))
        return found

    def survey(self, texts: Iterable[str]) -> tuple[Counter[str], set[str]]:
        """The words of some texts as ``Token.surface`` gives them, stopwords included, counted;
        and those written as acronyms, in capitals in a text that has lower case too.

        At index time every document goes through here, so the words as written are counted
        first, and each distinct one is analysed once for the whole corpus.
        """
        written: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
        for text in texts:
            normal, _ = _normalized(text)
            written[has_lower_case(normal)].update(_words(normal))
        counts: Counter[str] = Counter()
        capitalised: set[str] = set()
        for mixed_case, words in enumerate(written):
            for word, count in words.items():
                analysis = self.analyse(word, bool(mixed_case))
                for _, surface, _, _ in analysis:
                    counts[surface] += count
                # Written as an acronym, possessive ("WCO's") and plural ("NGOs") included.
                if analysis and analysis[0][2]:
                    capitalised.add(analysis[0][1])
        return counts, capitalised

    def words(self, text: str) -> tuple[bool, list[str]]:
        """Whether ``text`` has lower case, and its words as written (normalized): what
        ``word_terms`` takes."""
        normal, _ = _normalized(text)
        return has_lower_case(normal), _words(normal)

    def word_terms(self, word: str, mixed_case: bool) -> tuple[str, ...]:
        """The index terms of one word of ``words``."""
        memo = self._terms_memo[mixed_case]
        found = memo.get(word)
        if found is None:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            found = memo[word] = tuple(
                term
                for term, _, acronym, stopword in self.analyse(word, mixed_case)
                if acronym or not stopword
            )
        return found

    def terms(self, text: str) -> list[str]:
        """The index terms of ``text``, in order, repeats kept: those of ``tokens``, fast."""
        mixed_case, words = self.words(text)
        memo = self._terms_memo[mixed_case]
        try:
            # Usually every word is in the memo, and the lookups then run in C.
            return list(chain.from_iterable(map(memo.__getitem__, words)))
        except KeyError:
            return [term for word in words for term in self.word_terms(word, mixed_case)]
