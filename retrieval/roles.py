"""Who plays a part in something, read from evidence rather than from known sentences.

A who-question asks for a role: who runs, hosts, chairs, funds, founded or takes part in X. A
passage answers it where one of its sentences holds a cue of that role ("financed", "led by",
"Donors:") next to the organisations it names (``organisations.mentions``); ``role_reading``
finds those claims. Here: the roles and their cues, the claims and how the index stores them,
and how a claim is scored for a question. Every organisation near a cue is a candidate; it is
scored by how well the cue fits the role asked, how close it sits to the cue, whether the
sentence or its section is about X, and how well the passage ranked. Sentences about the past
("until 2014", "formerly") count less for a question about the present.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from retrieval.organisations import is_country


class Role(str, Enum):
    """A part an organisation plays in something."""

    RUN = "run"
    HOST = "host"
    CHAIR = "chair"
    FUND = "fund"
    PARTNER = "partner"
    FOUND = "found"


@dataclass(frozen=True)
class _Cue:
    role: Role
    pattern: str
    phrase: str  # how an answer says it: "X is funded by A"
    # A noun that says a part only as what a name is ("A is the GEF agency for X", "A acts as
    # accredited entity of X"), not wherever it stands ("the refugee agency of the government").
    only_as_what_a_name_is: bool = False


# A currency as pages write it before an amount, and an amount: "USD 15 million", "€2.5m".
CURRENCY = r"(?:US\$|USD|EUR|€|\$|£|GBP|CHF|NOK|SEK|DKK|JPY|CAD|AUD)"
AMOUNT = re.compile(rf"{CURRENCY}\s?\d")

# The cues of each role, as running text writes them, each with the phrase an answer uses.
_CUES = (
    # "co-finances", "cofunds": one who pays with others pays.
    _Cue(
        Role.FUND,
        r"(?:co-?)?fund(?:s|ed|ing)|co-?fund|(?:co-?)?financ(?:es|ed|ing)|co-?finance",
        "is funded by",
    ),
    _Cue(
        Role.FUND,
        r"(?:co-?)?(?:donors?|funders?|financiers?|backers?)|contribut(?:ors?|ions?|ed|es)",
        "is funded by",
    ),
    # "EUR 3 million from A": an amount from someone is their money; so is a share "paid from
    # A's fund", and "additional support from A" beside a funder.
    # "the remaining USD 7 million comes from A's own fund" too.
    _Cue(
        Role.FUND,
        r"(?:million|billion)(?=\s+(?:(?:comes?|came|is\s+coming)\s+)?from\b)",
        "is funded by",
    ),
    # "A provides US$7.3 million for training", "B committed EUR 2 million", "C lends US$145
    # million": an amount that someone gives or lends is their money.
    _Cue(
        Role.FUND,
        r"(?:provid(?:es|ed|ing)|commit(?:s|ted)|gives|gave|giving|donat(?:es|ed|ing)|lends|lent|"
        r"lending|contribut(?:es|ed|ing)|put\s+(?:in|up)|puts\s+(?:in|up)|add(?:s|ed)|"
        r"invest(?:s|ed))(?=\s+(?:(?:about|some|"
        rf"nearly|over|almost|an?\s+(?:further|additional))\s+)?{CURRENCY}\s?\d)",
        "is funded by",
    ),
    _Cue(
        Role.FUND,
        r"grants?|pledg(?:es|ed)|paid\s+for|pays?\s+for|paid\s+(?:from|out\s+of)|"
        r"sponsor(?:s|ed|ship)?|money|(?:additional|financial|further)\s+support(?=\s+from\b)",
        "is funded by",
    ),
    # "the host country" and "as host country" host; "in host countries" are only where.
    _Cue(
        Role.HOST,
        r"host(?:s|ed|ing)?(?!\s+(?:countr|cit))|(?:(?<=\bas\s)|(?<=\bthe\s))host(?=\s+(?:countr|cit))"
        # "the unit worked out of the ADA country office": where it works is who hosts it.
        r"|housed|houses|(?:work|works|worked|operate|operates|operated)\s+out\s+of"
        # "the secretariat sat with the Centre …", "coordination sits at the hospital"; not
        # "sits in", which is as often where money is kept ("sits in the Trust Fund").
        r"|(?:sits|sat|sit)\s+(?:with|at)(?=\s+(?:the\s+)?(?-i:[A-Z]))"
        # "It moved to the UNESCO Regional Office in 2020", "the secretariat has since moved
        # to A": where it went hosts it now (a city names no host).
        r"|(?:(?<=\bit\s)|(?<=\bsince\s)|(?<=secretariat\s)|(?<=unit\s)|(?<=office\s))"
        r"(?:moved|relocated)\s+to(?=\s+(?:the\s+)?(?-i:[A-Z]))",
        "is hosted by",
    ),
    _Cue(Role.CHAIR, r"(?:co-)?chair(?:s|ed|ing|ship)?|presid(?:es|ed|ency)", "is chaired by"),
    _Cue(Role.RUN, r"implement(?:s|ed|ing|ation)?|implementers?", "is implemented by"),
    _Cue(
        Role.RUN,
        r"led\s+(?:[a-z]+ly\s+)?by|leads|leading|lead\s+(?:agency|agencies|organi[sz]ations?)",
        "is led by",
    ),
    _Cue(Role.RUN, r"manag(?:es|ed|ing|ement)|managers?", "is managed by"),
    # "run by A", "run jointly by A", "carried out by A"
    _Cue(
        Role.RUN,
        r"run\s+(?:[a-z]+ly\s+)?by|runs|operated|operates|(?<=[-–])(?:led|run)"
        r"|carried\s+out\s+(?:[a-z]+ly\s+)?by",
        "is run by",
    ),
    _Cue(Role.RUN, r"co-?ordinat(?:es|ed|ing|ion|ors?)", "is coordinated by"),
    _Cue(
        Role.RUN, r"administer(?:s|ed)?|administration|administrative\s+agent", "is administered by"
    ),
    _Cue(
        Role.RUN, r"trustee|treasurer|secretariat|executing\s+agency|executed", "is administered by"
    ),
    # "UNEP is the GEF agency for SBRI", "ADB is the accredited entity for the grant": a body's
    # part, by a noun of what it is, for what it is so.
    _Cue(Role.RUN, r"(?:agency|entity)(?=\s+(?:for|of)\s)", "is run by", True),
    _Cue(Role.RUN, r"oversees?|overseen|responsible|in\s+charge|deliver(?:s|ed)", "is run by"),
    _Cue(Role.RUN, r"under\s+the\s+auspices\s+of", "is run under the auspices of"),
    _Cue(Role.RUN, r"under\s+the\s+umbrella\s+of", "is run under the umbrella of"),
    _Cue(
        Role.PARTNER,
        r"partners?|partnership|members?|membership|consortium|join(?:s|ed)",
        "'s partners are",
    ),
    # "The core agencies are A, B and C": the agencies that take part, by what they are.
    _Cue(
        Role.PARTNER,
        r"(?:core|participating|founding|sister|cooperating)\s+(?:agencies|organi[sz]ations)",
        "'s partners are",
    ),
    _Cue(
        Role.PARTNER,
        r"joint(?:ly)?|together|alongside|comprises?|cosponsors?|co-sponsors?|"
        r"collaborati(?:ve|on)|co-?operation|brings?|t(?:ake|akes|ook|aking)\s+part|"
        r"participat(?:e|es|ed|ing|ion|ants?)",
        "'s partners are",
    ),
    _Cue(
        Role.FOUND,
        r"found(?:ed|ing|ers?)|establish(?:ed)?|creat(?:e|ed)|set\s+up|launch(?:ed)?|initiated|"
        r"formed|(?<=to\s)form",
        "was set up by",
    ),
)
_CUE_PATTERNS = [(cue, re.compile(rf"\b(?:{cue.pattern})\b", re.IGNORECASE)) for cue in _CUES]
_CUE_ROLES = [(cue.role, pattern) for cue, pattern in _CUE_PATTERNS]
# Questions say some roles in words that passages do not: "who gives money to X".
_ASKED_ONLY = (
    (
        Role.FUND,
        re.compile(
            r"\b(?:money|pays?|paid|paying|gives?|(?:co-?)?financ(?:es?|ing)|backs?|bankrolls?|"
            r"(?:co-?)?fund(?:s|ing)?|funders?|donors?|sponsors?|sponsoring)\b",
            re.I,
        ),
    ),
    (
        Role.RUN,
        re.compile(
            r"\b(?:run|runs|running|ran|manage|lead|behind|heads?|governs?|directs?|steers?|"
            # "who looks after the pooled fund", "who takes care of X".
            r"look(?:s|ed|ing)?\s+after|t(?:ake|akes|ook|aking)\s+care\s+of)\b",
            re.I,
        ),
    ),
    (
        Role.PARTNER,
        re.compile(
            r"\bwho(?:'s|\s+is|\s+are)\s+(?:in(?!\s+charge)|on|part\s+of)\b|\bpart\s+of\b|"
            r"\bjoin(?:s|ed|ing)?\b",
            re.I,
        ),
    ),
    (Role.FOUND, re.compile(r"\b(?:start(?:s|ed)?|creat(?:e|es)|found|set\s+up|began)\b", re.I)),
)
# How well a cue of one role answers a question about another: who takes part in X is answered
# by who runs or founded it, but who runs X is not answered by who pays for it.
_FITS: dict[Role, dict[Role, float]] = {
    Role.RUN: {Role.RUN: 1.0, Role.PARTNER: 0.6, Role.HOST: 0.4},
    Role.HOST: {Role.HOST: 1.0},
    Role.CHAIR: {Role.CHAIR: 1.0},
    Role.FUND: {Role.FUND: 1.0},
    Role.PARTNER: {Role.PARTNER: 1.0, Role.RUN: 0.8, Role.FOUND: 0.8},
    Role.FOUND: {Role.FOUND: 1.0, Role.PARTNER: 0.5},
}
_FORMER = re.compile(
    r"\b(?:until|formerly|previously|originally|used\s+to|at\s+first|initially|no\s+longer|"
    r"before\s+(?:that|then|\d{4})|prior\s+to\s+\d{4}|"
    r"(?:for|in)\s+(?:its|their|the)\s+first|from\s+\d{4}\s+(?:to|until|till)\s+\d{4}|"
    r"between\s+\d{4}\s+and\s+\d{4})\b",
    re.IGNORECASE,
)
_PAST_QUESTION = re.compile(
    r"\b(?:was|were|did|before|originally|first|initially|formerly|previously|used\s+to|"
    # "which donor stopped funding X", "who no longer funds it", "doesnt anymore".
    r"stopped|ceased|no\s+longer|any\s?more|"
    r"at\s+the\s+start|(?:until|till|prior\s+to)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_NEAR = 60.0
# How much more a labelled list counts than a sentence: a page's "Donors:" line says who pays.
_LABEL_WEIGHT = 1.5


def asked_role(question: str) -> Role:
    """The role a who-question asks about, told by the first word that says one; who runs it,
    when none does."""
    return said_role(question) or Role.RUN


def fit(asked: Role, said: Role) -> float:
    """How well evidence of one role answers a question about another (0 to 1)."""
    return _FITS[asked].get(said, 0.0)


def _roles_said(
    text: str, patterns: Sequence[tuple[Role, re.Pattern[str]]]
) -> list[tuple[int, Role]]:
    """Where each word of a role is in a text, with its role, pattern by pattern."""
    return [(found.start(), role) for role, pattern in patterns for found in pattern.finditer(text)]


def phrase_role(phrase: str) -> Role | None:
    """The role a relation's phrase gives its names: that of its last cue, the one next to
    them ("'s secretariat is hosted by" hosts), or None."""
    lasts = _roles_said(phrase, _CUE_ROLES)
    return max(lasts, key=lambda last: last[0])[1] if lasts else None


def said_role(question: str) -> Role | None:
    """The role a question names, by the first word that says one, or None."""
    firsts = _roles_said(question, [*_CUE_ROLES, *_ASKED_ONLY])
    return min(firsts, key=lambda first: first[0])[1] if firsts else None


# Words of working with someone, which say a part without naming it: "A works with B".
_WORKS_WITH = (
    Role.PARTNER,
    re.compile(r"\bwork(?:s|ed|ing)?\s+with\b|\b(?:collabor|cooper)at(?:e|es|ed|ing)\b", re.I),
)


def says_role(text: str, role: Role) -> bool:
    """Whether a text has a word of a role, as a cue, as a question says it ("pays") or in
    words of working with someone."""
    return any(
        said is role and pattern.search(text)
        for said, pattern in (*_CUE_ROLES, *_ASKED_ONLY, _WORKS_WITH)
    )


@dataclass(frozen=True)
class Claim:
    """A sentence's evidence that some organisations play a role.

    Attributes:
        names: the organisations, as an answer gives them.
        role: the role the cue says.
        phrase: the answer's verb phrase: "is funded by".
        sentence: the sentence.
        distance: characters between the cue and the nearest name.
        former: whether the sentence speaks of the past ("until 2014").
        cue_word: the cue as written, in lower case.
        label: whether the cue labels what follows: "Donors: A, B", "Partners | A".
        about: what the sentence names as what they play their part in, when it names it
            next to the cue ("the Airport Communication Project (AIRCOP) implemented by A");
            empty when that is the page's subject.
        opening: whether the name opens a sentence under a heading of the role ("Core
            partners"), rather than standing next to a cue in the sentence.
        span: where the sentence is in the passage's text.
        cue: which of the cues (``_CUES``) it is, so that a claim can be stored and read back.
    """

    names: tuple[str, ...]
    role: Role
    phrase: str
    sentence: str
    distance: int
    former: bool
    cue_word: str
    label: bool = False
    about: tuple[str, ...] = ()
    span: tuple[int, int] = (0, 0)
    cue: int = 0
    opening: bool = False

    @property
    def said(self) -> str:
        """The answer's verb phrase, in the past for a part played in the past: "was hosted
        by", "'s partners were"."""
        if not self.former:
            return self.phrase
        return re.sub(r"^is\b", "was", re.sub(r"\bare$", "were", self.phrase))


def encode(found: Sequence[Claim]) -> str:
    """A passage's claims as compact JSON, to be stored with the index ("" for none)."""
    if not found:
        return ""
    rows = [
        [
            c.cue,
            list(c.names),
            list(c.about),
            *c.span,
            c.distance,
            int(c.former),
            int(c.label),
            c.cue_word,
            int(c.opening),
        ]
        for c in found
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def decode(stored: str, text: str) -> list[Claim]:
    """The claims ``encode`` stored for a passage, whose text is ``text``."""
    if not stored:
        return []
    found = []
    rows = json.loads(stored)
    for cue, names, about, start, end, distance, former, label, cue_word, opening in rows:
        kind = _CUES[cue]
        found.append(
            Claim(
                names=tuple(names),
                role=kind.role,
                phrase=kind.phrase,
                sentence=text[start:end],
                distance=distance,
                former=bool(former),
                cue_word=cue_word,
                label=bool(label),
                about=tuple(about),
                span=(start, end),
                cue=cue,
                opening=bool(opening),
            )
        )
    return found


@dataclass(frozen=True)
class Scored:
    """A claim with its score for one question."""

    claim: Claim
    score: float
    rank: int
    share: float  # of the question's subject that the claim names (``best_claims``'s share)


def score(
    claim: Claim,
    asked: Role,
    rank: int,
    subject_share: float,
    past_question: bool,
    asked_words: Sequence[str],
) -> float:
    """How strongly a claim answers a who-question: the fit of its role to the one asked, the
    share of the question's subject its sentence or section names, its nearness to its cue and
    its passage's rank; halved for the past when the question is about the present."""
    fitting = fit(asked, claim.role)
    if fitting == 0.0:
        return 0.0
    written = claim.cue_word.replace("-", "")
    if any(written.startswith(word.replace("-", "")[:5]) for word in asked_words if len(word) >= 4):
        fitting += 0.25  # the question's own word: "trustee" for "who is the trustee"
    if claim.label:
        fitting *= _LABEL_WEIGHT
    value = fitting * (0.5 + subject_share) / (1.0 + 0.15 * rank) / (1.0 + claim.distance / _NEAR)
    if claim.former != past_question:
        value *= 0.5
    return value


_COUNTRIES_ASKED = re.compile(r"\b(?:countr(?:y|ies)|governments?|states)\b", re.I)


def asks_for_countries(question: str) -> bool:
    """Whether a who-question asks for countries: "which countries fund X" is answered by
    countries and their governments only."""
    return bool(_COUNTRIES_ASKED.search(question))


# "Who gives the most money to X", "X's largest donor": one name, the first of a ranking.
_FIRST_ASKED = re.compile(
    r"\bthe\s+most\b|\b(?:largest|biggest|top|main|leading|principal)\s+"
    r"(?:single\s+)?(?:donor|funder|contributor|sponsor|backer|source)\b(?!s)",
    re.I,
)
# "A is the largest donor, followed by B and C": A comes first.
FOLLOWED = re.compile(r",\s*followed\s+by\b")


def asks_for_the_first(question: str) -> bool:
    """Whether a who-question asks for the first of a ranking: "who gives the most", "the
    largest donor of X"."""
    return bool(_FIRST_ASKED.search(question))


def before_followers(sentence: str, names: Sequence[str]) -> tuple[str, ...]:
    """The names a sentence gives before ", followed by", which ranks those after them below;
    all of them when it ranks none."""
    found = FOLLOWED.search(sentence)
    if found is None:
        return tuple(names)
    leading = tuple(n for n in names if 0 <= sentence.find(n) < found.start())
    return leading or tuple(names)


# A cue in the passive names its doers after it: "X is hosted by A".
PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?$", re.I)
# "financing for HIV programmes", "grants to farmers' groups": what is paid for follows.
_RECIPIENT_AFTER = re.compile(r"\s+(?:for|to)\b", re.I)


def for_what_after(role: Role, match: re.Match[str]) -> bool:
    """Whether a cue of funding names what is funded after it, so that only names before it can
    pay: "A provides funding for B", "international financing for HIV programmes"; not "X is
    funded for five years by A". ("Funding for X comes from A" names its payers at the end.)"""
    return (
        role is Role.FUND
        and _RECIPIENT_AFTER.match(match.string, match.end()) is not None
        and not PASSIVE_BEFORE.search(match.string, 0, match.start())
    )


# Where money comes from, a few words after it: "money comes from A", "money raised by A";
# or past what it is for: "most of the money for Phase III comes from A".
_SOURCE_AFTER = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:from|by)\b", re.I)
_COMES_FROM = re.compile(r"[^.;:]{0,80}?\b(?:comes?|came)\s+(?:\w+ly\s+)?from\s+", re.I)


def money_given_before(match: re.Match[str]) -> bool:
    """Whether the word "money" names its givers before it, as it names no source right after
    it: "A supplied the seed money"; "the money sits in the Trust Fund" says where it is kept.
    (A source past what the money is for is ``source_after``'s.)"""
    return match.group().casefold() == "money" and not _SOURCE_AFTER.match(
        match.string, match.end()
    )


def source_after(match: re.Match[str]) -> int | None:
    """Where the givers of money begin that "comes from" names after what it is for: "Most of
    the money for Phase III comes from A"; None when the money comes from nowhere so said."""
    if match.group().casefold() != "money":
        return None
    found = _COMES_FROM.match(match.string, match.end())
    return found.end() if found else None


def tells_of_the_past(sentence: str) -> bool:
    """Whether a sentence says what was before, not what is: "From 2019 to 2022 staff were
    trained by A", "Until 2014 it was hosted by B"; not what goes on until a time yet to come
    ("is funded by A and B and will run until September 2028")."""
    return any(
        not (found.group().casefold() == "until" and _until_to_come(sentence, found.end()))
        for found in _FORMER.finditer(sentence)
    )


# The year an "until" goes on to, a month or a "the end of" between ("until September 2028").
_UNTIL_YEAR = re.compile(r"\s+(?:the\s+end\s+of\s+|[A-Za-z]+\s+)?((?:19|20)\d\d)\b")
_WILL = re.compile(r"\b(?:will|shall)\b", re.IGNORECASE)


def _until_to_come(sentence: str, end: int) -> bool:
    """Whether the "until" that ends at ``end`` runs to a year after this one, or, with no year,
    to a time that the sentence's "will" puts in the future."""
    year = _UNTIL_YEAR.match(sentence, end)
    if year is not None:
        return int(year.group(1)) > date.today().year
    return _WILL.search(sentence, 0, end) is not None


def is_past(question: str) -> bool:
    """Whether a question asks about the past: "who hosted X before UNOPS"."""
    return bool(_PAST_QUESTION.search(question))


# A word of founding, for partners who founded something: "came together to create X",
# "its founding partners".
_FOUNDING = next(pattern for cue, pattern in _CUE_PATTERNS if cue.role is Role.FOUND)


# What a "before" question refers to, to the end of its clause: "before it moved to Abidjan";
# "before giz who was …" refers to GIZ.
_AFTER_REFERENCE = re.compile(
    r"\bbefore\s+(.+?)(?=,|\s+(?:who|whom|which|what|where|when|how)\b|\s*\??\s*$)", re.I
)
# The place it says something moved to, in its words that name something (four letters or
# more, or a capital).
_WHERE_TO = re.compile(r"\b(?:to|into)\s+(.+)$", re.I)
_CAPITALIZED_OR_LONG = re.compile(r"\b(?:[A-Z][\w-]+|[a-z][\w-]{3,})\b")
# The words of a question or a sentence, as letters and hyphens.
_LETTERS = re.compile(r"[A-Za-z-]+")


def referenced(question: str) -> set[str]:
    """The words a question names as a point of reference, after "before": "where was the
    platform hosted before NAMEM took it over" is not about NAMEM."""
    after = _AFTER_REFERENCE.search(question)
    return {w.casefold() for w in _LETTERS.findall(after.group(1))} if after else set()


def moved_to(question: str) -> set[str]:
    """The words that name where a "before" question says something moved ("before it moved to
    Abidjan"): four letters or more, or a capital."""
    after = _AFTER_REFERENCE.search(question)
    place = _WHERE_TO.search(after.group(1)) if after else None
    return {w.casefold() for w in _CAPITALIZED_OR_LONG.findall(place.group(1))} if place else set()


def best_claims(
    read: Callable[[int], Sequence[Claim]],
    positions: Sequence[int],
    question: str,
    share: Callable[[int, Claim], float],
    is_subject: Callable[[str], bool],
) -> list[Scored]:
    """The claims of some ranked passages, best first, without names that are the subject."""
    asked = asked_role(question)
    past = is_past(question)
    words = [w.casefold() for w in _LETTERS.findall(question)]
    # "before it moved to Abidjan": a sentence that names where it moved says who plays the
    # part since, not before.
    since = moved_to(question)
    scored = []
    countries = asks_for_countries(question)
    for rank, position in enumerate(positions):
        for claim in read(position):
            if claim.opening:
                continue  # one name a sentence: a line would name only one of the list
            if claim.role is not Role.PARTNER and any(map(is_subject, claim.names)):
                continue  # "implemented by UNODC and INTERPOL": what INTERPOL runs, not who runs it
            if (
                asked is Role.FOUND
                and claim.role is Role.PARTNER
                and not _FOUNDING.search(claim.sentence)
            ):
                continue  # partners founded it only where the sentence says they did
            if (
                since
                and not claim.former
                and since & {w.casefold() for w in _LETTERS.findall(claim.sentence)}
            ):
                continue
            names = tuple(
                n for n in claim.names if not is_subject(n) and (is_country(n) or not countries)
            )
            if not names:
                continue
            kept = replace(claim, names=names)
            # Its own players, those the question names too, say nothing of what it is about.
            subject_share = share(position, claim)
            value = score(kept, asked, rank, subject_share, past, words)
            if value > 0:
                scored.append(Scored(kept, value, rank, subject_share))
    return sorted(scored, key=lambda s: -s.score)
