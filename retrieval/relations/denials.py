"""What a page says has no part in its subject ("D has no role in the programme", "E is not a
member", "F does not manage it"), for the answer to leave out: the wording of a denial, the
names it is said of, and the part it denies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from corpus.sentences import sentences
from retrieval.relations.kinds import _FUNDING_WORDS, Kind
from retrieval.relations.model import Denial
from retrieval.relations.names import _AND, _Names, _organisations, _token_index, _tokens
from retrieval.relations.passive import _PASSIVE_VERBS
from retrieval.relations.subjects import _AUXILIARIES, _about, _names_ending_at

# What a page says to deny that an organisation has a part in its subject. Groups: "scope",
# what "no role in" is about; "noun", what it is not; "verb", what it does not do; "passive",
# what it is not done by ("is not funded by A"); "neither" and "other" ("should not be
# confused with A").
_NOT_ONLY = r"(?!only\b|just\b|merely\b|simply\b|necessarily\b)"
_DENIAL = re.compile(
    r"\b(?:no\s+(?:[\w-]+\s+)?(?:role|part|involvement|say|stake)\s+in\b(?P<scope>[^.;]*)"
    rf"|(?:not|no\s+longer)\s+{_NOT_ONLY}(?:(?:an?|the|one\s+of\s+the)\s+)?"
    r"(?:[\w.+-]+\s+){0,2}?(?P<noun>members?|partners?|participants?|part|donors?|funders?|"
    r"contributors?|sponsors?|implementers?|implementing|responsible|involved)\b"
    r"|(?:(?:does|do|did)\s+not|doesn['’]t|don['’]t|didn['’]t|no\s+longer|never)\s+"
    rf"{_NOT_ONLY}(?:(?:help|helps|helped)\s+)?(?P<verb>[a-z-]+)"
    rf"|not\s+(?P<passive>{_PASSIVE_VERBS})\s+by"
    r"|(?P<neither>neither)"
    r"|(?P<other>(?:should|must|is|are)\s+not\s+(?:to\s+)?be\s+confused\s+with|"
    r"(?:distinct|separate|different)\s+from))\b",
    re.IGNORECASE,
)
_RUNNING_VERBS = frozenset(
    "run runs ran manage manages managed implement implements implemented lead leads led "
    "operate operates operated coordinate coordinates coordinated steer steers steered direct "
    "directs directed oversee oversees oversaw administer administers administered chair chairs "
    "chaired head heads headed control controls controlled".split()
)
_PAYING_VERBS = frozenset(
    "fund funds funded finance finances financed sponsor sponsors sponsored pay pays paid "
    "contribute contributes contributed".split()
)
_TAKING_PART_VERBS = frozenset("participate participates participated belong belongs".split())
# Words between a denied name and the denial: "INCB has no role", "Europol plays no role",
# "Frontex is sometimes assumed to be involved; it is not".
_DENIAL_GAP = _AUXILIARIES | frozenset(
    "plays play played still so therefore thus however itself themselves with".split()
)
# Words that stand for names said before them: "it is not a partner", "neither organisation".
_STAND_INS = frozenset(
    "it they them both neither two organisation organisations organization organizations agency "
    "agencies body bodies partners members donors these those".split()
)
# Words in a denial's scope that name running: "no role in running or financing".
_RUNNING_SCOPE = re.compile(
    r"\b(?:run\w*|manag\w*|implement\w*|lead\w*|steer\w*|direct\w*|operat\w*|"
    r"coordinat\w*|govern\w*|decision\w*|oversight|administ\w*)",
    re.IGNORECASE,
)
_FUNDING_ROLE_WORDS = re.compile(r"donor|funder|contributor|sponsor", re.IGNORECASE)


def denials(text: str, known_names: Iterable[str] = ()) -> list[Denial]:
    """Every organisation that ``text`` says has no part, or no part of some kind, in its
    subject. A pronoun ("it is not a partner", "neither has a role") stands for the first
    names of its sentence, or else of the sentence before."""
    known = tuple(known_names)
    found: list[Denial] = []
    previous: list[str] = []
    for sentence in sentences(text):
        matches = _tokens(sentence)
        words = [m.group() for m in matches]
        names = _Names(words, known)
        first = _first_names(words, names)
        said: list[str] = []  # the names the sentence's last denial was said of
        for match in _DENIAL.finditer(sentence):
            cue = _token_index(matches, match.start())
            kind = _denied_kind(match)
            if kind is False or _denies_other_part(words, names, matches, match):
                continue
            if match.group("other") or match.group("passive"):
                denied = _names_after(words, names, _token_index(matches, match.end()))
            elif match.group("neither") and _neither_nor(words, names, cue):
                denied = _neither_nor(words, names, cue)
            else:
                denied = (
                    _denied_subject(words, names, cue, said)
                    or [n for n in first if _token_position(words, n) < cue]
                    or previous
                )
                said = denied
            found.extend(Denial(part, kind) for name in denied for part in _parts(name))
        previous = first or previous
    return found


def _denies_other_part(
    words: list[str], names: _Names, matches: list[re.Match[str]], match: re.Match[str]
) -> bool:
    """Whether a denial is about something other than the page's subject: "has no role in
    the selection of participants", "does not fund military equipment", "is not a member of
    the board"; not "has no role in running it", "does not manage the Initiative"."""
    group = next((g for g in ("scope", "verb", "noun") if match.group(g)), None)
    if group is None:
        return False
    if group == "scope" and (
        _RUNNING_SCOPE.search(match.group("scope")) or _FUNDING_WORDS.search(match.group("scope"))
    ):
        return False
    position = _token_index(matches, match.start(group) if group == "scope" else match.end(group))
    if group == "noun":
        if words[position : position + 1] not in (["of"], ["in"], ["to"]):
            return False  # "is not a GLO.ACT partner"
        position += 1
    if position >= len(words) or words[position].casefold() in _STAND_INS | {"this", "its"}:
        return False
    return _about(words, names, position) is None


def _parts(name: str) -> list[str]:
    """A name, and its parts when it may be two names joined by "and": "Gavi and UNICEF"."""
    parts = re.split(r"\s+(?:and|&)\s+", name)
    return [name, *parts] if len(parts) > 1 and not name.endswith(")") else [name]


def _neither_nor(words: list[str], names: _Names, cue: int) -> list[str]:
    """The names in "neither A nor B" at ``cue``."""
    first, end = names.names(cue + 1, clause_ends=False)
    if not first or words[end : end + 1] not in (["nor"], ["or"]):
        return []
    second, _ = names.names(end + 1, clause_ends=False)
    return list(_organisations(words, first + second))


def _first_names(words: list[str], names: _Names) -> list[str]:
    """The first list of names in a sentence, as an answer would write them."""
    for position in range(len(words)):
        found, _ = names.names(position, clause_ends=False)
        if found:
            return list(_organisations(words, found))
    return []


def _token_position(words: list[str], name: str) -> int:
    """Where a name, as ``_first_names`` gives it, starts among the words."""
    bare = [m.group() for m in _tokens(name.removeprefix("the "))]
    for position in range(len(words)):
        if words[position : position + len(bare)] == bare:
            return position
    return len(words)


def _names_after(words: list[str], names: _Names, start: int) -> list[str]:
    """Every name from ``start`` to the end of the sentence."""
    found: list[str] = []
    position = start
    while position < len(words):
        spans, end = names.names(position, clause_ends=False)
        if spans:
            found.extend(_organisations(words, spans))
            position = end
        else:
            position += 1
    return found


def _denied_subject(words: list[str], names: _Names, cue: int, said: list[str]) -> list[str]:
    """The names that a denial at ``cue`` is said of, when they come right before it: "INCB
    has no role", "INTERPOL no longer manages"; those of the denial before it when "and"
    joins the two ("it is not a member and has no role"); none when a pronoun stands for
    them."""
    position = cue
    while position > 0 and (
        words[position - 1].casefold() in _DENIAL_GAP or words[position - 1].endswith("ly")
    ):
        position -= 1
    if position == 0 or words[position - 1].casefold() in _STAND_INS:
        return []
    if words[position - 1].casefold() in _AND:
        return said
    return list(_organisations(words, _names_ending_at(names, position)))


def _denied_kind(match: re.Match[str]) -> Kind | bool | None:
    """What a denial denies: running, funding, any part (None), or nothing (False) when its
    verb is not about taking part ("does not receive funds", "does not reflect the views")."""
    if match.group("scope") is not None:
        scope = match.group("scope")
        running = bool(_RUNNING_SCOPE.search(scope))
        paying = bool(_FUNDING_WORDS.search(scope))
        if running is paying:
            return None  # "no role in running or financing", "no role in the programme"
        return Kind.RUNNING if running else Kind.FUNDING
    if match.group("noun"):
        noun = match.group("noun").casefold()
        if _FUNDING_ROLE_WORDS.match(noun):
            return Kind.FUNDING
        return Kind.RUNNING if noun.startswith(("implement", "responsible")) else None
    if match.group("verb"):
        verb = match.group("verb").casefold()
        if verb in _RUNNING_VERBS:
            return Kind.RUNNING
        if verb in _PAYING_VERBS:
            return Kind.FUNDING
        return None if verb in _TAKING_PART_VERBS else False
    if match.group("passive"):
        return Kind.FUNDING if _FUNDING_WORDS.search(match.group("passive")) else Kind.RUNNING
    return None
