"""Typo correction to the nearest word of the corpus vocabulary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.indexing import Index
from retrieval.spelling import Speller

VOCABULARY = {
    "agency": 4,
    "agencies": 7,
    "aircop": 3,
    "which": 2,
    "with": 40,
    "passports": 5,
    "feather": 9,
    "leather": 9,
    "the": 100,
    "crime": 12,
    "unodc": 8,
    "interpol": 30,
}


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(VOCABULARY)


def test_misspelt_plural_is_corrected_to_a_vocabulary_word(speller: Speller) -> None:
    corrected = speller.correct("agencys")
    assert corrected is not None
    assert corrected.startswith("agenc")
    assert corrected in VOCABULARY


@pytest.mark.parametrize("typo", ["aircopp", "aicrop", "iarcop"])
def test_extra_letter_and_transposition_are_corrected(speller: Speller, typo: str) -> None:
    assert speller.correct(typo) == "aircop"


def test_transposition_counts_as_one_edit() -> None:
    # "aicrop" is one transposition from "aircop", but two substitutions from "aixxop".
    assert Speller({"aircop": 1, "aicxxp": 50}).correct("aicrop") == "aircop"


def test_dropped_letter_wins_over_a_substitution_at_the_same_distance(speller: Speller) -> None:
    # "wich" is one edit from both; "with" is twenty times as frequent, yet "which" wins.
    assert speller.correct("wich") == "which"


def test_real_seed_vocabulary_corrects_typos(seed_index: Index) -> None:
    speller = Speller(seed_index.words)
    assert speller.correct("aicrop") == "aircop"
    assert speller.correct("intrpol") == "interpol"
    assert speller.correct("wich") == "which"


@pytest.mark.parametrize("word", ["passport", "weather", "feathers"])
def test_common_english_words_are_not_corrected(speller: Speller, word: str) -> None:
    assert speller.correct(word) is None


@pytest.mark.parametrize("word", ["teh", "cri", "wih", "un"])
def test_words_of_three_letters_or_fewer_are_not_corrected(speller: Speller, word: str) -> None:
    assert speller.correct(word) is None


@pytest.mark.parametrize("word", ["unodc2", "1nterpol", "crim3"])
def test_words_with_digits_are_not_corrected(speller: Speller, word: str) -> None:
    assert speller.correct(word) is None


def test_vocabulary_word_needs_no_correction(speller: Speller) -> None:
    assert speller.correct("aircop") is None


@pytest.mark.parametrize("word", ["zzzzzzzz", "qwxqwx", "brrp"])
def test_no_candidate_within_distance_gives_none(speller: Speller, word: str) -> None:
    assert speller.correct(word) is None


def test_distance_limit_grows_with_word_length() -> None:
    speller = Speller({"crimes": 1, "interpol": 1})
    assert speller.correct("crmes") == "crimes"  # five letters: one edit allowed
    assert speller.correct("cmres") is None  # five letters, two edits: too far
    assert speller.correct("intrpl") == "interpol"  # six or more letters: two edits allowed


def test_empty_vocabulary_corrects_nothing() -> None:
    assert Speller({}).correct("agencys") is None


@given(st.permutations(["wat", "what", "want", "whet"]))
def test_a_tie_is_broken_the_same_way_whatever_the_order_of_the_vocabulary(
    words: list[str],
) -> None:
    # All four are one edit from "waht" and equally frequent; the swap keeps the typed letters.
    assert Speller(dict.fromkeys(words, 1)).correct("waht") == "what"
