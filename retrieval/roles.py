"""Who plays a part in something, read from evidence rather than from known sentences.

A who-question asks for a role: who runs, hosts, chairs, funds, founded or takes part in X. A
passage answers it where one of its sentences holds a cue of that role ("financed", "led by",
"Donors:") next to the organisations it names (``organisations.mentions``). Every organisation
near a cue is a candidate; it is scored by how well the cue fits the role asked, how close it
sits to the cue, whether the sentence or its section is about X, and how well the passage
ranked. Sentences about the past ("until 2014", "formerly") count less for a question about the
present.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from corpus.acronyms import is_acronym
from retrieval.organisations import (
    Mention,
    capitalized_runs,
    is_country,
    is_currency,
    mentions,
    mentions_organisation,
)


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


# The cues of each role, as running text writes them, each with the phrase an answer uses.
_CUES = (
    _Cue(Role.FUND, r"fund(?:s|ed|ing)|co-funded|financ(?:es|ed|ing)", "is funded by"),
    _Cue(Role.FUND, r"donors?|funders?|financiers?|contribut(?:ors?|ions?|ed|es)", "is funded by"),
    # "EUR 3 million from A": an amount from someone is their money.
    _Cue(Role.FUND, r"(?:million|billion)(?=\s+from\b)", "is funded by"),
    _Cue(
        Role.FUND,
        r"grants?|pledg(?:es|ed)|paid\s+for|pays?\s+for|sponsor(?:s|ed|ship)?",
        "is funded by",
    ),
    # "the host country" and "as host country" host; "in host countries" are only where.
    _Cue(
        Role.HOST,
        r"host(?:s|ed|ing)?(?!\s+(?:countr|cit))|(?:(?<=\bas\s)|(?<=\bthe\s))host(?=\s+(?:countr|cit))"
        r"|housed|houses",
        "is hosted by",
    ),
    _Cue(Role.CHAIR, r"(?:co-)?chair(?:s|ed|ing|ship)?|presid(?:es|ed|ency)", "is chaired by"),
    _Cue(Role.RUN, r"implement(?:s|ed|ing|ation)?|implementers?", "is implemented by"),
    _Cue(
        Role.RUN,
        r"led\s+by|leads|leading|lead\s+(?:agency|agencies|organi[sz]ations?)",
        "is led by",
    ),
    _Cue(Role.RUN, r"manag(?:es|ed|ing|ement)|managers?", "is managed by"),
    _Cue(Role.RUN, r"run\s+by|runs|operated|operates|(?<=[-–])(?:led|run)", "is run by"),
    _Cue(Role.RUN, r"co-?ordinat(?:es|ed|ing|ion|ors?)", "is coordinated by"),
    _Cue(
        Role.RUN, r"administer(?:s|ed)?|administration|administrative\s+agent", "is administered by"
    ),
    _Cue(
        Role.RUN, r"trustee|treasurer|secretariat|executing\s+agency|executed", "is administered by"
    ),
    _Cue(Role.RUN, r"oversees?|overseen|responsible|in\s+charge|deliver(?:s|ed)", "is run by"),
    _Cue(Role.RUN, r"under\s+the\s+auspices\s+of", "is run under the auspices of"),
    _Cue(Role.PARTNER, r"partners?|partnership|members?|membership|consortium", "'s partners are"),
    _Cue(
        Role.PARTNER,
        r"joint(?:ly)?|together|alongside|comprises?|cosponsors?|co-sponsors?|"
        r"collaborati(?:ve|on)|co-?operation|brings?|t(?:ake|akes|ook|aking)\s+part|"
        r"participat(?:e|es|ed|ing|ion|ants?)",
        "'s partners are",
    ),
    _Cue(
        Role.FOUND,
        r"found(?:ed|ing|ers?)|established|created|set\s+up|launched|initiated",
        "was set up by",
    ),
)
_CUE_PATTERNS = [(cue, re.compile(rf"\b(?:{cue.pattern})\b", re.IGNORECASE)) for cue in _CUES]
_CAPITAL = re.compile(r"[A-Z]")
_POSSESSIVE = re.compile(r"['’]s?$")


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a cue's pattern: "fund(?:s|ed)|financed" → two."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(pattern):
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            parts.append(pattern[start:at])
            start = at + 1
    return [*parts, pattern[start:]]


def _required_text(alternative: str) -> str:
    """The longest plain text that every match of an alternative holds, outside its groups and
    optional letters: "fund" of "fund(?:s|ed)", "charge" of "in\\s+charge", "chair" of
    "(?:co-)?chair"."""
    runs, run, depth, at = [], "", 0, 0
    while at < len(alternative):
        char = alternative[at]
        optional = alternative[at + 1 : at + 2] in ("?", "*", "{")
        if depth == 0 and (char.isalnum() or char == "-") and not optional:
            run += char
            at += 1
            continue
        runs.append(run)
        run = ""
        depth += char == "("
        depth -= char == ")"
        at += 2 if char == "\\" else 1
    return max([*runs, run], key=len).lower()


# What every match of some cue holds, in lower case: a plain substring test of each, done in C,
# rules out most passages faster than one pattern of all the cues would. Derived from the cues,
# so that a new cue cannot be forgotten here.
_CUE_STEMS = tuple(
    sorted({_required_text(alt) for cue in _CUES for alt in _alternatives(cue.pattern)})
)
# Questions say some roles in words that passages do not: "who gives money to X".
_ASKED_ONLY = (
    (
        Role.FUND,
        re.compile(
            r"\b(?:money|pays?|paid|gives?|finances?|backs?|bankrolls?|funds?|funders?|"
            r"donors?|sponsors?)\b",
            re.I,
        ),
    ),
    (
        Role.RUN,
        re.compile(
            r"\b(?:run|runs|running|ran|manage|lead|behind|heads?|governs?|directs?|steers?)\b",
            re.I,
        ),
    ),
    (
        Role.PARTNER,
        re.compile(
            r"\bwho(?:'s|\s+is|\s+are)\s+(?:in(?!\s+charge)|on|part\s+of)\b|\bpart\s+of\b", re.I
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
    r"(?:for|in)\s+(?:its|their|the)\s+first|from\s+\d{4}\s+(?:to|until|till)\s+\d{4}|"
    r"between\s+\d{4}\s+and\s+\d{4})\b",
    re.IGNORECASE,
)
_PAST_QUESTION = re.compile(
    r"\b(?:was|were|did|before|originally|first|initially|formerly|used\s+to|at\s+the\s+start)\b",
    re.IGNORECASE,
)
# A sentence ends at a full stop, a semicolon or a question mark before a new word.
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=\S)")
# Between two names of one list: commas, "and", and at most a few describing words ("and the
# French agency Expertise France"), none of which starts a clause of its own.
_LIST_GLUE = re.compile(
    r"\s*(?:,|;|/|\band\b|&|\bas\s+well\s+as\b|\bplus\b|\bor\b)[\s,]*"
    r"(?:(?:and|&)\s+)?((?:[\w-]+\s+){0,3})"
)
_LAST_JOIN = re.compile(r"\b(?:and|as\s+well\s+as|plus)\b|&")
_CLAUSE_WORDS = frozenset(
    "which who that is are was were has have had by to in for of from with through while whereas "
    "but since until on at".split()
)
# How far, in characters, a name may sit from its cue; and how much more a name before the cue
# counts its distance ("A leads X" is rarer than "X is led by A").
_REACH = 120
_BEFORE_CUE = 1.5
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


def phrase_role(phrase: str) -> Role | None:
    """The role a relation's phrase gives its names: that of its last cue, the one next to
    them ("'s secretariat is hosted by" hosts), or None."""
    lasts = [
        (found.start(), cue.role)
        for cue, pattern in _CUE_PATTERNS
        for found in pattern.finditer(phrase)
    ]
    return max(lasts, key=lambda last: last[0])[1] if lasts else None


def said_role(question: str) -> Role | None:
    """The role a question names, by the first word that says one, or None."""
    firsts = [
        (found.start(), cue.role)
        for cue, pattern in _CUE_PATTERNS
        if (found := pattern.search(question)) is not None
    ]
    firsts += [
        (found.start(), role)
        for role, pattern in _ASKED_ONLY
        if (found := pattern.search(question)) is not None
    ]
    return min(firsts, key=lambda first: first[0])[1] if firsts else None


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


def _groups(found: list[Mention], text: str) -> list[list[Mention]]:
    """Names that form one list: "A, B and the C". A list ends at its "and": in "A, B and C,
    CRIMJUST gathers …" the name after the comma starts a clause of its own."""
    groups: list[list[Mention]] = []
    closed = True
    for mention in found:
        if groups and not closed:
            gap = text[groups[-1][-1].end : mention.start]
            glue = _LIST_GLUE.fullmatch(gap)
            if (
                glue
                and not _CLAUSE_WORDS.intersection(glue.group(1).split())
                and not any(pattern.search(glue.group(1)) for _, pattern in _CUE_PATTERNS)
            ):
                groups[-1].append(mention)
                closed = bool(_LAST_JOIN.search(gap))
                continue
        groups.append([mention])
        closed = False
    return groups


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for gap in _SENTENCE_END.finditer(text):
        yield start, gap.start()
        start = gap.end()
    if start < len(text):
        yield start, len(text)


def claims(text: str, heading: str = "") -> list[Claim]:
    """Every cue of a role in a passage's text with the list of names nearest to it; and,
    under a heading that names a role ("Core partners", "Our donors"), the names that open
    its sentences, one partner a sentence ("WHO sets the norms. UNICEF buys the vaccines.")."""
    # Most passages of a large corpus have no cue, or no capital to start a name: one scan each
    # tells, before any sentence is read (the index reads every passage).
    if not _CAPITAL.search(text):
        return []
    found = _under_heading(text, heading) if heading else []
    lowered = text.lower()
    if not any(stem in lowered for stem in _CUE_STEMS):
        return found
    for span in _sentence_spans(text):
        sentence = text[span[0] : span[1]]
        if "-" in sentence or "–" in sentence or "—" in sentence:
            found += _joined(sentence, span)
        # "GPE's donors", "the largest contributors over GPE's history": the owner is what the
        # names play a part in, never one of them.
        named = [m for m in mentions(sentence) if not _POSSESSIVE.search(m.name)]
        if not named:
            continue
        groups = _groups(named, sentence)
        former = bool(_FORMER.search(sentence))
        for number, (cue, pattern) in enumerate(_CUE_PATTERNS):
            for match in pattern.finditer(sentence):
                written = match.group()
                # A cue inside a name is part of it: "the Stop TB Partnership".
                if any(m.start <= match.start() < m.end for m in named):
                    continue
                # "The members of X are A and B": the names follow the verb, X is what for.
                listed = _OF_THEN_LIST.match(sentence, match.end())
                best = _nearest(
                    groups,
                    match.start(),
                    listed.end() if listed else match.end(),
                    listed is not None or _by_after(sentence, match),
                    _by_before(match),
                )
                if best is None:
                    continue
                group, distance = best
                about = _about(sentence, match, group)
                if listed:
                    between = _runs(sentence, match.end(), listed.end())
                    about = _undertakings(between[0].group()) if between else about
                found.append(
                    Claim(
                        names=tuple(m.name for m in group),
                        role=cue.role,
                        phrase=cue.phrase,
                        sentence=sentence,
                        distance=distance,
                        former=former,
                        cue_word=written.casefold(),
                        label=_LABEL_AFTER.match(sentence, match.end()) is not None,
                        about=about,
                        span=span,
                        cue=number,
                    )
                )
    return found


# Words that make a capitalized name the name of something organisations play a part in.
UNDERTAKING_WORDS = frozenset(
    "programme programmes program project projects initiative initiatives partnership fund "
    "facility network alliance compact coalition campaign operation mechanism platform "
    "centre center movement collaboration framework trust consortium".split()
)
# A capitalized name; a word that labels what follows ("Duration:") starts no part of it.
_RUN = capitalized_runs("of|for|on|the|and|to|against|in|&", before_labels=True, acronym=True)


def is_undertaking(name: str) -> bool:
    """Whether a name names something organisations take part in: a programme, a fund, an
    initiative, or an acronym ("GLO.ACT" too)."""
    words = [w.strip(".") for w in re.findall(r"[\w'’.-]+", name)]
    return any(w.casefold() in UNDERTAKING_WORDS for w in words) or (
        len(words) == 1
        and sum(ch.isupper() for ch in words[0]) >= 2
        and not is_currency(words[0])
        and not re.fullmatch(r"[A-Z]+s", words[0])  # "NGOs" is a kind of body
    )


def undertakings_in(text: str) -> list[str]:
    """The names of undertakings a text gives, as written: "project CRIMJUST", "the Airport
    Communication Project (AIRCOP)"."""
    return [r.group() for r in _runs(text, 0) if is_undertaking(r.group())]


def _about(sentence: str, cue: re.Match[str], group: list[Mention]) -> tuple[str, ...]:
    """The programme a sentence says the names play their part in: the nearest name of an
    undertaking before a cue whose names follow it ("X, implemented by A"), or after a cue
    whose names come first ("A leads X")."""
    if group[0].start >= cue.end():
        runs = [r for r in _runs(sentence, 0, cue.start()) if is_undertaking(r.group())]
        if runs:
            return _undertakings(runs[-1].group())
        # "Implemented jointly by A and B, CRIMJUST gathers …": the subject follows the names.
        runs = [r for r in _runs(sentence, group[-1].end) if is_undertaking(r.group())]
        return _undertakings(runs[0].group()) if runs else ()
    runs = [r for r in _runs(sentence, cue.end()) if is_undertaking(r.group())]
    return _undertakings(runs[0].group()) if runs else ()


def _runs(sentence: str, start: int, end: int | None = None) -> list[re.Match[str]]:
    """The capitalized names of a stretch of a sentence; not a currency ("US$ 5 million")."""
    stop = len(sentence) if end is None else end
    return [
        r for r in _RUN.finditer(sentence, start, stop) if sentence[r.end() : r.end() + 1] != "$"
    ]


def _undertakings(run: str) -> tuple[str, ...]:
    """A run of names split at "and" where each half names an undertaking: "CAFI and the
    UN-REDD Programme"."""
    parts = [p.strip() for p in re.split(r"\s+(?:and|&)\s+(?:the\s+)?", run)]
    return tuple(parts) if all(is_undertaking(p) for p in parts) else (run,)


# Organisations joined by dashes in front of what they do together: "the WMO–World Bank–UNDRR
# initiative CREWS", "the EU-UNDP project SEACOP", "the UNODC-WCO Container Control Programme".
_PART = r"(?!The\s)[A-Z][\w&]*(?:\s[A-Z][\w&]*)*"
_JOINED = re.compile(
    rf"(?<![\w.-])(?P<parts>{_PART}(?:[-–—]{_PART})+)"
    rf"(?:\s+(?P<word>{'|'.join(sorted(UNDERTAKING_WORDS))})\b(?:\s+(?P<name>{_PART}))?)?"
)
# The cue a joined list of names stands for: they do something jointly.
_JOINT_CUE = next(n for n, c in enumerate(_CUES) if "joint" in c.pattern)


def _is_joined_body(part: str) -> bool:
    """Whether a part of a dash-joined name is an organisation of its own: an acronym other than
    "UN" ("UN-REDD", "UN-Habitat" are single names), a country, or a name with a word of an
    organisation ("World Bank")."""
    if is_acronym(part):
        return part != "UN"
    return is_country(part) or (len(part.split()) > 1 and mentions_organisation(part))


def _joined(sentence: str, span: tuple[int, int]) -> list[Claim]:
    """The claims of organisations joined by dashes before an undertaking: they are its
    partners."""
    found = []
    for match in _JOINED.finditer(sentence):
        parts = re.split(r"[-–—]", match.group("parts"))
        about: tuple[str, ...] = ()
        if match.group("word"):
            about = (match.group("name"),) if match.group("name") else ()
        else:
            # "UNODC-WCO Container Control Programme": the last part holds the programme.
            head, _, rest = parts[-1].partition(" ")
            if not (rest and is_undertaking(rest) and is_acronym(head)):
                continue
            parts[-1], about = head, (match.group("parts"),)
        if len(parts) < 2 or not all(_is_joined_body(p) for p in parts):
            continue
        found.append(
            Claim(
                names=tuple(parts),
                role=Role.PARTNER,
                phrase=_CUES[_JOINT_CUE].phrase,
                sentence=sentence,
                distance=0,
                former=bool(_FORMER.search(sentence)),
                cue_word="joint",
                about=about,
                span=span,
                cue=_JOINT_CUE,
            )
        )
    return found


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


def _under_heading(text: str, heading: str) -> list[Claim]:
    """The names that open the sentences of a passage under a heading of a role."""
    cue = next(
        (
            (number, kind, match)
            for number, (kind, pattern) in enumerate(_CUE_PATTERNS)
            if (match := pattern.search(heading))
        ),
        None,
    )
    if cue is None:
        return []
    number, kind, match = cue
    found = []
    for span in _sentence_spans(text):
        sentence = text[span[0] : span[1]]
        named = mentions(sentence)
        if not named or named[0].start > len(_OPENING.match(sentence).group()):
            continue
        group = _groups(named, sentence)[0]
        found.append(
            Claim(
                names=tuple(m.name for m in group),
                role=kind.role,
                phrase=kind.phrase,
                sentence=sentence,
                distance=0,
                former=bool(_FORMER.search(sentence)),
                cue_word=match.group().casefold(),
                label=True,
                span=span,
                cue=number,
                opening=True,
            )
        )
    return found


# What may come before a name that opens a sentence: "The", a bullet, a dash.
_OPENING = re.compile(r"[\s\-–—•*·]*(?:The\s+)?")


# A label ends at a colon or a bar a few words after its cue: "Funded by: A", "Main donors | A".
_LABEL_AFTER = re.compile(r"(?:\s+[\w-]+){0,2}\s*[:|]")


# A cue in the passive, or a noun of giving, names its doers after it: "X is hosted by A",
# "funding from A"; what stands before it is what they do it for.
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?$", re.I)
_AGENT_AFTER = re.compile(r"\s*(?:\w+ly\s+)?(?:by|from|through)\b", re.I)
# "in partnership with A", "together with A": the partners follow.
_PARTNERS_AFTER = re.compile(r"\s*(?:\w+ly\s+)?with\b", re.I)


# Cues that are verbs of the present, whose doers come before them: "A leads X", "B funds Y".
_ACTIVE_VERBS = frozenset(
    "funds finances sponsors hosts houses chairs presides implements leads manages runs "
    "operates coordinates administers oversees delivers".split()
)


# A cue joined to a capitalized word: "EU-funded", not "co-hosted".
_JOINED_TO_NAME = re.compile(r"\b[A-Z][\w'’&.]*[-–]$")


def _by_before(match: re.Match[str]) -> bool:
    """Whether only the names before a cue can play its role: an active verb, or a participle
    joined to a name ("EU-funded")."""
    joined = _JOINED_TO_NAME.search(match.string, 0, match.start()) is not None
    return joined or match.group().casefold() in _ACTIVE_VERBS


# "members of X are", "the donors of X include", "funding for X comes from": the names come
# after the verb.
_OF_THEN_LIST = re.compile(
    r"\s+(?:of|for)\s+[^,.;:]{1,80}?\s+(?:are|were|include|includes|included|comprise|"
    r"comprises|(?:comes?|came)\s+(?:\w+ly\s+)?from)\b",
    re.IGNORECASE,
)


# "a collaborative effort of A and B", "a partnership between A and B": a joint undertaking of
# the names after it, whatever stands before.
_JOINT_NOUNS = frozenset(
    "collaborative collaboration cooperation co-operation partnership joint".split()
)
_JOINT_OF = re.compile(r"(?:\s+[\w-]+)?\s+(?:of|between|among)\b", re.I)


def _by_after(sentence: str, match: re.Match[str]) -> bool:
    """Whether only the names after a cue can play its role."""
    written = match.group().casefold()
    if written in _JOINT_NOUNS and _JOINT_OF.match(sentence, match.end()):
        return True
    if _PARTNERS_AFTER.match(sentence, match.end()) and any(
        cue.role is Role.PARTNER and pattern.fullmatch(written) for cue, pattern in _CUE_PATTERNS
    ):
        return True
    return (
        written.endswith((" by", " of"))
        or bool(_AGENT_AFTER.match(sentence, match.end()))
        or bool(_PASSIVE_BEFORE.search(sentence, 0, match.start()))
    )


def _nearest(
    groups: list[list[Mention]], start: int, end: int, after_only: bool, before_only: bool
) -> tuple[list[Mention], int] | None:
    scored = []
    for group in groups:
        if group[0].start >= end:
            if before_only:
                continue
            distance = group[0].start - end
        elif after_only:
            continue
        elif group[-1].end <= start:
            distance = int((start - group[-1].end) * _BEFORE_CUE)
        else:
            distance = 0
        if distance <= _REACH:
            scored.append((distance, group))
    if not scored:
        return None
    distance, group = min(scored, key=lambda pair: pair[0])
    return group, distance


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
    if any(claim.cue_word.startswith(word[:5]) for word in asked_words if len(word) >= 4):
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


def is_past(question: str) -> bool:
    """Whether a question asks about the past: "who hosted X before UNOPS"."""
    return bool(_PAST_QUESTION.search(question))


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
    words = [w.casefold() for w in re.findall(r"[A-Za-z-]+", question)]
    scored = []
    countries = asks_for_countries(question)
    for rank, position in enumerate(positions):
        for claim in read(position):
            if claim.opening:
                continue  # one name a sentence: a line would name only one of the list
            if claim.role is not Role.PARTNER and any(map(is_subject, claim.names)):
                continue  # "implemented by UNODC and INTERPOL": what INTERPOL runs, not who runs it
            names = tuple(
                n for n in claim.names if not is_subject(n) and (is_country(n) or not countries)
            )
            if not names:
                continue
            kept = replace(claim, names=names)
            subject_share = share(position, kept)
            value = score(kept, asked, rank, subject_share, past, words)
            if value > 0:
                scored.append(Scored(kept, value, rank, subject_share))
    return sorted(scored, key=lambda s: -s.score)
