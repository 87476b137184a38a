"""Rendering answers as terminal text and JSON, for any text the corpus or a user can hold."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rendering import NO_ANSWER, answer_to_json, render_text
from corpus.models import BlockKind, Passage
from retrieval.analysis import Expansion
from retrieval.answering import Answer, Engine, Hit
from retrieval.correcting import Correction

# Any text a file can hold: valid Unicode without lone surrogates.
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
# Titles, sections and names as the corpus gives them: trimmed, never blank.
names = (
    st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=60)
    .map(str.strip)
    .filter(bool)
)
pairs = st.lists(st.tuples(names, names), max_size=2)


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    count = draw(st.integers(0, 4))
    first = draw(st.integers(1, 5))
    hits = tuple(
        Hit(
            rank=first + i,
            passage=Passage(
                id=f"doc:{i:08x}",
                doc_id="doc",
                title=draw(names),
                url=draw(st.sampled_from(["", "https://example.org/a?b=1&c=<2>"])),
                section=draw(names),
                text=draw(texts),
                start=0,
                end=1,
                kind=draw(st.sampled_from(list(BlockKind))),
                lead_in=draw(st.none() | texts),
            ),
            score=draw(st.floats(0, 100)),
            best_span=(0, 0),
            matched_terms=tuple(draw(st.lists(names, max_size=3))),
        )
        for i in range(count)
    )
    return Answer(
        question=draw(texts),
        understood=draw(texts),
        direct=draw(st.none() | texts),
        hits=hits,
        no_answer=not hits,
        expansions=tuple(Expansion(a, b) for a, b in draw(pairs)),
        corrections=tuple(Correction(a, b) for a, b in draw(pairs)),
        nearest=tuple(draw(st.lists(names, max_size=3))),
        note=draw(st.none() | names),
    )


@settings(max_examples=150, deadline=None)
@given(answers())
def test_text_rendering_shows_every_citation_for_any_content(answer: Answer) -> None:
    text = render_text(answer)
    for citation in answer.citations:
        assert citation in text
    if answer.hits:
        assert "Sources:" in text


@settings(max_examples=150, deadline=None)
@given(answers())
def test_json_rendering_round_trips_for_any_content(answer: Answer) -> None:
    data = json.loads(json.dumps(answer_to_json(answer), ensure_ascii=False))
    assert data["question"] == answer.question
    assert data["answer"] == answer.direct
    assert [p["rank"] for p in data["passages"]] == [h.rank for h in answer.hits]
    assert [p["text"] for p in data["passages"]] == [h.passage.text for h in answer.hits]
    assert [p["citation"] for p in data["passages"]] == list(answer.citations)


def test_no_answer_text_says_so_and_names_where_the_corpus_comes_nearest(engine: Engine) -> None:
    answer, _ = engine.ask("how do I renew my passport?")
    text = render_text(answer)
    assert text == f"{NO_ANSWER}\nNothing in the corpus comes near it."
    answer, _ = engine.ask("who won the world cup in 2018")
    text = render_text(answer)
    assert text.startswith(f"{NO_ANSWER}\nThe nearest it comes: “Cooperation with United Nations")
    assert "Sources:" not in text


def test_text_rendering_shows_the_expansion_and_the_corrected_question(engine: Engine) -> None:
    answer, _ = engine.ask("wich agencys run UNODA")
    text = render_text(answer)
    assert "Acronym: UNODA = United Nations Office for Disarmament Affairs" in text
    assert "Understood as: which" in text


def test_a_table_s_row_is_shown_under_its_column_headings() -> None:
    from bot.telegram_html import answer_html

    row = Passage(
        id="doc:00000001",
        doc_id="doc",
        title="School buses",
        url="",
        section="Distribution",
        text="Syunik | 46 | 3,420",
        start=0,
        end=1,
        lead_in="Province | Buses | Pupils transported daily",
    )
    answer = Answer("q", "q", None, (Hit(1, row, 1.0, (0, 0), ()),), False)
    assert "[1] (Province | Buses | Pupils transported daily) Syunik | 46 | 3,420" in (
        render_text(answer)
    )
    assert answer_html(answer).startswith(
        "[1] <i>Province | Buses | Pupils transported daily</i>\nSyunik | 46 | 3,420"
    )
