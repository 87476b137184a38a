"""What a relation is said of: the subject written before a verb or after it, with its acronym,
or the one a joined clause shares with the clause before; the names that end just before a
verb; and whether the words a verb or a role is said of name the page's subject or something
else (``_about``).
"""

from __future__ import annotations

import re

from corpus.acronyms import is_acronym
from retrieval.relations.model import Shared
from retrieval.relations.names import (
    _AFTER_NAME,
    _AND,
    _CONNECTORS,
    _CURRENCIES,
    _GENERIC_SUBJECT,
    _NAME_ENDS,
    _NOT_NAMES,
    _bracket_start,
    _is_capitalized,
    _is_word,
    _join,
    _Names,
    _Span,
)

# Words that may start a sentence before its subject: "Unlike Project Wren, ...". A pronoun
# may be the subject itself ("It is funded by A").
_NOT_SUBJECTS = (_NOT_NAMES | _CURRENCIES | {"the"}) - frozenset(
    "we it they he she you i this these those that its their his her".split()
)
_AUXILIARIES = frozenset(
    "is are was were been be being has have had which that who currently also now both jointly "
    "together".split()
)
_PREPOSITIONS = (_CONNECTORS - {"the"}) | frozenset(
    "at from with by within across among between".split()
)
# Nouns for the running of the page's subject: "implementation is carried out by A".
_WORK_NOUNS = frozenset(
    "implementation management coordination administration delivery operations work running "
    "execution secretariat".split()
)
# Words after which a noun phrase has ended.
_PHRASE_ENDS = _CONNECTORS | _AFTER_NAME
_ROMAN = re.compile(r"[IVXLC]+")
# Heads of noun phrases that still point at the page's own subject: "an initiative run by A".
_SUBJECT_NOUNS = _GENERIC_SUBJECT | frozenset(
    "series system portal tool database mechanism activity activities action facility centre "
    "center".split()
)


# Words that count what comes after them, which a capitalized word then only describes.
_COUNTING = frozenset("two three four five six several many some both all other".split())


def _subject_left(words: list[str], end: int) -> tuple[str | None, str | None]:
    """The subject that ends just before ``end``: a name, perhaps with its acronym in brackets,
    perhaps followed by a generic noun ("the Enact project")."""
    position = end
    while position > 0 and (
        words[position - 1].casefold() in _AUXILIARIES or words[position - 1] == ","
    ):
        position -= 1
    # "the earlier Border Programme (2015–2019), which was funded by A": the years in
    # brackets come between the name and its verb.
    if words[position - 1 : position] == [")"] and _bracket_start(words, 0, position) is None:
        opening = next((i for i in range(position - 2, -1, -1) if words[i] == "("), None)
        if opening is not None and not any(w.isalpha() for w in words[opening:position]):
            position = opening
    stop = position
    if position > 1 and words[position - 1].casefold() in _GENERIC_SUBJECT:
        position -= 1
    short = None
    bracket = _bracket_start(words, 0, position)
    if bracket is not None:
        short = _join(words[bracket + 1 : position - 1])
        position = bracket
    start = position
    while start > 0:
        word = words[start - 1]
        if (_is_word(word) and _is_capitalized(word)) or (
            (word.casefold() in _CONNECTORS or word.casefold() in _AND)
            and start < position  # "A and administered by": "and" joins verbs, not names
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
    if start > 0 and words[start - 1].casefold() in _COUNTING:
        return None, None  # "two European donors": the capital says what kind of donors
    subject = _subject(words, start, stop, short)
    # "The largest contributor is A": "The" starts the sentence, and names no subject.
    return subject if subject[0] else (None, None)


def _subject_right(words: list[str], start: int, names: _Names) -> tuple[str | None, str | None]:
    """The subject that starts at ``start``: "CRIMJUST", "the Airport ... Project (AIRCOP)"."""
    # "the project X": the name is X; but in "Project Falcon" the capital makes it the name.
    while start < len(words) and words[start] in {"the", "The", "project", "programme", "program"}:
        start += 1
    end = names.name(start)
    if end is None:
        return None, None
    bracket = _bracket_start(words, start, end)
    short = _join(words[bracket + 1 : end - 1]) if bracket is not None else None
    return _subject(words, start, end, short)


def _subject(words: list[str], start: int, end: int, short: str | None) -> tuple[str, str | None]:
    """A subject's text without a leading "the" or a trailing possessive, and its acronym;
    a word that starts the sentence but not the name goes too ("Unlike Project Wren")."""
    while start < end and words[start].casefold() in _NOT_SUBJECTS:
        start += 1
    text = re.sub(r"['’]s$", "", _join(words[start:end]))
    if short is None:
        named = [w for w in words[start:end] if _is_word(w)]
        # An edition's number is not a short name: "Pangea XVI" is not "XVI".
        acronyms = [w for w in named if is_acronym(w) and not _ROMAN.fullmatch(w)]
        coined = [w for w in named if _is_coined(w) and not _ROMAN.fullmatch(w)]
        rest = [w.casefold() for w in named if w not in acronyms]
        # "WAPIS Programme" is WAPIS for short; "EL PAcCTO" is one name of two coined words;
        # "UN Countering Travel Programme" is not the UN.
        alone = all(w in _GENERIC_SUBJECT or w in _NAME_ENDS for w in rest)
        short = acronyms[0] if len(acronyms) == 1 and len(coined) == 1 and alone else None
    return text, short


def _is_coined(word: str) -> bool:
    """Written with capitals inside, like an acronym or a coined name: "UNODC", "PAcCTO"."""
    return sum(c.isupper() for c in word) >= 2 or (
        not word[:1].isupper() and any(c.isupper() for c in word)
    )


def _left_or_shared(words: list[str], start: int, shared: Shared | None) -> Shared:
    """The subject before ``start``, or the one before it in the sentence when the clause is
    joined on ("..., and funded by", "..., funded by") with no subject of its own."""
    left = start
    while left > 0 and words[left - 1].casefold() in _AUXILIARIES:
        left -= 1
    if (
        shared is not None
        and left > 0
        and (words[left - 1] == "," or words[left - 1].casefold() in _AND)
    ):
        return shared
    return _subject_left(words, start)


def _noun_phrase(words: list[str], start: int) -> tuple[str, int]:
    """The last word of the noun phrase at ``start``, and where the phrase ends: "group" in
    "the programme's global steering group in Vienna", which ends before "in"."""
    head, end = "", start
    for word in words[start:]:
        lowered = word.casefold()
        if not _is_word(word) or (head and lowered in _PHRASE_ENDS):
            break
        head, end = re.sub(r"['’]s$", "", lowered), end + 1
    return head, end


def _names_ending_at(names: _Names, start: int) -> list[_Span]:
    """The list of names that ends just before ``start``, as the subject of a verb there; not
    one that ends a phrase such as "Our team in Lyon", whose head is not a name."""
    for first in range(start):
        found, end = names.names(first, clause_ends=False)
        if found and end == start:
            return [] if _after_preposition(names.words, first) else found
    return []


def _after_preposition(words: list[str], position: int) -> bool:
    """Whether the word before ``position`` is a preposition: "in" in "Our team in Lyon"."""
    return position > 0 and words[position - 1] in _PREPOSITIONS


def _about(
    words: list[str], names: _Names, position: int, purpose: bool = False, end: int | None = None
) -> Shared | None:
    """What the words at ``position`` (up to ``end``) name as the thing run or paid for: a
    name, or the page's subject (None, None) when they only say "the programme"; None when
    they name something else ("the regional training courses", "40 NGOs"). With ``purpose``,
    the words say what money is for ("for the legal aid component"), which is part of the
    page's subject."""
    subject = _subject_right(words, position, names)
    if subject != (None, None):
        return subject
    head, _ = _noun_phrase(words[:end], position)
    if not head or head in _SUBJECT_NOUNS or head in _WORK_NOUNS or purpose:
        return None, None
    return None
