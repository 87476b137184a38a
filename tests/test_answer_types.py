"""Answer types: when, how many and what-is-the-difference questions favour fitting passages."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from retrieval.answer_types import passage_types, question_types
from retrieval.answering import Engine


@pytest.mark.parametrize(
    ("question", "types"),
    [
        ("since when do they cooperate?", ["#date"]),
        ("What year did it start", ["#date"]),
        ("how many members are there", ["#number"]),
        ("what's the difference between A and B", ["#contrast"]),
        ("how does it compare to UNODC", ["#contrast"]),
        ("who runs AIRCOP", []),
    ],
)
def test_questions_name_the_answer_type_they_want(question: str, types: list[str]) -> None:
    assert question_types(question) == types


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("We engaged in a closer partnership from 2015.", ["#date", "#number"]),
        ("The five member organizations provide support.", ["#number"]),
        ("While A does research, B takes a more operational approach.", ["#contrast"]),
        ("A general sentence about cooperation.", []),
    ],
)
def test_passages_are_marked_with_the_answer_types_they_hold(text: str, types: list[str]) -> None:
    assert passage_types(text) == types


def test_a_when_question_prefers_the_passage_with_a_year(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(
        {
            "a.txt": (
                "Ocean Shield works on port security with coastal states and their navies.\n\n"
                "Ocean Shield began its port security work with coastal states in 2019.\n"
            )
        }
    )
    answer, _ = engine.ask("since when does ocean shield do port security?")
    assert "2019" in answer.hits[0].passage.text
