"""Which names near a cue of a role play it: the tests ``role_reading.claims`` applies to the
names of a sentence around each cue (before or after it, in another clause, a place, a
channel of money, a table row's first cell …), and the nearest names that pass them."""

from __future__ import annotations

import re

from retrieval.name_lists import at_office
from retrieval.organisations import Mention, is_country, is_organisation_word
from retrieval.roles import _CUE_PATTERNS, FOLLOWED, PASSIVE_BEFORE, Role
from retrieval.undertakings import PARTS_OF_WORK, UNDERTAKING_WORDS, is_undertaking, name_runs

# How far, in characters, a name may sit from its cue; and how much more a name before the cue
# counts its distance ("A leads X" is rarer than "X is led by A").
REACH = 120
_BEFORE_CUE = 1.5


# A noun of giving names its doers after it: "funding from A"; what stands before it is what
# they do it for (a cue in the passive does too: ``roles.PASSIVE_BEFORE``).
_AGENT_AFTER = re.compile(r"\s*(?:\w+ly\s+)?(?:by|from|through)\b", re.I)
# "in partnership with A", "together with A": the partners follow.
_PARTNERS_AFTER = re.compile(r"\s*(?:\w+ly\s+)?with\b", re.I)
# Cues that are verbs of the present, whose doers come before them: "A leads X", "B funds Y".
_ACTIVE_VERBS = frozenset(
    "funds finances sponsors hosts houses chairs presides implements leads manages runs "
    "operates coordinates administers oversees delivers joins joined".split()
)
# A verb in the progressive, whose doers come before it: "A is financing", "B has been
# implementing", "C is now also funding".
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been)\s+(?:(?:\w+ly|now|also|still)\s+){0,2}$")
# A role a name acts as: "serves as (the) trustee", "acting as its secretariat".
AS_ROLE = re.compile(r"\bas\s+(?:the\s+|its\s+|their\s+|a\s+|an\s+)?(?:\w+\s+)?$")
# "A is the executing agency", "A was the trustee of the Fund": a part a name is. (What the
# subject is, "X is a joint initiative of A and B", names its players after the cue.)
IS_ROLE = re.compile(
    r"\b(?:is|are|was|were|remains?|became|becomes)\s+(?:the|its|their|a|an)\s+(?:[\w-]+\s+)?$"
)
# A cue that is a participle names its doers after it: "X is a campaign launched by A".
_PARTICIPLE_CUE = re.compile(r"(?:ed|\bby)$", re.IGNORECASE)
# A cue in the infinitive, whose doers come before it when what they do follows it: "A and B
# joined forces to launch the X Alliance".
_INFINITIVE = re.compile(r"\bto\s+$")
_OBJECT_GAP = re.compile(r"\s+(?:the\s+)?")
# A cue joined to a capitalized word: "EU-funded", not "co-hosted".
_JOINED_TO_NAME = re.compile(r"\b[A-Z][\w'’&.]*[-–]$")


# Words of an active cue's object that point back to what is played a part in: "A runs the
# programme", "B chairs its board", "C funds the secretariat".
_POINTING_BACK = (
    UNDERTAKING_WORDS
    | PARTS_OF_WORK
    | frozenset(
        "it them its their board committee council secretariat work activities efforts group "
        "panel pilot".split()
    )
)
# How many words after an active cue make its object, and the words that open one.
_OBJECT_WORDS = 4
_POSSESSIVE = re.compile(r"['’]s$")
# Words after a verb that show it has no object there, as in a clause that says what it acts
# on before it: "a project that the EU finances and INTERPOL implements together with …".
# Cues that say what their subject is, not what is done to it: "A is in charge of X", "A is
# chair of the board", "B was trustee of the Fund".
_PREDICATE = re.compile(
    r"in\s+charge|responsible|(?:co-)?chair|host|trustee|treasurer|secretariat"
    r"|(?:executing|lead)\s+agency"
)
NO_OBJECT = frozenset("and or but together jointly since until".split())
_DETERMINERS = frozenset("the a an this these our".split())


def acts_on_something_else(sentence: str, end: int) -> bool:
    """Whether an active cue's object is a thing of its own, not what the names play a part
    in: "WHO runs disease surveillance", "CDC runs the reference laboratories"; not "A runs the
    programme", nor a name ("A leads CRIMJUST"), which ``_about`` reads."""
    after = re.findall(r"[\w'’-]+", sentence[end:])
    words = after[:_OBJECT_WORDS]
    while words and words[0].casefold() in _DETERMINERS:
        words.pop(0)
    if not words or not words[0][:1].islower() or words[0].casefold() in NO_OBJECT:
        return False
    # "the alliance's technical advisory group" is the alliance's by its group, not by the
    # alliance named as its owner: "the programme's leadership courses" are courses.
    if _POSSESSIVE.search(words[0]):
        words = [w for w in after[: _OBJECT_WORDS + 1] if w.casefold() not in _DETERMINERS][1:]
    return not any(word.casefold() in _POINTING_BACK for word in words)


def by_before(match: re.Match[str]) -> bool:
    """Whether only the names before a cue can play its role: a role that a name acts as ("the
    World Bank serves as trustee of the Fund"), a verb in the infinitive followed by the name
    of what is done ("joined forces to launch the X Alliance"), an active verb, or a
    participle joined to a name ("EU-funded")."""
    if AS_ROLE.search(match.string, 0, match.start()):
        return True
    if _INFINITIVE.search(match.string, 0, match.start()):
        return _names_its_object(match)
    return is_verb_of_doers_before(match)


def is_the_part(role: Role, match: re.Match[str]) -> bool:
    """Whether a cue is the part that the name before it is: "A, the body that oversees the
    corridor, is the executing agency and will report to B". Not what the subject is, whose
    players follow ("X is a joint initiative of A and B"), nor a participle ("X is a campaign
    launched by A"), nor a part whose players follow ("the budget is a grant from A")."""
    if role is Role.PARTNER or _SOURCE_AFTER.match(match.string, match.end()) is not None:
        return False
    # "A was trustee of the Fund": a post after "is", even with no article.
    if _PREDICATE.fullmatch(match.group().casefold()) and PASSIVE_BEFORE.search(
        match.string, 0, match.start()
    ):
        return True
    return (
        IS_ROLE.search(match.string, 0, match.start()) is not None
        and _PARTICIPLE_CUE.search(match.group()) is None
    )


def in_the_part(role: Role, group: list[Mention], match: re.Match[str]) -> bool:
    """Whether names stand inside the words of the part that the names before them are or act
    as: "GEF" in "UNEP is the GEF agency for SBRI" or "UNDP acted as GEF agency" says whose
    kind of agency they are."""
    phrase = AS_ROLE.search(match.string, 0, match.start())
    if phrase is None and is_the_part(role, match):
        phrase = IS_ROLE.search(match.string, 0, match.start())
    return phrase is not None and group[0].start >= phrase.start()


# A source named after the cue: "most of the budget is a grant from A" names who gives it.
_SOURCE_AFTER = re.compile(r"\s+(?:from|by)\b")


def is_verb_of_doers_before(match: re.Match[str]) -> bool:
    """Whether a cue is a verb whose doers come before it and its object after it: "A runs",
    "A is financing X", "an EU-funded", "A and B joined forces to launch", "A formally created
    X" (a verb in the past right after a name, with no "by" after it); not a role they act
    as."""
    written = match.group().casefold()
    return (
        written in _ACTIVE_VERBS
        or _is_progressive(match)
        or any(
            pattern.search(match.string, 0, match.start()) is not None
            for pattern in (_JOINED_TO_NAME, _INFINITIVE)
        )
        or (
            written.endswith("ed")
            and _NAME_RIGHT_BEFORE.search(
                match.string, max(0, match.start() - _NAME_REACH), match.start()
            )
            is not None
            and _BY_IN_CLAUSE.match(match.string, match.end()) is None
        )
    )


def _is_progressive(match: re.Match[str]) -> bool:
    """Whether a cue is a verb in the progressive: "A is financing X", "B has been
    implementing it"."""
    return match.group().casefold().endswith("ing") and (
        _PROGRESSIVE.search(match.string, max(0, match.start() - _NAME_REACH), match.start())
        is not None
    )


# A name that ends right before a word, maybe past an adverb: "(ECOSOC) formally", "UNODC";
# looked for in the characters just before the word, not in the whole sentence before it.
_NAME_REACH = 80
_NAME_RIGHT_BEFORE = re.compile(r"(?:\b[A-Z][\w&'’-]*|\))\s+(?:[a-z]+ly\s+)?$")
# A "by" and a name later in a verb's clause, before its next comma: "launched in 2008 by A",
# not "created by a resolution".
_BY_IN_CLAUSE = re.compile(r"[^,;:.]{0,60}?\b[Bb]y\s+(?:the\s+)?[A-Z]")


def _names_its_object(match: re.Match[str]) -> bool:
    """Whether a cue is followed right away by the name of what is done, its object: "to form
    the Global Peatlands Initiative"; not "to create the Programme: A, B and C"."""
    runs = name_runs(match.string, match.end())
    if not runs or _OBJECT_GAP.fullmatch(match.string, match.end(), runs[0].start()) is None:
        return False
    name = runs[0].group()
    # "the Programme" only points back; a name has a word of its own.
    return is_undertaking(name) and any(w.casefold() not in UNDERTAKING_WORDS for w in name.split())


# "a collaborative effort of A and B", "a partnership between A and B": a joint undertaking of
# the names after it, whatever stands before.
_JOINT_NOUNS = frozenset(
    "collaborative collaboration cooperation co-operation partnership joint".split()
)
_JOINT_OF = re.compile(r"(?:\s+[\w-]+)?\s+(?:of|between|among)\b", re.I)


# A sentence that opens with a place or an event: "In Niger, …", "At the summit, …".
_PLACE_OPENING = re.compile(r"^\s*(?:in|at|during)\s+(?:the\s+)?$", re.IGNORECASE)
# A place or an event right before a name: "at", "in", "during", "on the margins of"; a country
# after its city is where too: "headquartered in Nairobi, Kenya".
_PLACE_BEFORE = re.compile(
    r"\b(?:at|in|during|on\s+the\s+(?:margins|sidelines)\s+of)\s+(?:the\s+)?"
    r"(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2},\s+)?$",
    re.IGNORECASE,
)
# What money goes through, named after "through": "paid for through the Trust Fund".
_THROUGH = re.compile(r"\bthrough\s+(?:the\s+|its\s+|their\s+)?$", re.I)
_ON_BEHALF = re.compile(r"\bon\s+behalf\s+of\s+(?:the\s+)?$", re.I)
# Words that open a clause of their own between names and a cue after them.
_CLAUSE_OPENER = re.compile(r"\b(?:where|when|whereas|while|although|though)\b", re.I)
# A cue that is the noun of a "with" after the names: "set up by A together with bilateral
# donors" names others than A; not "A, with other donors", nor a list of "with"s ("with A, with
# B and with academic partners"), nor a verb after the companions ("with B to form X").
_WITH_CUE = re.compile(
    r"(?<!\band\s)(?<!,\s)\bwith\s+(?:(?!(?:other|fellow|to|and|or)\b)[a-z-]+\s+){0,3}$"
)
# "which the" or "that" right before the names that open a relative clause, and the words
# between those names and their verb.
_WHICH_BEFORE = re.compile(r"\b(?:which|that|whom)\s+(?:the\s+)?$")
_BEFORE_ITS_VERB = re.compile(r"\s+(?:[a-z]+ly\s+|also\s+|now\s+)?")
# Words that join two cues that share their names: "funded and implemented by A".
_COORDINATED = re.compile(r"\s*(?:,|and|or|&|/)\s*(?:\w+ly\s+)?$", re.IGNORECASE)


def agent_cues(sentence: str, cues: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Where the cues of a sentence with their agent after them are ("hosted by", "funding
    from"); not an adverb ("jointly by")."""
    return [
        match.span()
        for match in cues
        if not match.group().casefold().endswith("ly") and _AGENT_AFTER.match(sentence, match.end())
    ]


def taken_by_another(
    sentence: str, cue: re.Match[str], group: list[Mention], agents: list[tuple[int, int]]
) -> bool:
    """Whether the names after a cue are the agents of another cue between them: in "the
    secretariat has been hosted by A", A hosts the secretariat and is no secretariat; in
    "funded and implemented by A", A does both."""
    if group[0].start < cue.end():
        return False
    return any(
        cue.end() <= start
        and end <= group[0].start
        and not _COORDINATED.fullmatch(sentence, cue.end(), start)
        for start, end in agents
    )


def doers_of_a_relative(
    sentence: str, cue: re.Match[str], group: list[Mention], starts: list[int]
) -> bool:
    """Whether the names after a cue do what another cue says in a relative clause they open:
    in "Donor money is pooled in the Fund, which the MPTF Office administers", the Office
    administers the Fund and gives no money."""
    if group[0].start < cue.end() or not _WHICH_BEFORE.search(sentence, cue.end(), group[0].start):
        return False
    return any(_BEFORE_ITS_VERB.fullmatch(sentence, group[-1].end, start) for start in starts)


def by_after(sentence: str, match: re.Match[str]) -> bool:
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
        # "X is funded by A"; not "A is in charge of X", "A is responsible for X", whose doer
        # is the subject of "is".
        or (
            bool(PASSIVE_BEFORE.search(sentence, 0, match.start()))
            and _PREDICATE.fullmatch(written) is None
            and not _is_progressive(match)
        )
        # "X launched in 2008 by A": a participle's agent comes later in its clause.
        or (written.endswith("ed") and bool(_BY_IN_CLAUSE.match(sentence, match.end())))
    )


# What comes between a cue and names that are the next items of the same enumeration, not the
# ones it describes: its noun and a comma ("founding countries, Spain").
_NOUN_THEN_COMMA = re.compile(r"\s*[a-z]+\s*,\s*")


def next_items(sentence: str, cue: re.Match[str], group: list[Mention]) -> bool:
    """Whether a cue is part of one item of an enumeration and the names after it are the items
    that follow: "12 voting members: the five founding countries, Spain, the Republic of Korea"
    does not say that Spain founded anything. The item starts right after a colon or a comma,
    with a few words at most before the cue ("the five")."""
    before = sentence[: cue.start()]
    opener = max(before.rfind(":"), before.rfind(","), before.rfind(";"))
    if opener < 0 or len(before[opener + 1 :].split()) > 3 or group[0].start < cue.end():
        return False
    return _NOUN_THEN_COMMA.fullmatch(sentence, cue.end(), group[0].start) is not None


def with_leader(
    groups: list[list[Mention]], sentence: str, cue: re.Match[str], group: list[Mention]
) -> list[Mention]:
    """The names a cue claims, with the name before it that those after it follow: in "A has
    been the largest contributor, followed by B and C", A, B and C contribute."""
    if group[0].start < cue.end() or not FOLLOWED.search(sentence, cue.end(), group[0].start):
        return group
    before = [g for g in groups if g[-1].end <= cue.start()]
    if not before or (cue.start() - before[-1][-1].end) > REACH:
        return group
    return before[-1] + group


def in_other_clause(sentence: str, group: list[Mention], cue: re.Match[str]) -> bool:
    """Whether names before a cue are in another clause, which a word that opens one comes
    between ("co-hosted by A and B, where donors pledged US$ 4 billion" says nothing of what A
    and B gave), or whether the cue names their companions ("A together with bilateral
    donors")."""
    if group[-1].end > cue.start():
        return False
    between = sentence[group[-1].end : cue.start()]
    return bool(_CLAUSE_OPENER.search(between) or _WITH_CUE.search(between))


def names_a_channel(sentence: str, group: list[Mention]) -> bool:
    """Whether names of a cue of paying are what the money goes through, not who gives it:
    "paid for through the Trust Fund to Support …", "financed through its Global Europe
    instrument", "Norway, through its Climate and Forest Initiative, put up the largest
    share of the contributions"."""
    return goes_through(sentence, group[0].start)


def goes_through(sentence: str, start: int) -> bool:
    """Whether the name that starts at ``start`` is what money or work goes through: "Sweden,
    through Sida, financed …"."""
    return _THROUGH.search(sentence, 0, start) is not None


def names_a_principal(sentence: str, group: list[Mention]) -> bool:
    """Whether names are those for whom others play the part: "managed on behalf of SDC by
    ACCA", "GIZ, on behalf of BMZ, advises". Their money pays, though: "KOICA, on behalf of
    the Government of Korea, finances" names two funders."""
    return bool(_ON_BEHALF.search(sentence, 0, group[0].start))


def names_a_place(sentence: str, group: list[Mention], cue: re.Match[str]) -> bool:
    """Whether names after a cue say where or at what it happened, not who played a part:
    "launched in New York, on the margins of the UN General Assembly", "launched at the World
    Health Assembly", "implemented in Kenya", "In Kenya, the project is run by …". Hosting is
    said so: "hosted at the World Bank"; and a body's office is no place: "coordination sits
    in the FAO office in Lima"."""
    # Before the cue, where the sentence opens with the place: "In Côte d'Ivoire, the council
    # has created a budget line" ("housed at A, which remains a partner" is A's part).
    if group[0].start >= cue.end():
        place = _PLACE_BEFORE.search(sentence, cue.end(), group[0].start)
    else:
        place = _PLACE_OPENING.match(sentence[: group[0].start])
    # "Programme secretariat: Almaty, Kazakhstan": a country after a city is an address.
    city = _CITY_BEFORE.search(sentence, 0, group[0].start)
    address = (
        len(group) == 1
        and is_country(group[0].name)
        and city is not None
        and not is_organisation_word(city.group(1))
        and _NAME_WORD_BEFORE.search(sentence, 0, city.start(1)) is None
    )
    return (
        bool(place or address)
        # "sits in the FAO office", "in the ILO Country Office": the office's body plays it.
        and not any(at_office(sentence, mention) for mention in group)
    )


# A city and a comma, right before a name ("Almaty, "): a capitalized word that no other
# capitalized word but "The" comes before ("The Hague, "; not "the Global Fund, ").
_CITY_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]+),\s*$")
_NAME_WORD_BEFORE = re.compile(r"(?<!\w)(?!The\s)[A-Z][\w'’-]*\s+$")


def in_later_cell(sentence: str, cue: re.Match[str], groups: list[list[Mention]]) -> bool:
    """Whether a cue is in a table row's cell after the first, with no name before it in its
    cell: "RCLS | Kyrgyzstan | Hosts the CARWatch secretariat", "A | Barbados | Hosts the
    network secretariat" (the cell tells what the row's body does, not the country's)."""
    cell = sentence.rfind(" | ", 0, cue.start())
    return cell >= 0 and not any(cell < g[0].start < cue.start() for g in groups)


def first_cell_names(groups: list[list[Mention]], sentence: str, end: int) -> list[Mention] | None:
    """The names that make up a table row's first cell, before ``end``; None when that cell
    names no organisation."""
    if not groups:
        return None
    first = groups[0]
    opens_row = not sentence[: first[0].start].strip()
    in_first_cell = " | " not in sentence[: first[-1].end]
    if not (opens_row and in_first_cell and first[-1].end < end):
        return None
    # "High Commission for Planning (HCP), Morocco": a body's country after it is where it is.
    if (
        len(first) > 1
        and is_country(first[-1].name)
        and not is_country(first[-2].name)
        and sentence[first[-2].end : first[-1].start] == ", "
    ):
        return first[:-1]
    return first


def nearest(
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
        if distance <= REACH:
            scored.append((distance, group))
    if not scored:
        return None
    distance, group = min(scored, key=lambda pair: pair[0])
    return group, distance
