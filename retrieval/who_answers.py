"""The one-line answer to a who-question about a subject ("who runs X", "who funds X"): from a
known wording (``relations``) in one of the best passages, or in another passage of the best
passage's page, when one says who plays the part asked; else from role evidence
(``role_answers``). The line's passage comes first. Also what a page is about, by name, which
both directions of a who-question need.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache, partial
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np

from corpus.models import BlockKind, Passage
from retrieval.activity_answers import ActivityAnswers
from retrieval.analysis import Query
from retrieval.indexing import Index
from retrieval.memo import Memo
from retrieval.organisations import bare_name, is_country, reads_as_organisation
from retrieval.page_subjects import PageSubjects, names_term
from retrieval.questions import (
    asked_part,
    asked_post,
    asked_task,
    asked_verb,
    asked_years,
    asks_for_a_person,
    asks_for_an_unread_part,
    asks_for_names,
    whole_names,
)
from retrieval.relations import (
    Denial,
    Kind,
    Relation,
    asked_kind,
    denials,
    is_generic,
    is_table_row,
    kind_of,
    list_relations,
    relations,
    same_organisation,
    standing,
    table_relations,
)
from retrieval.role_answers import Direct, RoleAnswers, body_key
from retrieval.roles import (
    Claim,
    Role,
    asks_for_countries,
    decode,
    fit,
    is_past,
    moved_to,
    phrase_role,
    said_role,
    says_role,
)
from retrieval.searching import Ranked, Searcher
from retrieval.tokenizing import stem
from retrieval.undertakings import (
    UNDERTAKING_WORDS,
    without_subtitle,
)

if TYPE_CHECKING:
    from retrieval.answering import AnswerSettings

# The least fit of a known wording's part to the part a question names (``roles.fit``) that
# keeps the wording first: who runs X is fairly told by its partners, not by its host.
_FAIR_FIT = 0.5
# How much more a relation of the kind the question asks about (running, funding, membership)
# counts than one that only names the same subject.
_KIND_MATCH_BONUS = 0.25
# How much a subject that names another undertaking than the one asked about ("the Spotlight
# Initiative Fund" for "the spotlight initiative") matches, of what it would otherwise.
_OTHER_HEAD = 0.5
# How many passages of the best passage's page a "who runs X" answer may come from besides the
# best passages, as a multiple of the answer depth: a "Funding" section may not repeat the
# programme's name, and so rank low or not at all.
_SAME_PAGE_REACH = 8


def _with_other_funders(relation: Relation, others: list[Relation]) -> Relation:
    """A funding relation joined by the funders that other relations about the same subject
    name: "X is funded by A and B", or "X's largest donor is A, with further funding from
    B"."""
    named = [*relation.organisations, *(n for _, names in relation.extras for n in names)]
    for other in others:
        new = tuple(
            n for n in other.organisations if not any(same_organisation(n, m) for m in named)
        )
        if not new:
            continue
        named += new
        if other.phrase == relation.phrase and not relation.extras:
            relation = replace(relation, organisations=relation.organisations + new)
        else:
            relation = replace(
                relation, extras=(*relation.extras, ("with further funding from", new))
            )
    return relation


def _bare_key(name: str) -> str:
    """A name to compare, without its acronym in brackets, its article or its case."""
    return bare_name(name).removeprefix("the ").casefold()


def _without_edition(name: str) -> str:
    """A name without the number of its edition: "DEMETER VIII" → "DEMETER"."""
    return re.sub(r"\s+(?:[IVXLC]+|\d+)$", "", name)


class WhoAnswers:
    """Who-answers from one index, and what its pages and passages say of who plays which
    part."""

    def __init__(
        self,
        index: Index,
        searcher: Searcher,
        settings: AnswerSettings,
        publishers: dict[str, str],
        in_section: Callable[[int], list[int]],
        section_of: np.ndarray,
    ) -> None:
        self.index = index
        self.searcher = searcher
        self.settings = settings
        self._known_names = tuple(index.acronyms.values())
        self._publishers = publishers  # document id → publisher, the engine's
        self._in_section = in_section  # a section's passages, the engine's
        self._section_of = section_of  # each passage's section, the searcher's
        self.subjects = PageSubjects(index, searcher, publishers)
        self._relations = Memo(self._read_relations)
        self._denials = Memo(self._read_denials)
        self._claims = Memo(
            lambda position: tuple(decode(index.claims[position], index.passages[position].text))
        )
        self.roles = RoleAnswers(
            index,
            searcher,
            self._claims,
            settings.min_role_evidence,
            settings.min_subject_match,
            publishers,
            self.subjects,
        )
        self._activities = ActivityAnswers(
            index, self.roles, self._direct_candidates, settings.min_subject_match
        )

    def _subject_match(
        self, query: Query, topic: tuple[str, ...], relation: Relation, passage: Passage
    ) -> float:
        """The share of the question's topic that names the relation's subject."""
        names = [relation.subject or "", relation.short or ""]
        if relation.short in self.index.acronyms:
            names.append(self.index.acronyms[relation.short])
        if is_generic(relation.subject):
            names = self.subjects.generic_subject_names(relation, passage)
        names += self.subjects.fuller_names(passage.doc_id, names)
        # Each name as terms in its order, for ``whole_names``, and all of them together.
        named = [self.searcher.tokenizer.terms(name) for name in names]
        subject_terms = {term for terms in named for term in terms}
        series_terms = self.searcher.terms_of([_without_edition(name) for name in names])
        # "Lionfish" on the page "Operation Lionfish" is that operation, by its short name,
        # and "Lionfish IV" is one of its editions; "SafeScreen" on the site of "SafeScreen
        # Southern Africa" is that.
        wholes = (
            (without_subtitle(passage.title), self.subjects.page_subject(passage))
            if series_terms
            else ()
        )
        for whole in wholes:
            title = self.searcher.tokenizer.terms(whole or "")
            if series_terms <= set(title):
                subject_terms |= set(title)
                named.append(title)
        information = self.searcher.information
        total = sum(information(t) for t in topic)
        if not total:
            return 0.0
        held = whole_names(
            query.in_names,
            {t for t in topic if self._names_term(query, t, subject_terms)},
            named,
        )
        share = sum(information(t) for t in topic if t in held) / total
        described: frozenset[str] = frozenset()
        if 0 < share < self.settings.min_subject_match and (
            is_generic(relation.subject)
            or series_terms
            <= set(
                self.searcher.tokenizer.terms(
                    f"{passage.title} {self.subjects.page_subject(passage) or ''}"
                )
            )
        ):
            # A relation about what its page is about names it, at half weight, as the page's
            # first sentence describes it (``RoleAnswers.share``): "Pacific Counts", "a census
            # support partnership".
            added, described = self.subjects.lead_share(passage.doc_id, set(topic) - held, total)
            share += added
        # The question's rarest word, rarer than any it shares with the subject, names the
        # thing asked about: "the mekong wildlife crime consortium" is not the International
        # Consortium on Combating Wildlife Crime. (A relation about "the Programme" is matched
        # by its page's names, which may not be the passage's own: a row of a table.)
        rarest_held = max((information(t) for t in topic if t in held), default=0.0)
        if not is_generic(relation.subject) and any(
            information(t) > rarest_held for t in topic if t not in held and t not in described
        ):
            return 0.0
        return share * _OTHER_HEAD if self._other_head(topic, relation.subject) else share

    def _other_head(self, topic: tuple[str, ...], subject: str | None) -> bool:
        """Whether a subject ends in a word of an undertaking that the question, which names
        one of its own, does not say: "Spotlight Initiative Fund" is another thing than "the
        spotlight initiative", but "UN-REDD Programme" is "un-redd"."""
        words = (subject or "").split()
        if not words or words[-1].casefold() not in UNDERTAKING_WORDS:
            return False
        asked = set(topic)
        head = self.searcher.terms_of([words[-1]])
        return not head & asked and bool(asked & self.roles.undertaking_terms)

    def _names_term(self, query: Query, term: str, terms: set[str]) -> bool:
        """Whether some terms name a question's term, or a form that stands for it: "obs" for
        the "observation" they hold, a long name the question spells out for its acronym."""
        return names_term(term, terms, self.searcher.long_terms(term)) or not terms.isdisjoint(
            query.implied.get(term, ())
        )

    def answer(
        self, query: Query, topic: tuple[str, ...], ranking: list[Ranked]
    ) -> tuple[Direct | None, list[Ranked]]:
        """A who-line and the ranking with its passage first (``_answer_part``); when there is
        none, for a question about a post that no cue of a role names ("who was principal
        recipient of X"), the line of those a sentence says hold it."""
        direct, ranked = self._answer_part(query, topic, ranking)
        post = asked_post(query.text) if direct is None else None
        if post is not None:
            # A post that no cue of a role names ("principal recipient"): its holders answer.
            return self._activities.by_post(query, topic, ranking, post)
        if direct is None:
            return None, self._evidence_first(query, ranked)
        return direct, self._sentence_first(direct, ranked)

    def _sentence_first(self, direct: Direct, ranking: list[Ranked]) -> list[Ranked]:
        """The ranking with a sentence of the line's page first where the line's passage only
        labels its names ("Trustee: A", "Funded by | B", a table's row "A | Co-chair") and
        that sentence says the same of all of them ("A acts as trustee of the Fund"): it is
        the same evidence, said in full."""
        if not ranking:
            return ranking
        first = ranking[0].position
        passages = self.index.passages
        keys = {self._name_key(n) for n in direct.names}

        def saying(position: int, label: bool, every: bool) -> set[tuple[Role, tuple[str, ...]]]:
            # Paying is one part whatever its word ("Funded by | A", "A has paid for the
            # project"); the parts of running differ by theirs ("executing agency", "led").
            return {
                (
                    claim.role,
                    ()
                    if claim.role is Role.FUND
                    else tuple(self.searcher.tokenizer.terms(claim.cue_word)),
                )
                for claim in self._claims(position)
                if claim.label is label
                and (keys <= (held := {self._name_key(n) for n in claim.names}) or not every)
                and keys & held
            }

        # A table's row labels its names by its column, as a label line does.
        if passages[first].column_headings is not None:
            labelled = saying(first, False, every=False) | saying(first, True, every=False)
        else:
            labelled = saying(first, True, every=True)
            if saying(first, False, every=True):
                return ranking
        if not labelled:
            return ranking
        scores = {r.position: r for r in ranking}
        for position in passages.of_document(passages[first].doc_id):
            row = passages[position].column_headings is not None
            if position != first and not row and saying(position, False, every=True) & labelled:
                chosen = scores.get(position, Ranked(position, 0.0))
                return [chosen, *(r for r in ranking if r.position != position)]
        return ranking

    def _evidence_first(self, query: Query, ranking: list[Ranked]) -> list[Ranked]:
        """For a who-question with no line, the best page's passage that says what it asks,
        first: a page's "Most of the money comes from A" or "Mine detection rats are supplied
        by B" need not repeat the question's words, and so ranks below its key facts. The best
        passage stays first when it says it too (``_asked_evidence``)."""
        evidence = self._asked_evidence(query)
        if not ranking or evidence is None:
            return ranking
        keeps, says = evidence
        if keeps(ranking[0].position):
            return ranking
        doc_id = self.index.passages[ranking[0].position].doc_id
        for candidate in self._direct_candidates(ranking):
            if self.index.passages[candidate.position].doc_id == doc_id and says(
                candidate.position
            ):
                rest = [r for r in ranking if r.position != candidate.position]
                return [candidate, *rest]
        return ranking

    def _asked_evidence(
        self, query: Query
    ) -> tuple[Callable[[int], bool], Callable[[int], bool]] | None:
        """What keeps the best passage first, and what puts a passage of its page first, for a
        who-question: for an activity done to something ("who supplies the rats for X"), its
        verb within a few words of what it is done to, for both; for a part ("who funds X"), a
        word of that part keeps it, and a claim that someone plays it puts another first.
        None for other questions."""
        if not asks_for_names(query.text) or asks_for_a_person(query.text):
            return None
        passages = self.index.passages
        verb = asked_verb(query.text)
        if verb is not None:
            done_to = frozenset(asked_part(query.text))
            if not done_to:
                return None
            verb_terms = frozenset(self.searcher.tokenizer.terms(verb))

            def near(position: int) -> bool:
                return self._activities.done_to_near(passages[position].text, verb_terms, done_to)

            return near, near
        role = said_role(query.text)
        if role is None or asked_task(query.text) is not None:
            return None
        past = is_past(query.text)

        def speaks_of_it(position: int) -> bool:
            passage = passages[position]
            return says_role(f"{passage.lead_in or ''} {passage.text}", role)

        def claims_it(position: int) -> bool:
            return any(
                claim.role is role and (claim.former or not past)
                for claim in self._claims(position)
            )

        return speaks_of_it, claims_it

    def _answer_part(
        self, query: Query, topic: tuple[str, ...], ranking: list[Ranked]
    ) -> tuple[Direct | None, list[Ranked]]:
        """A "who runs X" answer (``_answer``); for a question about a part of X ("who leads
        the 2nd component of X") or an activity ("who buys the vaccines in X"), first the
        doers of its verb, then only a line from a passage that speaks of that part or
        activity: a line about the whole of X would name the wrong ones."""
        task = asked_task(query.text)
        verb = None if task is not None else asked_verb(query.text)
        part = {*asked_part(query.text), *asked_years(query.text)}
        if part and ranking:
            # A word of the best page's title names the subject, not a part of it: "who runs
            # the green jobs for youth project" asks about Green Jobs for Youth.
            title = self.index.passages[ranking[0].position].title
            part -= set(self.searcher.tokenizer.terms(title))
        needed = {*part, *(stem(word) for word in (verb, task) if word)}
        if not needed:
            return self._answer(query, topic, ranking)
        if task is not None:
            # "Who makes the payments for X": those a sentence says make them.
            direct, ranked = self._activities.by_task(query, topic, ranking, task)
            if direct is not None:
                return direct, ranked
        if verb is not None:
            # Most activities have no cue of a role: the doers of the verb itself answer.
            direct, ranked = self._activities.by_verb(query, topic, ranking, verb, frozenset(part))
            if direct is not None:
                return direct, ranked
        # A sentence's claim says who plays a part in what that sentence speaks of; a known
        # wording may be read from a whole list ("its partners are A, B and C").
        for read in (self._from_evidence, self._answer):
            direct, ranked = read(query, topic, ranking)
            if direct is not None and ranked and needed <= self._spoken_of(ranked[0].position):
                return direct, ranked
        return None, ranking

    def _spoken_of(self, position: int) -> set[str]:
        """The terms of a passage, its heading and, for a list item, its lead-in, which it
        speaks of too ("organised into three pillars:")."""
        passage = self.index.passages[position]
        return set(
            self.searcher.tokenizer.terms(
                f"{passage.section} {passage.lead_in or ''} {passage.text}"
            )
        )

    def _answer(
        self, query: Query, topic: tuple[str, ...], ranking: list[Ranked]
    ) -> tuple[Direct | None, list[Ranked]]:
        """A "who runs X" answer from the best passages or the rest of their page; its passage
        moves to the top.

        "Who funds X" is answered only by a relation that says who pays, and "who runs X" never
        by one: a funder named as if it ran the programme would be a wrong answer.
        """
        if asks_for_a_person(query.text) or asks_for_an_unread_part(query.text):
            return None, ranking
        # Every way of not finding a known wording ends in the evidence: read it once.
        evidence = cache(partial(self._from_evidence, query, topic, ranking))
        if not query.who_runs:
            return evidence()
        asked = asked_kind(query.text)
        named = said_role(query.text)
        countries = asks_for_countries(query.text)
        past = is_past(query.text)
        denied: dict[str, tuple[str, ...]] = {}
        best: tuple[tuple[bool, float, int, float], Ranked, Relation] | None = None
        for ranked in self._direct_candidates(ranking):
            passage = self.index.passages[ranked.position]
            for found in self._relations(ranked.position):
                kind = kind_of(found.phrase)
                if (kind is Kind.FUNDING) is not (asked is Kind.FUNDING):
                    continue
                # "Which countries fund X" passes over a relation that names none.
                if countries and not any(map(is_country, found.organisations)):
                    continue
                match = self._subject_match(query, topic, found, passage)
                if match < self.settings.min_subject_match:
                    continue
                # An organisation the page says has no part, or not this part, is never named.
                if passage.doc_id not in denied:
                    denied[passage.doc_id] = self._denied(passage.doc_id, asked)
                relation = found.excluding(denied[passage.doc_id])
                if relation is None:
                    continue
                # Of two relations about the subject, the one of the kind asked about wins:
                # "who are the partners of X" wants "partners", "who runs X" not; then the one
                # that says who runs it now over who started it.
                if kind is asked:
                    match += _KIND_MATCH_BONUS
                # Then the one whose part fits the part named best: "who manages X" wants "X
                # is implemented by A" before "X is a programme of B".
                said = phrase_role(relation.phrase)
                fitting = fit(named, said) if named is not None and said is not None else 1.0
                # A question about the past ("who ran X before 2021") is answered by what was,
                # before how well the subject matches: the wording of the present is the wrong
                # answer however well it names X.
                timely = standing(relation) < 2 if past else True
                score = (timely, match, standing(relation), fitting)
                if best is None or score > best[0]:
                    best = (score, ranked, relation)
        # Nor is it answered by what is, when no wording says what was: the evidence may.
        if best is None or not best[0][0]:
            return evidence()
        _, chosen, relation = best
        # A wording of a part that hardly answers the one named ("is hosted by" for "who
        # implements X") answers only when no evidence says who plays the part named.
        fitting = best[0][3]
        # One that does not answer it at all ("is hosted by" for "who joined X") never does.
        if fitting == 0.0 or (fitting < _FAIR_FIT and evidence()[0] is not None):
            return evidence()
        passage = self.index.passages[chosen.position]
        if asked is Kind.FUNDING:
            # Funders add up: "A is the largest donor. B and C have also contributed."
            others = [
                other.excluding(denied[passage.doc_id])
                for other in self._relations(chosen.position)
                if kind_of(other.phrase) is Kind.FUNDING
                and self._subject_match(query, topic, other, passage)
                >= self.settings.min_subject_match
            ]
            relation = _with_other_funders(relation, [o for o in others if o is not None])
        title = without_subtitle(passage.title)
        subject = relation.short or relation.subject
        if is_generic(relation.subject):
            named = self.subjects.named_by(
                query, self.subjects.generic_subject_names(relation, passage)
            )
            if named is None:
                return evidence()  # the page names no subject asked
            # Named as the question names it, which may be the passage's own name for it: "SUN
            # Business Network" in a table of them under "The four SUN Networks"; else as the
            # page's lead names it, where its title names nothing asked (a blog's).
            subject = self.subjects.subject_of(query, passage) or named
        elif relation.short is None and self.subjects.names_part_of(relation.subject, title):
            subject = title  # "Lionfish" is "Operation Lionfish" in full
        rest = [r for r in ranking if r.position != chosen.position]
        # A known wording may still catch a person or a post ("the Deputy Secretary-General
        # and Amina J"): only names that read as organisations are given, or single words
        # ("Europol"), which are seldom people.
        # Nor is the subject itself ever one of its own players.
        topic_terms = set(topic)
        # "FIIAPP, the International and Ibero-American Foundation for …": one body, named
        # twice, is named once.
        spelled = {
            long.casefold()
            for name in relation.organisations
            if (long := self.index.acronyms.get(name.removeprefix("the "))) is not None
        }
        # The page's publisher is a body whatever its name: "Aar Sunu Tefes leads the consortium
        # that runs X" on Aar Sunu Tefes's own page.
        publisher = _bare_key(self._publishers.get(passage.doc_id, ""))
        kept = relation.keeping(
            lambda name: (
                (reads_as_organisation(name) or _bare_key(name) == publisher)
                and not self.roles.is_subject(query, topic_terms, name)
                and (is_country(name) or not countries)
                and name.removeprefix("the ").casefold() not in spelled
            )
        )
        if kept is None:
            return evidence()
        relation = kept
        if asked is not Kind.FUNDING:
            # "Who runs X" is not answered by those who pay: "implemented by A, with financial
            # support from B" runs by A.
            relation = replace(
                relation,
                extras=tuple(e for e in relation.extras if kind_of(e[0]) is not Kind.FUNDING),
            )
        names = (*relation.organisations, *(n for _, group in relation.extras for n in group))
        # Evidence from the same passage that names these and more says it in full: "five
        # donors signed its declaration. … Germany committed funds …" names the five, not
        # Germany alone; and funders add up: "The largest contributor is Norway. Sweden and
        # Japan have also contributed."
        keys = {self._name_key(n) for n in names}
        claimed = self._claims(chosen.position)
        if any(len(claim.names) > len(names) for claim in claimed) or (
            asked is Kind.FUNDING
            and any(
                claim.role is Role.FUND and not {self._name_key(n) for n in claim.names} <= keys
                for claim in claimed
            )
        ):
            fuller, ranked = evidence()
            if (
                fuller is not None
                and ranked
                and ranked[0].position == chosen.position
                and keys < {self._name_key(n) for n in fuller.names}
            ):
                return fuller, ranked
        return Direct(f"{relation.sentence(subject or title)} [1]", names), [chosen, *rest]

    def _from_evidence(
        self, query: Query, topic: tuple[str, ...], ranking: list[Ranked]
    ) -> tuple[Direct | None, list[Ranked]]:
        """A who-answer from role cues and the names next to them (``role_answers``), when no
        known wording says who runs the subject."""
        if not asks_for_names(query.text):
            return None, ranking
        candidates = self._direct_candidates(ranking)
        # What a passage denies any part ("IGCAP is different from NCAP", "is not a member"),
        # or the part asked ("it does not fund the programme" for who funds X); but one who "no
        # longer manages" X may have set it up, or managed it before.
        denied = (None,) if is_past(query.text) else (None, asked_kind(query.text))
        # Where it moved is no part of what a claim must speak of: "who hosted the X
        # secretariat before it moved to Washington" is said by "it was hosted by A".
        return self.roles.answer(
            query,
            set(topic) - self.searcher.terms_of(moved_to(query.text)),
            ranking,
            candidates,
            lambda passage: self.subjects.subject_of(query, passage),
            self.subjects.titled_subject,
            lambda position: tuple(
                d.organisation for d in self._denials(position) if d.kind in denied
            ),
        )

    def relations_in(self, position: int) -> tuple[Relation, ...]:
        """What a passage says in known wordings about who runs, funds or belongs to what."""
        return self._relations(position)

    def claims_in(self, position: int) -> tuple[Claim, ...]:
        """The role cues of a passage with the names next to them, from the relation table."""
        return self._claims(position)

    def denials_in(self, position: int) -> tuple[Denial, ...]:
        """The organisations a passage says have no part in its subject."""
        return self._denials(position)

    def _name_key(self, name: str) -> frozenset[str]:
        """A body's key, one for its acronym and its long name (``body_key``)."""
        return body_key(self.searcher, self.index.acronyms, name)

    def _denied(self, doc_id: str, asked: Kind) -> tuple[str, ...]:
        """The organisations a page says have no part in its subject, or not the part asked
        about: for "who runs X", those that "do not manage" it but may pay for it."""
        return tuple(
            denial.organisation
            for position in self.index.passages.of_document(doc_id)
            for denial in self._denials(int(position))
            if denial.kind in (None, asked)
        )

    def _read_denials(self, position: int) -> tuple[Denial, ...]:
        """The organisations a passage says have no part in its subject."""
        return tuple(denials(self.index.passages[position].text, self._known_names))

    def _direct_candidates(self, ranking: list[Ranked]) -> list[Ranked]:
        """Where to read relations: the best passages, then the rest of the best passage's page
        in page order, as that page is most likely about the subject and may say who runs it
        in a passage that does not repeat its name ("The portal is maintained by A")."""
        depth = self.settings.direct_answer_depth
        candidates = ranking[:depth]
        if not ranking:
            return candidates
        seen = {r.position for r in candidates}
        scores = {r.position: r for r in ranking}
        page = self.index.passages.of_document(self.index.passages[ranking[0].position].doc_id)
        # A page may have thousands of passages: only the first few past the best are read.
        further = (scores.get(p, Ranked(p, 0.0)) for p in page if p not in seen)
        return candidates + list(islice(further, depth * _SAME_PAGE_REACH))

    def _same_list(self, position: int) -> list[int]:
        """The positions of the list items of the list that holds the item at ``position``:
        its run of items in the section, all after the same lead-in. A section may hold a list
        of partners and then, after "Donors:", a list of funders."""
        lead_in = self.index.passages[position].lead_in
        runs: list[list[int]] = [[]]
        for p in self._in_section(int(self._section_of[position])):
            passage = self.index.passages[p]
            if passage.kind is BlockKind.LIST_ITEM and passage.lead_in == lead_in:
                runs[-1].append(p)
            elif runs[-1]:
                runs.append([])
        return next(run for run in runs if position in run)

    def _read_relations(self, position: int) -> tuple[Relation, ...]:
        """What a passage says about who runs, funds or belongs to what; a list item or a
        table row also counts its whole list or table, when its heading or header is about
        partners, roles or funding. Organisations that are the passage's own subject are left
        out."""
        passage = self.index.passages[position]
        found = relations(passage.text, self._known_names)
        if passage.kind is BlockKind.LIST_ITEM:
            items = [self.index.passages[p].text for p in self._same_list(position)]
            found += list_relations(passage.section, items, self._known_names, passage.lead_in)
        elif is_table_row(passage.text):
            section = self._in_section(int(self._section_of[position]))
            texts = [self.index.passages[p].text for p in section]
            found += table_relations(
                passage.section, texts, section.index(position), self._known_names
            )
        title = without_subtitle(passage.title)
        publisher = self._publishers.get(passage.doc_id, "")
        kept = [r.without([r.subject or title, r.short or "", title]) for r in found]
        owned = [r.owned_by(publisher) for r in kept if r is not None]
        return tuple(r for r in owned if r is not None)
