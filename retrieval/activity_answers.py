"""Who-lines for a question about an activity or a post that no cue of a role names ("who buys
the vaccines in X", "who was principal recipient of X"), read from the question's own words by
``retrieval.doers`` in the sentences of the best passages, and checked, as every claim is, to
speak of the question's subject."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from retrieval.analysis import Query
from retrieval.doers import Doers, doers_of, holders_of, task_doers
from retrieval.indexing import Index
from retrieval.name_lists import clause_spans
from retrieval.organisations import reads_as_organisation
from retrieval.role_answers import Direct, RoleAnswers
from retrieval.roles import Claim, Role, is_past, tells_of_the_past
from retrieval.searching import Ranked
from retrieval.tokenizing import stem

# How many words apart a question's verb and what it is done to may stand in a sentence that
# names neither the subject nor its words ("rats are supplied and handled by APOPO").
_OBJECT_REACH = 5
# Verbs that say little of what is done ("A provides two thirds of the budget" is no answer to
# who provides the rats): their doers need the question's words in their sentence.
_LIGHT_VERBS = frozenset(
    stem(verb)
    for verb in "provide give make do support help offer work take get have put bring".split()
)


class ActivityAnswers:
    """Lines that quote who does what a question's verb says, or holds the post it names."""

    def __init__(
        self,
        index: Index,
        roles: RoleAnswers,
        candidates: Callable[[list[Ranked]], list[Ranked]],
        min_subject_match: float,
    ) -> None:
        self.index = index
        self.roles = roles
        # Where to read: the best passages, then the rest of the best page (the who-answers').
        self.candidates = candidates
        self.min_subject_match = min_subject_match

    def by_verb(
        self,
        query: Query,
        topic: tuple[str, ...],
        ranking: list[Ranked],
        verb: str,
        done_to: frozenset[str] = frozenset(),
    ) -> tuple[Direct | None, list[Ranked]]:
        """ "UNICEF buys the vaccines and the cold boxes [1]" for "who buys the vaccines in X";
        ``done_to``: the terms of what the verb is done to, which the sentence should hold."""
        read = partial(doers_of, verb=verb)
        # Its doers' sentence says the verb, in whatever form ("underwritten" for
        # "underwrites", whose stems differ).
        verb_terms = frozenset(self.roles.searcher.tokenizer.terms(verb))
        # A verb that says what is done answers from the best page on its own when that page
        # names one set of doers for it ("The whole crop is bought by A" for who buys the
        # vanilla from the coops of X).
        telling = stem(verb) not in _LIGHT_VERBS
        return self._first(
            query, topic, ranking, read, _timely(query), done_to, verb_terms, telling
        )

    def by_task(
        self, query: Query, topic: tuple[str, ...], ranking: list[Ranked], task: str
    ) -> tuple[Direct | None, list[Ranked]]:
        """ "Payments are made by Lusuntha Pay [1]" for "who makes the payments for X"."""
        read = partial(task_doers, task=task)
        return self._first(query, topic, ranking, read, _timely(query))

    def by_post(
        self, query: Query, topic: tuple[str, ...], ranking: list[Ranked], post: str
    ) -> tuple[Direct | None, list[Ranked]]:
        """ "A was principal recipient of the grant until 2021 [1]" for "who was principal
        recipient of X": a holder in the past first for a question in the past, in the
        present first otherwise."""
        past = is_past(query.text)
        return self._first(
            query, topic, ranking, partial(holders_of, post=post), lambda d, _: d.past is past
        )

    def done_to_near(
        self, sentence: str, verb_terms: frozenset[str], done_to: frozenset[str]
    ) -> bool:
        """Whether a sentence says what the question's verb is done to next to the verb: "Mine
        detection rats are supplied by APOPO", not "A provides two thirds of the budget, and B
        pays for the rat teams"."""
        if not done_to or not verb_terms:
            return False
        tokens = self.roles.searcher.tokenizer.tokens(sentence)
        verbs = [at for at, t in enumerate(tokens) if t.term in verb_terms]
        objects = [at for at, t in enumerate(tokens) if t.term in done_to]
        return any(abs(v - o) <= _OBJECT_REACH for v in verbs for o in objects)

    def _first(
        self,
        query: Query,
        topic: tuple[str, ...],
        ranking: list[Ranked],
        read: Callable[..., Iterable[Doers]],
        fitting: Callable[[Doers, str], bool],
        done_to: frozenset[str] = frozenset(),
        verb_terms: frozenset[str] = frozenset(),
        page_alone: bool = False,
    ) -> tuple[Direct | None, list[Ranked]]:
        """The doers of the candidate passages (``_first_read``) among the names that say they
        are bodies; where none do, among any names given the part ("bought by Maison
        Verlaine Arômes")."""
        for loose in (False, True):
            direct, ranked = self._first_read(
                query,
                topic,
                ranking,
                partial(read, loose=loose),
                fitting,
                done_to,
                verb_terms,
                page_alone,
            )
            if direct is not None:
                return direct, ranked
        return None, ranking

    def _first_read(
        self,
        query: Query,
        topic: tuple[str, ...],
        ranking: list[Ranked],
        read: Callable[[str], Iterable[Doers]],
        fitting: Callable[[Doers, str], bool],
        done_to: frozenset[str] = frozenset(),
        verb_terms: frozenset[str] = frozenset(),
        page_alone: bool = False,
    ) -> tuple[Direct | None, list[Ranked]]:
        """The first sentence of the candidate passages about the subject that names who does
        what the question asks (``read``) to what it asks about (``done_to``: "the
        embankments", not "the protection walls") at the time it asks about (``fitting``,
        given the doers and their sentence); else the first of them at another time, else the
        first at that time, else the first that names doers at all; with ``page_alone``, else
        the doers of the only sentence of the best page that names any, though it has no word
        of the subject; as a line in its own words, its passage first."""
        terms = set(topic)
        # The first found of each preference, best last: (holds what is done to, fits the time).
        firsts: dict[tuple[bool, bool], tuple[Doers, tuple[str, ...], Ranked]] = {}
        # Doers on the best page in a sentence with no word of the subject.
        alone: list[tuple[Doers, tuple[str, ...], Ranked]] = []
        said = self.roles.searcher.tokenizer.terms
        best_page = self.index.passages[ranking[0].position].doc_id if ranking else None
        for ranked in self.candidates(ranking):
            passage = self.index.passages[ranked.position]
            text = passage.text
            title = passage.title.casefold()
            on_best_page = passage.doc_id == best_page
            for span in clause_spans(text):
                sentence = text[span[0] : span[1]]
                for doers in read(sentence):
                    # The doers are the sentence's names of bodies (``players``): by their
                    # words, or by what the sentence says they are ("Vinayak Biologicals, a
                    # manufacturer in Hyderabad").
                    # A name no word of which says it is a body, written in the page's
                    # title, is what the page is about: "Escuelas Dignas builds toilet blocks".
                    names = tuple(
                        n
                        for n in doers.names
                        if not self.roles.is_subject(query, terms, n)
                        and (reads_as_organisation(n) or n.casefold() not in title)
                    )
                    if not names:
                        continue
                    claim = Claim(
                        names=names,
                        role=Role.RUN,
                        phrase="",
                        sentence=sentence,
                        distance=0,
                        former=doers.past,
                        cue_word="",
                        span=span,
                    )
                    # On the best page, a sentence that says the verb next to what it is done
                    # to needs no word of the subject ("Mine detection rats are supplied by A").
                    if (
                        self.roles.share(query, terms, ranked.position, claim, verb_terms)
                        < self.min_subject_match
                    ) and not (on_best_page and self.done_to_near(sentence, verb_terms, done_to)):
                        if on_best_page and page_alone:
                            alone.append((doers, names, ranked))
                        continue
                    holds = done_to <= set(said(sentence))
                    preference = (holds, fitting(doers, sentence))
                    if preference == (True, True):
                        return _line(doers, names, ranked, ranking)
                    firsts.setdefault(preference, (doers, names, ranked))
        if not firsts:
            if (
                alone
                and len({found[1] for found in alone}) == 1
                and self._page_share(alone[0][2].position, terms) >= self.min_subject_match
            ):
                return _line(*alone[0], ranking)
            return None, ranking
        return _line(*firsts[max(firsts)], ranking)

    def _page_share(self, position: int, topic: set[str]) -> float:
        """The share of a question's topic, by information, that the page of a passage holds
        anywhere: the best page may be about another subject that speaks of the same activity
        ("Lagoon Watch is audited by A", for who audits Reef Rangers). Read from the index's
        pages, not their passages again."""
        searcher = self.roles.searcher
        total = sum(searcher.information(t) for t in topic)
        held = (t for t in topic if searcher.page_holds((t,), (position,)))
        return sum(searcher.information(t) for t in held) / total if total else 0.0


def _timely(query: Query) -> Callable[[Doers, str], bool]:
    """Whether doers fit the time a question asks about, by their sentence: "From 2019 to
    2022 staff were trained by A" answers "who trained the staff before", not "who trains
    them"."""
    past = is_past(query.text)
    return lambda _, sentence: tells_of_the_past(sentence) is past


def _line(
    doers: Doers, names: tuple[str, ...], chosen: Ranked, ranking: list[Ranked]
) -> tuple[Direct, list[Ranked]]:
    rest = [r for r in ranking if r.position != chosen.position]
    return Direct(f"{doers.said} [1]", names), [chosen, *rest]
