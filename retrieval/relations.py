"""Who runs what: organisations named in a passage as running, implementing or making up something.

Nothing here knows a programme or an organisation by name. It reads sentences
such as "the Airport Communication Project (AIRCOP) implemented by the UNODC,
World Customs Organization and INTERPOL", "Implemented jointly by UNODC,
INTERPOL and Transparency International, CRIMJUST gathers ..." or "ICCWC, a
collaborative effort of the CITES Secretariat, INTERPOL, UNODC, the World Bank
and the WCO", and pulls out the subject and the list of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from corpus.acronyms import is_acronym
from corpus.sentences import sentences

_TOKEN = re.compile(r"[^\W_]+(?:[-'’&.][^\W_]+)*|[^\w\s]")
_CONNECTORS = frozenset({"of", "on", "for", "the", "de", "du", "des", "in", "against", "to"})
_AND = frozenset({"and", "&"})
_GENERIC_SUBJECT = frozenset(
    "it this that they these those project programme program initiative scheme partnership "
    "effort consortium network platform operation campaign".split()
)
# Words that end a complete organisation name, so that "and" after them starts a new name.
_NAME_ENDS = frozenset(
    "organization organisation office bank secretariat programme program council committee "
    "institute union agency commission fund bureau centre center division department "
    "international foundation association federation court authority service services ministry "
    "police network forum group unit directorate force consortium alliance partnership "
    "initiative project university trust society institution corporation company board assembly "
    "parliament government administration command college academy observatory mission "
    "nations".split()
)
# Names ending in these words take "the" in an answer: "the World Bank", not "the Transparency
# International".
_ARTICLE_HEADS = _NAME_ENDS - {"international", "police", "nations"}
_AUXILIARIES = frozenset(
    "is are was were been be being has have had which that who currently also now both jointly "
    "together".split()
)

_PASSIVE_VERBS = (
    r"implemented|run|managed|led|co-led|operated|coordinated|co-ordinated|organi[sz]ed|"
    r"co-organi[sz]ed|administered|delivered|carried out|conducted|overseen|supervised|"
    r"supported|funded|co-funded|financed|sponsored|backed|hosted|chaired|co-chaired|"
    r"spearheaded|driven|launched|established|created|founded|set up|headed|steered|governed"
)
_PASSIVE = re.compile(
    r"(?P<aux>\b(?:is|are|was|were|has been|have been|being)\s+)?"
    r"(?P<pre>\b(?:jointly|together|collaboratively|also|currently|mainly|primarily)\s+)?"
    rf"\b(?P<verb>{_PASSIVE_VERBS})\s+"
    # "launched in 2012 by", "funded since 2019 by"
    r"(?:(?:in|on|since|from|during)\s+[\w-]+(?:\s+[\w-]+)?\s+)?"
    r"(?P<post>(?:jointly|together|collaboratively)\s+)?by\b",
    re.IGNORECASE,
)
_PARTNERSHIP = re.compile(
    r"(?P<how>\bin\s+(?:partnership|cooperation|co-operation|collaboration)\s+with|"
    r"\btogether\s+with|\balongside)\s+",
    re.IGNORECASE,
)
_EFFORT_NOUNS = (
    r"effort|initiative|partnership|collaboration|cooperation|co-operation|project|programme|"
    r"program|venture|undertaking|consortium|alliance|network|platform|mechanism|coalition|"
    r"task force|framework|joint venture"
)
_EFFORT = re.compile(
    r"(?:,|\b(?:is|was|are|were)\b)\s+(?P<np>(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
    rf"(?:{_EFFORT_NOUNS}))\s+(?P<prep>of|between|among|amongst|by|involving|uniting)\b",
    re.IGNORECASE,
)
_GATHERS = re.compile(
    r"\s+(?P<verb>brings together|unites|comprises|consists of|is made up of|is composed of)\s+",
    re.IGNORECASE,
)
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
_ACTIVE = re.compile(
    r"(?:\s*,\s*(?:which|who)\b)?\s+(?:jointly\s+|together\s+|also\s+|currently\s+)?"
    r"(?P<verb>run|implement|manage|lead|co-lead|operate|coordinate|administer|oversee|fund|"
    r"co-fund|finance|steer|chair|co-chair)\s+",
    re.IGNORECASE,
)
_FUNDING = re.compile(
    # "funding is provided by A", "GMCP is financed through contributions from donors including A",
    # "its donors include A"
    r"\b(?:(?:funding|financing|financial\s+support)\s+(?:is|was|are|were|has\s+been)\s+"
    r"(?:provided|given|granted)\s+by"
    r"|(?:funded|financed|supported)\s+(?:through|via|thanks\s+to)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:from|by)(?:\s+donors)?(?:\s+(?:including|such\s+as))?"
    r"|donors\s+(?:include|including|are|such\s+as))\s+",
    re.IGNORECASE,
)
# Clauses that join more names to a list: "A, in partnership with B", "A, with funding from B".
_TAILS = re.compile(
    r"\s*,?\s*(?P<how>in\s+(?:partnership|cooperation|co-operation|collaboration|association)\s+"
    r"with|together\s+with|alongside|jointly\s+with|with\s+(?:the\s+)?(?:additional\s+|"
    r"financial\s+)?(?:funding|support|contributions?|financing|backing)\s+(?:from|of))\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Relation:
    """A sentence's claim that some organisations run something.

    Attributes:
        subject: what they run, as written ("Airport Communication Project (AIRCOP)"),
            or None when the sentence only says "the project" or "it".
        short: the subject's acronym, when it has one.
        phrase: the verb phrase for an answer: "is implemented by", "is a
            collaborative effort of", "brings together", "'s partners are".
        organisations: the names, as they should read in an answer.
        extras: further names the sentence joins to them, with how: ("in partnership
            with", (...)), ("with additional contributions from", (...)).
    """

    subject: str | None
    short: str | None
    phrase: str
    organisations: tuple[str, ...]
    extras: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def sentence(self, subject: str) -> str:
        """The one-line answer about ``subject``."""
        joint = "" if self.phrase.startswith("'") else " "  # "X's partners are", "X is run by"
        line = f"{subject}{joint}{self.phrase} {join_names(self.organisations)}"
        for how, names in self.extras:
            line += f"{',' if how.startswith('with') else ''} {how} {join_names(names)}"
        return line

    def without(self, unwanted: Iterable[str]) -> Relation | None:
        """This relation without the organisations that are really its subject ("supported by
        Canopy Trace" on Canopy Trace's own page), or None when none is left."""
        drop = {u.casefold() for u in unwanted if u}

        def kept(name: str) -> bool:
            bare = name.removeprefix("the ").casefold()
            return not any(bare in u or u in bare for u in drop)

        organisations = tuple(n for n in self.organisations if kept(n))
        if not organisations:
            return None
        extras = tuple((how, tuple(n for n in names if kept(n))) for how, names in self.extras)
        return replace(self, organisations=organisations, extras=tuple(e for e in extras if e[1]))


def join_names(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper()


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


class _Names:
    """Parses runs of organisation names from a sentence's tokens."""

    def __init__(self, words: list[str], known: Iterable[str]) -> None:
        self.words = words
        self.known = sorted(
            (tuple(m.group() for m in _tokens(name)) for name in known), key=len, reverse=True
        )

    def _known_at(self, start: int) -> int | None:
        lowered = [w.casefold() for w in self.words]
        for name in self.known:
            end = start + len(name)
            if tuple(lowered[start:end]) == tuple(w.casefold() for w in name):
                return end
        return None

    def _complete(self, start: int, end: int) -> bool:
        words = self.words[start:end]
        if len(words) == 1 and is_acronym(words[0]):
            return True
        return words[-1].casefold() in _NAME_ENDS

    def name(self, start: int) -> int | None:
        """End of the organisation name that starts at ``start``, or None if none does."""
        words = self.words
        if start >= len(words) or not _is_word(words[start]) or not _is_capitalized(words[start]):
            return None
        known_end = self._known_at(start)
        end = known_end or start + 1
        while end < len(words):
            word = words[end]
            following = words[end + 1] if end + 1 < len(words) else ""
            after_that = words[end + 2] if end + 2 < len(words) else ""
            if (_is_word(word) and _is_capitalized(word)) or (
                word.casefold() in _CONNECTORS and _is_capitalized(following)
            ):
                end += 1
            elif (
                word.casefold() in _CONNECTORS
                and following.casefold() in _CONNECTORS
                and _is_capitalized(after_that)
            ):
                end += 2  # "Ministry of the Interior"
            elif word.casefold() in _AND and _is_capitalized(following):
                if end == known_end or self._complete(start, end):
                    break
                end += 1
            else:
                break
        # An acronym in brackets belongs to the name before it: "World Customs Organization (WCO)".
        if words[end : end + 1] == ["("] and end + 2 < len(words) and words[end + 2] == ")":
            end += 3
        return end

    def names(
        self, start: int, clause_ends: bool = True
    ) -> tuple[list[tuple[int, int, bool]], int]:
        """A list of names "A, the B and C" from ``start``: (start, end, had "the"), and the
        position just after the last name. With ``clause_ends``, a name followed by a
        lower-case word is the subject of a new clause, not part of the list."""
        found: list[tuple[int, int, bool]] = []
        words = self.words
        position = last_end = start
        after_and = False
        while position < len(words):
            article = words[position].casefold() == "the"
            name_start = position + 1 if article else position
            end = self.name(name_start)
            if end is None:
                break
            if (
                clause_ends
                and found
                and end < len(words)
                and words[end].islower()
                and (words[end] not in _AND)
            ):
                break  # "..., Operation Pangea targets ..." starts a clause, not another name
            found.append((name_start, end, article))
            position = last_end = end
            if after_and or position >= len(words):
                break
            separator = words[position].casefold()
            following = words[position + 1].casefold() if position + 1 < len(words) else ""
            if separator == "," and following in _AND:
                position += 2
                after_and = True
            elif separator in _AND:
                position += 1
                after_and = True
            elif separator == ",":
                position += 1
            else:
                break
        return found, last_end


def _display(words: list[str], start: int, end: int, article: bool) -> str:
    text = _join(words[start:end])
    if end - start == 1 and is_acronym(words[start]):
        return text
    bare = [w for w in words[start:end] if w not in "()"]
    if article or (bare and bare[-1].casefold() in _ARTICLE_HEADS):
        return f"the {text}"
    return text


def _join(words: Sequence[str]) -> str:
    text = ""
    for word in words:
        if not text or word in ",.;:)" or text.endswith("("):
            text += word
        else:
            text += " " + word
    return text


def _subject_left(words: list[str], end: int) -> tuple[str | None, str | None]:
    """The subject that ends just before ``end``: a name, perhaps with its acronym in brackets,
    perhaps followed by a generic noun ("the Enact project")."""
    position = end
    while position > 0 and (
        words[position - 1].casefold() in _AUXILIARIES or words[position - 1] == ","
    ):
        position -= 1
    stop = position
    if position > 1 and words[position - 1].casefold() in _GENERIC_SUBJECT:
        position -= 1
    short = None
    if position >= 3 and words[position - 1] == ")" and words[position - 3] == "(":
        short = words[position - 2]
        position -= 3
    start = position
    while start > 0:
        word = words[start - 1]
        if (_is_word(word) and _is_capitalized(word)) or (
            (word.casefold() in _CONNECTORS or word.casefold() in _AND)
            and start >= 2
            and (_is_word(words[start - 2]) and _is_capitalized(words[start - 2]))
        ):
            start -= 1
        else:
            break
    while start < position and not _is_capitalized(words[start]):
        start += 1
    if start == position:
        return (short, short) if short is not None else (None, None)
    return _subject(words, start, stop, short)


def _subject_right(words: list[str], start: int, names: _Names) -> tuple[str | None, str | None]:
    """The subject that starts at ``start``: "CRIMJUST", "the Airport ... Project (AIRCOP)"."""
    # "the project X": the name is X; but in "Project Falcon" the capital makes it the name.
    while start < len(words) and words[start] in {"the", "The", "project", "programme", "program"}:
        start += 1
    end = names.name(start)
    if end is None:
        return None, None
    short = (
        words[end - 2]
        if end - start >= 3 and words[end - 1] == ")" and words[end - 3] == "("
        else None
    )
    return _subject(words, start, end, short)


def _subject(words: list[str], start: int, end: int, short: str | None) -> tuple[str, str | None]:
    """A subject's text without a leading "the" or a trailing possessive, and its acronym."""
    while start < end and words[start].casefold() == "the":
        start += 1
    text = re.sub(r"['’]s$", "", _join(words[start:end]))
    if short is None:
        acronyms = [w for w in words[start:end] if is_acronym(w)]
        short = acronyms[0] if len(acronyms) == 1 else None
    return text, short


def _token_index(matches: list[re.Match[str]], offset: int) -> int:
    """Index of the first token at or after a character offset."""
    for index, match in enumerate(matches):
        if match.start() >= offset:
            return index
    return len(matches)


def _organisations(words: list[str], found: list[tuple[int, int, bool]]) -> tuple[str, ...]:
    return tuple(_display(words, a, b, article) for a, b, article in found)


def _extras(
    sentence: str, matches: list[re.Match[str]], names: _Names, end: int
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], int]:
    """The clauses after a list of names that join more names to it, and where they end."""
    extras: list[tuple[str, tuple[str, ...]]] = []
    while end < len(matches):
        tail = _TAILS.match(sentence, matches[end - 1].end() if end else 0)
        if tail is None:
            break
        found, after = names.names(_token_index(matches, tail.end()))
        if not found:
            break
        how = " ".join(tail.group("how").casefold().split())
        extras.append((how, _organisations(names.words, found)))
        end = after
    return tuple(extras), end


def _relations_in(sentence: str, known: Iterable[str]) -> Iterator[Relation]:
    """The relations of one sentence, in the order it states them.

    A clause that has no subject of its own ("..., funded by A", "It is run by A and funded
    by B") shares the subject of the relation before it.
    """
    matches = _tokens(sentence)
    words = [m.group() for m in matches]
    names = _Names(words, known)
    patterns = [
        (_PASSIVE, "passive"),
        (_FUNDING, "funding"),
        (_EFFORT, "effort"),
        (_GATHERS, "gathers"),
        (_MEMBERS_OF, "members of"),
        (_MEMBERS_AFTER, "members after"),
        (_ACTIVE, "active"),
        (_PARTNERSHIP, "partnership"),
    ]
    events = sorted(
        (
            (m.start(), order, kind, m)
            for order, (p, kind) in enumerate(patterns)
            for m in p.finditer(sentence)
        ),
        key=lambda event: (event[0], event[1]),
    )
    shared: tuple[str | None, str | None] = (None, None)
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
        yield replace(relation, extras=extras) if extras else relation
        if kind_of(relation.phrase) is not Kind.FUNDING:
            # "launched by A, with funding from B": B is also what "who funds it?" wants.
            for how, organisations in extras:
                if kind_of(how) is Kind.FUNDING:
                    yield Relation(relation.subject, relation.short, "is funded by", organisations)


Found = tuple[Relation, int] | None
Shared = tuple[str | None, str | None]


def _left_or_shared(words: list[str], start: int, shared: Shared) -> Shared:
    """The subject before ``start``, or the one before it in the sentence when the clause is
    joined on ("..., and funded by", "..., funded by") with no subject of its own."""
    left = start
    while left > 0 and words[left - 1].casefold() in _AUXILIARIES:
        left -= 1
    if (
        shared != (None, None)
        and left > 0
        and (words[left - 1] == "," or words[left - 1].casefold() in _AND)
    ):
        return shared
    return _subject_left(words, start)


def _passive(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared,
) -> Found:
    found, end = names.names(after)
    if not found:
        return None
    adverb = (match.group("pre") or match.group("post") or "").strip().casefold()
    aux = (match.group("aux") or "is ").strip().casefold()
    aux = "is" if aux in {"are", "being"} else "was" if aux == "were" else aux
    phrase = f"{aux} {match.group('verb').casefold()} {adverb + ' ' if adverb else ''}by"
    organisations = _organisations(words, found)
    fronted = all(w.casefold() in _AUXILIARIES for w in words[:start])
    if fronted:
        # "Implemented by A (in partnership with B), X gathers ...": X comes after the comma.
        tail_end = end
        while tail_end < len(words) and words[tail_end] != ",":
            tail_end += 1
        if tail_end < len(words):
            subject, short = _subject_right(words, tail_end + 1, names)
            if subject is not None:
                return Relation(subject, short, phrase, organisations), end
    return Relation(*_left_or_shared(words, start, shared), phrase, organisations), end


def _funding(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared,
) -> Found:
    found, end = names.names(after)
    if not found:
        return None
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
    shared: Shared,
) -> Found:
    found, end = names.names(after)
    if not found:
        return None
    phrase = f"is {match.group('np').casefold()} {match.group('prep').casefold()}"
    return Relation(*_subject_left(words, start), phrase, _organisations(words, found)), end


def _gathers(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared,
) -> Found:
    found, end = names.names(after)
    if not found:
        return None
    phrase = " ".join(match.group("verb").casefold().split())
    return Relation(*_subject_left(words, start), phrase, _organisations(words, found)), end


def _members_of(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared,
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
    shared: Shared,
) -> Found:
    found, end = names.names(after)
    if not found:
        return None
    phrase = f"'s {match.group('noun').casefold()} are"
    return Relation(*_subject_left(words, start), phrase, _organisations(words, found)), end


def _active(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared,
) -> Found:
    # The names come before the verb: find where a list of them ends exactly at it.
    for first in range(start):
        found, end = names.names(first, clause_ends=False)
        if found and end == start:
            subject, short = _subject_right(words, after, names)
            verb = match.group("verb").casefold()
            phrase = f"is {_PARTICIPLES.get(verb, 'run')} by"
            object_end = after
            while object_end < len(words) and words[object_end] not in {",", ";", "."}:
                object_end += 1
            return Relation(subject, short, phrase, _organisations(words, found)), object_end
    return None


def _partnership(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared,
) -> Found:
    found, end = names.names(after)
    if not found:
        return None
    phrase = f"works {' '.join(match.group('how').casefold().split())}"
    return Relation(
        *_left_or_shared(words, start, shared), phrase, _organisations(words, found)
    ), end


_READERS = {
    "passive": _passive,
    "funding": _funding,
    "effort": _effort,
    "gathers": _gathers,
    "members of": _members_of,
    "members after": _members_after,
    "active": _active,
    "partnership": _partnership,
}


_PARTICIPLES = {
    "run": "run",
    "implement": "implemented",
    "manage": "managed",
    "lead": "led",
    "co-lead": "co-led",
    "operate": "operated",
    "coordinate": "coordinated",
    "administer": "administered",
    "oversee": "overseen",
    "fund": "funded",
    "co-fund": "co-funded",
    "steer": "steered",
    "chair": "chaired",
    "co-chair": "co-chaired",
}


def relations(text: str, known_names: Iterable[str] = ()) -> list[Relation]:
    """Every relation stated in ``text``; ``known_names`` are whole names such as long forms
    of acronyms, which may contain "and" or commas ("Office on Drugs and Crime")."""
    known = tuple(known_names)
    return [relation for sentence in sentences(text) for relation in _relations_in(sentence, known)]


def is_generic(subject: str | None) -> bool:
    """Whether a subject only points back ("the project", "it") instead of naming something."""
    if subject is None:
        return True
    words = [w.casefold() for w in re.findall(r"[^\W_]+", subject)]
    return all(w in _GENERIC_SUBJECT or w == "the" for w in words)


class Kind(str, Enum):
    """What a relation, or a who-question, is about."""

    RUNNING = "running"
    FUNDING = "funding"
    MEMBERSHIP = "membership"


_FUNDING_WORDS = re.compile(
    r"\b(?:fund|funds|funded|funding|co-funded|finance|finances|financed|financing|sponsor\w*|"
    r"backed|back|backs|backing|pays?|paid|money|donors?|donates?|donated|contributions?|"
    r"support|supports|supported)\b",
    re.IGNORECASE,
)
_MEMBERSHIP_WORDS = re.compile(
    r"\b(?:members?|partners?|partnership|participants?|part\s+of|involved|brings\s+together|"
    r"alongside|together\s+with|in\s+(?:cooperation|co-operation|collaboration)\s+with|"
    r"comprises|"
    r"consists\s+of|made\s+up|composed|who(?:'s|\s+is|\s+are)\s+in)\b",
    re.IGNORECASE,
)


def kind_of(text: str) -> Kind:
    """What a relation's phrase, or a question, says about the organisations: that they pay for
    something, belong to it, or (by default) run it."""
    if _FUNDING_WORDS.search(text):
        return Kind.FUNDING
    if _MEMBERSHIP_WORDS.search(text):
        return Kind.MEMBERSHIP
    return Kind.RUNNING


# Headings of lists that name who runs, funds or takes part in something.
_LIST_HEADING = re.compile(
    r"\b(?:partners?|partnerships?|members?|membership|implement\w*|funding|funders?|donors?|"
    r"stakeholders|governance|consortium|who\s+we\s+work\s+with)\b",
    re.IGNORECASE,
)
_ROLE_PHRASES = {
    Kind.RUNNING: "is run by",
    Kind.FUNDING: "is funded by",
    Kind.MEMBERSHIP: "'s partners are",
}


def list_relations(
    heading: str, items: Sequence[str], known_names: Iterable[str] = ()
) -> list[Relation]:
    """Relations from a list under a heading such as "Partners": one item per organisation,
    perhaps with its role ("INTERPOL – implementing agency", "European Union (donor)").

    The subject is left open (None): it is what the page or section is about.
    """
    if not _LIST_HEADING.search(heading):
        return []
    known = tuple(known_names)
    by_kind: dict[Kind, list[str]] = {}
    for item in items:
        matches = _tokens(item)
        words = [m.group() for m in matches]
        article = bool(words) and words[0].casefold() == "the"
        end = _Names(words, known).name(1 if article else 0)
        if end is None:
            continue
        organisation = _display(words, 1 if article else 0, end, article)
        role = item[matches[end - 1].end() :].strip(" \t–—:-()[],;.")
        kind = kind_of(role) if role else kind_of(heading)
        by_kind.setdefault(kind, []).append(f"{organisation} ({role})" if role else organisation)
    return [
        Relation(None, None, _ROLE_PHRASES[kind], tuple(organisations))
        for kind, organisations in by_kind.items()
    ]
