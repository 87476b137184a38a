"""Relations from lists and tables of partners: the items of a list under a heading or after a
lead-in ("Partners:", "Donors:"), each perhaps with its role ("INTERPOL – implementing
agency"), and the rows of a table with a column of organisations and one of their roles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from corpus.acronyms import is_acronym
from retrieval.relations.denials import _DENIAL
from retrieval.relations.kinds import _FUNDING_WORDS, Kind, kind_of
from retrieval.relations.model import Relation
from retrieval.relations.names import (
    _ACRONYM_JOINS,
    _AND,
    _CONNECTORS,
    _bracket_length,
    _display,
    _is_capitalized,
    _is_word,
    _Names,
    _tokens,
)
from retrieval.undertakings import UNDERTAKING_WORDS

# Headings of lists that name who runs, funds or takes part in something.
_LIST_HEADING = re.compile(
    r"\b(?:partners?|partnerships?|members?|membership|implement\w*|donors?|"
    r"fund(?:s|ed|ing|ers?)?|financ(?:e|ed|ing|iers?)|sponsors?|"
    r"stakeholders|governance|consortium|who\s+we\s+work\s+with)\b",
    re.IGNORECASE,
)
# Words of being paid, not of paying: "Who can receive funding", "Eligible recipients".
_RECEIVING = re.compile(
    r"\b(?:receiv\w*|recipients?|beneficiar\w*|grantees?|eligib\w*)\b", re.IGNORECASE
)
# How many of a lead-in's first words may say what its list is ("Our main partners are:").
_LEAD_IN_HEAD = 3
_LEAD_IN_VERBS = frozenset("are is were was include includes including comprise".split())
# How long a ", through B" after a listed name may be to stay with it.
_CHANNEL_WORDS = 8
# What separates a listed organisation from its role: "INTERPOL – implementing agency".
_ROLE_SEPARATORS = frozenset({"–", "—", "-", ":"})
# Lower-case words this short may sit inside a foreign name: "für", "y", "de", "del", "von".
_PARTICLE_LETTERS = 3
_ROLE_PHRASES = {
    Kind.RUNNING: "is run by",
    Kind.FUNDING: "is funded by",
    Kind.MEMBERSHIP: "'s partners are",
}


def list_relations(
    heading: str,
    items: Sequence[str],
    known_names: Iterable[str] = (),
    lead_in: str | None = None,
) -> list[Relation]:
    """Relations from a list under a heading such as "Partners", or after a lead-in such as
    "Donors:": one item per organisation, perhaps with its role ("INTERPOL – implementing
    agency", "European Union (donor)").

    The lead-in, when it says what the list is, decides over the heading: under "Partners and
    donors", the list after "Partners:" names partners and the one after "Donors:" funders.
    An item's role, when it is a role ("lead implementing agency", "donor"), decides over
    both; a description of the work ("policy advice") does not. A list of partners with a
    lead among them is run by the lead in partnership with the others. The subject is left
    open (None): it is what the page or section is about.
    """
    about = lead_in if lead_in and _names_the_list(lead_in) else heading
    # "What the Facility funds" lists what it pays for, not who pays for it; "Who can receive
    # funding" lists who is paid.
    if (
        not _LIST_HEADING.search(about)
        or about.casefold().startswith("what ")
        or _RECEIVING.search(about)
    ):
        return []
    known = tuple(known_names)
    by_kind: dict[Kind, list[str]] = {}
    listed: list[str] = []
    for item in items:
        entry = _list_entry(item, known)
        if entry is None:
            continue
        organisation, description = entry
        role = _role_title(description)
        kind = _role_kind(role) if role else None
        if kind is not None and not is_acronym(role.split()[0]):
            role = role[:1].lower() + role[1:]
        named = _with_role(organisation, role) if kind else organisation
        by_kind.setdefault(kind or kind_of(about), []).append(named)
        listed.append(named)
    partners = tuple(by_kind.pop(Kind.MEMBERSHIP, []))
    joined = (("in partnership with", partners),) if partners else ()
    found = [
        Relation(
            None, None, _ROLE_PHRASES[kind], tuple(names), joined if kind is Kind.RUNNING else ()
        )
        for kind, names in by_kind.items()
    ]
    if partners and Kind.RUNNING not in by_kind:
        # Under "Our core partners", a partner with a role of its own ("the largest private
        # funder") is one of the partners still.
        everyone = listed if kind_of(about) is Kind.MEMBERSHIP else partners
        found.append(Relation(None, None, _ROLE_PHRASES[Kind.MEMBERSHIP], tuple(everyone)))
    return found


def _names_the_list(lead_in: str) -> bool:
    """Whether a lead-in says what its list is: "Partners:", "Donors to the current phase are:",
    "We work with the following partners:"; not "four border crossings selected with the
    partner countries:" nor "the fourth of a line of Australian-funded programmes:", where the
    word only describes something else."""
    words = re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", lead_in)
    while words and words[-1].casefold() in _LEAD_IN_VERBS:
        words.pop()  # "Our implementing partners are:"
    return any(_LIST_HEADING.fullmatch(w) for w in words[:_LEAD_IN_HEAD] + words[-1:])


def _list_entry(item: str, known: tuple[str, ...]) -> tuple[str, str] | None:
    """A list item's organisation, as it should read in an answer, and its role ("" if none):
    "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) GmbH – lead agency".

    Only what follows a dash, a colon or a bracket is a role. A short ", through B" says how
    the organisation takes part and stays with its name; any other text after the name is
    not part of it."""
    matches = _tokens(item)
    words = [m.group() for m in matches]
    article = bool(words) and words[0].casefold() == "the"
    start = 1 if article else 0
    end = _labelled_name_end(words, start) or _Names(words, known).name(start)
    if end is None:
        return None
    organisation = _display(words, start, end, article)
    rest = item[matches[end - 1].end() :].strip()
    lone = end - start == 1 and not is_acronym(words[start])
    if lone and rest[:1].isalpha() and rest[:1].islower():
        return None  # "Mobile court hearings in remote regions": a capital, not a name
    if rest[:1] in _ROLE_SEPARATORS or rest[:1] == "(":
        return organisation, rest.strip(" \t–—:-()[],;.")
    channel = rest.strip(" \t,;.")
    if re.match(r"(?:through|via)\s", channel) and len(channel.split()) <= _CHANNEL_WORDS:
        return f"{organisation} ({channel})", ""
    return organisation, ""


def _labelled_name_end(words: list[str], start: int) -> int | None:
    """Where the name ends in an item that labels it with a role after a dash or colon, when
    all before the dash reads as a name, even with short lower-case words of another language
    in it ("Gesellschaft für Internationale Zusammenarbeit")."""
    separator = next((i for i in range(start, len(words)) if words[i] in _ROLE_SEPARATORS), None)
    if separator is None or separator == start:
        return None
    name = words[start:separator]
    if not _is_capitalized(name[0]) or not (_is_capitalized(name[-1]) or name[-1] == ")"):
        return None
    for word in name:
        lowered = word.casefold()
        if (
            _is_word(word)
            and not _is_capitalized(word)
            and not (lowered in _CONNECTORS or lowered in _AND or len(word) <= _PARTICLE_LETTERS)
        ):
            return None
        if not _is_word(word) and word not in {"(", ")"} and word not in _ACRONYM_JOINS:
            return None
    return separator


def _with_role(organisation: str, role: str) -> str:
    """ "the Seabird Trust (lead partner)"; "the Kappa Office (KO, lead partner)"."""
    if organisation.endswith(")"):
        return f"{organisation[:-1]}, {role})"
    return f"{organisation} ({role})"


_CELL = " | "  # how the readers join a table row's cells into one passage
# Header cells over the column of organisations, and over the column of their roles.
_NAME_COLUMN = re.compile(
    r"\b(?:organi[sz]ations?|partners?|participants?|members?|agency|agencies|institutions?|"
    r"bod(?:y|ies)|entit(?:y|ies)|stakeholders?|name|donors?|contributors?|funders?|sponsors?)",
    re.IGNORECASE,
)
_ROLE_COLUMN = re.compile(
    r"\b(?:roles?|relationship|function|responsibilit(?:y|ies)|involvement|tasks?)\b",
    re.IGNORECASE,
)
# A role's title, the words before its first ";", says what the organisation does: "Lead
# partner", "Co-driver", "Donor", "Consortium member" (a consortium carries a programme out).
_RUNNING_ROLE = re.compile(
    r"\b(?:lead\w*|co-lead\w*|coordinat\w*|co-ordinat\w*|manag\w*|implement\w*|runs?|operat\w*|"
    r"owners?|owns|chairs?|co-chairs?|driv\w*|co-driv\w*|secretariat|administ\w*|consortium)\b",
    re.IGNORECASE,
)
_MEMBER_ROLE = re.compile(r"\b(?:members?|partners?|participa\w*)\b", re.IGNORECASE)


def is_table_row(text: str) -> bool:
    """Whether a passage is a row of a table, its cells joined by " | "."""
    return _CELL in text


def table_relations(
    heading: str, texts: Sequence[str], row: int, known_names: Iterable[str] = ()
) -> list[Relation]:
    """Relations told by ``texts[row]``, a row below the header row of a table: a
    column of organisations ("Organisation", "Partner") and one of their roles ("Role",
    "Relationship to the project"), as in "FIIAPP | Spain | Lead partner; coordinates ...".

    ``texts`` are the passages of the section in order. A row whose role does not say that the
    organisation runs, funds or takes part in the subject ("Beneficiaries", "Occasional
    cooperation") is left out. Without a role column, the heading, the caption or the header
    must be about partners or funding, as for a list. The subject is left open (None).
    """
    width = len(texts[row].split(_CELL))
    first = row
    while first > 0 and len(texts[first - 1].split(_CELL)) == width:
        first -= 1
    if first == row:
        return []  # the header row itself says nothing about anyone
    header = texts[first].split(_CELL)
    names = [i for i, cell in enumerate(header) if _NAME_COLUMN.search(cell)]
    roles = [i for i, cell in enumerate(header) if _ROLE_COLUMN.search(cell)]
    caption = texts[first - 1] if first > 0 and not is_table_row(texts[first - 1]) else ""
    if not names or not (roles or _LIST_HEADING.search(f"{heading} {caption} {texts[first]}")):
        return []
    known = tuple(known_names)
    by_kind: dict[Kind, list[str]] = {}
    first_row: dict[Kind, int] = {}
    for place, text in enumerate(texts[first + 1 :], first + 1):
        cells = text.split(_CELL)
        if len(cells) != width:
            break
        organisation = _whole_name(cells[names[0]], known)
        # The role's title is its first sentence or clause: "Donor. Largest contributor since
        # 2008" is a donor. A role that denies any part ("no role in management or
        # financing") leaves the row out, whatever its title.
        role_cell = cells[roles[0]] if roles else ""
        role = re.split(r";|\.(?:\s|$)", role_cell)[0].strip(" .")
        # Without a role, the column's header says it ("Donor", "Contributor"), else the heading.
        kind = _row_kind(role) if role else _role_kind(header[names[0]]) or kind_of(heading)
        if organisation is None or kind is None or _DENIAL.search(role_cell):
            continue
        if role and not is_acronym(role.split()[0]):
            role = role[:1].lower() + role[1:]
        named = _with_role(organisation, role) if role else organisation
        by_kind.setdefault(kind, []).append(named)
        first_row.setdefault(kind, place)
    # Each relation is told by the row of its first organisation, so that the answer cites the
    # donor's row for "who funds X", not the lead partner's.
    return [
        Relation(None, None, _ROLE_PHRASES[kind], tuple(organisations))
        for kind, organisations in by_kind.items()
        if first_row[kind] == row
    ]


def _whole_name(cell: str, known: tuple[str, ...]) -> str | None:
    """A table cell as an organisation's name, or None when it is a description such as "Port
    authorities and shipping companies" rather than a name."""
    words = _without_notes([m.group() for m in _tokens(cell)])
    article = bool(words) and words[0].casefold() == "the"
    words = words[1:] if article else words
    if not words or _Names(words, known).name(0) is None:
        return None
    if any(
        _is_word(w) and not _is_capitalized(w) and w.casefold() not in _CONNECTORS | _AND
        for w in words
    ):
        return None
    return _display(words, 0, len(words), article)


def _without_notes(words: list[str]) -> list[str]:
    """A name's words without notes in brackets, "Government of Norway (its climate
    initiative)"; an acronym in brackets, "(WCO)", is part of the name."""
    kept: list[str] = []
    position = 0
    while position < len(words):
        if words[position] == "(" and not _bracket_length(words, position):
            close = next((i for i in range(position, len(words)) if words[i] == ")"), None)
            if close is not None:
                position = close + 1
                continue
        kept.append(words[position])
        position += 1
    return kept


# The most words of a role's title ("lead implementing agency", "the largest private funder"):
# longer, it is a description of the work ("sets technical policy and runs surveillance"),
# whose verbs say what the organisation does to its object, not to the programme.
_ROLE_TITLE_WORDS = 4


def _role_title(description: str) -> str:
    """The title of a listed organisation's role, its first clause ("Donor; largest since 2008"
    is a donor), or "" when that clause is a description of the work, not a title."""
    title = re.split(r"[;,]|\.(?:\s|$)", description)[0].strip(" .")
    return title if len(title.split()) <= _ROLE_TITLE_WORDS else ""


# A row's role runs the programme where a word of running is its title, one of its first
# words ("Lead partner", "Overall management"), not a word of the work it describes ("Trains
# conservators and site managers"); and where that word has an object ("Coordination of the
# partnership", "Leads the survey", "Owner of Tash Rabat"), only if the object is the programme.
_TITLE_WORDS = 2
_OBJECT = re.compile(r"^\s+(?:of|the|a|an|its|their)\b(.*)", re.IGNORECASE)
_PROGRAMME_WORDS = re.compile(rf"\b(?:{'|'.join(sorted(UNDERTAKING_WORDS))})s?\b", re.IGNORECASE)


def _row_kind(role: str) -> Kind | None:
    """What a table row's role says the organisation does (``_role_kind``), where one who
    does a task in the programme rather than runs it is a partner."""
    kind = _role_kind(role)
    if kind is not Kind.RUNNING:
        return kind
    running = _RUNNING_ROLE.search(role)
    if running is None or len(role[: running.start()].split()) >= _TITLE_WORDS:
        return Kind.MEMBERSHIP
    target = _OBJECT.match(role[running.end() :])
    if target is not None and not _PROGRAMME_WORDS.search(target.group(1)):
        return Kind.MEMBERSHIP
    return kind


def _role_kind(role: str) -> Kind | None:
    """What a role's title says the organisation does, if it runs, funds or takes part."""
    if _FUNDING_WORDS.search(role):
        return Kind.FUNDING
    if _RUNNING_ROLE.search(role):
        return Kind.RUNNING
    if _MEMBER_ROLE.search(role):
        return Kind.MEMBERSHIP
    return None
