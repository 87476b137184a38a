"""Example questions drawn from the corpus itself, for a newcomer who does not know what to ask."""

from __future__ import annotations

from collections.abc import Iterator

from corpus.models import Passage
from retrieval.answering import Engine
from retrieval.relations import is_generic, relations
from retrieval.roles import decode

# Examples come from the start of the corpus: reading every passage of a large corpus would
# hold up the bot's start for as long.
SCANNED_PASSAGES = 500


def _first_passages(engine: Engine) -> list[Passage]:
    return engine.index.passages[:SCANNED_PASSAGES]


def _who_runs(engine: Engine) -> Iterator[str]:
    known = tuple(engine.index.acronyms.values())
    for passage in _first_passages(engine):
        for relation in relations(passage.text, known):
            if not is_generic(relation.subject):
                yield f"Which agencies run {relation.short or relation.subject}?"


def _what_is(engine: Engine) -> Iterator[str]:
    for passage in _first_passages(engine):
        for short in engine.index.acronyms:
            if f"({short})" in passage.text:
                yield f"What is {short}?"


def _takes_part(engine: Engine) -> Iterator[str]:
    # From the relation table built with the index: an organisation a passage gives a part,
    # by its shortest name, as an example is a button.
    for position, passage in enumerate(_first_passages(engine)):
        for claim in decode(engine.index.claims[position], passage.text):
            for name in sorted(claim.names, key=len):
                yield f"Which programmes is {name.removeprefix('the ')} part of?"


def _about_section(engine: Engine) -> Iterator[str]:
    # Shortest headings first: an example is a button, and a long button gets cut off.
    sections = engine.index.passages.headings()
    for section in sorted(sections, key=lambda s: (len(s), s)):
        yield f"Tell me about {section}"


def example_questions(engine: Engine, count: int = 3) -> list[str]:
    """Up to ``count`` questions that the corpus answers, one of each kind first: who runs
    something, what an acronym stands for, what an organisation takes part in, what a section
    says."""
    kinds = [_who_runs(engine), _what_is(engine), _takes_part(engine), _about_section(engine)]
    chosen: list[str] = []
    while kinds and len(chosen) < count:
        for kind in list(kinds):
            question = next((q for q in kind if q not in chosen and _answered(engine, q)), None)
            if question is None:
                kinds.remove(kind)
            else:
                chosen.append(question)
            if len(chosen) == count:
                break
    return chosen


def _answered(engine: Engine, question: str) -> bool:
    answer, _ = engine.ask(question)
    return not answer.no_answer
