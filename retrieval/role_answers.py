"""A one-line answer to a who-question from evidence: the role cues of the best passages and the
organisations named next to them (``roles``), for pages whose wording no known sentence shape
fits."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from corpus.models import Passage
from retrieval.analysis import Query
from retrieval.indexing import Index
from retrieval.name_lists import clause_spans
from retrieval.organisations import bare_name, is_organisation_word
from retrieval.page_subjects import PageSubjects, names_term
from retrieval.questions import asked_part, asked_years, whole_names
from retrieval.relations import answer_line
from retrieval.roles import (
    AMOUNT,
    Claim,
    Role,
    Scored,
    asks_for_the_first,
    before_followers,
    best_claims,
    said_role,
)
from retrieval.searching import Ranked, Searcher
from retrieval.undertakings import (
    UNDERTAKING_WORDS,
    pointed_at,
    undertakings_in,
)

# A long name's acronym, in brackets at its end: "the World Health Organization (WHO)".
_BRACKETED_END = re.compile(r"\(([^()]+)\)$")
# A sentence that says there are other funders than those it names.
_ADDING = re.compile(
    # Not "A, which also offered 600 sets": what A gave besides, not others who gave.
    r"(?<!which\s)(?<!who\s)"
    r"\b(?:also|too|as\s+well|further|additional|other|largest|biggest|main|lead|most\s+of|"
    r"smaller|remaining|rest\s+of)\b",
    re.I,
)
# A pronoun, or "the"/"this" and a word of an undertaking ("The fund is administered by A"),
# that stands for what was spoken of before.
_POINTS_BACK = re.compile(
    r"\b(?:it|its|they|their)\b|\b(?:the|this)\s+(?:"
    + "|".join(sorted(UNDERTAKING_WORDS))
    + r")\b",
    re.IGNORECASE,
)


def _without_names(sentence: str, names: Sequence[str]) -> str:
    """A sentence with each of some names cut out where it stands as whole words ("EU" of
    "EU-funded", not of "EUROFRONT")."""
    for name in names:
        start = sentence.find(name)
        while start >= 0:
            end = start + len(name)
            whole = (start == 0 or not sentence[start - 1].isalnum()) and (
                end == len(sentence) or not sentence[end].isalnum()
            )
            if whole:
                sentence = f"{sentence[:start]} {sentence[end:]}"
                start = sentence.find(name, start + 1)
            else:
                start = sentence.find(name, end)
    return sentence


def _sentence_before(text: str, start: int) -> str:
    """The sentence of a text, as claims are read, that ends before ``start``, or ""."""
    before = [span for span in clause_spans(text) if span[1] <= start]
    return text[before[-1][0] : before[-1][1]] if before else ""


def name_key(searcher: Searcher, name: str) -> frozenset[str]:
    """A name's index terms, without its bracketed acronym: "X" and "X (XP)" are one name."""
    return frozenset(searcher.terms_of([bare_name(name)]))


def body_key(searcher: Searcher, acronyms: Mapping[str, str], name: str) -> frozenset[str]:
    """A body's key, one for its acronym and its long name: "RDF" is "the Reef Development
    Foundation"."""
    bare = bare_name(name).removeprefix("the ")
    return name_key(searcher, acronyms.get(bare, name))


@dataclass(frozen=True)
class Direct:
    """A one-line answer to a who-question: the line, with its citation, and the names in it."""

    line: str
    names: tuple[str, ...]


# How much more a claim counts whose sentence says the part or year a question asks about.
_SPECIFIC_WEIGHT = 2.0


class RoleAnswers:
    """Who-answers read from role evidence in one index's passages."""

    def __init__(
        self,
        index: Index,
        searcher: Searcher,
        read: Callable[[int], Sequence[Claim]],
        min_score: float,
        min_subject_match: float,
        publishers: dict[str, str],
        subjects: PageSubjects,
    ) -> None:
        self.index = index
        self.searcher = searcher
        # A passage's claims from the index's relation table, decoded once (the engine's memo).
        self.read = read
        self.min_score = min_score
        self.min_subject_match = min_subject_match
        self._publishers = publishers  # document id → publisher, the engine's
        # What a page is about, by name, and its other names: the who-answers'.
        self.subjects = subjects
        # The terms of the words of undertakings ("programme", "fund" …).
        self.undertaking_terms = searcher.terms_of(sorted(UNDERTAKING_WORDS))

    def answer(
        self,
        query: Query,
        topic: set[str],
        ranking: list[Ranked],
        candidates: list[Ranked],
        subject_of: Callable[[Passage], str | None],
        titled_subject: Callable[[Passage], str | None],
        denied_in: Callable[[int], tuple[str, ...]] = lambda _: (),
    ) -> tuple[Direct | None, list[Ranked]]:
        """The best claim about the question's subject among the candidate passages, as a line,
        and the ranking with its passage first; the ranking alone when no claim is strong
        enough, or the page names its subject nowhere the question does. The names a claim's
        passage denies a part (``denied_in``: "IGCAP is different from NCAP") are none of its
        players."""
        if not topic:
            return None, ranking
        positions = [r.position for r in candidates]
        found = [
            scored
            for scored in best_claims(
                self.read,
                positions,
                query.text,
                lambda position, claim: self.share(query, topic, position, claim),
                lambda name: self.is_subject(query, topic, name),
            )
            if scored.score >= self.min_score and scored.share >= self.min_subject_match
        ]
        if not found:
            return None, ranking
        # "Who paid for the pilot of X", "who funded X in 2024": a claim whose sentence says
        # the part or the year asked about comes before those about the whole of X.
        # Only on the page of the best claim: another page's "component" is another's part.
        specific = {*asked_part(query.text), *asked_years(query.text)}
        if specific:
            page_id = self.index.passages[candidates[found[0].rank].position].doc_id

            def weight(scored: Scored) -> float:
                on_page = self.index.passages[candidates[scored.rank].position].doc_id == page_id
                says = on_page and self._says(scored.claim, specific)
                return scored.score * (_SPECIFIC_WEIGHT if says else 1.0)

            found.sort(key=lambda s: -weight(s))
        # The best claim, past those on its page that name no one but the subject itself
        # ("CREWS is funded by CREWS"), which are no claim about it.
        best: Scored = found[0]
        page = self.index.passages[candidates[best.rank].position]
        subject = self._subject(page, best.claim, subject_of, titled_subject)
        if subject is None:
            return None, ranking
        for best in found:
            if self.index.passages[candidates[best.rank].position].doc_id != page.doc_id:
                continue
            # A name denied with its acronym is denied by either: "… (NCAP)" and "NCAP".
            denied = {
                self._key(form)
                for name in denied_in(candidates[best.rank].position)
                for form in (name, *_BRACKETED_END.findall(name))
            }
            names = tuple(
                n for n in self._others(subject, best.claim) if self._key(n) not in denied
            )
            if names:
                break
        else:
            return None, ranking
        chosen = candidates[best.rank]
        claim = best.claim
        if claim.role is Role.FUND:
            # Those that paid for the part or year asked about add up; the others paid for
            # something else.
            if specific and self._says(claim, specific):
                found = [s for s in found if self._says(s.claim, specific)]
            names = self._with_added_funders(subject, best, found, names, candidates)
        names = self._with_same_rows(subject, best, found, names, candidates)
        if asks_for_the_first(query.text):
            names = before_followers(claim.sentence, names)
        line = answer_line(subject, claim.said, names)
        # The line's passage comes first, as it does for a known wording: it is the evidence
        # for the line, and the passage that answers a who-question.
        rest = [r for r in ranking if r.position != chosen.position]
        return Direct(f"{line} [1]", names), [chosen, *rest]

    def _says(self, claim: Claim, specific: set[str]) -> bool:
        """Whether a claim's sentence holds every stem or year of some specifics."""
        return specific <= set(self.searcher.tokenizer.terms(claim.sentence))

    def _with_added_funders(
        self,
        subject: str,
        best: Scored,
        found: Sequence[Scored],
        names: tuple[str, ...],
        candidates: Sequence[Ranked],
    ) -> tuple[str, ...]:
        """Funders add up where the page says so: "The largest contributor is Norway.
        Sweden and Japan have also contributed." names all three, from the claims of paying
        about the subject in the same section, when one of the two sentences says that there
        are others ("also", "largest", "most of", "a smaller share"), or both are one
        sentence's, by one cue."""
        return self._with_names_of(
            subject,
            names,
            (
                other.claim
                for other in found
                if self._same_section(candidates[other.rank], candidates[best.rank])
                and other.claim.role is Role.FUND
                and other.claim != best.claim
                and (
                    # One sentence that names several funders by one cue ("a loan of EUR 24
                    # million from A and a grant of EUR 8 million from B"), or by one kind of
                    # cue ("A, which has committed USD 42 million, and B, which is providing
                    # EUR 18 million"), names them all, of one time: not "It began with money
                    # from A and has since been co-financed by B".
                    (
                        other.claim.sentence == best.claim.sentence
                        and other.claim.former == best.claim.former
                        and (other.claim.cue == best.claim.cue or _goes_on(best.claim, other.claim))
                    )
                    or _ADDING.search(best.claim.sentence)
                    or _ADDING.search(other.claim.sentence)
                )
            ),
        )

    def _with_same_rows(
        self,
        subject: str,
        best: Scored,
        found: Sequence[Scored],
        names: tuple[str, ...],
        candidates: Sequence[Ranked],
    ) -> tuple[str, ...]:
        """The names of a table's rows that say the same part as the best claim's row, by the
        same word: "AUC | Co-chair of the Steering Committee" and "HCP | Co-chair of the
        Steering Committee" are the two co-chairs."""
        headings = self.index.passages[candidates[best.rank].position].column_headings
        if headings is None:
            return names
        return self._with_names_of(
            subject,
            names,
            (
                other.claim
                for other in found
                if self.index.passages[candidates[other.rank].position].column_headings == headings
                and self._same_section(candidates[other.rank], candidates[best.rank])
                and other.claim.role is best.claim.role
                and other.claim.cue_word == best.claim.cue_word
            ),
        )

    def _with_names_of(
        self, subject: str, names: tuple[str, ...], claims: Iterable[Claim]
    ) -> tuple[str, ...]:
        """Some names, then those of some claims that are not among them yet, in order."""
        keys = {self._key(n) for n in names}
        for claim in claims:
            added = [n for n in self._others(subject, claim) if self._key(n) not in keys]
            keys.update(self._key(n) for n in added)
            names = (*names, *added)
        return names

    def _same_section(self, one: Ranked, other: Ranked) -> bool:
        """Whether two ranked passages are of one section of one page."""
        first, second = self.index.passages[one.position], self.index.passages[other.position]
        return first.doc_id == second.doc_id and first.section == second.section

    def _subject(
        self,
        passage: Passage,
        claim: Claim,
        subject_of: Callable[[Passage], str | None],
        titled_subject: Callable[[Passage], str | None],
    ) -> str | None:
        """What the page calls the subject the question names; else, as the claim's sentence
        or page is about the subject (``share``), the programme the page's title names."""
        subject = subject_of(passage)
        if subject is None:
            named = titled_subject(passage)
            # Never a subject that the line would also give as one of its names.
            if named and not any(self._key(named) == self._key(n) for n in claim.names):
                subject = named
        return subject

    def _others(self, subject: str, claim: Claim) -> tuple[str, ...]:
        """A claim's names but the subject itself, by its name, its acronym or the acronym in
        its name ("CREWS" of "CREWS Initiative")."""
        itself = {self._key(subject)}
        own_words = set(subject.split())
        return tuple(
            name
            for name in claim.names
            if self._key(name) not in itself
            and self._key(self.index.acronyms.get(bare_name(name), "")) not in itself
            and bare_name(name) not in own_words
        )

    def states_role(self, query: Query, topic: set[str], position: int) -> bool:
        """Whether a passage says who plays the part the question names: a cue of that very
        part next to a name that is not the subject, in a sentence about the subject."""
        asked = said_role(query.text)
        return asked is not None and any(
            claim.role is asked
            and not claim.opening
            and any(not self.is_subject(query, topic, n) for n in claim.names)
            and self.share(query, topic, position, claim) >= self.min_subject_match
            for claim in self.read(position)
        )

    def _key(self, name: str) -> frozenset[str]:
        return name_key(self.searcher, name)

    def share(
        self,
        query: Query,
        topic: set[str],
        position: int,
        claim: Claim,
        said: frozenset[str] = frozenset(),
    ) -> float:
        """The share of the question's topic, by information, that a claim's sentence, its
        section, its page's title or its publisher names; an acronym counts where most of its
        long name is. ``said``: terms the sentence is known to say in another form ("who
        underwrites X" of "X is underwritten by A")."""
        passage = self.index.passages[position]
        publisher = self._publishers.get(passage.doc_id, "")
        # The sentence without the claim's players: "Member countries: Mali, Niger and Chad"
        # is not about Niger, but about what they are members of.
        sentence = _without_names(claim.sentence, claim.names)
        texts = [
            sentence,
            passage.section,
            passage.title,
            publisher,
            *self.subjects.full_names(passage),
            *self.subjects.other_names(passage.doc_id),
        ]
        of_page = False  # whether the sentence speaks of what its page is about
        if _POINTS_BACK.search(claim.sentence):
            # "Since 2021 the secretariat is hosted by A; before that it was housed at B": "it"
            # is what the sentence before it speaks of, the undertaking it names first if any;
            # a passage's first sentence speaks of what the page is about ("The partnership is
            # paid for by A" in a news story about the Lowland Snakebite Care Partnership).
            before = _sentence_before(passage.text, claim.span[0])
            texts.append(pointed_at(before) or before or self.subjects.page_subject(passage) or "")
        elif not undertakings_in(sentence):
            # A sentence that names nothing its players play a part in speaks of what its page
            # is about: "AIIB lends US$145 million for the civil works" on the page of the
            # Safe Reservoirs Lanka Programme.
            texts.append(self.subjects.page_subject(passage) or "")
            of_page = True
        texts_said = [self.searcher.tokenizer.terms(text) for text in texts]
        terms = {term for text_terms in texts_said for term in text_terms}
        information = self.searcher.information
        total = sum(information(t) for t in topic)
        held = whole_names(
            query.in_names,
            {t for t in topic if names_term(t, terms, query.spelled_out.get(t, ())) or t in said},
            texts_said,
        )
        share = sum(information(t) for t in topic if t in held) / total if total else 0.0
        if of_page and 0 < share < self.min_subject_match:
            # ... and as the page's first sentence says what that is: "the trust fund for the
            # kenya tanzania elephant corridors" is the Tembo Corridors Partnership, which
            # "protects the elephant migration routes … across the Kenya–Tanzania border".
            share += self.subjects.lead_share(passage.doc_id, topic - held - terms, total)[0]
        return share

    def is_subject(self, query: Query, topic: set[str], name: str) -> bool:
        """Whether a name is the subject itself, mostly made of its words, or a name that the
        question gives as a point of reference ("who hosted X before UNOPS")."""
        terms = self.searcher.terms_of([name])
        if not terms:
            return False
        acronym = _BRACKETED_END.search(name)
        short = acronym.group(1) if acronym else name
        named = self.searcher.terms_of([short])
        # The question may call it by its long name, which the corpus shortens: "the
        # peacebuilding fund" is "the Secretary-General's Peacebuilding Fund (PBF)".
        shortened = any(short == expansion.short for expansion in query.expansions)
        # A body of a kind the question does not name is the subject only as its own body
        # ("the Codex Secretariat", asked about Codex), named by the subject's words alone:
        # "the Lake Chad Basin Commission" is half made of the words of "the lake chad border
        # health project", but is another body.
        kind = bare_name(name).split()[-1]
        kind_terms = self.searcher.terms_of([kind])
        if is_organisation_word(kind) and not kind_terms <= topic:
            # ... and by words that make up half of the subject's at least: "the African
            # Union" is no body of the East African Criminal Justice Network; nor is it where
            # the question names an undertaking by a word the body's name lacks: "the Lilongwe
            # Water Board" runs "the lilongwe water programme".
            rest = terms - kind_terms
            mostly = (
                rest <= topic
                and 2 * len(rest) >= len(topic)
                and not (topic & self.undertaking_terms) - terms
            )
        else:
            mostly = 2 * len(terms & topic) >= len(terms)
        return mostly or (bool(named) and named <= set(query.content)) or shortened


# Where a list of payers goes on after a remark: "financed by A through a grant from B, and by
# C, which contributes …", "financed by A, which lends USD 240 million, with co-financing from
# B".
_AND_BY = re.compile(
    r",?\s+and\s+(?:also\s+)?(?:by|from)\s+(?:the\s+)?$|"
    r",\s+with\s+(?:co-?financing|co-?funding|additional\s+(?:funding|support))\s+from\s+"
    r"(?:the\s+)?$"
)


def _goes_on(first: Claim, then: Claim) -> bool:
    """Whether a claim's names follow another's in its sentence after "and by", "and from"
    or "with co-financing from", or each with an amount of its own ("A provides a grant of EUR
    3.5 million, and B adds CHF 550,000"): the list of payers goes on."""
    sentence = first.sentence
    start = sentence.find(then.names[0]) if then.names else -1
    if start <= 0 or first.names[0] not in sentence[:start]:
        return False
    return bool(_AND_BY.search(sentence, 0, start)) or (
        _gives_an_amount(sentence, first.names[0], start)
        and _gives_an_amount(sentence, then.names[0])
    )


# How far after a payer's name its amount may stand.
_AMOUNT_REACH = 100


def _gives_an_amount(sentence: str, name: str, before: int | None = None) -> bool:
    """Whether an amount follows a name in a sentence, within reach and before ``before``."""
    start = sentence.find(name)
    end = min(start + len(name) + _AMOUNT_REACH, before or len(sentence))
    return start >= 0 and AMOUNT.search(sentence, start + len(name), end) is not None
