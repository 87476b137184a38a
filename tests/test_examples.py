"""The example questions /start offers are drawn from the corpus, one of each kind, and each is
answered."""

from __future__ import annotations

from retrieval.answering import Engine
from retrieval.examples import example_questions


def test_the_examples_ask_one_of_each_kind_and_each_is_answered(engine: Engine) -> None:
    examples = example_questions(engine)
    assert len(examples) == 3
    assert examples[0].startswith("Which agencies run ")
    assert examples[1].startswith("What is ")
    assert examples[2].startswith("Which programmes is ")
    for question in examples:
        answer, _ = engine.ask(question)
        assert not answer.no_answer
    taking_part, _ = engine.ask(examples[2])
    assert taking_part.named
