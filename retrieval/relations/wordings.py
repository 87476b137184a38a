"""Reading the relations of a text: each sentence is matched against every wording's pattern,
each match read by its reader (``_READERS``) in the order the sentence states them, with the
clauses after a list that join more names to it ("with funding from B", "with B acting as
the coordination unit", "while C provides coordination"); and a lead joined by the partners
the text gives it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from corpus.sentences import sentences
from retrieval.relations.active import _ACTIVE, ACTIVE_FORMS, _active
from retrieval.relations.kinds import Kind, kind_of
from retrieval.relations.model import Relation, Shared, same_organisation
from retrieval.relations.names import (
    _TAILS,
    AMOUNT,
    _Names,
    _organisations,
    _token_index,
    _tokens,
)
from retrieval.relations.other_wordings import (
    _EFFORT,
    _FUNDING,
    _GIVES,
    _LABEL,
    _MEMBERS_AFTER,
    _MEMBERS_OF,
    _OWNED,
    _ROLE_IS,
    EFFORT_NEEDS,
    FUNDING_NEEDS,
    GIVES_NEEDS,
    LABEL_NEEDS,
    MEMBERS_NEED,
    OWNED_NEEDS,
    ROLE_IS_NEEDS,
    _effort,
    _funding,
    _gives,
    _label,
    _members_after,
    _members_of,
    _owned,
    _role_is,
)
from retrieval.relations.passive import _PASSIVE, PASSIVE_NEEDS, _passive
from retrieval.undertakings import pointed_at

# An amount in a clause that joins funders on: "with an additional grant of USD 10 million
# from B" says "with an additional grant from B".
_AMOUNT = re.compile(AMOUNT)
# "..., with B acting as the coordination unit": B's part, named by the role it plays.
_WITH = re.compile(r"\s*,?\s*with\s+", re.IGNORECASE)
_ACTING = re.compile(r"\s+(?P<verb>acting|serving)\s+as\s+(?P<role>[^,;.]+)", re.IGNORECASE)
# Words that name money, so that a clause joining funders says they fund: "supported by B"
# only says they support.
_MONEY_WORDS = re.compile(r"fund|financ|grant|contribution|donation|sponsor", re.IGNORECASE)
# A relative clause between a list and its tail: "A and B, which set the agenda, while C ...".
_RELATIVE = re.compile(r"\s*,\s*(?:which|who)\b[^,;.]*(?=,)", re.IGNORECASE)
# "..., while C provides coordination and analysis": C's part, named by what it provides.
_WHILE = re.compile(r"\s*,?\s*(?:while|whereas)\s+", re.IGNORECASE)
_PROVIDES = re.compile(
    r"\s+(?:provides?|offers?|contributes?|gives?)\s+(?P<what>coordination|support|expertise|"
    r"analysis|guidance|assistance|funding|financing|oversight|leadership|management|"
    r"secretariat\s+services|technical\s+support)\b",
    re.IGNORECASE,
)


def _extras(
    sentence: str, matches: list[re.Match[str]], names: _Names, end: int
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], int]:
    """The clauses after a list of names that join more names to it, and where they end.

    A relative clause about the list ("A and B, which set the agenda, while C provides
    coordination") may come between the list and the clause."""
    extras: list[tuple[str, tuple[str, ...]]] = []
    while end < len(matches):
        offset = matches[end - 1].end() if end else 0
        relative = _RELATIVE.match(sentence, offset)
        starts = [offset, relative.end()] if relative else [offset]
        joined = next(
            (j for j in (_joined(sentence, matches, names, o) for o in starts) if j), None
        )
        if joined is None:
            break
        how, organisations, end = joined
        extras.append((how, organisations))
    return tuple(extras), end


def _joined(
    sentence: str, matches: list[re.Match[str]], names: _Names, offset: int
) -> tuple[str, tuple[str, ...], int] | None:
    """The clause at ``offset`` that joins more names on: how, the names, and where it ends."""
    tail = _TAILS.match(sentence, offset)
    if tail is not None:
        found, after = names.names(_token_index(matches, tail.end()))
        if not found:
            return None
        how = " ".join(_AMOUNT.sub("", tail.group("how")).casefold().split())
        return how, _organisations(names.words, found), after
    acting = _acting(sentence, matches, names, offset)
    if acting is not None:
        return acting
    contrast = _WHILE.match(sentence, offset)
    if contrast is None:
        return None
    found, after = names.names(_token_index(matches, contrast.end()))
    provides = _PROVIDES.match(sentence, matches[after - 1].end()) if found else None
    if provides is None:
        return None
    how = f"with {' '.join(provides.group('what').casefold().split())} from"
    return how, _organisations(names.words, found), after


def _acting(
    sentence: str, matches: list[re.Match[str]], names: _Names, offset: int
) -> tuple[str, tuple[str, ...], int] | None:
    """The clause "with B acting as the coordination unit" at ``offset``: "with", the names
    with the role after the last, and where it ends."""
    with_ = _WITH.match(sentence, offset)
    if with_ is None:
        return None
    found, after = names.names(_token_index(matches, with_.end()), clause_ends=False)
    acting = _ACTING.match(sentence, matches[after - 1].end()) if found else None
    if acting is None:
        return None
    organisations = _organisations(names.words, found)
    role = " ".join(acting.group("role").split())
    last = f"{organisations[-1]} {acting.group('verb').casefold()} as {role}"
    return "with", (*organisations[:-1], last), _token_index(matches, acting.end())


def _holding(needles: tuple[str, ...]) -> Callable[[str], bool]:
    """A test of a case-folded sentence: whether it holds one of ``needles``, as one search in
    C (a loop over the needles in Python took a fifth of a whole answer's time)."""
    search = re.compile("|".join(map(re.escape, needles))).search
    return lambda folded: search(folded) is not None


# Every wording's pattern, in the order that breaks ties between matches at one place; each
# with a test of what a sentence, case-folded, holds wherever the pattern matches in it: a
# quick test in C that spares a sentence the patterns that cannot match it, most of them on
# most sentences (each test is checked against its pattern in the tests).
_Pattern = tuple[re.Pattern[str], Callable[[str], bool], str]
PATTERNS: tuple[_Pattern, ...] = (
    (_PASSIVE, _holding(PASSIVE_NEEDS), "passive"),
    (_FUNDING, _holding(FUNDING_NEEDS), "funding"),
    (_EFFORT, _holding(EFFORT_NEEDS), "effort"),
    (_MEMBERS_OF, _holding(MEMBERS_NEED), "members of"),
    (_MEMBERS_AFTER, _holding(MEMBERS_NEED), "members after"),
    # Its verbs are written in lower case, between spaces.
    (_ACTIVE, lambda folded: not ACTIVE_FORMS.isdisjoint(folded.split()), "active"),
    (_ROLE_IS, _holding(ROLE_IS_NEEDS), "role is"),
    (_OWNED, _holding(OWNED_NEEDS), "owned"),
    (_GIVES, _holding(GIVES_NEEDS), "gives"),
    (_LABEL, _holding(LABEL_NEEDS), "label"),
)


def _relations_in(
    sentence: str, known: Iterable[str], patterns: Sequence[tuple[int, _Pattern]]
) -> Iterator[Relation]:
    """The relations of one sentence, in the order it states them, from those of the
    ``PATTERNS`` (with their order) that its passage may hold.

    A clause that has no subject of its own ("..., funded by A", "It is run by A and funded
    by B") shares the subject of the relation before it.
    """
    folded = sentence.casefold()
    events = sorted(
        (
            (m.start(), order, kind, m)
            for order, (p, holds, kind) in patterns
            if holds(folded)
            for m in p.finditer(sentence)
        ),
        key=lambda event: (event[0], event[1]),
    )
    if not events:
        return  # most sentences: no wording matches, and their words need not be read
    matches = _tokens(sentence)
    words = [m.group() for m in matches]
    names = _Names(words, known)
    shared: Shared | None = None  # the subject of the sentence's last relation, if any
    used: set[int] = set()  # tokens already read as part of a relation's list of names
    for _, _, kind, match in events:
        start = _token_index(matches, match.start())
        after = _token_index(matches, match.end())
        if after in used:
            continue
        relation = _READERS[kind](words, matches, names, match, start, after, shared)
        if relation is None:
            continue
        relation, end = relation
        extras, end = _extras(sentence, matches, names, end)
        used.update(range(after, end))
        shared = relation.subject, relation.short
        relation = replace(relation, extras=relation.extras + extras)
        yield relation
        if kind_of(relation.phrase) is not Kind.FUNDING:
            # "launched by A, with funding from B": B is also what "who funds it?" wants.
            for how, organisations in extras:
                if kind_of(how) is Kind.FUNDING:
                    phrase = "is funded by" if _MONEY_WORDS.search(how) else "is supported by"
                    yield Relation(relation.subject, relation.short, phrase, organisations)


_READERS = {
    "passive": _passive,
    "funding": _funding,
    "effort": _effort,
    "members of": _members_of,
    "members after": _members_after,
    "active": _active,
    "role is": _role_is,
    "owned": _owned,
    "gives": _gives,
    "label": _label,
}


def relations(text: str, known_names: Iterable[str] = ()) -> list[Relation]:
    """Every relation stated in ``text``; ``known_names`` are whole names such as long forms
    of acronyms, which may contain "and" or commas ("Office on Drugs and Crime")."""
    # What a sentence holds, its passage holds: a pattern whose quick test fails on the
    # passage is tried on none of its sentences, and most passages need no splitting at all.
    folded = text.casefold()
    patterns = [(order, pattern) for order, pattern in enumerate(PATTERNS) if pattern[1](folded)]
    if not patterns:
        return []
    known = tuple(known_names)
    found: list[Relation] = []
    before = ""
    for sentence in sentences(text):
        found += (_pointed_at(r, before) for r in _relations_in(sentence, known, patterns))
        before = sentence
    return [_with_partners_of_lead(relation, found) for relation in found]


# A subject that points back to what the sentence before named.
_POINTING = frozenset({"it", "this"})
_BRACKETED = re.compile(r"\(([^()]+)\)$")


def _pointed_at(relation: Relation, before: str) -> Relation:
    """A relation whose subject is "it" about what the sentence before names (``pointed_at``);
    one where that sentence names nothing is left to its passage's context."""
    if relation.subject is None or relation.subject.casefold() not in _POINTING:
        return relation
    name = pointed_at(before)
    if name is None:
        return relation
    bracketed = _BRACKETED.search(name)
    return replace(relation, subject=name, short=bracketed.group(1) if bracketed else None)


def _with_partners_of_lead(relation: Relation, found: list[Relation]) -> Relation:
    """A relation naming one organisation that runs something, joined by the partners the
    text gives that organisation: "X is led by A. A's consortium partners are B and C" is run
    by A in partnership with B and C."""
    if kind_of(relation.phrase) is not Kind.RUNNING or len(relation.organisations) != 1:
        return relation
    lead = relation.organisations[0]
    for other in found:
        if (
            other.subject is not None
            and kind_of(other.phrase) is Kind.MEMBERSHIP
            and other.phrase.startswith("'")
            and same_organisation(other.subject, lead)
        ):
            joined = ("in partnership with", other.organisations)
            return replace(relation, extras=(*relation.extras, joined))
    return relation
