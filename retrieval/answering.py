"""From a question, in its conversation, to an answer: hits, citations, and a direct answer line."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field, replace

import numpy as np

from corpus.errors import QuestionError, require
from corpus.models import Passage
from retrieval.analysis import Expansion, Query
from retrieval.answer_sentences import AnswerSentences, asks_how_much_money
from retrieval.answer_types import question_types
from retrieval.conversation import Conversation, resolve
from retrieval.correcting import Correction
from retrieval.doers import converse_forms
from retrieval.indexing import Index
from retrieval.places import Places
from retrieval.questions import (
    asked_after,
    asked_verb,
    asked_years,
    asks_for_a_person,
    asks_for_names,
    is_more,
    numbered_part,
    role_verb,
)
from retrieval.relations import (
    Denial,
    Kind,
    Relation,
    kind_of,
)
from retrieval.role_answers import Direct
from retrieval.roles import Claim, Role, asks_for_countries, said_role
from retrieval.searching import Ranked, Searcher, SearchSettings
from retrieval.small_talk import small_talk
from retrieval.taking_part import TakingPart, who_span
from retrieval.tokenizing import stem
from retrieval.who_answers import WhoAnswers


@dataclass(frozen=True)
class AnswerSettings:
    """How answers are put together.

    Attributes:
        search: how passages are found.
        top_k: passages per answer, and per "more".
        min_coverage: the share of a question's information (idf-weighted topic words)
            that one of the best passages must explain; below it, the corpus does not
            cover the question.
        long_question_words: past this many topic words, the share needed falls as the
            square root of their ratio.
        unknown_word_weight: how much a question word that the corpus lacks counts in
            that share, relative to a word found in a single passage.
        page_evidence: how much a question word counts in that share when the passage's
            page holds it but neither the passage nor its title and heading do, from 0 to 1.
        direct_answer_depth: how many of the best passages are read for a "who runs X" answer.
        min_subject_match: the share of the question's topic that a sentence's subject
            must contain to answer "who runs" about it.
        min_role_evidence: the least score (``roles.score``) of a sentence's role cue and
            the names next to it for a who-answer that no known wording gives.
        max_question_chars: longer questions are refused.
        idle_seconds: a conversation idle this long is forgotten.
    """

    search: SearchSettings = field(default_factory=SearchSettings)
    top_k: int = 3
    min_coverage: float = 0.4
    long_question_words: int = 4
    unknown_word_weight: float = 2.5
    page_evidence: float = 0.5
    direct_answer_depth: int = 8
    min_subject_match: float = 0.5
    min_role_evidence: float = 0.5
    max_question_chars: int = 1000
    idle_seconds: float = 1800.0

    def __post_init__(self) -> None:
        require(1 <= self.top_k <= 20, "top_k", "must be between 1 and 20")
        require(0 <= self.min_coverage <= 1, "min_coverage", "must be between 0 and 1")
        require(self.long_question_words >= 1, "long_question_words", "must be 1 or more")
        require(self.unknown_word_weight >= 0, "unknown_word_weight", "must be 0 or more")
        require(0 <= self.page_evidence <= 1, "page_evidence", "must be between 0 and 1")
        require(self.direct_answer_depth >= 1, "direct_answer_depth", "must be 1 or more")
        require(0 <= self.min_subject_match <= 1, "min_subject_match", "must be between 0 and 1")
        require(self.min_role_evidence >= 0, "min_role_evidence", "must be 0 or more")
        require(self.max_question_chars >= 1, "max_question_chars", "must be 1 or more")
        require(self.idle_seconds > 0, "idle_seconds", "must be more than 0")


@dataclass(frozen=True)
class Hit:
    """One passage in an answer.

    Attributes:
        rank: its place in the ranking, from 1; also its citation number.
        passage: the passage.
        score: its ranking score: the BM25 weights of the question words in its text, context
            and page (``Searcher.rank``).
        best_span: where, in the passage's text, the sentence that holds most of the
            question is.
        matched_terms: the query's index terms that it contains.
        highlights: where, in the passage's text, the words matching the query are.
    """

    rank: int
    passage: Passage
    score: float
    best_span: tuple[int, int]
    matched_terms: tuple[str, ...]
    highlights: tuple[tuple[int, int], ...] = ()

    @property
    def best_sentence(self) -> str:
        """The sentence that holds most of the question."""
        return self.passage.text[self.best_span[0] : self.best_span[1]]

    @property
    def citation(self) -> str:
        """``[n] Title › Section — URL``."""
        url = f" — {self.passage.url}" if self.passage.url else ""
        return f"[{self.rank}] {self.passage.citation}{url}"


@dataclass(frozen=True)
class Answer:
    """What qabot says to a question.

    Attributes:
        question: the message as received.
        understood: the question as understood, after follow-up resolution, typo
            correction and acronym expansion.
        direct: a one-line answer naming who runs something, with its citation number.
        named: the organisations that the direct answer names.
        hits: the passages, best first.
        no_answer: true when the corpus does not cover the question.
        expansions: acronyms and long names used.
        corrections: words corrected.
        nearest: when the corpus does not cover the question, where it comes nearest: the
            citations (title › section) of the best passages, a few at most.
        note: a short remark instead of passages, e.g. when there are no more.
    """

    question: str
    understood: str
    direct: str | None
    hits: tuple[Hit, ...]
    no_answer: bool
    expansions: tuple[Expansion, ...] = ()
    corrections: tuple[Correction, ...] = ()
    nearest: tuple[str, ...] = ()
    note: str | None = None
    named: tuple[str, ...] = ()

    @property
    def citations(self) -> tuple[str, ...]:
        """One citation per hit."""
        return tuple(hit.citation for hit in self.hits)


# A year after a word of when: "before 2021", "until 2020", "in 2023", "since 2019".
_WHEN_YEAR = re.compile(
    r"\b(?:before|after|since|until|till|in|from|by|during)\s+((?:19|20)\d\d)\b", re.IGNORECASE
)
# Terminal escape sequences (colours, window titles) that a pasted question may carry.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.?)")


def check_question(text: str, max_chars: int) -> str:
    """The question cleaned up for searching, or ``QuestionError`` saying why it cannot be asked.

    Escape sequences and control characters become spaces, invisible format characters
    (zero-width spaces, soft hyphens) go; the ends are trimmed.
    """
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise QuestionError("the question is not valid text (invalid UTF-8)")
    cleaned = "".join(
        " " if unicodedata.category(ch) == "Cc" else "" if unicodedata.category(ch) == "Cf" else ch
        for ch in _ESCAPE.sub(" ", text)
    ).strip()
    if not cleaned:
        raise QuestionError("the question is empty")
    if len(cleaned) > max_chars:
        raise QuestionError(
            f"the question is {len(cleaned)} characters long; the limit is {max_chars}"
        )
    if not any(unicodedata.category(ch)[0] in "LN" for ch in cleaned):
        raise QuestionError("the question has no words, only punctuation or symbols")
    return cleaned


# A question's words.
_WORD = re.compile(r"[\w'’-]+")
# How many sections an answer that the corpus does not cover names as the nearest.
_NEAREST = 3
# How many of the best passages may show that the corpus covers a question: the ranking's first
# is not always the one that explains most of it.
_COVERAGE_DEPTH = 5
# How many rows of a table its header row brings into a ranking, after the passages that match.
_HEADER_ROWS = 20


@dataclass(frozen=True)
class _Ranking:
    """Passages for a question: first those that hold some of its topic, then those that
    only share a word with it or its expansions, then the rest of the sections of the
    first ones; only "more" reaches past the first.

    Attributes:
        ranked: the passages, best first; a direct answer's passage is first.
        strong: how many of them hold some of the question's topic.
        direct: the "who runs X" answer, if there is one.
        cited: how many of the first passages the direct answer cites: all are shown, more
            than ``top_k`` if need be, as a line must not cite a passage the answer lacks.
    """

    ranked: list[Ranked]
    strong: int
    direct: Direct | None
    cited: int = 0


def _with_expansions(query: Query) -> str:
    """The question as understood, its acronyms followed by their long names:
    "what is UNODA (United Nations Office for Disarmament Affairs)"."""
    text = query.text
    for expansion in query.expansions:
        word = re.compile(rf"\b{re.escape(expansion.short)}\b", re.IGNORECASE)
        found = word.search(text)
        if found:
            text = f"{text[: found.end()]} ({expansion.long}){text[found.end() :]}"
        else:
            text = f"{text.rstrip()} ({expansion.short})"
    return text


# The parts a page says in words of their own, or not at all: paying, hosting, chairing.
_PLAYED_ON_PAGES = frozenset({Role.FUND, Role.HOST, Role.CHAIR})
# The body a chair is asked of: "who chairs the technical committee of X" (its stem, as pages
# write "committees" and "Board").
_CHAIRED = re.compile(r"\b(board|committee|council|commission|assembly|panel|forum)s?\b", re.I)
# Words that ask who pays, and nothing else.
_PAYING = re.compile(r"\b(?:fund|financ|pa(?:y|id)|donat|money|sponsor|contribut)", re.IGNORECASE)
# Words that ask for a number: how many, how much.
_HOW_MANY = re.compile(r"\bhow\s+(?:many|much)\b", re.IGNORECASE)


class Engine:
    """Answers questions from one index. The CLI, the chat and the bot all go through here."""

    def __init__(self, index: Index, settings: AnswerSettings) -> None:
        self.index = index
        self.settings = settings
        self.searcher = Searcher(index, settings.search)
        self._publishers = {meta.id: meta.publisher for meta in index.documents}
        # Passages grouped by section, as one sort of the section keys: a million passages
        # need no million-entry dict.
        self._section_of = self.searcher.section_of
        self._by_section = np.argsort(self._section_of, kind="stable")
        self._sorted_sections = self._section_of[self._by_section]
        self._who = WhoAnswers(
            index, self.searcher, settings, self._publishers, self._in_section, self._section_of
        )
        self._sentences = AnswerSentences(
            index,
            self.searcher,
            self._publishers,
            self._who.roles.states_role,
            settings.unknown_word_weight,
        )
        self._taking_part = TakingPart(
            index, self.searcher, self._who.claims_in, self._who.subjects.page_subject
        )
        self._places = Places(self.searcher)

    def ask(
        self,
        message: str,
        conversation: Conversation | None = None,
        now: float = 0.0,
        top_k: int | None = None,
    ) -> tuple[Answer, Conversation]:
        """Answer a message within its conversation; returns the answer and the new state.

        ``top_k`` overrides the configured number of passages for this answer.
        """
        question = check_question(message, self.settings.max_question_chars)
        top_k = top_k or self.settings.top_k
        state = (conversation or Conversation()).current(now, self.settings.idle_seconds)
        if is_more(question):
            return self._more(message, state, now, top_k)
        talk = small_talk(question, self.searcher.tokenizer.protected)
        if talk is not None:
            # "Thanks" leaves the conversation where it was: "and CRIMJUST?" may follow.
            answer = Answer(message, message, None, (), True, note=talk.value)
            return answer, replace(state, updated=now)
        understood = resolve(
            question,
            state,
            self.searcher.tokenizer,
            lambda t: self.searcher.information(t.term) if self.searcher.known(t.term) else 0.0,
            who_span,
        )
        if len(understood) > self.settings.max_question_chars:
            understood = question  # a follow-up cannot make a question longer than one may ask
        query = self.searcher.analyze(understood)
        ranking = self._rank(query)
        answer = Answer(
            question=message,
            understood=_with_expansions(query),
            direct=ranking.direct.line if ranking and ranking.direct else None,
            named=ranking.direct.names if ranking and ranking.direct else (),
            hits=self._hits(query, ranking.ranked[: ranking.strong], 0, max(top_k, ranking.cited))
            if ranking
            else (),
            no_answer=ranking is None,
            expansions=query.expansions,
            corrections=query.corrections,
            nearest=() if ranking else self._nearest(query),
        )
        if answer.no_answer:
            # A question the corpus does not cover leaves the conversation where it was, so
            # that "And CRIMJUST?" still refers to the last question that had an answer.
            return answer, replace(state, updated=now)
        return answer, Conversation(query.text, len(answer.hits), now)

    def _more(
        self, message: str, state: Conversation, now: float, top_k: int
    ) -> tuple[Answer, Conversation]:
        """The next passages for the conversation's last question."""
        if state.question is None:
            answer = Answer(
                message,
                message,
                None,
                (),
                True,
                note='Ask a question first; then "more" shows further passages.',
            )
            return answer, state
        query = self.searcher.analyze(state.question)
        ranking = self._rank(query, with_sections=True) if state.shown else None
        hits = self._hits(query, ranking.ranked, state.shown, top_k) if ranking else ()
        answer = Answer(
            question=message,
            understood=_with_expansions(query),
            direct=None,
            hits=hits,
            no_answer=not hits,
            expansions=query.expansions,
            corrections=query.corrections,
            note=None if hits else "There are no more passages for that question.",
        )
        return answer, Conversation(state.question, state.shown + len(hits), now)

    def _nearest(self, query: Query) -> tuple[str, ...]:
        """The sections of the passages that come nearest to a question the corpus does not
        cover, best first: a few, however large the corpus."""
        found: dict[str, None] = {}
        for ranked in self.searcher.rank(query, limit=_NEAREST * _NEAREST):
            found[self.index.passages[ranked.position].citation] = None
            if len(found) == _NEAREST:
                break
        return tuple(found)

    def _rank(self, query: Query, with_sections: bool = False) -> _Ranking | None:
        """The ranking for a query, or None when the corpus does not cover it; ``with_sections``
        for "more": then the rest of the sections of the passages that match come last (a
        section can have hundreds of passages, which a first answer never shows)."""
        # "Which programmes is A part of" is answered by the passages that give A a part,
        # wherever they are; the question's other words need not be covered.
        listing = self._taking_part.answer(query.text)
        if listing is not None:
            cited = [Ranked(position, 0.0) for position in listing.positions]
            return _Ranking(cited, len(cited), Direct(listing.line, listing.names), len(cited))
        # A country the corpus never names is one it says nothing about: "who certifies seed
        # potatoes in colombia for X", asked of a programme that works in Bolivia and Peru.
        # So is a place the question ends on that no page names: "who runs the speed camera
        # programme in medellin", asked of Bogotá's.
        if self._places.unknown_country(query.text) or self._places.unknown_place(query.text):
            return None
        ranking = self.searcher.rank(query)
        positions = [r.position for r in ranking]
        head = positions[:_COVERAGE_DEPTH]  # the passages that must cover the question
        unknown = self.settings.unknown_word_weight
        covering = self._covering(query, head)
        if not covering:
            return None
        # A question naming its subject is about what the corpus has only if a page that
        # covers it holds the whole name: "the andean water security programme" shares words
        # with the Andean cold chain initiative without being it.
        if not self.searcher.names_on_pages(query, covering):
            return None
        # A country, region or city the question names is where it asks about: "who funds
        # the clean air sensor network in bishkek", asked of a network in Ulaanbaatar, is
        # about another one. The pages that must name it are those that cover the rest of the
        # question, where some do.
        if not self._places.on_pages(query.text, self._about_places(query, head) or covering):
            return None
        # "Whats the capital of kenya" asks one thing of a place: a passage must say both. A
        # page that names Kenya once, and a city its capital in another passage, says neither.
        if self._of_place_unsaid(query, head):
            return None
        # A question covered only once the word of what it asks is forgiven ("who founded X",
        # "when was X created", where the corpus never says so) is answered only if a passage
        # says it in other words: a line that says who played the part, or a sentence that
        # names X with a year and a word of its beginning ("X was launched in 2016").
        needs_line = False
        if query.parts:
            strict = replace(query, parts=())
            covered = self.searcher.coverages(strict, head, unknown, self.settings.page_evidence)
            if max(covered) < self._needed(strict):
                needs_line = asks_for_names(query.text)
                if not (
                    needs_line
                    or self._sentences.say_when_it_began(query, head)
                    # "What was X called before": a passage of X says its name changed.
                    or (
                        "#renamed" in question_types(query.text)
                        and self._sentences.say_a_former_name(head)
                    )
                ):
                    return None
        # Strong passages hold some of the topic themselves, or in their title or heading; a
        # passage that only shares its page with the topic is no answer of its own.
        coverage = dict(
            zip(positions, self.searcher.coverages(query, positions, unknown), strict=True)
        )
        strong = [r for r in ranking if coverage[r.position] > 0]
        weak = [r for r in ranking if coverage[r.position] == 0]
        strong, weak = self._rows_for_headers(query, strong, weak, coverage)
        topic = self._topic(query)
        strong = self._sentences.first(query, topic, strong, coverage)
        direct, strong = self._who.answer(query, topic, strong)
        if needs_line and direct is None:
            return None
        # "Who funds X", where no page that covers X says a word of paying, asks what the
        # corpus does not say. The pages are those that cover X without the verb of a post:
        # "who chairs the board of X" is not covered by another page's "the Board is chaired".
        role = said_role(query.text) if direct is None else None
        if (
            role in _PLAYED_ON_PAGES
            and asks_for_names(query.text)
            and asked_verb(query.text) is None
            # "Who gives support" may ask of anything given: paying is asked in its own words.
            and (role is not Role.FUND or _PAYING.search(query.text) is not None)
        ):
            verb = role_verb(query.text)
            about = self._about_subject(query, verb, head) if verb else []
            body = _CHAIRED.search(query.text) if role is Role.CHAIR else None
            of = body.group(1) if body else None
            if not self._sentences.pages_say_role(about or covering, role, of):
                return None
        # "Who is the head of X", where no page that covers X names a person in a post, asks
        # what the corpus does not say.
        if (
            direct is None
            and asks_for_a_person(query.text)
            and not self._sentences.pages_name_a_person(covering)
        ):
            return None
        # A who-question that gets no line is covered only by what one passage says itself:
        # words spread over its page say no one plays the part ("who funds the arctic tuna
        # observers hub", asked of a reef data hub whose page speaks of tuna and observers).
        if direct is None and asks_for_names(query.text):
            own = (coverage[p] for p in head)
            if max(own, default=0.0) < self._needed(query):
                return None
        # "Who audits X", where no page that covers X speaks of auditing, asks what the corpus
        # does not say: its passages would only say who does something else for X.
        verb = asked_verb(query.text) if direct is None else None
        if verb is not None:
            about = self._about_subject(query, verb, head) or covering or head
            # "Who supplies the lenses" is spoken of where "lenses are bought from A".
            # The check reads a verb by its stem: each stem is looked up once.
            verbs = {stem(v): v for v in (verb, *converse_forms(verb))}.values()
            if not any(self.searcher.pages_speak_of(v, about) for v in verbs):
                return None
        # The best passages that hold a word of the question (a passage may rank for its
        # number alone).
        topical = [p for p in head if coverage[p] > 0]
        # "How much did Sida give X", where X's page names Sida a funder and no sum, asks what
        # the corpus does not say: no page of those passages gives one.
        if asks_how_much_money(query.text) and not self._sentences.pages_give_an_amount(topical):
            return None
        # "When does phase 3 of X start", where X's page speaks of two phases, asks what the
        # corpus does not say.
        part = numbered_part(query.text)
        if part is not None and not self._sentences.pages_name_part(topical, part):
            return None
        # "How many seizures did X make in 2022", where X's page counts them for 2024 only,
        # asks what the corpus does not say: none of those passages both counts and names
        # that year.
        years = asked_years(query.text)
        if (
            years
            and _HOW_MANY.search(query.text)
            and not self._sentences.give_a_year(topical, years)
        ):
            return None
        # "Will X be extended after 2028", where X's page names no year after 2028, asks what
        # the corpus does not say. X's page is the best passage's.
        after = asked_after(query.text)
        if after is not None and not self._sentences.pages_name_a_later_year(topical[:1], after):
            return None
        # The direct answer's passage may come from elsewhere on the page: list it once.
        shown = {r.position for r in strong}
        weak = [r for r in weak if r.position not in shown]
        if not with_sections:
            return _Ranking(strong + weak, len(strong), direct)
        # Past the passages that match, "more" goes on with the rest of their sections.
        listed = {r.position for r in ranking} | shown
        sections = dict.fromkeys(self._section_of[[r.position for r in strong]].tolist())
        context = [
            Ranked(position, 0.0)
            for position in self._in_sections(list(sections))
            if position not in listed
        ]
        return _Ranking(strong + weak + context, len(strong), direct)

    def _rows_for_headers(
        self, query: Query, strong: list[Ranked], weak: list[Ranked], coverage: dict[int, float]
    ) -> tuple[list[Ranked], list[Ranked]]:
        """The strong and weak passages with each table's header row among the strong ones
        moved to the weak, and its rows not ranked after the strong ones: a header row says
        what its rows hold and holds none of it ("Service centre | Host hospital |
        Wheelchairs fitted to date" for "where can I get a wheelchair fitted"). ``coverage``
        gets the rows' shares."""
        passages = self.index.passages
        positions = np.asarray([r.position for r in strong], dtype=np.int64)
        headings = passages.column_headings(positions[positions + 1 < len(passages)] + 1)
        if not headings:
            return strong, weak
        ranked = {r.position for r in strong} | {r.position for r in weak}
        headers: list[Ranked] = []
        rows: list[Ranked] = []
        for r in strong:
            under = self._rows_under(r.position, headings)
            if under:
                headers.append(r)
                fresh = [row for row in under if row not in ranked]
                rows += [Ranked(row, r.score) for row in fresh]
                ranked.update(fresh)
        if not headers:
            return strong, weak
        added = [r.position for r in rows]
        unknown = self.settings.unknown_word_weight
        coverage.update(zip(added, self.searcher.coverages(query, added, unknown), strict=True))
        kept = [r for r in strong if r not in headers]
        return kept + rows, weak + headers

    def _rows_under(self, position: int, headings: dict[int, str]) -> list[int]:
        """The rows of the table whose header row is at ``position``, up to
        ``_HEADER_ROWS``; none when it is no header row."""
        passages = self.index.passages
        header = headings.get(position + 1)
        if header is None or passages[position].text != header:
            return []
        rows = []
        for row in range(position + 1, min(position + 1 + _HEADER_ROWS, len(passages))):
            if passages[row].column_headings != header:
                break
            rows.append(row)
        return rows

    def _about_subject(self, query: Query, verb: str, head: list[int]) -> list[int]:
        """The passages that cover what a question asks about once the words of its verb are
        set aside: "audit the accounts" is covered by any page on auditing, "thandizo
        mwachangu" only by its own."""
        return self._covering_without(query, set(self.searcher.tokenizer.terms(verb)), head)

    def _about_places(self, query: Query, head: list[int]) -> list[int]:
        """The passages that cover what a question asks about once the places it names are set
        aside: "the snakebite antivenom programme in solomon islands" is covered by the pages
        on snakebite, not by a tuna programme's page that names the islands."""
        places = self._places.terms(query.text)
        return self._covering_without(query, places, head) if places else []

    def _of_place_unsaid(self, query: Query, head: list[int]) -> bool:
        """Whether a question asks one word's worth of something of the place it ends on ("the
        capital of kenya"), and no passage of ``head`` holds both in itself or its context."""
        place = self._places.owner(query.text)
        if place is None:
            return False
        places = self._places.terms(place)
        if len([t for t in query.content if t not in places and t not in query.parts]) != 1:
            return False
        unknown = self.settings.unknown_word_weight
        return max(self.searcher.coverages(query, head, unknown), default=0.0) < 1.0

    def _covering_without(self, query: Query, words: set[str], head: list[int]) -> list[int]:
        """Those of some passages that cover a question once some of its words are forgiven,
        as words of what it asks (``Query.parts``)."""
        forgiven = (t for t in query.content if t in words)
        return self._covering(
            replace(query, parts=tuple(dict.fromkeys((*query.parts, *forgiven)))), head
        )

    def _covering(self, query: Query, head: list[int]) -> list[int]:
        """Those of some passages that cover a question: that explain the share of it that
        ``_needed`` asks, counting its page's evidence."""
        unknown = self.settings.unknown_word_weight
        covered = self.searcher.coverages(query, head, unknown, self.settings.page_evidence)
        needed = self._needed(query)
        return [p for p, share in zip(head, covered, strict=True) if share >= needed]

    def _needed(self, query: Query) -> float:
        """The share of a question's information that a passage must explain for the corpus
        to cover it: ``min_coverage``, less for a question of more than
        ``long_question_words`` topic words, as the square root of their ratio. A long question
        spreads over more words than one passage is likely to hold all of, even on its topic;
        a short one about something else shares few words by chance."""
        words = max(len(query.content) - len(query.parts), 1)
        return self.settings.min_coverage * min(
            1.0, math.sqrt(self.settings.long_question_words / words)
        )

    def _hits(
        self, query: Query, ranking: list[Ranked], offset: int, top_k: int
    ) -> tuple[Hit, ...]:
        shown = ranking[offset : offset + top_k]
        matched = self.searcher.matched(query, [ranked.position for ranked in shown])
        hits = []
        for rank, (ranked, terms) in enumerate(zip(shown, matched, strict=True), offset + 1):
            passage = self.index.passages[ranked.position]
            best_span, highlights = self.searcher.marks(query, passage.text)
            hits.append(
                Hit(
                    rank=rank,
                    passage=passage,
                    score=ranked.score,
                    best_span=best_span,
                    matched_terms=terms,
                    highlights=highlights,
                )
            )
        return tuple(hits)

    def _topic(self, query: Query) -> tuple[str, ...]:
        """The question's topic terms without the words that only say what it asks for: who
        pays ("support" in "which donors support X" is not part of X's name), countries
        ("countries" in "which countries fund X"), a part the corpus has no word for
        ("founded" in "who founded X"), or when ("before 2021")."""
        words = _WORD.findall(query.text)
        asked = [w for w in words if kind_of(w) is Kind.FUNDING]
        if asks_for_countries(query.text):
            asked += [w for w in words if asks_for_countries(w)]
        # The year of when it asks about ("who funded X before 2021") is no word of X's name.
        asked += _WHEN_YEAR.findall(query.text)
        # Nor is the verb that names the part asked ("who chairs the X board").
        asked += [verb] if (verb := role_verb(query.text)) else []
        in_names = {term for name in query.in_names for term in name}
        asked_terms = (self.searcher.terms_of(asked) - in_names) | set(query.parts)
        return tuple(t for t in query.content if t not in asked_terms)

    def relations_in(self, position: int) -> tuple[Relation, ...]:
        """What a passage says in known wordings about who runs, funds or belongs to what."""
        return self._who.relations_in(position)

    def claims_in(self, position: int) -> tuple[Claim, ...]:
        """The role cues of a passage with the names next to them, from the relation table."""
        return self._who.claims_in(position)

    def denials_in(self, position: int) -> tuple[Denial, ...]:
        """The organisations a passage says have no part in its subject."""
        return self._who.denials_in(position)

    def page_subject(self, passage: Passage) -> str | None:
        """What a page is about, by name (``PageSubjects.page_subject``)."""
        return self._who.subjects.page_subject(passage)

    def section_of(self, passage_id: str | None) -> list[Passage]:
        """Every passage of the section that holds a passage, or none if no passage has that id."""
        position = self.index.passages.find(passage_id) if passage_id else None
        if position is None:
            return []
        return [self.index.passages[p] for p in self._in_section(int(self._section_of[position]))]

    def _in_section(self, section: int) -> list[int]:
        """The positions of a section's passages, in corpus order."""
        return self._in_sections([section])

    def _in_sections(self, sections: list[int]) -> list[int]:
        """The positions of the passages of some sections, section by section, each in corpus
        order; all sections found in one search."""
        if not sections:
            return []
        keys = np.asarray(sections, dtype=self._sorted_sections.dtype)
        starts = np.searchsorted(self._sorted_sections, keys).tolist()
        ends = np.searchsorted(self._sorted_sections, keys + 1).tolist()
        runs = [self._by_section[start:end] for start, end in zip(starts, ends, strict=True)]
        return np.concatenate(runs).tolist()
