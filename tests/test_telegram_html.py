"""Telegram HTML rendering: whatever the corpus and the user write, Telegram can parse the
reply, and it stays within 4096 characters and 100 entities."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.telegram_html import (
    MAX_CHARS,
    MAX_ENTITIES,
    answer_html,
    escape,
    plain_fallback,
    section_html,
)
from corpus.models import BlockKind, Passage
from retrieval.analysis import Expansion
from retrieval.answering import Answer, Hit
from tests.telegram_html_check import parse

HOSTILE = [
    "<b>bold</b>",
    "<script>alert(1)</script>",
    "a < b && c > d",
    "<i>unclosed",
    "&amp; &lt; &nbsp; &#xFFFFFF;",
    "@everyone",
    "https://example.org/?a=1&b=<2>",
    "مرحبا بالعالم",
    "👍🏽👨‍👩‍👧",
    "\u202eevil\u202c",
]
texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=400),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=40).map(" ".join),
    st.integers(3000, 10_000).map(lambda n: ("Word <b>& ") * (n // 10) + "end."),
)
names = texts.map(str.strip).filter(bool)


@st.composite
def hits(draw: st.DrawFn, rank: int) -> Hit:
    text = draw(texts.filter(lambda t: t.strip()))
    size = len(text)
    start = draw(st.integers(0, size))
    end = draw(st.integers(start, size))
    words = draw(st.lists(st.tuples(st.integers(0, size), st.integers(0, 30)), max_size=250))
    highlights = tuple(sorted({(a, min(size, a + n)) for a, n in words if n}))
    passage = Passage(
        id=f"doc:{rank:08x}",
        doc_id="doc",
        title=draw(names),
        url=draw(st.sampled_from(["", "https://example.org/a?b=1&c=<2>", "javascript:x"])),
        section=draw(names),
        text=text,
        start=0,
        end=size,
        kind=draw(st.sampled_from(list(BlockKind))),
    )
    return Hit(rank, passage, 1.0, (start, end), (), _disjoint(highlights))


def _disjoint(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return tuple(kept)


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    count = draw(st.integers(1, 6))
    return Answer(
        question=draw(names),
        understood=draw(names),
        direct=draw(st.none() | names),
        hits=tuple(draw(hits(rank)) for rank in range(1, count + 1)),
        no_answer=False,
        expansions=(Expansion(draw(names), draw(names)),),
    )


def assert_sendable(markup: str) -> None:
    parsed = parse(markup)
    assert parsed.length <= MAX_CHARS
    assert parsed.entities <= MAX_ENTITIES
    assert parsed.text.strip()


@settings(max_examples=150, deadline=None)
@given(answers())
def test_any_answer_renders_as_telegram_html_within_the_limits(answer: Answer) -> None:
    markup = answer_html(answer)
    assert_sendable(markup)
    assert "[1]" in markup


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(texts.filter(lambda t: t.strip()), st.sampled_from(list(BlockKind))),
        min_size=1,
        max_size=30,
    )
)
def test_any_section_renders_within_the_limits(parts: list[tuple[str, BlockKind]]) -> None:
    passages = [
        Passage(f"d:{i:08x}", "d", "Title <&>", "https://x.org/?a&b", "Section", text, 0, 1, kind)
        for i, (text, kind) in enumerate(parts)
    ]
    assert_sendable(section_html(passages))


@settings(max_examples=100, deadline=None)
@given(texts)
def test_escaped_text_parses_and_reads_back_as_the_text(text: str) -> None:
    parsed = parse(escape(text)) if text else None
    if parsed is not None:
        assert parsed.text == re.sub(r"@(?=\w)", "@\u2060", text)
        assert parsed.entities == 0


@settings(max_examples=50, deadline=None)
@given(answers())
def test_the_plain_fallback_fits_one_message(answer: Answer) -> None:
    fallback = plain_fallback(answer_html(answer) * 3)
    assert len(fallback.encode("utf-16-le")) // 2 <= MAX_CHARS


def test_a_mention_in_corpus_text_never_pings() -> None:
    assert "@everyone" not in escape("ping @everyone and @durov")


def test_a_passage_with_hundreds_of_matched_words_keeps_under_100_entities() -> None:
    text = " ".join(["word"] * 400) + "."
    highlights = tuple((i * 5, i * 5 + 4) for i in range(400))
    passage = Passage("d:00000000", "d", "T", "https://x.org", "S", text, 0, len(text))
    answer = Answer("q", "q", None, (Hit(1, passage, 1.0, (0, len(text)), (), highlights),), False)
    assert_sendable(answer_html(answer))


def test_a_line_that_cites_many_passages_keeps_them_all_cut_to_their_sentences() -> None:
    sentence = "The programme trains wardens along the coast and pays for their boats. "
    text = sentence * 8
    found = []
    for rank in range(1, 12):
        passage = Passage(f"d:{rank:08x}", "d", "T", "https://x.org", "S", text, 0, len(text))
        found.append(Hit(rank, passage, 1.0, (0, len(sentence) - 1), (), ()))
    line = "Norway funds " + ", ".join(f"Programme {n} [{n}]" for n in range(1, 12))
    answer = Answer("q", "q", line, tuple(found), False)
    markup = answer_html(answer)
    assert_sendable(markup)
    assert all(f"[{rank}] " in markup for rank in range(1, 12))
