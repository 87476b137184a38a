"""The passive wording, "X is implemented by A and B" or "Implemented by A, X gathers ...":
its pattern, its reader, and the checks that keep a participle said of something other than
the page's subject ("EU funding, managed by A", "the earlier programme was run by B") from
giving a relation.
"""

from __future__ import annotations

import re
from itertools import pairwise

from retrieval.relations.kinds import _FUNDING_WORDS
from retrieval.relations.model import _ORIGIN_VERBS, Found, Relation, Shared
from retrieval.relations.names import (
    _AND,
    _CONNECTORS,
    _is_capitalized,
    _is_word,
    _Names,
    _organisations,
    _Span,
)
from retrieval.relations.subjects import (
    _AUXILIARIES,
    _SUBJECT_NOUNS,
    _WORK_NOUNS,
    _left_or_shared,
    _subject_left,
    _subject_right,
)
from retrieval.undertakings import PARTS_OF_WORK

_PASSIVE_VERBS = (
    r"implemented|co-implemented|run|managed|co-managed|led|co-led|operated|coordinated|"
    r"co-ordinated|organi[sz]ed|co-organi[sz]ed|administered|delivered|carried out|conducted|"
    r"overseen|supervised|supported|funded|co-funded|financed|co-financed|sponsored|backed|hosted|"
    r"chaired|co-chaired|spearheaded|driven|launched|established|created|founded|set up|headed|"
    r"steered|governed|owned|maintained|developed|designed|built|facilitated|convened|co-convened|"
    r"underwritten"
)
_PASSIVE = re.compile(
    r"(?P<aux>\b(?:is|are|was|were|has been|have been|being)\s+)?"
    r"(?P<pre>\b(?:jointly|together|collaboratively|also|currently|mainly|primarily|now|"
    r"previously|formerly|originally|initially|again|still)\s+)?"
    rf"\b(?P<verb>{_PASSIVE_VERBS})"
    # "developed, and is maintained today, by": two verbs share the agent.
    rf"(?:\s*,?\s+(?:and|or)\s+(?:(?:is|are|was|were|has been|have been)\s+)?"
    rf"(?P<second>{_PASSIVE_VERBS})(?:\s+(?:today|now|still|currently))?\s*,?)?"
    # "supported financially by", "administered day to day by", "launched in 2012 by"
    r"(?:\s+(?P<manner>[a-z]+ly))?"
    r"(?:\s+(?:on\s+a\s+)?day[\s-]to[\s-]day(?:\s+basis)?)?"
    r"(?:\s+(?:in|on|since|from|during)\s+[\w-]+(?:\s+[\w-]+)?){0,2}"
    r"\s+(?P<post>(?:jointly|together|collaboratively)\s+)?by\b",
    re.IGNORECASE,
)
# What a sentence, case-folded, holds wherever _PASSIVE matches in it (``wordings.PATTERNS``).
PASSIVE_NEEDS = ("by",)
# How far back from a participle its noun phrase's article may be: "an EMPACT grant managed by".
_NOUN_PHRASE_WORDS = 4
# How far back from a participle the article of an appositive may be: "the Fund, a UN
# multi-partner trust fund administered by A".
_APPOSITIVE_WORDS = 6
_COPULAS = frozenset("is are was were been be becomes became remains remained as".split())
_DETERMINERS = frozenset("a an the its their this that these those our".split())
# Money that someone manages or gives, not the programme that it pays for.
_MONEY_NOUNS = frozenset(
    "funding funds fund grant grants budget money contributions contribution resources payments "
    "donations financing finance million billion".split()
)
# Words that make a noun phrase about another programme than the page's: "the earlier
# programme", "a sister initiative", "the predecessor project".
_OTHER_ADJECTIVES = frozenset(
    "earlier previous former predecessor preceding sister separate other related similar "
    "parallel successor follow-up".split()
)
# What a programme produces or holds, which someone else may make or run: "the handbook was
# developed by A" is not said of the programme.
_PRODUCT_NOUNS = frozenset(
    "training report study handbook guide manual toolkit website conference meeting workshop "
    "event assessment evaluation survey course curriculum research strategy plan law "
    "legislation roadmap convention protocol agreement regime speech keynote address "
    "presentation talk lecture ceremony session remarks".split()
)


def _passive(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    # "the Reef Fund, a UN trust fund administered by A": what is new is the name before it.
    appositive = _appositive_name(words, start) if match.group("aux") is None else None
    if (appositive is None and match.group("aux") is None and _indefinite_before(words, start)) or (
        _negated(words, start)
    ):
        return None
    found, end = names.listed(after)
    if not found:
        return None
    found, end = _and_by(words, names, found, end)
    adverb = (match.group("pre") or match.group("post") or "").strip().casefold()
    aux = (match.group("aux") or "is ").strip().casefold()
    aux = "is" if aux in {"are", "being"} else "was" if aux == "were" else aux
    verbs = match.group("verb").casefold()
    if match.group("second"):
        verbs += f" and {match.group('second').casefold()}"
    manner = (match.group("manner") or "").casefold()
    # "is now operated by", "was previously run by", but "is implemented jointly by".
    when = adverb if adverb in _TIME_ADVERBS else ""
    adverb = "" if when or adverb in _REPEATING else adverb
    phrase = " ".join(w for w in (aux, when, verbs, manner, adverb, "by") if w)
    secretariat = start > 0 and words[start - 1].casefold() == "secretariat"
    if secretariat:
        phrase = f"'s secretariat {phrase}"  # "the network's secretariat is hosted by A"
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
    if appositive is not None:
        return Relation(*_subject_left(words, appositive), phrase, organisations), end
    if _opens_with_a_name(words, start):
        # "Inclusive Schools Rangpur – funded by A", an item of a box of other programmes.
        return Relation(*_subject_left(words, start - 1), phrase, organisations), end
    # "X was set up in 2006 and is run by A": a clause joined on with no subject of its own
    # shares the sentence's, not the object before "and"; "A Secretariat coordinates X and is
    # overseen by B" is said of something new, which B oversees.
    if (
        shared is None
        and match.group("aux") is not None
        and start > 0
        and words[start - 1].casefold() in _AND
    ):
        if words[0].casefold() in {"a", "an"}:
            return None
        return Relation(*_subject_right(words, 0, names), phrase, organisations), end
    # "the Forest Facility (hosted by the World Bank)": the brackets describe the name before
    # them; "X is a sister initiative hosted by A": the initiative is X.
    left = start - 1 if start > 0 and words[start - 1] == "(" else _copula_before(words, start)
    if left is not None:
        subject = _subject_left(words, left)
    else:
        left = start
        subject = _left_or_shared(words, left, shared)
    if secretariat and (subject[0] or "").casefold() == "secretariat":
        subject = None, None  # "The Secretariat is hosted by A": the page's own
    if subject == (None, None) and _other_noun_before(
        words, left, match.group("verb").casefold(), modifier=match.group("aux") is None
    ):
        return None
    return Relation(*subject, phrase, organisations), end


def _and_by(
    words: list[str], names: _Names, found: list[_Span], end: int, by: str = "by"
) -> tuple[list[_Span], int]:
    """The names after "and by" (or "and" with the preposition ``by`` stands for) too, past the
    channel of the first ones or a clause about them: "funded by the Government of Japan,
    through JICA, and by the Hilltop Water Foundation", "funded by A, which provides NZD 4.5
    million, and by B", "comes from A, which covers coordination, and from B", "from A – what
    A is – and from B"."""
    position = end
    if words[position : position + 1] == [","]:
        position += 1
    if position < len(words) and words[position].casefold() in _CHANNELS | _RELATIVES:
        comma = next(
            (
                i
                for i in range(position, min(len(words), position + _CHANNEL_WORDS))
                if words[i] == ","
            ),
            None,
        )
        if comma is None:
            return found, end
        position = comma + 1
    elif position < len(words) and words[position] in _DASHES:
        # "from CAF – development bank of Latin America and the Caribbean and from B": what
        # the first name is, after a dash, up to "and from".
        position = next(
            (
                i
                for i in range(position + 1, min(len(words) - 1, position + _CHANNEL_WORDS))
                if [w.casefold() for w in words[i : i + 2]] == ["and", by]
            ),
            position,
        )
    if [w.casefold() for w in words[position : position + 2]] != ["and", by]:
        return found, end
    more, more_end = names.listed(position + 2)
    return (found + more, more_end) if more else (found, end)


# What names the channel of a funder's money ("through JICA"), or opens a clause about the
# funder ("which provides NZD 4.5 million"), and how many words it may take.
_CHANNELS = frozenset({"through", "via"})
_RELATIVES = frozenset({"which", "who"})
_CHANNEL_WORDS = 14


_DASHES = frozenset({"–", "—", "-"})


def _opens_with_a_name(words: list[str], start: int) -> bool:
    """Whether the verb at ``start`` follows a dash that sets off a capitalized name opening
    the line: "Inclusive Schools Rangpur – funded by A"; not a part of the work ("Phase II")."""
    if start < 2 or words[start - 1] not in _DASHES or not _is_capitalized(words[0]):
        return False
    if words[0].casefold() in PARTS_OF_WORK:
        return False
    return all(
        (_is_word(w) and _is_capitalized(w)) or w.casefold() in _CONNECTORS | _AND
        for w in words[: start - 1]
    )


def _copula_before(words: list[str], start: int) -> int | None:
    """Where "is" stands in "X is a sister initiative hosted by A", when the verb at ``start``
    follows a noun phrase that such a verb says what X is."""
    position = start - 1 if start > 0 and words[start - 1] == "," else start
    if position == 0 or words[position - 1].casefold() not in _SUBJECT_NOUNS:
        return None
    position -= 1
    while position > 0 and words[position - 1].isalpha() and words[position - 1].islower():
        position -= 1
        if words[position] in {"a", "an", "the"}:
            copula = position - 1
            return copula if copula >= 0 and words[copula].casefold() in _COPULAS else None
    return None


def _negated(words: list[str], start: int) -> bool:
    """Whether "not", "never" or "no longer" comes just before the verb at ``start``."""
    before = [w.casefold() for w in words[max(0, start - 2) : start]]
    return bool(before) and (before[-1] in {"not", "never"} or before == ["no", "longer"])


def _other_noun_before(words: list[str], start: int, verb: str, modifier: bool) -> bool:
    """Whether the verb at ``start`` is said of a common noun that is not the page's subject.

    A participle that modifies a noun ("EU funding, managed by A", "the control regime for
    drugs overseen by A") is said of that noun unless it names the subject or its work ("a
    consortium of four organisations, led by A"). A full clause ("The register is owned by
    A") is said of the page's subject, which a page may call by a common noun, but not when
    that noun is money ("EU funding is managed by A"), plural ("the workshops were organised
    by A"), a product or event of the work ("the handbook was developed by A"), or a thing
    that someone only made ("the guide was designed by A"). Money, though, is what a funder
    pays for: "a EUR 4 million budget, funded by A" says that A funds the subject."""
    position = start
    while position > 0 and (
        words[position - 1] == "," or words[position - 1].casefold() in _AUXILIARIES
    ):
        position -= 1
    phrase: list[str] = []
    while position > 0 and len(phrase) < _NOUN_PHRASE_WORDS * 2:
        word = words[position - 1]
        lowered = word.casefold()
        if not _is_word(word) or word[:1].isupper() or word.isdigit() or lowered in _AND:
            break
        if lowered in _AUXILIARIES:
            break
        position -= 1
        if lowered in _DETERMINERS:
            break  # the noun phrase starts here
        phrase.insert(0, re.sub(r"['’]s$", "", lowered))
    if not phrase:
        return False
    if not _OTHER_ADJECTIVES.isdisjoint(phrase):
        return True  # "the earlier programme was run by A", "a sister initiative run by B"
    # The head comes before the noun's complement: "regime" in "regime for drugs".
    head = next((w for w, n in pairwise(phrase) if n in _CONNECTORS), phrase[-1])
    if head in _SUBJECT_NOUNS or head in _WORK_NOUNS:
        return False
    if head in _MONEY_NOUNS:
        return not _FUNDING_WORDS.search(verb)
    if modifier or head in _PRODUCT_NOUNS or _ORIGIN_VERBS.search(verb):
        return True
    return head.endswith("s") and not head.endswith("ss")


def _appositive_name(words: list[str], start: int) -> int | None:
    """Where the comma stands in "the Reef Fund, a trust fund administered by A", when the
    indefinite noun phrase before the verb at ``start`` follows a name and a comma: it says
    what the name is."""
    for position in range(start - 1, max(0, start - _APPOSITIVE_WORDS) - 1, -1):
        if not _is_word(words[position]):
            return None
        if words[position].casefold() in {"a", "an"}:
            comma = position - 1
            if comma > 0 and words[comma] == "," and words[comma - 1][:1].isupper():
                return comma
            return None
    return None


def _indefinite_before(words: list[str], start: int) -> bool:
    """Whether the verb at ``start`` is said of a new thing, not of the page's subject: in
    "through an EMPACT grant administered by A", A administers the grant, and in "a steering
    committee, chaired by A", A chairs the committee."""
    if start > 0 and words[start - 1] == ",":
        start -= 1
    if start == 0 or words[start - 1].casefold() in _SUBJECT_NOUNS:
        return False
    for word in reversed(words[max(0, start - _NOUN_PHRASE_WORDS) : start]):
        lowered = word.casefold()
        if lowered in {"a", "an"}:
            return True
        if not _is_word(word) or lowered in _CONNECTORS or lowered in _AUXILIARIES:
            return False
    return False


_TIME_ADVERBS = frozenset("now currently previously formerly originally initially".split())
# Adverbs that say a part is played again, which an answer leaves out: "is again led by A".
_REPEATING = frozenset("again still".split())
