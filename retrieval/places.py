"""The places a question names, countries and their regions (ISO 3166, from pycountry), and
whether the corpus, or the pages that cover the question, speak of them: a question about a
place the answer's pages never name asks about something else ("who certifies seed potatoes
in colombia for X", asked of a programme in Bolivia and Peru)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from retrieval.organisations import (
    country_first_words,
    country_names,
    is_country,
    region_names,
    regions_of,
)
from retrieval.searching import Searcher
from retrieval.spelling import is_everyday_word
from retrieval.synonyms import alternatives

# A question's words, and how many of them a place's name may take ("saint vincent and the
# grenadines").
_WORD = re.compile(r"[\w'’-]+")
_PLACE_WORDS = 5
# How many of a country's regions the corpus must name to speak of places in it: one alone may
# be another country's too ("Amazonas").
_REGIONS_NAMED = 2
# The place a question ends on: "who runs X in medellin", "at the kisumu depot".
_AT_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([\w'’-]+(?:\s+[\w'’-]+)?)\s*[?.!]*\s*$", re.I)
# Shorter words are initials or chat ("in ub", "at hq").
_PLACE_LETTERS = 4
# The place a question ends on as what it asks something of: "the capital of kenya".
_OF_PLACE = re.compile(r"\bof\s+(?:the\s+)?([\w'’-]+(?:\s+[\w'’-]+){0,4})\s*[?.!]*\s*$", re.I)


class Places:
    """What one index says of the places questions name."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher

    def unknown_country(self, text: str) -> bool:
        """Whether a question names a country with a word that no page of the corpus has in
        any form ("Italian" is a derived form of "Italy", ``alternatives``), nor two of its
        regions."""
        return any(
            not all(map(self._in_some_form, _WORD.findall(country)))
            and not self._names_regions_of(country, self._known)
            for country in _countries_in(text)
        )

    def unknown_place(self, text: str) -> bool:
        """Whether a question ends on a place ("… in medellin", "… at kisumu") with a name no
        page of the corpus has in any form, and that is no everyday English word ("in latin
        america" may be in any corpus's words). Countries and their regions are known by
        their names, and spoken of by their regions too."""
        found = _AT_PLACE.search(text)
        if found is None or _countries_in(found.group(1)) or _regions_in(found.group(1)):
            return False  # a country or its regions: ``unknown_country``, ``on_pages``
        return any(
            len(word) >= _PLACE_LETTERS
            and word.isalpha()
            and not is_everyday_word(word.casefold())
            and not self._in_some_form(word)
            for word in _WORD.findall(found.group(1))
        )

    def owner(self, text: str) -> str | None:
        """The country, region or city a question ends on as what it asks something of ("the
        capital of kenya", "the population of the solomon islands"), or None."""
        found = _OF_PLACE.search(text)
        if found is None:
            return None
        place = found.group(1).casefold()
        return place if (place,) in (_countries_in(place), _regions_in(place)) else None

    def _in_some_form(self, word: str) -> bool:
        """Whether the corpus has a word, or a form of it ("Italian" of "Italy")."""
        known = self.searcher.known
        terms = self.searcher.tokenizer.terms(word)
        return all(map(known, terms)) or any(alternatives(t, known) for t in terms)

    def on_pages(self, text: str, positions: Sequence[int]) -> bool:
        """Whether the pages of some passages name every place a question names: a country by
        its name, a form of it or two of its regions; a region or a city that the corpus
        names, by its name or its country's."""
        countries = set(_countries_in(text))
        return all(self._country_on_pages(c, positions) for c in countries) and all(
            self._region_on_pages(r, positions) for r in _regions_in(text)
        )

    def terms(self, text: str) -> set[str]:
        """The index terms of the countries and regions a question names."""
        named = [*_countries_in(text), *_regions_in(text)]
        return {t for name in named for t in self.searcher.tokenizer.terms(name)}

    def _country_on_pages(self, country: str, positions: Sequence[int]) -> bool:
        terms = self.searcher.tokenizer.terms(country)
        forms = [[t, *alternatives(t, self.searcher.known)] for t in terms]
        if any(
            self.searcher.page_holds(combination, positions)
            for combination in itertools.product(*forms)
        ):
            return True
        return self._names_regions_of(
            country, lambda terms: self.searcher.page_holds(terms, positions)
        )

    def _region_on_pages(self, region: str, positions: Sequence[int]) -> bool:
        """True also of a region that is an everyday word ("Central"): the question's
        coverage weighs those; false of one the corpus never names, as of a country."""
        terms = self.searcher.tokenizer.terms(region)
        if not terms or self.searcher.page_holds(terms, positions) or _everyday(region):
            return True
        # A name the pages write in capitals is an acronym's, whose term is the word as it is:
        # "who implements cascade" asks about CASCADE, not the Seychelles district.
        written = [word.casefold() for word in _WORD.findall(region)]
        if self.searcher.page_holds(written, positions):
            return True
        if not self._known(terms):
            return False
        return any(
            self.searcher.page_holds(self.searcher.tokenizer.terms(name), positions)
            for code in region_names()[region]
            for name in country_names(code)
        )

    def _names_regions_of(self, country: str, holds: Callable[[list[str]], bool]) -> bool:
        """Whether ``holds`` finds at least ``_REGIONS_NAMED`` of a country's regions: a page on
        Huehuetenango and Quiché is in Guatemala, though it never says so. A region counts by
        a word of its name that is no everyday word ("Souss-Massa", "Cotopaxi"; not "Central"
        or "Coast")."""
        named = 0
        for region in regions_of(country):
            terms = self.searcher.tokenizer.terms(region)
            if terms and holds(terms) and not _everyday(region.casefold()):
                named += 1
                if named == _REGIONS_NAMED:
                    return True
        return False

    def _known(self, terms: list[str]) -> bool:
        return all(map(self.searcher.known, terms))


def _everyday(name: str) -> bool:
    """Whether every word of a lower-case name is an everyday English word."""
    return all(map(is_everyday_word, _WORD.findall(name)))


# A question's places are looked for by several checks: each question's are found once.
@lru_cache(maxsize=256)
def _countries_in(text: str) -> tuple[str, ...]:
    """The countries a question names, the longest name where names overlap ("south sudan",
    not "sudan"); a word that starts no country's name is passed over at once."""
    first_words = country_first_words()
    return tuple(_names_in(text, lambda name: name.split()[0] in first_words and is_country(name)))


@lru_cache(maxsize=256)
def _regions_in(text: str) -> tuple[str, ...]:
    """The regions and cities a question names (``region_names``) that are no countries."""
    regions = region_names()
    return tuple(_names_in(text, lambda name: name in regions and not is_country(name)))


def _names_in(text: str, is_name: Callable[[str], bool]) -> Iterator[str]:
    """The runs of a text's words, of up to ``_PLACE_WORDS``, that ``is_name`` accepts, the
    longest first, none inside another; an article opens none."""
    words = _WORD.findall(text.casefold())
    at = 0
    while at < len(words):
        if words[at] != "the":
            for end in range(min(len(words), at + _PLACE_WORDS), at, -1):
                name = " ".join(words[at:end])
                if is_name(name):
                    yield name
                    at = end
                    break
            else:
                at += 1
            continue
        at += 1
