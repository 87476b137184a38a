"""The other families of wording and their readers: money ("funded through contributions from
A", "A has committed EUR 8 million"), joint efforts ("a joint initiative of A and B"),
members ("the members of X are A and B"), roles ("A is the programme's main donor"), owners
("X is an INTERPOL initiative") and key facts ("Funding: B").
"""

from __future__ import annotations

import re

from corpus.acronyms import is_acronym
from retrieval.organisations import is_country, mentions_organisation
from retrieval.relations.model import Found, Relation, Shared, is_generic
from retrieval.relations.names import (
    _NAME_ENDS,
    _display,
    _is_word,
    _Names,
    _organisations,
    _skip_article,
    _token_index,
    _tokens,
)
from retrieval.relations.passive import _and_by
from retrieval.relations.subjects import (
    _about,
    _left_or_shared,
    _names_ending_at,
    _subject,
    _subject_left,
    _subject_right,
)
from retrieval.undertakings import PARTS_OF_WORK

_EFFORT_NOUNS = (
    r"effort|initiative|partnership|collaboration|cooperation|co-operation|project|programme|"
    r"program|venture|undertaking|consortium|alliance|network|platform|mechanism|coalition|"
    r"task force|framework|joint venture"
)
_EFFORT = re.compile(
    # "X is a joint initiative of", "X, a partnership between", "X was set up in 2004 as a
    # partnership between"
    r"(?:,|\b(?:is|was|are|were)\b|\b(?:established|set\s+up|created|founded|launched|formed|"
    r"conceived)(?:\s+in\s+\d{4})?\s+as)"
    r"\s+(?P<np>(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
    rf"(?:{_EFFORT_NOUNS}))\s+(?P<prep>of|between|among|amongst|by|involving|uniting)\b",
    re.IGNORECASE,
)
# What a sentence, case-folded, holds wherever each pattern matches in it: one of these
# (``wordings.PATTERNS``).
EFFORT_NEEDS = tuple(_EFFORT_NOUNS.split("|"))
_MEMBER_NOUNS = (
    r"(?P<noun>members|partners|participants|(?:member|partner) (?:organi[sz]ations|agencies))"
)
_MEMBERS_OF = re.compile(
    rf"\b{_MEMBER_NOUNS}\s+(?:of|in)\s+(?P<subject>.+?)\s+(?:are|include|comprise|were)\s+",
    re.IGNORECASE,
)
_MEMBERS_AFTER = re.compile(
    rf"(?:'s|’s)?\s+(?:[\w-]+\s+)?{_MEMBER_NOUNS}\s+(?:are|include|comprise|were)\s+",
    re.IGNORECASE,
)
MEMBERS_NEED = ("member", "partner", "participant")
# What money is given as: "a grant from", "voluntary contributions from", "funding channelled
# through".
_MONEY = (
    r"(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:grants?|funding|financing|financial\s+support|support|contributions?|donations?)\s+"
    r"(?:channell?ed\s+through|provided\s+by|from|of|by)"
)
# What "X receives" when it is money: "financial support from", "funding from", "grants
# from"; plain "support" may be advice or training.
_MONEY_RECEIVED = (
    r"\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:grants?|funding|funds|financing|financial\s+support|contributions?|donations?)\s+"
    r"(?:from|of|by)"
)
_FUNDING = re.compile(
    # "funding is provided by A", "GMCP is financed through contributions from donors including A",
    # "its donors include A", "made possible thanks to a grant from A", "with funding from A"
    r"\b(?:(?:funding|financing|financial\s+support)\s+(?:is|was|are|were|has\s+been)\s+"
    r"(?:provided|given|granted)\s+by"
    # "Funding comes mainly from A"
    # "Money for the current phase (2022–2026) comes from A"
    r"|(?:funding|financing|financial\s+support|money|the\s+loans?|the\s+grants?)"
    r"(?:\s+for\s+[^,.;]{1,60}?)?\s+(?:comes|come|came|has\s+come|have\s+come)\s+"
    r"(?:[a-z]+ly\s+)?from"
    r"|(?:funded|financed|supported)\s+(?:through|via|thanks\s+to)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:from|by)(?:\s+donors)?(?:\s+(?:including|such\s+as))?"
    # "Its donors include A", "Donors: A and B", "The initiative's largest donor is A"
    r"|(?:donors|funders|sponsors)(?:\s+(?:include|including|are|such\s+as)|\s*:)"
    r"|(?:main|principal|largest|biggest|sole|only|single|leading|key|major|core|primary)\s+"
    r"(?:donor|funder|sponsor|contributor|financial\s+backer)s?\s+(?:is|are|was|were|has\s+been|"
    r"have\s+been|remains|include|includes)"
    # "X receives financial support from A", "X has received funding from A", "X benefits from
    # grants from A"
    rf"|(?:receives?|received|is\s+receiving|(?:has\s+)?benefit(?:s|ed|ted)\s+from)"
    rf"{_MONEY_RECEIVED}"
    rf"|(?:made\s+possible\s+(?:thanks\s+to|through|by|with)|thanks\s+to)\s+{_MONEY}"
    r"|with\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:funding|financing|financial\s+support|grants?|"
    r"contributions?)\s+(?:from|of|by)"
    # "X has been sustained through financial contributions from A"
    r"|(?:through|via|by\s+means\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:funding|financing|"
    r"financial\s+support|grants?|contributions?|donations?)\s+(?:from|of|by|provided\s+by))\s+",
    re.IGNORECASE,
)
# Every branch names money or its giving: funding, financing, support, donors, sponsors,
# contributions, grants, money, or receiving or benefiting from one of them.
FUNDING_NEEDS = tuple(
    "fund financ support donor donat sponsor contribut grant money receiv benefit loan".split()
)
# "X is an INTERPOL initiative", "X is a European Union programme": the owner is written
# before the noun.
_OWNED = re.compile(
    r"\b(?:is|was)\s+(?:a|an)\s+(?:joint\s+)?"
    r"(?P<name>(?:[A-Z][\w'’.&-]*\s+){0,5}?[A-Z][\w'’.&-]*)\s+(?:flagship\s+)?"
    r"(?P<noun>initiative|programme|program|project)\b",
)
OWNED_NEEDS = ("initiative", "program", "project")
# An amount of money: "USD 1.5 billion", "EUR 4.95 million", "€200,000".
_AMOUNT = (
    r"(?:(?:USD|US\$|EUR|GBP|AUD|CAD|CHF|JPY|NOK|SEK|DKK|NZD)\s?|[$€£])\d[\d.,]*"
    r"(?:\s*(?:million|billion|bn|m)\b)?"
)
# "A provides the financing", "A has committed up to AUD 80 million (to X)": A gives money.
_GIVES = re.compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:also\s+|jointly\s+|generously\s+|already\s+)?"
    r"(?:(?:provides?|provided|contributes?|contributed|gives?|gave|given|commits?|committed|"
    r"pledges?|pledged|grants?|granted|donates?|donated|allocates?|allocated|invests?|invested)"
    r"\s+(?:(?:up\s+to|over|more\s+than|nearly|almost|some|about|around|an\s+additional|"
    r"a\s+further|a\s+total\s+of)\s+)?"
    rf"(?:{_AMOUNT}|(?:the\s+|its\s+|all\s+(?:of\s+)?(?:the\s+)?|most\s+of\s+the\s+)?"
    r"(?:(?:core|additional|further|extra|supplementary|significant)\s+)?"
    r"(?:financing|funding|funds|money|financial\s+support|financial\s+backing)\b)"
    r"(?:\s+(?:in|of)\s+(?:funding|grants|financing|contributions))?"
    # "A and B have also contributed, mainly to the pilots": contributed, with no object but
    # money, is paying.
    r"|contributed(?=\s*[,.;]|\s+financially\b))",
    re.IGNORECASE,
)
GIVES_NEEDS = tuple("provide contribut give gave commit pledge grant donat allocat invest".split())
# Where what is given goes: "... to X", "... for X".
_GIVEN_TO = re.compile(r"\s+(?P<to>to|for|towards)\s+", re.IGNORECASE)
# Roles that say someone pays for, or runs, what they are the role of.
_FUNDING_ROLE = (
    r"donor|funder|financier|sponsor|contributor|backer|financial\s+partner|funding\s+partner|"
    r"source\s+of\s+funding"
)
_RUNNING_ROLE_NOUN = (
    r"implementer|(?:lead\s+)?implementing\s+(?:agency|partner|organi[sz]ation|body|entity)|"
    r"executing\s+agency|lead\s+(?:agency|organi[sz]ation|implementer)|"
    r"managing\s+(?:agency|organi[sz]ation|contractor)|operator|coordinator|"
    r"coordinating\s+(?:agency|body)|secretariat"
)
# "A is the programme's main donor", "A is the lead implementing agency of X".
_ROLE_IS = re.compile(
    r"\s+(?:is|are|was|were|has\s+been|have\s+been|remains|remain|(?:serves|serve|acts|act|"
    r"functions|function|served|acted)\s+as)\s+(?:also\s+|still\s+|now\s+)?"
    r"(?:(?P<possessor>(?:the\s+)?[\w.+-]+['’]s)|the|a|an|its|their)\s+"
    r"(?P<adjectives>(?:(?:main|principal|largest|biggest|sole|only|single|leading|key|major|"
    r"core|founding|primary|first|current|overall)\s+)*)"
    rf"(?P<role>{_FUNDING_ROLE}|{_RUNNING_ROLE_NOUN})(?P<plural>s)?\b"
    r"(?P<of>\s+(?:of|to|for|in))?\s*",
    re.IGNORECASE,
)
# The role nouns' stems: every funding role, and every running one.
ROLE_IS_NEEDS = tuple(
    "donor fund financ sponsor contributor backer implement executing lead managing operator "
    "coordinat secretariat".split()
)
# Labels before a colon that say what the names after it do: "Implementation: entrusted to
# A", "Funding: European Union", "Lead agency: A".
_LABEL = re.compile(
    r"(?P<label>[A-Z][\w-]*(?:\s+[\w-]+){0,3}?)\s*:\s+"
    r"(?:(?:entrusted|assigned|delegated|contracted|provided|led|managed|implemented|funded|"
    r"co-funded|financed|co-financed|coordinated|run|hosted|operated)\s+(?:to|by)\s+)?"
)
LABEL_NEEDS = (":",)
# A label that names who gives a sum, and the sum after it: "CAF loan: USD 120 million".
_GIVER = re.compile(
    r"(?P<giver>.+?)\s+(?:loans?|grants?|financing|co-financing|contributions?|funding)",
    re.IGNORECASE,
)
_SUM = re.compile(r"(?:[A-Z]{3}\b|US\$|[$€£]|\d)")
_LABEL_KINDS = (
    (
        re.compile(
            r"(?:(?:lead|main|overall)\s+)?(?:funding|funded\s+by|co-funded\s+by|financing|"
            r"financed\s+by|co-financed\s+by|donors?|funders?|sponsors?|sponsored\s+by|"
            # "Contributors to the trust fund: A; B"
            r"contributors?(?:\s+to\s+the\s+[\w-]+(?:\s+[\w-]+)?)?|"
            r"financial\s+(?:support|partners?)|funding\s+(?:partners?|sources?)|"
            r"sources?\s+of\s+funding)",
            re.IGNORECASE,
        ),
        "is funded by",
    ),
    (
        re.compile(
            r"(?:(?:lead|main|overall)\s+)?(?:implementation|implementing\s+(?:agency|agencies|"
            r"partners?|organi[sz]ations?|body|entity)|implemented\s+by|implementers?|"
            r"executing\s+agency|executed\s+by)",
            re.IGNORECASE,
        ),
        "is implemented by",
    ),
    (
        re.compile(
            r"(?:(?:overall|day-to-day)\s+)?(?:management|managed\s+by|managing\s+(?:agency|"
            r"organi[sz]ation|partner))",
            re.IGNORECASE,
        ),
        "is managed by",
    ),
    (
        re.compile(r"coordination|coordinated\s+by|coordinator", re.IGNORECASE),
        "is coordinated by",
    ),
    (
        re.compile(
            r"lead(?:\s+(?:agency|partner|organi[sz]ation))?|led\s+by|run\s+by|operator|"
            r"operated\s+by|responsible\s+(?:agency|organi[sz]ation|body)",
            re.IGNORECASE,
        ),
        "is led by",
    ),
    (
        re.compile(r"secretariat|hosted\s+by|host\s+(?:agency|organi[sz]ation)", re.IGNORECASE),
        "'s secretariat is hosted by",
    ),
    (
        re.compile(
            r"(?:main\s+)?(?:partners?|members?|participants?|partner\s+organi[sz]ations|"
            r"consortium(?:\s+(?:members|partners))?)",
            re.IGNORECASE,
        ),
        "'s partners are",
    ),
)
# Words after a role that still leave it the page's: "A is the main donor and ...", "A has
# been the largest donor since 2008".
_ROLE_ENDS = frozenset("and since from until throughout with".split())


def _funding(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.listed(after)
    if not found:
        return None
    # "comes from A, which covers coordination, and from B": B pays too.
    preposition = words[after - 1].casefold()
    if preposition in {"from", "by"}:
        found, end = _and_by(words, names, found, end, preposition)
    return Relation(
        *_left_or_shared(words, start, shared), "is funded by", _organisations(words, found)
    ), end


def _effort(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.listed(after)
    if not found:
        return None
    phrase = f"is {match.group('np').casefold()} {match.group('prep').casefold()}"
    return Relation(*_subject_left(words, start), phrase, _organisations(words, found)), end


def _members_of(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.names(after)
    if not found:
        return None
    subject, short = _subject_right(words, _token_index(matches, match.start("subject")), names)
    phrase = f"'s {match.group('noun').casefold()} are"
    return Relation(subject, short, phrase, _organisations(words, found)), end


def _members_after(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.names(after)
    if not found:
        return None
    phrase = f"'s {match.group('noun').casefold()} are"
    return Relation(*_subject_left(words, start), phrase, _organisations(words, found)), end


def _role_is(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found = _names_ending_at(names, start)
    if not found:
        return None
    possessor = match.group("possessor")
    if match.group("of"):
        about = _about(words, names, after)
        if about is None:
            return None  # "the implementing partner for the training courses": not the page's
    elif possessor:
        owner = [m.group() for m in _tokens(re.sub(r"['’]s$", "", possessor))]
        generic = is_generic(" ".join(owner))
        about = (None, None) if generic else _subject(owner, 0, len(owner), None)
    elif after < len(words) and _is_word(words[after]) and words[after] not in _ROLE_ENDS:
        return None  # "IOM is the lead agency on migration": a role in something else
    else:
        about = None, None
    role = " ".join(f"{match.group('adjectives')}{match.group('role')}".casefold().split())
    plural = bool(match.group("plural")) or len(found) > 1
    phrase = f"'s {role}{'s are' if plural else ' is'}"
    return Relation(*about, phrase, _organisations(words, found)), after


def _owned(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    owner = [m.group() for m in _tokens(match.group("name"))]
    # Only a name: "a UNODC project", "a European Union initiative"; not "a Global
    # programme", whose capitals are the programme's own.
    if not (len(owner) == 1 and is_acronym(owner[0])) and owner[-1].casefold() not in _NAME_ENDS:
        return None
    noun = match.group("noun").casefold()
    phrase = f"is {'an' if noun[0] in 'aeiou' else 'a'} {noun} of"
    name = _display(owner, 0, len(owner), article=False)
    return Relation(*_subject_left(words, start), phrase, (name,)), after


def _gives(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found = _names_ending_at(names, start)
    if not found:
        return None
    to = _GIVEN_TO.match(" " + " ".join(words[after : after + 2]))
    about: Shared | None = (None, None)
    if to is not None:
        about = _about(words, names, after + 1, purpose=to.group("to").casefold() != "to")
    if about is None:
        return None
    return Relation(*about, "is funded by", _organisations(words, found)), after


def _label(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    if start != 0:
        return None  # a label starts its line: "Funding: European Union"
    label = " ".join(match.group("label").split())
    giver = _GIVER.fullmatch(label)
    if giver is not None and _SUM.match(" ".join(words[after : after + 2])):
        # "CAF loan: USD 120 million", "GEF grant: USD 6.8 million": the giver pays.
        name = giver.group("giver")
        if name.split()[0].casefold() in PARTS_OF_WORK:
            return None  # "Phase II grant: NOK 52 million" says what for, not who gives
        if is_acronym(name) or mentions_organisation(name) or is_country(name):
            return Relation(None, None, "is funded by", (name,)), len(words)
        return None
    phrase = next((p for pattern, p in _LABEL_KINDS if pattern.fullmatch(label)), None)
    if phrase is None:
        return None  # "Started: 2009", "Full name: ..."
    found, end = names.names(_skip_article(words, after))
    if not found:
        return None
    return Relation(None, None, phrase, _organisations(words, found)), end
