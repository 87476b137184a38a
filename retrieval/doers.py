"""Who does what a question's verb says, or holds the post it names: "who buys the vaccines in
X" is answered by the names that do the buying in a sentence ("UNICEF buys the vaccines and the
cold boxes"), "who was principal recipient of X" by those the sentence says are or were it
("UNDP was principal recipient of the grant until 2021"), found by the verb or the post itself
rather than by a cue of a role, as most activities and posts have none.

A sentence names its doers four ways: before the verb ("UNICEF buys", "WFP and FAO jointly
supervise", "the Bank, which supervises"), after it in the passive ("are supervised by A and
B"), after a label that holds it ("Supervising entities: A, B"), or in the first cell of a row
whose next cell says what it does ("FAO | National forest monitoring systems"). It names a
post's holders before a verb of being ("A has been principal recipient", "A acts as fiscal
agent") or after the post as a label ("Principal recipient: A").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from corpus.acronyms import is_acronym
from retrieval.answer_sentences import spells
from retrieval.name_lists import name_groups, players
from retrieval.organisations import Mention, past_kind, proper_names
from retrieval.questions import DOING
from retrieval.tokenizing import stem

_WORD = re.compile(r"[A-Za-z][a-z]*(?:-[a-z]+)*")
# Between the doers and their verb: an adverb or two ("also", "jointly"), "which" after a
# comma ("the Bank, which supervises"), or the dash of a list of partners and what each does
# ("OTSK – trains the clinical officers"), after what each is ("Kijiji Brace Works – a social
# enterprise that manufactures and supplies the braces", "Bee Sweet Ltd – honey packer; buys
# all honey").
_BEFORE_VERB = re.compile(
    r"\s*(?:,\s*which\s+|,\s*an?\s+[^,;]{1,100},\s*|[–—]\s*"
    r"(?:[^–—;.|]{1,100}?(?:\s(?:that|which|who)\s+(?:[a-z]+s\s+and\s+)?|;\s*))?)?"
    r"(?:(?:also|now|still|then|[a-z]+ly)\s+){0,2}"
)
# Between the names and a verb that what they run does: "runs the laboratory that".
_RUNS_WHAT = re.compile(
    r"\s+(?:runs|ran|operates|operated|manages|managed|hosts|hosted|maintains|maintained|"
    r"leads|led|owns|owned)\s+(?:the|a|an|its|their)\s+(?:[a-z-]+\s+){0,2}[a-z-]+\s+"
    r"(?:that|which)\s+(?:also\s+)?"
)
# From a row's first cell to the verb in the next: "FAO | National forest monitoring".
_ROW_HEAD = re.compile(r"\s*\|\s*[^|.;]{0,60}?")
# The article before a name that leaves it out: "the INTERPOL Regional Bureau".
_ARTICLE = re.compile(r"the\s+", re.IGNORECASE)
# A name inside the phrase of those who do it: "Divers from KRTV", "Staff of the Bank".
_INSIDE_PHRASE = re.compile(r"\b(?:from|of|at|in|with)\s+$")
# Between a passive verb and its doers: "supervised by", "bought jointly by", "collected from
# families by", "trained to recognise skin patches by", "certified against the GWO standard
# by" (a phrase of where, from whom, what for or against what between, which no participle
# of another verb ends: in "supplied to schools managed by A", A manages; but one that only
# says it is done does: "training for police officers is provided by A").
_BY = re.compile(
    r"\s+(?:and\s+[a-z]+ed\s+)?(?:[a-z]+ly\s+)?"
    r"(?:(?:once|twice|every|each)\s+(?:a\s+)?(?:year|month|quarter)\s+)?"  # "once a year"
    r"(?:(?:from|in|at|to|for|with|on|against|under)\s+(?:[\w'’()/-]+\s+){0,9}?"
    r"(?!(?!(?:provided|handled|delivered|conducted|performed|offered)\s)[a-z]+ed\s)"
    r"[\w'’()/-]+\s+)?by\s+"
)
# A post written as a label: "Principal recipient: A", "Trustee | A".
_LABEL_MARK = re.compile(r"\s*[:|]\s*")
# Between a label's verb and its colon: "Supervising entities:".
_LABEL = re.compile(r"[^:.;]{0,40}:\s*")


@dataclass(frozen=True)
class Doers:
    """Names that do what a verb says, and the words that say it: from the first name to the
    sentence's end for an active verb ("UNICEF buys the vaccines"), from the sentence's start
    to the last name for a passive one, from the verb to the last name for a label. ``past``:
    whether the sentence says they held a post before ("was", "served as"), for a post."""

    names: tuple[str, ...]
    said: str
    past: bool = False


# Verbs of holding a post, in the present or the past: "A is / has been / acts as the B".
# "became" says who holds it since.
_PRESENT_BEING = (
    r"is|are|has\s+been|have\s+been|remains|remain|acts\s+as|act\s+as|serves\s+as|serve\s+as"
    r"|became|has\s+become|becomes"
)
_PAST_BEING = r"was|were|had\s+been|remained|acted\s+as|served\s+as"
_BEING = re.compile(
    r"(?:\s*,\s*(?:which|who))?"  # "the Caribbean Development Bank (CDB), which acts as"
    rf"\s+(?:(?:also|still|now|currently|then|formerly)\s+)?(?:({_PAST_BEING})|{_PRESENT_BEING})"
    r"\s+(?:(?:also|still|now|currently|then|formerly)\s+)?(?:the\s+|a\s+|an\s+|its\s+)?",
    re.IGNORECASE,
)


def holders_of(sentence: str, post: str, loose: bool = False) -> Iterator[Doers]:
    """The names a sentence says hold a post (its words, ``post``), or held it."""
    words = post.split()
    if not words:
        return
    pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"s?\b", re.IGNORECASE)
    found = list(pattern.finditer(sentence))
    if not found:
        return
    groups = _doer_groups(sentence, loose)
    for at in found:
        before = next(
            (
                (g, being)
                for g in groups
                if (being := _BEING.fullmatch(sentence, g[-1].end, at.start())) is not None
            ),
            None,
        )
        if before is not None:
            group, being = before
            yield Doers(
                _names(group, sentence),
                _clause(sentence, group[0].start),
                being.group(1) is not None,
            )
            continue
        label = _LABEL_MARK.match(sentence, at.end())
        after = _starting_at(groups, sentence, label.end()) if label else None
        if after is not None:
            yield Doers(_names(after, sentence), _clause(sentence, at.start(), after[-1].end))


def verb_forms(verb: str) -> frozenset[str]:
    """Every form of a verb, in lower case: "buys" → buy, buys, bought, buying. Irregular
    forms are many ("built", "led", "paid"), so they come from lemminflect's English lexicon
    (``_forms``)."""
    return _forms(verb, "VERB")


def noun_forms(noun: str) -> frozenset[str]:
    """A noun's singular and plural, in lower case: "audits" → audit, audits."""
    return _forms(noun, "NOUN")


@lru_cache(maxsize=512)
def _forms(word: str, upos: str) -> frozenset[str]:
    """Every form of a word as the part of speech ``upos``, from lemminflect's English lexicon,
    imported only when a question asks for an activity or a task (its tables take a tenth of
    a second to load)."""
    from lemminflect import getAllInflections, getAllLemmas, getAllLemmasOOV

    word = word.casefold()
    lemmas = getAllLemmas(word, upos=upos).get(upos) or getAllLemmasOOV(word, upos=upos).get(
        upos, ()
    )
    forms = {word, *lemmas}
    for lemma in lemmas:
        for inflected in getAllInflections(lemma, upos=upos).values():
            forms.update(inflected)
    return frozenset(form.casefold() for form in forms)


# Verbs said the other way round, by whom the doer is done to: what is bought from A, A
# supplies; what was learned at A, A taught.
_BOUGHT = ("buy", "purchase", "procure", "source")
_LEARNED = ("learn",)
_CONVERSES = {"supply": _BOUGHT, "sell": _BOUGHT, "teach": _LEARNED, "train": _LEARNED}
# From the converse verb to its doers: "bought in bulk from", "learned it at".
# ("learned it from coaches of A": those who did it for A.)
_FROM = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?(?:from|at)\s+(?:(?:[a-z]+\s+){1,2}(?:of|from)\s+)?")


def converse_forms(verb: str) -> frozenset[str]:
    """Every form of the verbs that say ``verb`` the other way round: "bought" and
    "purchasing" for "supplies"."""
    forms = verb_forms(verb)
    return frozenset(
        form
        for lemma, converses in _CONVERSES.items()
        if lemma in forms
        for converse in converses
        for form in verb_forms(converse)
    )


def doers_of(sentence: str, verb: str, loose: bool = False) -> Iterator[Doers]:
    """The doers of each form of ``verb`` in a sentence, or of a verb that says it the other
    way round ("antivenom is bought from A" for who supplies it)."""
    forms = _written(sentence, verb_forms(verb))
    if not forms:
        yield from _converse_doers(sentence, verb, loose)
        yield from _job_doers(sentence, verb, loose)
        return
    groups = _doer_groups(sentence, loose)
    row = _row_doers(groups, sentence, forms)
    if row is not None:
        yield Doers(_names(row, sentence), _clause(sentence, 0))
        return
    for form in forms:
        # "GMP audits: APQA" is a label: what is audited, then who audits it.
        labelled = _LABEL_MARK.match(sentence, form.end()) is not None
        before = None if labelled else _ending_at(groups, sentence, form.start())
        if before is None and _row_head(groups, sentence, form.start()):
            before = groups[0]  # a row that gives a body and what it does: "FAO | … monitoring"
        if before is not None:
            # "Divers from KRTV count …": the doers' words start the sentence.
            inside = _INSIDE_PHRASE.search(sentence, 0, before[0].start)
            start = 0 if inside else before[0].start
            yield Doers(_names(before, sentence), _clause(sentence, start))
            continue
        by = _BY.match(sentence, form.end())
        after = _starting_at(groups, sentence, by.end()) if by else None
        if after is not None:
            yield Doers(_names(after, sentence), _clause(sentence, 0, after[-1].end))
            continue
        spelled = _spelled_out_before(groups, sentence, by.end()) if by else None
        if spelled is not None:
            yield Doers((spelled[0],), _clause(sentence, 0, spelled[1]))
            continue
        label = _LABEL.match(sentence, form.end())
        after = _starting_at(groups, sentence, label.end()) if label else None
        if after is not None:  # a label is one line of key facts, from its verb to its names
            yield Doers(_names(after, sentence), _clause(sentence, form.start(), after[-1].end))


# From a task's noun to those who do it: "Payments are made by", "Reading assessments at
# baseline (2022) were carried out by": a few words of when or where, a verb that only says it
# is done, in the passive.
_DONE_BY = re.compile(
    r"(?:\s+[^.;:]{0,60}?)?\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been|will\s+be)"
    r"\s+(?:(?:also|now|still|then|[a-z]+ly)\s+)?(?:made|done|carried\s+out|conducted|performed|"
    r"undertaken|delivered|handled|provided|processed|issued|"
    # "The plants were manufactured and installed by A" answers who made them.
    r"manufactured|built|produced|supplied|installed)\s+(?:[a-z]+\s+){0,3}?by\s+"
)
# From those who do a task to its noun: "ACER carries out the reading assessments".
_DOES = re.compile(
    rf"\s*(?:(?:also|now|still|[a-z]+ly)\s+)?{DOING}\s+"
    r"(?:the\s+|its\s+|their\s+|all\s+)?(?:[a-z-]+\s+){0,2}?$"
)


def task_doers(sentence: str, task: str, loose: bool = False) -> Iterator[Doers]:
    """Those a sentence says do a task, named by its noun: after the noun and a verb of doing
    in the passive ("Payments are made by A"), or before such a verb and the noun ("A carries
    out the audits")."""
    # By its forms, or by its stem, as a typed noun may be spelled ("procurment").
    forms = _written(sentence, noun_forms(task), stem(task))
    if not forms:
        return
    groups = _doer_groups(sentence, loose)
    for form in forms:
        done = _DONE_BY.match(sentence, form.end())
        after = _starting_at(groups, sentence, done.end()) if done else None
        if after is not None:
            yield Doers(_names(after, sentence), _clause(sentence, 0, after[-1].end))
            continue
        before = next(
            (g for g in groups if _DOES.fullmatch(sentence, g[-1].end, form.start())), None
        )
        if before is not None:
            yield Doers(_names(before, sentence), _clause(sentence, before[0].start))


# From an activity's noun to those whose job it is: "Supervision on site is the job of A",
# "Maintenance is the responsibility of B".
_JOB_OF = re.compile(
    r"(?:\s+[^.;:]{0,40}?)?\s+(?:is|are|was|were|has\s+been|remains)\s+(?:also\s+)?"
    r"(?:the\s+)?(?:job|responsibility|task|duty|work|remit)\s+of\s+"
)


# How many first letters of a verb's stem its noun shares.
_NOUN_LETTERS = 5


def _job_doers(sentence: str, verb: str, loose: bool) -> Iterator[Doers]:
    """Those a sentence says it is the job of to do what a verb's noun says, or who do it
    ("Certification is carried out by A"): the noun begins as the verb's stem does
    ("supervision" for "supervises", "maintenance" for "maintains")."""
    begins = stem(verb)[:_NOUN_LETTERS]
    if len(begins) < _NOUN_LETTERS:
        return
    nouns = [m for m in _WORD.finditer(sentence) if m.group().casefold().startswith(begins)]
    if not nouns:
        return
    groups = _doer_groups(sentence, loose)
    row = _row_doers(groups, sentence, nouns)
    if row is not None:
        yield Doers(_names(row, sentence), _clause(sentence, 0))
        return
    for noun in nouns:
        # "Certification of the fields … is carried out by A": the noun's doing is done by A.
        job = _JOB_OF.match(sentence, noun.end()) or _DONE_BY.match(sentence, noun.end())
        after = _starting_at(groups, sentence, job.end()) if job else None
        if after is not None:
            yield Doers(_names(after, sentence), _clause(sentence, noun.start(), after[-1].end))


def _row_doers(
    groups: list[list[Mention]], sentence: str, nouns: list[re.Match[str]]
) -> list[Mention] | None:
    """The body of a table's row of three cells or more that has a cell opening with the verb's
    noun and one body in another cell: "Smart meters | Meterix Asia Pte Ltd | Supply and
    installation of 85,000 smart meters" (the contractor of a lot). Two cells may be a label
    and its value, or a sentence cut in two ("Monitoring | FAO")."""
    starts = [0, *(gap.end() for gap in _CELL_GAP.finditer(sentence))]
    if len(starts) < 3 or len(groups) != 1:
        return None

    def cell(position: int) -> int:
        return max(number for number, start in enumerate(starts) if start <= position)

    opening = [noun for noun in nouns if noun.start() in starts]
    if not opening or {cell(m.start) for m in groups[0]} & {cell(n.start()) for n in opening}:
        return None
    return groups[0]


# Between the cells of a table's row, as passages join them.
_CELL_GAP = re.compile(r" \| ")


def _converse_doers(sentence: str, verb: str, loose: bool) -> Iterator[Doers]:
    """The doers named after "from" or "at" a verb that says ``verb`` the other way round."""
    forms = _written(sentence, converse_forms(verb))
    if not forms:
        return
    groups = _doer_groups(sentence, loose)
    for form in forms:
        found = _FROM.match(sentence, form.end())
        after = _starting_at(groups, sentence, found.end()) if found else None
        if after is not None:
            yield Doers(_names(after, sentence), _clause(sentence, 0, after[-1].end))


def _doer_groups(sentence: str, loose: bool) -> list[list[Mention]]:
    """The lists of names a sentence gives that may do what it says: the bodies it names
    (``players``); ``loose``: also the names no word of which says they are bodies
    (``proper_names``), which the part the sentence gives them may say ("The whole crop is
    bought by Maison Verlaine Arômes", "Certisud Maroc, which certifies the oil")."""
    named = players(sentence)
    if not loose:
        return name_groups(named, sentence)
    named += [
        m
        for m in proper_names(sentence)
        if not any(m.start < n.end and n.start < m.end for n in named)
    ]
    return name_groups(sorted(named, key=lambda m: m.start), sentence)


def _written(sentence: str, forms: frozenset[str], root: str | None = None) -> list[re.Match[str]]:
    """The words of a sentence that are one of ``forms`` (in lower case), or whose stem is
    ``root``."""
    return [
        m
        for m in _WORD.finditer(sentence)
        if m.group().casefold() in forms or (root is not None and stem(m.group()) == root)
    ]


def _ending_at(groups: list[list[Mention]], sentence: str, end: int) -> list[Mention] | None:
    """The group of names that ends right before ``end``, but for a word or two, or that runs
    what does it: "BGR runs the laboratory that fingerprints gold"."""
    for group in groups:
        if _BEFORE_VERB.fullmatch(sentence, group[-1].end, end) or _RUNS_WHAT.fullmatch(
            sentence, group[-1].end, end
        ):
            return group
    return None


def _row_head(groups: list[list[Mention]], sentence: str, end: int) -> bool:
    """Whether the sentence is a row whose first cell is its first names and whose next cell
    holds the verb at ``end``: "FAO | National forest monitoring systems"."""
    return (
        bool(groups)
        and not sentence[: groups[0][0].start].strip()
        and _ROW_HEAD.fullmatch(sentence, groups[0][-1].end, end) is not None
    )


def _starting_at(groups: list[list[Mention]], sentence: str, start: int) -> list[Mention] | None:
    """The group of names that starts at ``start``, or past an article there that its name
    leaves out ("by the INTERPOL Regional Bureau")."""
    article = _ARTICLE.match(sentence, start)
    starts = {start, article.end()} if article else {start}
    kind = past_kind(sentence, start)  # "by the firm Auditores Cruz & Prieto"
    if kind is not None:
        starts.add(kind)
    return next((group for group in groups if group[0].start in starts), None)


# What makes a name after it describe the name before: "A, a New Zealand charity".
_DESCRIBING = re.compile(r",\s*an?\s+$")
# A long name that no organisation word marks, before its acronym in brackets: "the École
# nationale supérieure des officiers de sapeurs-pompiers (ENSOSP)".
_LONG_BEFORE_ACRONYM = re.compile(r"(?:the\s+)?[A-ZÀ-Ý][^,;()]{2,100}?\s*\(")


def _spelled_out_before(
    groups: list[list[Mention]], sentence: str, start: int
) -> tuple[str, int] | None:
    """The name that starts at ``start`` and ends in the bracketed acronym that a sentence's
    first group of names after it opens with, and where it ends; None if there is none."""
    long = _LONG_BEFORE_ACRONYM.match(sentence, start)
    if long is None:
        return None
    group = next((g for g in groups if g[0].start >= long.end() - 1), None)
    if group is None or group[0].start > long.end() or not is_acronym(group[0].name):
        return None
    close = sentence.find(")", group[0].end - 1)
    if close < 0 or close > group[0].end + 1:
        return None
    return sentence[start : close + 1], close + 1


def _names(group: list[Mention], sentence: str) -> tuple[str, ...]:
    """The group's names; a name in apposition that spells out the acronym before it is the
    same body: "LGED, the Local Government Engineering Department"; one after "a" says what
    the one before is: "Lifesaving Aotearoa, a New Zealand charity"."""
    names = [group[0].name]
    for mention in group[1:]:
        if _DESCRIBING.search(sentence, 0, mention.start):
            continue
        if not (is_acronym(names[-1]) and spells(mention.name, names[-1])):
            names.append(mention.name)
    return tuple(names)


def _clause(sentence: str, start: int, end: int | None = None) -> str:
    said = sentence[start:end].strip().rstrip(".;,")
    return said[:1].upper() + said[1:]
