"""What qabot reads from a document about who plays which part in what, passage by passage.

A maintainer checks it before users ask (``qabot corpus show ID --relations``): each known
wording (``retrieval/relations/``), read first for "who runs X"; each role cue with the
names next to it, from the relation table built with the index
(``retrieval/role_reading.py``), which answers where no known wording does and answers "what
does A take part in"; each organisation the page says has no part in its subject, which no
answer names; and, for each subject and part read, the line the bot gives when asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from retrieval.answering import Engine
from retrieval.relations import Kind, answer_line, is_generic, kind_of
from retrieval.roles import Role

# The question that asks who plays each part, as a user would ask it.
_ASKING = {
    Role.RUN: "who runs {}?",
    Role.HOST: "who hosts {}?",
    Role.CHAIR: "who chairs {}?",
    Role.FUND: "who funds {}?",
    Role.PARTNER: "who are the partners of {}?",
    Role.FOUND: "who founded {}?",
}
_ROLE_OF_KIND = {Kind.RUNNING: Role.RUN, Kind.FUNDING: Role.FUND, Kind.MEMBERSHIP: Role.PARTNER}
# Questions asked of the bot for one document: a page names a few subjects and parts.
MAX_ASKED = 20


class Source(str, Enum):
    """Where a reading comes from."""

    WORDING = "known wording"
    EVIDENCE = "role cue"
    DENIAL = "no part"


@dataclass(frozen=True)
class Reading:
    """One thing a passage says about who plays a part.

    Attributes:
        passage_id: the passage's id, as answers cite it.
        subject: what the names play their part in.
        role: the part, or None for a denial of any part.
        line: what it says, as an answer line would: "AIRCOP is implemented by UNODC, the
            World Customs Organization and INTERPOL".
        source: how it was read.
        former: whether the passage speaks of the past ("until 2014"): it counts half for a
            question about the present, and the other way round.
    """

    passage_id: str
    subject: str
    role: Role | None
    line: str
    source: Source
    former: bool = False

    def __str__(self) -> str:
        then = ", in the past" if self.former else ""
        return f"{self.line}  ({self.source.value}{then})"


@dataclass(frozen=True)
class Asked:
    """A question about a subject the document names, and the bot's answer line.

    Attributes:
        question: who plays a part read from the document.
        line: the bot's one-line answer with its citation, or None when it gives none.
    """

    question: str
    line: str | None


def readings(engine: Engine, doc_id: str) -> list[Reading]:
    """Everything ``engine`` reads from the passages of document ``doc_id``, in page order.

    A line names its subject as the sentence does, else by what the page is about (its
    titled programme, its publisher or its title).
    """
    index = engine.index
    found: list[Reading] = []
    for position in map(int, index.passages.of_document(doc_id)):
        passage = index.passages[position]
        page = engine.page_subject(passage) or passage.title
        for relation in engine.relations_in(position):
            generic = relation.subject is None or is_generic(relation.subject)
            subject = page if generic else relation.short or relation.subject or page
            role = _ROLE_OF_KIND[kind_of(relation.phrase)]
            line = relation.sentence(subject)
            found.append(Reading(passage.id, subject, role, line, Source.WORDING))
        for claim in engine.claims_in(position):
            subject = " and ".join(claim.about) if claim.about else page
            line = answer_line(subject, claim.said, claim.names)
            found.append(
                Reading(passage.id, subject, claim.role, line, Source.EVIDENCE, claim.former)
            )
        for denial in engine.denials_in(position):
            role = _ROLE_OF_KIND[denial.kind] if denial.kind else None
            what = f"the {denial.kind.value} of {page}" if denial.kind else page
            line = f"{denial.organisation} has no part in {what}"
            found.append(Reading(passage.id, page, role, line, Source.DENIAL))
    # Several cues of one sentence may say the same ("brings together 50 partners under the
    # leadership of A"): a maintainer reads each thing once.
    return list(dict.fromkeys(found))


def asked(engine: Engine, found: list[Reading]) -> list[Asked]:
    """For each subject and part that ``found`` reads (at most ``MAX_ASKED``), the question
    "who runs X?" asked of the bot, and its answer line: what users will get."""
    questions = dict.fromkeys(
        _ASKING[reading.role].format(reading.subject)
        for reading in found
        if reading.role is not None and reading.source is not Source.DENIAL
    )
    answers = []
    for question in list(questions)[:MAX_ASKED]:
        answer, _ = engine.ask(question)
        answers.append(Asked(question, answer.direct))
    return answers
