"""What the readers give: a ``Relation``, the names that run, fund or take part in something
and the answer line made from them, and a ``Denial``, a name that has no part in it; with
whether two names are one organisation (``same_organisation``), how much a relation says
about who does it now (``standing``), and whether a subject only points back
(``is_generic``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from retrieval.relations.kinds import Kind
from retrieval.relations.names import _GENERIC_SUBJECT, _bracket_start, _tokens

# Extras that read after a comma: "X is run by A, with funding from B", "..., supported by B".
_COMMA_BEFORE = ("with", "supported", "assisted", "alongside", "in addition")


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
        line = answer_line(subject, self.phrase, self.organisations)
        for how, names in self.extras:
            line += f"{',' if how.startswith(_COMMA_BEFORE) else ''} {how} {join_names(names)}"
        return line

    def without(self, unwanted: Iterable[str]) -> Relation | None:
        """This relation without the organisations that are really its subject ("supported by
        Canopy Trace" on the page "Project Canopy Trace"), or None when none is left.

        Names are compared word by word, "It" is not inside "Political Affairs", and a name
        only counts as the subject if it ends the subject's name: ASEANAPOL runs the
        "ASEANAPOL Electronic Database System", it is not that system."""
        drop = [_word_key(u) for u in unwanted if u]

        def kept(name: str) -> bool:
            bare = _word_key(name.removeprefix("the "))
            return not any(_ends(u, bare) or _within(u, bare) for u in drop if u)

        organisations = tuple(n for n in self.organisations if kept(n))
        if not organisations:
            return None
        extras = tuple((how, tuple(n for n in names if kept(n))) for how, names in self.extras)
        return replace(self, organisations=organisations, extras=tuple(e for e in extras if e[1]))

    def excluding(self, denied: Sequence[str]) -> Relation | None:
        """This relation without the organisations that the page says have no part in its
        subject, or None when none is left."""

        def kept(name: str) -> bool:
            return not any(same_organisation(name, other) for other in denied)

        organisations = tuple(n for n in self.organisations if kept(n))
        if not organisations:
            return None
        extras = tuple((how, tuple(n for n in names if kept(n))) for how, names in self.extras)
        return replace(self, organisations=organisations, extras=tuple(e for e in extras if e[1]))

    def keeping(self, wanted: Callable[[str], bool]) -> Relation | None:
        """This relation with only the names ``wanted`` accepts, or None when none is left."""
        organisations = tuple(n for n in self.organisations if wanted(n))
        if not organisations:
            return None
        extras = tuple((how, tuple(n for n in names if wanted(n))) for how, names in self.extras)
        return replace(self, organisations=organisations, extras=tuple(e for e in extras if e[1]))

    def owned_by(self, publisher: str) -> Relation | None:
        """This relation with "Our X" read as the publisher's X: on INTERPOL's page, "Our
        Crime Directorate manages the project" names INTERPOL's Crime Directorate. Without a
        publisher such names are left out, and None is returned when none is left."""

        def owned(name: str) -> str | None:
            bare = name.removeprefix("the ")
            if not bare.startswith("Our "):
                return name
            return f"{publisher}'s {bare.removeprefix('Our ')}" if publisher else None

        organisations = tuple(o for o in map(owned, self.organisations) if o)
        if not organisations:
            return None
        extras = tuple(
            (how, tuple(o for o in map(owned, names) if o)) for how, names in self.extras
        )
        return replace(self, organisations=organisations, extras=tuple(e for e in extras if e[1]))


def _word_key(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in re.findall(r"[^\W_]+", text))


def _ends(whole: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether the words ``part`` end ``whole``."""
    return bool(part) and whole[len(whole) - len(part) :] == part


def _within(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Whether the words ``part`` appear together, in order, in ``whole``."""
    return bool(part) and any(
        whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1)
    )


@dataclass(frozen=True)
class Denial:
    """A page's statement that an organisation has no part in what it is about: "Europol is
    not a member of the network", "INCB has no role in the programme", "it does not manage
    country activities".

    Attributes:
        organisation: the name, as an answer would write it.
        kind: what is denied, running or funding; None when any part is.
    """

    organisation: str
    kind: Kind | None


def same_organisation(one: str, other: str) -> bool:
    """Whether two names, as answers write them, name the same organisation: "INCB" and "the
    International Narcotics Control Board (INCB)", "Frontex" and "the European Border and
    Coast Guard Agency (Frontex)"."""
    return not _name_keys(one).isdisjoint(_name_keys(other))


def _name_keys(name: str) -> set[tuple[str, ...]]:
    """A name's long form and its acronym in brackets, each as lower-case words."""
    words = [m.group() for m in _tokens(name)]
    if words[:1] in (["the"], ["The"]):
        words = words[1:]
    bracket = _bracket_start(words, 0, len(words))
    if bracket is None:
        return {_word_key(" ".join(words))}
    return {_word_key(" ".join(words[:bracket])), _word_key(" ".join(words[bracket + 1 : -1]))}


def join_names(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def answer_line(subject: str, phrase: str, names: Sequence[str]) -> str:
    """ "X is run by A and B", "X's partners are A and B"; "X Secretariat is hosted by A",
    not "X Secretariat's secretariat is hosted by A"."""
    owned = re.match(r"'s (\w+) ", phrase)
    if owned and subject.casefold().endswith(f" {owned.group(1).casefold()}"):
        phrase = phrase[owned.end() :]
    joint = "" if phrase.startswith("'") else " "
    return f"{subject}{joint}{phrase} {join_names(names)}"


Found = tuple[Relation, int] | None
Shared = tuple[str | None, str | None]
# Verbs that tell who started something, which says less about who runs it now than "is
# operated by": "WAPIS was created by A and is now operated by B".
_ORIGIN_VERBS = re.compile(
    r"\b(?:launched|created|established|founded|set\s+up|initiated|designed|developed|built|"
    r"conceived)\b"
)
_FORMER = re.compile(r"\b(?:previously|formerly|originally|initially)\b")
_PAST = re.compile(r"^(?:was|were|had)\b")
# "X is an EU initiative" says whose it is, less than who carries it out.
_OWNERSHIP = re.compile(r"^is an? (?:initiative|programme|program|project) of$")


def standing(relation: Relation) -> int:
    """How much a relation says about who runs or funds something now: 0 for who started it
    or ran it before, 1 for what it was, 2 for what it is ("is now operated by B")."""
    if _ORIGIN_VERBS.search(relation.phrase) or _FORMER.search(relation.phrase):
        return 0
    return 1 if _PAST.search(relation.phrase) or _OWNERSHIP.match(relation.phrase) else 2


def is_generic(subject: str | None) -> bool:
    """Whether a subject only points back ("the project", "it") instead of naming something."""
    if subject is None:
        return True
    words = [w.casefold() for w in re.findall(r"[^\W_]+", subject)]
    return all(w in _GENERIC_SUBJECT or w == "the" for w in words)
