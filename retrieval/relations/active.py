"""The active wording, "A leads the operation", "A, in partnership with B, runs X": its verbs
and pattern, the reader that finds the names ending at the verb, and what the verb is said
of, its object or a second verb's ("A hosts the secretariat and coordinates the Initiative").
"""

from __future__ import annotations

import re

from retrieval.relations.model import Found, Relation, Shared
from retrieval.relations.names import (
    _AFTER_NAME,
    _TAILS,
    _Names,
    _organisations,
    _skip_article,
    _tokens,
)
from retrieval.relations.subjects import (
    _SUBJECT_NOUNS,
    _after_preposition,
    _noun_phrase,
    _subject_right,
)

# Verbs that say, in the active voice, that their subject runs or funds something: each
# participle for the answer ("is led by"), with its present forms and its past forms.
_ACTIVE_VERBS = (
    ("run", "run runs", "ran"),
    ("implemented", "implement implements", "implemented"),
    ("managed", "manage manages", "managed"),
    ("led", "lead leads", "led"),
    ("co-led", "co-lead co-leads", "co-led"),
    ("operated", "operate operates", "operated"),
    ("coordinated", "coordinate coordinates", "coordinated"),
    ("co-ordinated", "co-ordinate co-ordinates", "co-ordinated"),
    ("administered", "administer administers", "administered"),
    ("overseen", "oversee oversees", "oversaw"),
    ("supervised", "supervise supervises", "supervised"),
    ("directed", "direct directs", "directed"),
    ("headed", "head heads", "headed"),
    ("spearheaded", "spearhead spearheads", "spearheaded"),
    ("organised", "organise organises", "organised"),
    ("organized", "organize organizes", "organized"),
    ("convened", "convene convenes", "convened"),
    ("steered", "steer steers", "steered"),
    ("chaired", "chair chairs", "chaired"),
    ("co-chaired", "co-chair co-chairs", "co-chaired"),
    ("delivered", "deliver delivers", "delivered"),
    ("executed", "execute executes", "executed"),
    ("hosted", "host hosts", "hosted"),
    ("housed", "house houses", "housed"),
    ("launched", "launch launches", "launched"),
    ("created", "create creates", "created"),
    ("established", "establish establishes", "established"),
    ("funded", "fund funds", "funded"),
    ("co-funded", "co-fund co-funds", "co-funded"),
    ("financed", "finance finances", "financed"),
)
# Each form: its participle, and whether it tells of the past ("ran" → "was run by").
_ACTIVE_FORMS = {
    form: (participle, past)
    for participle, present, pasts in _ACTIVE_VERBS
    for past, forms in ((False, present), (True, pasts))
    for form in forms.split()
}
_ACTIVE = re.compile(
    r"(?:\s*,\s*(?:which|who)\b)?\s+"
    # "A has financed X since 2010": the perfect says A still does.
    r"(?:(?P<perfect>has|have|had)\s+(?:long\s+|always\s+)?)?"
    r"(?:jointly\s+|together\s+|also\s+|currently\s+|now\s+)?"
    # "A and B joined forces in 2021 to launch X": they launched it, together.
    r"(?:(?P<joined>came|come|comes|joined|join|joins|teamed|team|teams|got|get|gets)\s+"
    r"(?:together|forces|hands|up)\s+(?:in\s+\d{4}\s+)?to\s+)?"
    # "planned and directed X": a first verb shares the subject and the object.
    r"(?:(?P<first>[a-z]+(?:ed|s))\s+and\s+)?"
    rf"(?P<verb>{'|'.join(sorted(_ACTIVE_FORMS, key=len, reverse=True))})\s+"
)
# What a sentence holds wherever _ACTIVE matches in it: one of its verb forms, between spaces.
ACTIVE_FORMS = frozenset(_ACTIVE_FORMS)


def _active(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    # The names come before the verb: find where a list of them ends exactly at it, or at a
    # clause set off by commas that joins more names ("A, in partnership with B, runs X").
    for first in range(start):
        found, end = names.names(first, clause_ends=False)
        if not found:
            continue
        joined = () if end == start or _set_off(words, first, end, start) else None
        joined = _interposed(words, names, end, start) if joined is None else joined
        if joined is None:
            continue
        if _after_preposition(words, first):
            return None  # "Our team in Lyon manages X": the team, not Lyon
        if after < len(words) and words[after] in _AFTER_NAME:
            return None  # "A leads on customs checks": no object, no subject to run
        verb = match.group("verb")
        read = _object(words, names, after, verb)
        # "A hosts the secretariat and coordinates the Initiative": the second verb may be
        # the one said of the page's subject.
        chained = _chained(words, names, read[3])
        if chained is not None and (read[2] is None or read[2].startswith("'")):
            read, verb = chained
        subject, short, phrase, object_end = read
        if phrase is None:
            return None  # "A and B co-chair the steering group": the group, not the page
        if not phrase.startswith("'"):
            participle, past = _ACTIVE_FORMS[verb]
            past = past or match.group("joined") in _PAST_JOINING
            before = match.group("first") or ""
            # "planned and directed" keeps both verbs; "plans and directs" has no participle
            # to give for the first one.
            verbs = f"{before} and {participle}" if before.endswith("ed") else participle
            perfect = match.group("perfect")
            tense = "has been" if perfect in {"has", "have"} else "was" if past else "is"
            phrase = f"{tense} {verbs} by"
        # More names may be joined on right after the object ("A runs the project together
        # with B") or after the rest of its clause ("A runs the project in Kenya, with B").
        if not _TAILS.match(" " + " ".join(words[object_end : object_end + 8])):
            while object_end < len(words) and words[object_end] not in {",", ";", "."}:
                object_end += 1
        relation = Relation(subject, short, phrase, _organisations(words, found), joined)
        return relation, object_end
    return None


# "came together", "joined forces", "teamed up": the past of a joining before "to launch".
_PAST_JOINING = frozenset({"came", "joined", "teamed", "got"})


def _set_off(words: list[str], first: int, end: int, verb: int) -> bool:
    """Whether the list of names from ``first`` to ``end`` is set off by dashes or commas
    that end right before the verb, after the common noun it spells out: "Three agencies – A,
    B and C – joined forces to …"; not after a name ("CATIE, the Tropical … Center, runs")."""
    return (
        first > 1
        and words[first - 2].isalpha()
        and words[first - 2].islower()
        and end + 1 == verb
        and words[end] in _APPOSITION_MARKS
        and words[first - 1] == words[end]
    )


_APPOSITION_MARKS = frozenset({",", "–", "—"})


def _interposed(
    words: list[str], names: _Names, end: int, verb: int
) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """The clause between a list of names at ``end`` and their verb at ``verb`` that joins
    more names to them, set off by commas: ", in close partnership with B,"."""
    if words[end : end + 1] != [","]:
        return None
    tail = _tail_at(words, end)
    if tail is None:
        return None
    how, position = tail
    more, more_end = names.names(position, clause_ends=False)
    if not more or words[more_end : more_end + 1] != [","] or more_end + 1 != verb:
        return None
    return ((how, _organisations(words, more)),)


def _tail_at(words: list[str], position: int) -> tuple[str, int] | None:
    """The clause of ``_TAILS`` at ``position``, as its "how", and the word after it."""
    tail = _TAILS.match(" " + " ".join(words[position : position + 12]))
    if tail is None:
        return None
    return " ".join(tail.group("how").casefold().split()), position + len(_tokens(tail.group()))


_SECRETARIAT_VERBS = frozenset("host hosts hosted house houses housed run runs ran".split())


def _object(
    words: list[str], names: _Names, after: int, verb: str
) -> tuple[str | None, str | None, str | None, int]:
    """What an active verb at ``after`` is said of: the subject and its acronym, the phrase
    for the answer ("" to build it from the verb, "'s secretariat is hosted by" when the
    object is the subject's secretariat, None when the object is something else), and where
    the object ends."""
    subject, short = _subject_right(words, after, names)
    head, end = _noun_phrase(words, after)
    if head == "secretariat" and subject is None and verb in _SECRETARIAT_VERBS:
        # "A hosts the secretariat of X": X's, or the page's.
        if words[end : end + 1] in (["of"], ["for"]):
            subject, short = _subject_right(words, end + 1, names)
            if subject is not None:
                end = names.name(_skip_article(words, end + 1)) or end
        return subject, short, "'s secretariat is hosted by", end
    if subject is None and head not in _SUBJECT_NOUNS:
        return None, None, None, end
    return subject, short, "", end


def _chained(
    words: list[str], names: _Names, end: int
) -> tuple[tuple[str | None, str | None, str | None, int], str] | None:
    """A second active verb of the same names after the first one's object: "... and
    coordinates the Initiative"; what it is said of, as ``_object`` gives it, and the verb."""
    position = end
    if words[position : position + 1] != ["and"]:
        return None
    position += 1
    if words[position : position + 1] == ["also"]:
        position += 1
    verb = words[position] if position < len(words) else ""
    if verb not in _ACTIVE_FORMS:
        return None
    read = _object(words, names, position + 1, verb)
    return (read, verb) if read[2] == "" else None
