"""Sentence boundaries as character spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.sentences import sentence_spans, sentences

# --- properties -------------------------------------------------------------------------------

_TOKENS = st.sampled_from(
    [
        "word",
        "Word",
        "A",
        "b",
        "U.S.",
        "e.g.",
        "Dr.",
        "etc.",
        "3.5",
        "2020",
        "end.",
        "End?",
        "yes!",
        "wait...",
        "so…",
        '"Quote."',
        "“Curly.”",
        "(aside.)",
        "[note]",
        "'single'",
        "é",
        "Éa",
        ".",
        "?",
        "!",
        '"',
        ")",
        "(",
    ]
)
_GAPS = st.sampled_from(["", " ", "  ", "\n", "\n\n", "\t", " \u00a0", "\u2003"])


@st.composite
def _prose(draw: st.DrawFn) -> str:
    parts = [draw(_GAPS)]
    for token in draw(st.lists(_TOKENS, max_size=25)):
        parts.append(token)
        parts.append(draw(_GAPS))
    return "".join(parts)


_TEXTS = st.one_of(_prose(), st.text(st.sampled_from("aZ1 .!?\"')(\n…"), max_size=40))


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_spans_are_ordered_disjoint_and_inside_the_text(text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert 0 <= previous_end <= start < end <= len(text)
        previous_end = end


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_spans_have_no_surrounding_whitespace(text: str) -> None:
    for start, end in sentence_spans(text):
        piece = text[start:end]
        assert piece == piece.strip()
        assert piece


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_spans_cover_every_non_whitespace_character(text: str) -> None:
    covered = [False] * len(text)
    for start, end in sentence_spans(text):
        for position in range(start, end):
            covered[position] = True
    missed = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert missed == []


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_sentences_keep_every_word_in_order(text: str) -> None:
    assert " ".join(sentences(text)).split() == text.split()


def test_text_of_only_whitespace_has_no_sentences() -> None:
    assert sentence_spans("") == []
    assert sentence_spans(" \n\t ") == []


# --- examples ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It rained. We stayed in.", ["It rained.", "We stayed in."]),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ("It ended.\nA new line starts.", ["It ended.", "A new line starts."]),
        ("  Leading space. Trailing space.  ", ["Leading space.", "Trailing space."]),
        ("Wait... What happened?", ["Wait...", "What happened?"]),
    ],
)
def test_full_stops_question_and_exclamation_marks_end_sentences(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He met Dr. Smith. She left.", ["He met Dr. Smith.", "She left."]),
        ("Use tools, e.g. Python. It works.", ["Use tools, e.g. Python.", "It works."]),
        (
            "Some tools, i.e. Python, are fine. Others are not.",
            ["Some tools, i.e. Python, are fine.", "Others are not."],
        ),
        ("The U.S. Army is large. It has units.", ["The U.S. Army is large.", "It has units."]),
        ("The U.N. Charter applies. It is old.", ["The U.N. Charter applies.", "It is old."]),
        ("J. R. Smith wrote it. Fine.", ["J. R. Smith wrote it.", "Fine."]),
        ("Approx. 40 came. Prof. Jones spoke.", ["Approx. 40 came.", "Prof. Jones spoke."]),
        ("See Fig. 3 and Vol. 2 here. Done.", ["See Fig. 3 and Vol. 2 here.", "Done."]),
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("“Quoted.” Next one.", ["“Quoted.”", "Next one."]),
        ("He left (quietly.) Then she came.", ["He left (quietly.)", "Then she came."]),
        ('It ended. "Why?" she asked.', ["It ended.", '"Why?" she asked.']),
        ("It ended. (A note follows.)", ["It ended.", "(A note follows.)"]),
    ],
)
def test_closing_quotes_and_brackets_stay_with_their_sentence(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It rose by 3.5 percent. It fell.", ["It rose by 3.5 percent.", "It fell."]),
        ("It rose in 2019. 2020 was different.", ["It rose in 2019.", "2020 was different."]),
        ("Version 2.0. Next.", ["Version 2.0.", "Next."]),
        ("It cost $1,000.50 in total. Fine.", ["It cost $1,000.50 in total.", "Fine."]),
    ],
)
def test_decimal_points_do_not_end_sentences_but_numbers_can_start_them(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Is it? yes it is.",
        "It was odd. and then it stopped.",
        "Call me at 5 p.m. tomorrow.",
    ],
)
def test_a_stop_before_a_lower_case_word_does_not_end_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


def test_spans_point_at_the_sentences_in_the_original_text() -> None:
    text = "First one.  Second one?\n\nThird!"
    spans = sentence_spans(text)
    assert spans == [(0, 10), (12, 23), (25, 31)]
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one?", "Third!"]
