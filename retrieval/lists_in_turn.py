"""Names whose part a passage says by the shape of its text, not next to one cue: those that
open the sentences under a heading of a role, bodies counted or announced in one sentence and
named in turn by the next ones or after its colon, and those said to do it together with
others."""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.name_lists import clause_spans, name_groups, players
from retrieval.organisations import Mention
from retrieval.roles import _CUE_PATTERNS, Claim, _Cue, tells_of_the_past


@lru_cache(maxsize=4096)
def _heading_cue(heading: str) -> tuple[int, _Cue, re.Match[str]] | None:
    """The first cue of a role in a heading that is no part of a name in it: "Joint Programme
    on …" or "Global Partnership for Education" is the name of what the page is about, not a
    heading of partners. Many passages share a heading: it is read once."""
    found = [
        (number, kind, match)
        for number, (kind, pattern) in enumerate(_CUE_PATTERNS)
        for match in pattern.finditer(heading)
    ]
    if not found:
        return None  # most headings name no role: their names are not read
    named = players(heading)
    return next((c for c in found if not any(m.start <= c[2].start() < m.end for m in named)), None)


def under_heading(text: str, heading: str) -> list[Claim]:
    """The names that open the sentences of a passage under a heading of a role."""
    cue = _heading_cue(heading)
    if cue is None:
        return []
    number, kind, match = cue
    found = []
    for span in clause_spans(text):
        sentence = text[span[0] : span[1]]
        group = _opening_group(sentence)
        if group is None:
            continue
        found.append(
            Claim(
                names=tuple(m.name for m in group),
                role=kind.role,
                phrase=kind.phrase,
                sentence=sentence,
                distance=0,
                former=tells_of_the_past(sentence),
                cue_word=match.group().casefold(),
                label=True,
                span=span,
                cue=number,
                opening=True,
            )
        )
    return found


# Counts of bodies named in turn, one a sentence: a larger count is no list read so.
_COUNTS = {w: n for n, w in enumerate("two three four five six seven eight nine ten".split(), 2)}
_MOST_IN_TURN = max(_COUNTS.values())


def announced_in_turn(text: str, spans: list[tuple[int, int]], continued: str = "") -> list[Claim]:
    """Bodies announced in one sentence and named in turn by the sentences after it, one a
    sentence: "When CAFI was launched, five donors signed its Joint Declaration. The European
    Union brought …. Norway put up …"; "The founding partners are described in turn: A
    brings …; B buys …; C lends …". The names, as many as a count says, play the part of the
    announcing cue: the counted noun's ("donors"), else the nearest before it ("brings
    together five agencies"); with no count, the plural noun of those who play it
    ("partners"), in a sentence that names no one before its colon. The names may go on into
    ``continued``, the rest of the paragraph in the next passage."""
    found: list[Claim] = []
    # Most passages announce no one: substring tests in C tell, before any sentence is read.
    lowered = text.lower()
    if not any(stem in lowered for stem in _ANNOUNCING_STEMS):
        return found
    for at, span in enumerate(spans):
        sentence = text[span[0] : span[1]]
        colon = sentence.find(":")
        head = sentence[:colon] if colon >= 0 else sentence
        announced = _announced(head)
        if announced is None:
            continue
        # Each later sentence, with where the claim's span ends if it is read: the passage's
        # end for a sentence of the next one.
        after = [(continued[a:b], len(text)) for a, b in clause_spans(continued)]
        number, (cue_number, kind, match) = announced
        first = _opening_group(sentence[colon + 1 :]) if colon >= 0 else None
        names = [m.name for m in first] if first else []
        end = span[1]
        for sentence, stop in [(text[a:b], b) for a, b in spans[at + 1 :]] + after:
            opening = _opening_group(sentence)
            if opening is None or len(names) >= number:
                break
            names += [m.name for m in opening]
            end = stop
        if len(names) < 2:
            continue
        found.append(
            Claim(
                names=tuple(dict.fromkeys(names[:number])),
                role=kind.role,
                phrase=kind.phrase,
                sentence=text[span[0] : end],
                distance=0,
                former=tells_of_the_past(sentence),
                cue_word=match.group().casefold(),
                span=(span[0], end),
                cue=cue_number,
            )
        )
    return found


def _announced(head: str) -> tuple[int, tuple[int, _Cue, re.Match[str]]] | None:
    """How many bodies a sentence's part before its colon announces, and the cue of the part
    they play; None when it announces none."""
    count = _COUNTED_BODIES.search(head)
    cues = [
        (number, kind, match)
        for number, (kind, pattern) in enumerate(_CUE_PATTERNS)
        for match in pattern.finditer(head)
    ]
    if count is not None:
        word = count.group("count").casefold()
        number = int(word) if word.isdigit() else _COUNTS[word]
        inside = [c for c in cues if count.start() <= c[2].start() < count.end()]
        before = sorted((c for c in cues if c[2].end() <= count.start()), key=lambda c: c[2].end())
        cue = (inside or before[-1:] or [None])[0]
        return (number, cue) if cue is not None and number <= _MOST_IN_TURN else None
    # "The founding partners are …": the plural of those who play a part, no one named.
    agents = [c for c in cues if _AGENTS.fullmatch(c[2].group())]
    if not agents or players(head):
        return None
    return _MOST_IN_TURN, agents[-1]


# The plural noun of those who play a part: "partners", "donors", "founders", "members".
_AGENTS = re.compile(r"[\w-]+(?:er|or)s", re.IGNORECASE)


def _opening_group(sentence: str) -> list[Mention] | None:
    """The names that open a sentence ("The European Union brought …"), or None."""
    named = players(sentence)
    if not named or named[0].start > len(_OPENING.match(sentence).group()):
        return None
    return name_groups(named, sentence)[0]


# What may come before a name that opens a sentence: "The", a bullet, a dash.
_OPENING = re.compile(r"[\s\-–—•*·]*(?:The\s+)?")


# What joins a name to those who play the same part with it: "launched by A together with B",
# "run by A in partnership with B"; a word may end A's name first ("the African Union (AU)
# Commission together with").
_COMPANIONS = re.compile(
    r"(?:\s+[A-Z][\w-]*)?,?\s+(?:(?:together|jointly|along)\s+with"
    r"|in\s+(?:partnership|cooperation|collaboration|association)\s+with|alongside)\s+"
)


def with_companions(
    groups: list[list[Mention]], sentence: str, group: list[Mention]
) -> list[Mention]:
    """The names a cue claims, with those joined to them as doing it with them: in "launched
    by A together with B", A and B launched it."""
    return joined_after(groups, sentence, group, _COMPANIONS)


def joined_after(
    groups: list[list[Mention]], sentence: str, group: list[Mention], joiner: re.Pattern[str]
) -> list[Mention]:
    """A group of names with the next group, where ``joiner`` matches right after the first
    and the next one starts where it ends (past an article)."""
    joined = joiner.match(sentence, group[-1].end)
    if joined is None:
        return group
    after = next((g for g in groups if g[0].start >= joined.end()), None)
    if after is None or sentence[joined.end() : after[0].start] not in ("", "the "):
        return group
    return group + after


# A sentence that opens with a count of bodies, and names them after its colon: "Three agencies
# of the United Nations came together to create the Programme in 2008: FAO, UNDP and UNEP."
_BODY_NOUNS = (
    r"(?:agencies|organi[sz]ations|partners|donors|governments|countries|bodies|institutions|"
    r"members|founders|sponsors|entities)\b"
)
_COUNTED_BODIES = re.compile(
    r"(?:the\s+)?(?P<count>two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+){0,2}?"
    + _BODY_NOUNS,
    re.IGNORECASE,
)
# What a sentence that announces bodies holds: a noun of bodies, or the plural noun of those
# who play a part ("partners", "donors"; the cues that ``_AGENTS`` matches).
_ANNOUNCING_STEMS = (
    *"agenc organi partner donor government countr bodies institution member founder".split(),
    *"sponsor entit funder contributor financier implementer manager coordinator".split(),
)


def named_after_colon(sentence: str, groups: list[list[Mention]]) -> list[Mention] | None:
    """The names after the colon of a sentence that opens with a count of bodies, or None."""
    if not _COUNTED_BODIES.match(sentence):
        return None
    colon = sentence.find(":")
    after = next((g for g in groups if g[0].start > colon), None) if colon >= 0 else None
    if after is None or sentence[colon + 1 : after[0].start].strip() not in ("", "the"):
        return None
    return after
