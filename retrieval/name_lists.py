"""Which organisations a sentence names, and which of them form one list: "A, B and the C",
a unit and the organisation it belongs to as one name, and the sentences of a text as role
claims read them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from retrieval.organisations import Mention, bare_name, is_country, mentions
from retrieval.roles import _CUE_PATTERNS

_POSSESSIVE = re.compile(r"['’]s?$")
# A sentence ends at a full stop, a semicolon or a question mark before a new word.
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=\S)")
_LABELLED_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
# A line of key facts: a short label and its colon ("Co-chairs:", "Funding partners:").
_LABEL_LINE = re.compile(r"[A-Z][\w'’()/&-]*(?:\s+[\w'’()/&-]+){0,3}\s*:\s")
# Between two names of one list: commas, "and", and at most a few describing words ("and the
# French agency Expertise France"), none of which starts a clause of its own; before them, the
# kind of thing the first name is, or the bracket that closes its acronym ("the Climate Risk
# and Early Warning Systems (CREWS) initiative and by AFD").
_LIST_GLUE = re.compile(
    r"\)?\s*(?:(?:initiative|programme|program|fund|facility|agency|foundation|partnership)\s+)?"
    r"(?:,\s*followed\s+by\b|,|;|/|\band\b|&|\bas\s+well\s+as\b|\bplus\b|\bor\b)[\s,]*"
    r"(?:(?:and|&)\s+)?((?:[\w-]+\s+){0,3})"
)
# A remark after a name, with the list going on after it: in brackets, or the channel the
# money takes before the list's next agent ("funded by the Department of State, through its
# Office of …, and by Ireland").
_ASIDE = re.compile(
    r"\s*\([^()]{1,100}\)(?=\s*(?:,|;|\band\b|&))"
    r"|\s*,\s*(?:through|via)\s+[^,;()]{1,100}(?:\([^()]{1,20}\))?(?=\s*,?\s*and\s+by\b)"
)
_COMMA_AND = re.compile(r"\s*,\s*and\b")
_LAST_JOIN = re.compile(r"\b(?:and|as\s+well\s+as|plus)\b|&")
# The "by" that gives a list's agents: "funded by A and by B", "financed by the Climate Risk
# and Early Warning Systems (CREWS)", where only the acronym reads as a name.
_BY_END = re.compile(r"\bby\s+(?:[^()]{0,80}\()?$")
# Words that start a clause of their own between two names: "A and also includes B".
_CLAUSE_WORDS = frozenset(
    "which who that is are was were has have had by to in for of from with through while whereas "
    "but since until on at also include includes included within via under".split()
)


# What a name is, with the list going on after it: "A, a diving club from Bari, B".
_LISTED_DESCRIPTION = re.compile(
    r"\s*,\s*an?\s+[^,;()]{1,80}(?=\s*,\s*(?:and\s+)?(?:the\s+)?[A-Z])"
)


def _description(text: str, mention: Mention, found: list[Mention]) -> re.Match[str] | None:
    """The description after a name when the list of names goes on after it: it names no
    organisation itself ("a collaborative effort of A, B and C" is the list), and what
    follows it is no country ("an advisory firm in Nairobi, Kenya, which …")."""
    described = _LISTED_DESCRIPTION.match(text, mention.end)
    if described is None or any(described.start() <= m.start < described.end() for m in found):
        return None
    after = next((m for m in found if m.start >= described.end()), None)
    if (
        after is None
        or is_country(after.name)
        or text[described.end() : after.start].strip(" ,").removesuffix("and").strip()
    ):
        return None
    return described


# A name that ends in the town where the body is: "Marmara Bus Industries of Bursa".
_TOWN_END = re.compile(r"\s(?:of|in)\s+([A-Z][\w'’-]+)$")


def name_groups(found: list[Mention], text: str) -> list[list[Mention]]:
    """Names that form one list: "A, B and the C". A list ends at its "and": in "A, B and C,
    CRIMJUST gathers …" the name after the comma starts a clause of its own. A remark in
    brackets after a name is no name of the list: "A (through its agency B), C and D"."""
    # Where each name's remark ends, by where the name ends.
    asides = {
        mention.end: aside.end()
        for mention in found
        if (aside := _ASIDE.match(text, mention.end) or _description(text, mention, found))
        is not None
    }
    found = [m for m in found if not any(s <= m.start and m.end <= e for s, e in asides.items())]
    groups: list[list[Mention]] = []
    closed = True
    for mention in found:
        if groups and not closed:
            last = groups[-1][-1].end
            gap = text[asides.get(last, last) : mention.start]
            # "Marmara Bus Industries of Bursa, Türkiye": the country says where the town is.
            town = _TOWN_END.search(groups[-1][-1].name)
            if (
                town is not None
                and not is_country(town.group(1))
                and is_country(mention.name)
                and gap.strip() == ","
            ):
                continue
            glue = _LIST_GLUE.fullmatch(gap)
            # "funded by A and by B": the agents go on.
            agents_go_on = (
                glue is not None
                and glue.group(1).split() == ["by"]
                and _BY_END.search(text, 0, groups[-1][0].start) is not None
            )
            if (
                glue
                # "with A, and Norway pays": a list of two has no comma before its "and".
                # (The comma of a remark or description closes it: "A, a charity, and B".)
                and not (
                    len(groups[-1]) == 1
                    and _COMMA_AND.match(gap)
                    and not agents_go_on
                    and last not in asides
                )
                and (not _CLAUSE_WORDS.intersection(glue.group(1).split()) or agents_go_on)
                and not any(pattern.search(glue.group(1)) for _, pattern in _CUE_PATTERNS)
            ):
                groups[-1].append(mention)
                closed = bool(_LAST_JOIN.search(gap))
                continue
        groups.append([mention])
        closed = False
    return groups


# The last word of the name of a part of an organisation: its unit, not another organisation.
_UNIT_WORDS = frozenset("section branch division unit department directorate bureau".split())
# Bodies that belong to another, named after them with "of the": "the … Commission (CICAD) of
# the Organization of American States".
_PART_WORDS = frozenset("commission committee office secretariat centre center".split())
_OF_PARENT = re.compile(r"\s+of\s+(?:the\s+)?")
# The name of an office of the organisation before it: "Regional Office for Africa".
_OFFICE_NAME = re.compile(
    r"(?:(?:Regional|Sub-?regional|Country|Liaison|Field)\s+)?Office\s+(?:for|in)\b"
)


def _is_unit(name: str) -> bool:
    """Whether a name is a body's part: its last word, before its acronym, is a unit's word or
    a commission's, committee's or office's ("Control Commission (CICAD)")."""
    words = bare_name(name).split()
    return bool(words) and words[-1].casefold() in _UNIT_WORDS | _PART_WORDS


def units_joined(found: list[Mention], text: str) -> list[Mention]:
    """A unit's name and the names after it that it belongs to, as one name: in "Implementation
    Support Section, Organized Crime and Trafficking Branch, UNODC" there is one player, the
    section of a branch of UNODC, not three; and in "World Health Organization, Regional Office
    for Africa", one office of WHO."""
    joined: list[Mention] = []
    for mention in found:
        gap = text[joined[-1].end : mention.start] if joined else ""
        if (
            joined
            and (
                joined[-1].name.rsplit(" ", 1)[-1].casefold() in _UNIT_WORDS
                or _OFFICE_NAME.match(mention.name) is not None
            )
            and gap.strip() == ","
        ):
            last = joined.pop()
            mention = Mention(f"{last.name}, {mention.name}", last.start, mention.end)
        elif joined and _OF_PARENT.fullmatch(gap) and _is_unit(joined[-1].name):
            # "the Inter-American Drug Abuse Control Commission (CICAD) of the OAS": the
            # commission plays the part, as a body of the OAS.
            last = joined.pop()
            mention = Mention(f"{last.name}{gap}{mention.name}", last.start, mention.end)
        joined.append(mention)
    return joined


# A code: letters, a hyphen and digits ("GEF-8", "COVID-19"); two or three letters and digits
# ("COP21"); or letters and digits in turn twice ("H5N1"; not "P4G", a partnership).
_CODE = re.compile(r"[A-Za-z]+-\d+|[A-Z]{2,3}\d+|[A-Z]+\d+[A-Z]+\d+")
# What an organisation's office is called: "IUCN's regional office in Bangkok" is IUCN.
_OFFICE_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:office|offices|headquarters|secretariat|branch|bureau)\b"
)


# What an organisation pays from: "the ECOWAS Commission's own regional fund" is its money.
_OWN_MONEY_AFTER = re.compile(
    r"\s+own\s+(?:[a-z]+\s+)?(?:fund|funds|budget|budgets|resources|money|revenues?)\b"
)


def at_office(sentence: str, mention: Mention) -> bool:
    """Whether a name is that of an office, or of a body whose office the sentence speaks of
    next ("the ILO Country Office", "the FAO office in Lima", "IFAD headquarters")."""
    return bool(_OFFICE_AFTER.match(sentence, mention.end)) or "office" in mention.name.casefold()


def _is_coded(name: str) -> bool:
    """Whether a name opens with a code of letters and digits: a conference ("COP21"), a
    funding round ("GEF-8"), a disease ("COVID-19", "H5N1") or what is named after one ("the
    COVID-19 Response Mechanism"), none of which plays a part. A group named by one letter and
    a number still does ("the G20", "C40"), as does a name that ends in a year
    ("PARIS21")."""
    words = name.removeprefix("the ").split()
    return bool(words) and bool(_CODE.fullmatch(words[0]))


def players(sentence: str) -> list[Mention]:
    """The organisations a sentence names that can play a part: "GPE's donors", "over GPE's
    history": the owner is what the names play a part in, never one of them; but the owner of
    an office plays its part ("the Reef Council's regional office in Suva"), and so does the
    owner of its own money ("comes from the Reef Council's own budget")."""
    found = []
    for mention in mentions(sentence):
        if _is_coded(mention.name):
            continue
        if _POSSESSIVE.search(mention.name):
            if not (
                _OFFICE_AFTER.match(sentence, mention.end)
                or _OWN_MONEY_AFTER.match(sentence, mention.end)
            ):
                continue
            mention = replace(mention, name=_POSSESSIVE.sub("", mention.name))
        found.append(mention)
    return found


def clause_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans of a text's sentences as claims read them: a semicolon ends one too, but for
    a line of key facts, where it parts the names of its label ("Co-chairs: A; B")."""
    start = 0
    ends = _LABELLED_END if _LABEL_LINE.match(text) else _SENTENCE_END
    for gap in ends.finditer(text):
        yield start, gap.start()
        start = gap.end()
    if start < len(text):
        yield start, len(text)
