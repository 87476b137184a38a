"""The places a question names: countries and regions, found whole and never overlapping."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from retrieval.places import _countries_in, _regions_in

WORDS = ["south", "sudan", "the", "united", "kingdom", "funds", "huila", "in", "x", "guinea"]


def test_the_longest_name_is_found_where_names_overlap() -> None:
    assert list(_countries_in("who funds x in south sudan and the united kingdom")) == [
        "south sudan",
        "united kingdom",
    ]
    assert list(_regions_in("who trains farmers in huila and in bishkek")) == ["huila", "bishkek"]
    assert list(_regions_in("who funds the programme in kenya")) == []


@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_places_found_are_runs_of_the_question_s_words_in_order(words: list[str]) -> None:
    text = " ".join(words)
    found = list(_countries_in(text))
    # Each is a run of the words, and they come in order without overlapping.
    rest = text
    for name in found:
        at = f" {rest} ".find(f" {name} ")
        assert at >= 0
        rest = f" {rest} "[at + len(name) + 1 :].strip()
