"""Scrape-artifact repairs: whitespace collapsing and the truncated leading copy of a paragraph."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.cleaning import (
    MAX_REPEAT_CHARS,
    MIN_REPEAT_CHARS,
    MIN_REPEAT_WORDS,
    collapse_whitespace,
    leading_repeat_end,
)

SEED_GLITCH = (
    "We collaborate with a range of UN entities, notably th"
    "We collaborate with a range of UN entities, notably the UN Office on Drugs and Crime."
)


# --- leading_repeat_end: examples -------------------------------------------------------------


def test_glued_truncated_copy_of_the_seed_paragraph_is_found() -> None:
    end = leading_repeat_end(SEED_GLITCH)
    assert SEED_GLITCH[end:] == (
        "We collaborate with a range of UN entities, notably the UN Office on Drugs and Crime."
    )


@pytest.mark.parametrize(
    ("text", "real"),
    [
        (
            "Our teams train officers in thOur teams train officers in three regions.",
            "Our teams train officers in three regions.",
        ),
        (
            "The project supports border agencies The project supports border agencies "
            "in West Africa.",
            "The project supports border agencies in West Africa.",
        ),
        (
            "Member countries share data on Member countries share data on stolen vehicles.",
            "Member countries share data on stolen vehicles.",
        ),
        (
            "The consortium meets twice a yeThe consortium meets twice a year in Geneva.",
            "The consortium meets twice a year in Geneva.",
        ),
        (
            "Officers from many countries\n\nOfficers from many countries attended.",
            "Officers from many countries attended.",
        ),
    ],
)
def test_truncated_leading_copy_glued_or_spaced_is_cut_off(text: str, real: str) -> None:
    end = leading_repeat_end(text)
    assert end > 0
    assert text[end:] == real


def test_offset_includes_the_whitespace_after_the_fragment() -> None:
    text = "Alpha beta gamma   Alpha beta gamma delta"
    end = leading_repeat_end(text)
    assert end == len("Alpha beta gamma   ")
    assert text[end:] == "Alpha beta gamma delta"


def test_text_repeated_three_times_loses_only_its_first_copy_per_call() -> None:
    copy = "Crime prevention is a shared duty "
    text = copy * 3
    first = leading_repeat_end(text)
    assert text[first:] == copy * 2
    second = leading_repeat_end(text[first:])
    assert text[first:][second:] == copy


@pytest.mark.parametrize(
    "text",
    [
        "It was very very cold in the mountains that winter.",
        "Thank you thank you for coming to the conference.",
        "Go go go, the officers shouted as the doors opened.",
        "INTERPOL and UNODC share many areas of common concern.",
        "We engaged in a closer partnership from 2015 to make the most of it.",
        "The couscous and the tartar sauce were served at the bonbon stand.",
        "",
        "short",
        "a b c a b c",
    ],
)
def test_prose_without_a_long_leading_repeat_is_left_alone(text: str) -> None:
    assert leading_repeat_end(text) == 0


def test_two_word_repeat_of_twelve_characters_is_not_a_glitch() -> None:
    # Long enough in characters, but only two words: too little to call it a scrape glitch.
    text = "Investigators Investigators found the stolen cars."
    assert len("Investigators ") >= MIN_REPEAT_CHARS
    assert leading_repeat_end(text) == 0


def test_copy_glued_to_a_lower_case_letter_is_a_word_not_a_glitch() -> None:
    # "gammaalpha" is one word, like "abcabc": the copy would not start a word.
    text = "alpha beta gammaalpha beta gamma delta epsilon"
    assert leading_repeat_end(text) == 0


def test_repeat_shorter_than_the_minimum_is_left_alone() -> None:
    text = "a b c da b c d e f g h"  # "a b c d" has 4 words but only 7 characters
    assert leading_repeat_end(text) == 0


def test_leading_copy_longer_than_the_bound_is_not_cut() -> None:
    words = " ".join(f"Word{i}" for i in range(400))
    assert len(words) > MAX_REPEAT_CHARS
    text = words + " " + words
    assert leading_repeat_end(text) == 0


# --- leading_repeat_end: properties -----------------------------------------------------------

# Words of one length, all different: no word is a prefix, suffix or part of another, so
# the only place where the start of S can reappear in F + S is where S starts.
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@st.composite
def _glitched(draw: st.DrawFn) -> tuple[str, str, str]:
    length = draw(st.integers(2, 7))
    word = st.text(_LETTERS, min_size=length, max_size=length)
    # Enough words that S is longer than the longest prefix F can need (12 chars, 3 words).
    fewest = max(3, -(-(MIN_REPEAT_CHARS + 2) // (length + 1)))
    words = draw(st.lists(word, min_size=fewest, max_size=20, unique=True))
    capitalize = draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
    words = [w.capitalize() if up else w for w, up in zip(words, capitalize, strict=True)]
    separator = draw(st.sampled_from(["", " "]))
    if separator == "":
        # Glued: the copy must visibly start a word, with an upper-case letter.
        words[0] = words[0].capitalize()
    sentence = " ".join(words)
    # The prefix F: at least 12 characters and at least 3 words.
    shortest = max(MIN_REPEAT_CHARS, len(" ".join(words[:2])) + 2)
    cut = draw(st.integers(shortest, len(sentence)))
    fragment = sentence[:cut]
    return fragment, separator, sentence


@settings(max_examples=100, deadline=None)
@given(_glitched())
def test_truncated_copy_before_the_real_text_is_cut_exactly(case: tuple[str, str, str]) -> None:
    fragment, separator, sentence = case
    assert len(fragment) >= MIN_REPEAT_CHARS
    assert len(fragment.split()) >= 3
    text = fragment + separator + sentence
    end = leading_repeat_end(text)
    assert text[end:] == sentence


@settings(max_examples=100, deadline=None)
@given(st.text(st.sampled_from("ab AB.\n"), max_size=80))
def test_what_is_cut_reappears_right_after_it(text: str) -> None:
    end = leading_repeat_end(text)
    assert 0 <= end <= len(text)
    if end:
        removed = text[:end].rstrip()
        assert len(removed) >= 1
        assert text[end:].startswith(removed)
        assert len(text[:end].split()) >= 3
        assert not text[end : end + 1].isspace()


@settings(max_examples=100, deadline=None)
@given(st.text(_LETTERS + " ", max_size=60))
def test_text_without_a_leading_copy_is_never_cut(sentence: str) -> None:
    # Prefix it with a marker that occurs nowhere else: no copy of the start can follow.
    text = "Zq" + sentence
    assert leading_repeat_end(text) == 0


# --- collapse_whitespace ----------------------------------------------------------------------


def test_line_breaks_tabs_and_runs_of_spaces_become_one_space() -> None:
    assert collapse_whitespace("  one\ttwo\n\nthree   four \r\n") == "one two three four"


def test_non_breaking_and_other_unicode_spaces_are_collapsed() -> None:
    assert collapse_whitespace("a\u00a0\u2003b\u2028c") == "a b c"


_ANY_TEXT = st.text(
    st.one_of(st.sampled_from(" \t\n\r\f\v\u00a0\u2003\u2028\u3000"), st.characters()),
    max_size=60,
)


@settings(max_examples=100, deadline=None)
@given(_ANY_TEXT)
def test_collapse_whitespace_keeps_the_words_and_one_space_between_them(text: str) -> None:
    collapsed = collapse_whitespace(text)
    assert collapsed == re.sub(r"\s+", " ", text).strip()
    assert collapsed == collapsed.strip()
    assert "  " not in collapsed
    assert all(ch == " " or not ch.isspace() for ch in collapsed)


@settings(max_examples=100, deadline=None)
@given(_ANY_TEXT)
def test_collapse_whitespace_is_idempotent(text: str) -> None:
    once = collapse_whitespace(text)
    assert collapse_whitespace(once) == once


def _reference_leading_repeat_end(text: str) -> int:
    """The definition, checked size by size: the shortest qualifying fragment."""
    limit = min(len(text) // 2, MAX_REPEAT_CHARS)
    for size in range(MIN_REPEAT_CHARS, limit + 1):
        rest = size
        while rest < len(text) and text[rest].isspace():
            rest += 1
        fragment = text[:size]
        if not text.startswith(fragment, rest) or len(fragment.split()) < MIN_REPEAT_WORDS:
            continue
        glued = rest == size and text[size - 1].isalnum() and text[size].isalnum()
        if glued and not text[size].isupper():
            continue
        return rest
    return 0


_REPEATING = st.builds(
    lambda head, tail, cut, gap: head[:cut] + gap + head + tail,
    st.text(st.sampled_from(list("ab Ab.\n")), min_size=10, max_size=60),
    st.text(st.sampled_from(list("ab Ab.")), max_size=20),
    st.integers(0, 60),
    st.sampled_from(["", " ", "  ", "\n "]),
)


@settings(max_examples=500)
@given(st.one_of(_REPEATING, st.text(st.sampled_from(list("ab A .\n")), max_size=80)))
def test_the_fast_scan_finds_what_the_definition_finds(text: str) -> None:
    assert leading_repeat_end(text) == _reference_leading_repeat_end(text)
