"""Pseudo-relevance feedback: a long question describing a topic borrows the words of its best
passages; questions asking for a fact are ranked on their own words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval import feedback
from retrieval.answering import AnswerSettings, Engine

ABSTRACTS = {
    "panels.txt": (
        "Thin skin panels on a wing vibrate when air flows past them at supersonic speed.\n\n"
        "This vibration, known as panel flutter, grows with the dynamic pressure of the flow; "
        "flutter tests in a wind tunnel find the flutter boundary.\n"
    ),
    "damping.txt": (
        "Damping added to a structure lowers the amplitude of flutter over a wide range of speed.\n"
    ),
    "cones.txt": "Slender cones heat up at hypersonic speed.\n",
    "nozzles.txt": "Heat reaches the walls of rocket nozzles through the boundary layer.\n",
    "intakes.txt": "Air intakes of jet engines lose pressure when the boundary layer separates.\n",
}
TOPIC = "what vibration troubles do the thin skin panels of a wing have at supersonic speeds"


def _documents(engine: Engine, question: str) -> list[str]:
    answer, _ = engine.ask(question, top_k=10)
    return [hit.passage.doc_id for hit in answer.hits]


def _without_feedback() -> AnswerSettings:
    plain = AnswerSettings()
    return replace(plain, search=replace(plain.search, feedback_weight=0.0))


def test_a_question_describing_a_topic_finds_passages_in_the_words_of_its_best_ones(
    make_engine: Callable[..., Engine],
) -> None:
    # "damping" and "cones" share one word with the question, "speed", and "damping" the word
    # "flutter" with its best passage; "cones" is shorter, so it wins on the question alone.
    found = _documents(make_engine(ABSTRACTS), TOPIC)
    assert found.index("damping") < found.index("cones")
    found = _documents(make_engine(ABSTRACTS, _without_feedback()), TOPIC)
    assert found.index("damping") > found.index("cones")


@pytest.mark.parametrize(
    "question",
    [
        "panel flutter",  # few topic words
        "when do the thin skin panels of a wing vibrate at supersonic speeds in flight",
        "how many thin skin panels of a wing vibrate at supersonic speeds in flight",
        "who studied the thin skin panels of a wing vibrating at supersonic speeds",
    ],
)
def test_a_question_asking_for_a_fact_is_ranked_on_its_own_words(
    make_engine: Callable[..., Engine], question: str
) -> None:
    with_feedback = make_engine(ABSTRACTS).ask(question, top_k=10)[0]
    without = make_engine(ABSTRACTS, _without_feedback()).ask(question, top_k=10)[0]
    assert [h.passage.id for h in with_feedback.hits] == [h.passage.id for h in without.hits]


terms = st.sampled_from("abcdefghij")
passages = st.lists(
    st.tuples(st.lists(terms, max_size=12), st.floats(0.0, 50.0, allow_nan=False)),
    min_size=1,
    max_size=feedback.PASSAGES,
)
weights = st.dictionaries(st.sampled_from("klmnop"), st.floats(0.1, 3.0), min_size=1)


@given(weights, passages, st.floats(0.0, 2.0))
def test_feedback_adds_words_and_never_takes_weight_from_the_question(
    question: dict[str, float], lent: list[tuple[list[str], float]], weight: float
) -> None:
    added = feedback.expanded(question, lent, weight, lambda term: True)
    assert all(added[term] >= value for term, value in question.items())
    new = set(added) - set(question)
    assert len(new) <= feedback.TERMS
    assert new <= {term for text, _ in lent for term in text}
    extra = sum(added.values()) - sum(question.values())
    if new:
        # The lent words weigh ``weight`` times the question's own, together.
        assert extra == pytest.approx(weight * sum(question.values()))
    else:
        assert extra == pytest.approx(0.0, abs=1e-9)


def test_the_best_passage_lends_more_than_a_weaker_one() -> None:
    added = feedback.expanded({"q": 1.0}, [(["best"], 10.0), (["weak"], 5.0)], 1.0, bool)
    assert added["best"] > 10 * added["weak"]


def test_a_word_the_corpus_holds_once_is_not_lent() -> None:
    added = feedback.expanded({"q": 1.0}, [(["rare", "common"], 1.0)], 1.0, "common".__eq__)
    assert set(added) == {"q", "common"}
