"""Organisation names in a sentence: its tokens, and the runs of names read from them
(``_Names``), where a name ends, with its known long forms, an acronym in brackets and a
plural that a list shares ("the Governments of A and B"), where a list goes on past a clause
that joins more names (``_TAILS``), and each name as an answer writes it (``_display``,
``_organisations``).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from corpus.acronyms import is_acronym
from retrieval.organisations import (
    FOREIGN_JOINERS,
    is_body_kind,
    is_country,
    is_organisation_word,
)

_TOKEN = re.compile(r"[^\W_]+(?:[-'’&.][^\W_]+)*|[^\w\s]")
_CONNECTORS = frozenset({"of", "on", "for", "the", "in", "against", "to"}) | FOREIGN_JOINERS
_AND = frozenset({"and", "&"})
_GENERIC_SUBJECT = frozenset(
    "it its this that they their these those project programme program initiative scheme "
    "partnership effort consortium network platform operation campaign".split()
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
# Capitalised words that start a sentence but never a name: pronouns, determiners and
# prepositions ("Among the partners are ...", "We coordinate ...").
_NOT_NAMES = frozenset(
    "we it they he she you i this these those that its their his her both neither either each "
    "every all some such another other many most several among about during in on at for from "
    "with without under over through since after before as by of to into between within across "
    "while when where how who what which why if but and or also however together today here "
    "there unlike like besides despite following beyond including except upon toward towards "
    "against until throughout alongside whereas although though because unless once".split()
)
# Currency codes, written in capitals like acronyms: "CAD 7 million" names no funder.
_CURRENCIES = frozenset("usd eur gbp aud cad chf jpy nok sek dkk nzd".split())
# Words that are a name only with more capitalised words after them: "Our Crime Directorate"
# (the publisher's), "Partners in Health"; alone they stand for names said elsewhere ("Partners
# take part in meetings; they do not manage it").
_NOT_NAMES_ALONE = frozenset(
    "our partners members donors funders participants beneficiaries observers counterparts "
    "organisations organizations agencies".split()
)
# An amount of money after its noun: "a grant of USD 10 million".
AMOUNT = r"\s+of\s+(?:[A-Z]{3}\s*|US\$\s*|[$€£]\s*)?[\d.,]+\s*(?:million|billion|m|bn)?"
# Clauses that join more names to a list: "A, in partnership with B", "A, with funding from B",
# "A carried out together with B", "a grant from A and voluntary contributions from B".
_TAILS = re.compile(
    # "alongside contributions from B" before "alongside B"
    r"\s*,?\s*(?P<how>(?:and|as\s+well\s+as|alongside|in\s+addition\s+to)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:contributions?|grants?|funding|donations?)\s+(?:from|of|by)"
    r"|(?:(?:carried\s+out|implemented|run|delivered|managed|conducted|"
    r"organi[sz]ed|operated)\s+)?(?:in\s+(?:close\s+|full\s+|strategic\s+)?(?:partnership|"
    r"cooperation|co-operation|collaboration|association)\s+with|together\s+with|alongside|"
    r"jointly\s+with"
    # "A leads the consortium that runs X, working with B and C"
    r"|(?:working|partnering|cooperating|co-operating|collaborating)\s+(?:closely\s+)?with)"
    # "with an additional grant of USD 10 million from B"
    r"|with\s+(?:the\s+|an?\s+)?(?:additional\s+|financial\s+|generous\s+)?(?:funding|support|"
    r"contributions?|financing|backing|grants?)"
    rf"(?:{AMOUNT})?"
    r"\s+(?:from|of)"
    r"|under\s+the\s+(?:leadership|coordination|direction|supervision|guidance)\s+of"
    # "A leads the operation, supported by B"
    r"|(?:supported|assisted)\s+by"
    # "X operates under the auspices of A and is implemented by B": a second verb, one subject.
    r"|and\s+(?:is|are|was|were)\s+(?:also\s+|jointly\s+)?(?:implemented|run|managed|led|"
    r"co-led|operated|coordinated|co-ordinated|administered|delivered|carried\s+out|overseen|"
    r"supervised|directed|headed|steered|chaired|hosted)\s+by)\s+",
    re.IGNORECASE,
)
# Words that may follow an organisation's name in a sentence; any other lower-case word after a
# name ending like an adjective ("European public agencies") shows it was not a name.
_AFTER_NAME = frozenset(
    "of in on at for from to with through via under and or as by which who whose that since "
    "during between among across within while whereas but is are was were has have had will "
    "would can could also jointly together alone itself based acting".split()
)
# Nouns that a name in full, with its acronym, may still take after it: "the Climate Risk and
# Early Warning Systems (CREWS) initiative".
_KIND_AFTER = frozenset(
    "initiative programme program project fund facility partnership network platform "
    "mechanism alliance coalition consortium".split()
)
# How many words may say what kind of body a name is, between "the" and the name.
_KIND_WORDS = 3
# Words that open a clause about the name before them.
_RELATIVES = frozenset({"that", "which", "who", "whose"})
# How far a long name may run before the acronym in brackets that spells it out.
_EXPANSION_WORDS = 16
# How many tokens an acronym written in parts may take inside brackets, "(LO A/P)", and what
# may join its parts.
_BRACKET_TOKENS = 5
# The most tokens a remark in brackets inside a list of names holds, brackets included.
_ASIDE_TOKENS = 16
# How far a description after a name may reach, in tokens: "a marine conservation group
# based in Split".
_DESCRIPTION_TOKENS = 14
_ACRONYM_JOINS = frozenset("/-&")
# Where a lead-in before a list of names ends, and how long it may be.
_LEAD_IN_ENDS = frozenset({"of", "include", "includes", "including", "comprising", "as", ":"})
_LEAD_IN_WORDS = 8
# Lower-case nouns that end a name: a part of the organisation before them.
_UNIT_NOUNS = frozenset(
    "unit division branch office secretariat team department directorate".split()
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_ADJECTIVE_ENDINGS = ("ean", "ian", "ican", "ese", "ish")  # European, Italian, African, Chinese


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def _is_capitalized(word: str) -> bool:
    """Written like part of a name: "Police", "UNODC", and coined names such as "e-ADS"."""
    return word[:1].isupper() or (word[:1].isalpha() and any(c.isupper() for c in word[1:]))


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


@dataclass(frozen=True)
class _Span:
    """Where a name is among a sentence's words.

    Attributes:
        start: its first word.
        end: one past its last word.
        article: whether "the" came before it.
        head: the singular of a plural that a list shares, "Government" in "the Governments
            of A and B": each name is then "the Government of A".
    """

    start: int
    end: int
    article: bool
    head: str = ""


@lru_cache(maxsize=8)
def _known_by_first(known: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The known names as lower-case token tuples, grouped by their first token, longest
    first: tokenized once for every sentence that is read against them."""
    names = sorted(
        (tuple(m.group().casefold() for m in _tokens(name)) for name in known),
        key=len,
        reverse=True,
    )
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        if name:
            grouped.setdefault(name[0], []).append(name)
    return {first: tuple(group) for first, group in grouped.items()}


class _Names:
    """Parses runs of organisation names from a sentence's tokens."""

    def __init__(self, words: list[str], known: Iterable[str]) -> None:
        self.words = words
        self._lowered = [w.casefold() for w in words]
        self._by_first = _known_by_first(tuple(known))

    def _known_at(self, start: int) -> int | None:
        if start >= len(self._lowered):
            return None
        # Longest first, as the known names of each first word are sorted.
        for name in self._by_first.get(self._lowered[start], ()):
            end = start + len(name)
            if tuple(self._lowered[start:end]) == name:
                return end
        return None

    def _complete(self, start: int, end: int) -> bool:
        """Whether the words so far make a whole name, which "and" cannot go on: an acronym,
        a name that ends in an organisation's word, a country ("Portugal and Chile" are two;
        "Trinidad and Tobago" is one, as "Trinidad" alone is no country), or a body of a
        country ("the Development Office of the United Kingdom and Global Affairs Canada")."""
        words = self.words[start:end]
        if len(words) == 1 and is_acronym(words[0]):
            return True
        # "the Development Office of the United Kingdom": a body of a country ends with it.
        of = max((i for i, w in enumerate(words) if w.casefold() == "of"), default=None)
        owner = words[of + 1 :] if of is not None else []
        if owner[:1] and owner[0].casefold() == "the":
            owner = owner[1:]
        return (
            words[-1].casefold() in _NAME_ENDS
            or is_country(" ".join(words))
            or (len(owner) > 0 and of != 0 and is_country(" ".join(owner)))
        )

    def name(self, start: int, places: bool = False) -> int | None:
        """End of the organisation name that starts at ``start``, or None if none does.

        With ``places``, the names are of countries or cities ("the Governments of Chile and
        Peru"), where "and" joins two of them unless it follows an "of" ("the United Kingdom
        of Great Britain and Northern Ireland")."""
        words = self.words
        if start >= len(words) or not _is_word(words[start]) or not _is_capitalized(words[start]):
            return None
        first = words[start].casefold()
        following = words[start + 1] if start + 1 < len(words) else ""
        # "WHO" and "IT" written in capitals are acronyms, not "who" and "it".
        if (
            (first in _NOT_NAMES and not is_acronym(words[start]))
            or first in _CURRENCIES
            or (
                first in _NOT_NAMES_ALONE
                and not (_is_word(following) and _is_capitalized(following))
            )
        ):
            return None
        known_end = self._known_at(start)
        expanded = None if known_end else self._expansion_end(start)
        if expanded is not None:
            return expanded
        end = known_end or start + 1
        while end < len(words):
            word = words[end]
            following = words[end + 1] if end + 1 < len(words) else ""
            after_that = words[end + 2] if end + 2 < len(words) else ""
            if (_is_word(word) and _is_capitalized(word)) or (
                word.casefold() in _CONNECTORS
                and _is_capitalized(following)
                and following.casefold() not in _MONTHS  # "I-CAN in January 2020"
            ):
                end += 1
            elif (
                word.casefold() in _CONNECTORS
                and following.casefold() in _CONNECTORS
                and _is_capitalized(after_that)
            ):
                end += 2  # "Ministry of the Interior"
            elif word.casefold() in _AND and _is_capitalized(following):
                if (
                    end == known_end
                    or self._complete(start, end)
                    or (places and not any(w in _CONNECTORS - {"the"} for w in words[start:end]))
                ):
                    break
                end += 1
            else:
                break
        if end != known_end and self._adjective(start, end):
            return None
        if end < len(words) and words[end] in _UNIT_NOUNS:
            end += 1  # "INTERPOL's Drugs and Criminal Organizations unit"
        # A dash and more capitalised words before an acronym in brackets are part of the name:
        # "Internal Security Fund – Police (ISF-Police)".
        if words[end : end + 1] in (["–"], ["—"]):
            after_dash = end + 1
            while after_dash < len(words) and _is_capitalized(words[after_dash]):
                after_dash += 1
            if after_dash > end + 1 and _bracket_length(words, after_dash):
                end = after_dash
        # An acronym in brackets belongs to the name before it: "World Customs Organization (WCO)".
        return end + _bracket_length(words, end)

    def _expansion_end(self, start: int) -> int | None:
        """The end of a long name with "and" or a comma inside it, when an acronym in brackets
        after it spells it out: "International and Ibero-American Foundation for Administration
        and Public Policies (FIIAPP)", "Liaison Office for Asia and the Pacific (LO A/P)",
        "International Monitoring, Control and Surveillance Network (IMCS Network)".

        Only when neither the words after the last "and" nor those after the last comma can
        spell the acronym on their own: in "INTERPOL and the World Customs Organization (WCO)"
        they can, and there are two names, and so in "the Treaty Organization, the Central
        Asian Regional Information and Coordination Centre (CARICC)".
        """
        words = self.words
        position, separators = start, []
        while position < min(len(words), start + _EXPANSION_WORDS) and words[position] != "(":
            word = words[position]
            if word.casefold() in _AND or word == ",":
                separators.append(position)
            elif not _is_word(word) or not (
                _is_capitalized(word) or word.casefold() in _CONNECTORS
            ):
                return None
            position += 1
        length = _bracket_length(words, position)
        if not separators or not length or not _is_capitalized(words[position - 1]):
            return None
        letters = [c for w in words[position + 1 : position + length - 1] for c in w if c.isupper()]
        last_and = max((i for i in separators if words[i] != ","), default=None)
        last_comma = max((i for i in separators if words[i] == ","), default=None)
        rests = [words[i + 1 : position] for i in (last_and, last_comma) if i is not None]
        if _spells(words[start:position], letters) and not any(
            _spells(rest, letters) for rest in rests
        ):
            return position + length
        return None

    def _plural_head(self, start: int) -> str | None:
        """The singular of a plural name shared by a list, "Government" for "Governments of"."""
        words = self.words
        if start + 1 >= len(words) or words[start + 1] != "of":
            return None
        word = words[start]
        singular = word[:-3] + "y" if word.endswith("ies") else word[:-1]
        if word[:1].isupper() and word.endswith("s") and singular.casefold() in _NAME_ENDS:
            return singular
        return None

    def _adjective(self, start: int, end: int) -> bool:
        """Whether the words are an adjective before a common noun, not a name: "European" in
        "European public agencies", "Latin American" in "Latin American networks"."""
        last = self.words[end - 1]
        following = self.words[end] if end < len(self.words) else ""
        return (
            not is_acronym(last)
            and last.casefold() not in _NAME_ENDS
            and last.casefold().endswith(_ADJECTIVE_ENDINGS)
            and following.isalpha()
            and following.islower()
            and following not in _AFTER_NAME
        )

    def names(
        self, start: int, clause_ends: bool = True, places: bool = False
    ) -> tuple[list[_Span], int]:
        """A list of names "A, the B and C" from ``start``, and the position just after the
        last name. With ``clause_ends``, a name followed by a lower-case word is the subject
        of a new clause, not part of the list; ``places`` is as for ``name``."""
        found: list[_Span] = []
        words = self.words
        position = last_end = start
        after_and = False
        # After a label's colon, semicolons part the names: "Funded by: European Union; Grand
        # Duchy of Luxembourg".
        labelled = start > 0 and words[start - 1] == ":"
        while position < len(words):
            article = words[position].casefold() == "the"
            name_start = position + 1 if article else position
            head = self._plural_head(name_start)
            if head is not None:
                # "the Governments of A, B and C": the rest of the list are governments.
                shared, shared_end = self.names(name_start + 2, clause_ends, places=True)
                if shared:
                    found.extend(replace(span, head=head) for span in shared)
                    last_end = shared_end
                    break
            end = self.name(name_start, places)
            shown = name_start
            if end is None and article:
                # "the fishing cooperative Jappo Pêche": what the body is, then its name, both
                # given (what it is says that it is a body).
                after = self._after_kind(name_start)
                end = None if after is None else self.name(after, places)
            if end is None:
                break
            if (
                clause_ends
                and found
                and end < len(words)
                and words[end].islower()
                and words[end] not in _AND
                # "A, B and C that began in 2022": a clause about the name, which it ends.
                and words[end] not in _RELATIVES
            ):
                if not after_and and _TAILS.match(" " + " ".join(words[end : end + 8])):
                    # "Department of Political Affairs, Peace and Security carried out together
                    # with B": a comma inside one name, not a new clause.
                    found[-1] = replace(found[-1], end=end)
                    last_end = end
                break  # "..., Operation Pangea targets ..." starts a clause, not another name
            if end < len(words) and words[end] in _KIND_AFTER and words[end - 1] == ")":
                end += 1  # "the Climate Risk … Systems (CREWS) initiative": the name's own noun
            found.append(_Span(shown, end, article))
            # "A, through its agency B, and C": B is how A gives, and the list goes on after it;
            # in "the Office in Dakar, Senegal, and C" the country is no name of its own.
            position = last_end = (
                self._channel_end(end)
                or self._aside_end(end)
                or self._description_end(end)
                or self._country_end(name_start, end)
                or end
            )
            if after_and or position >= len(words):
                break
            separator = words[position].casefold()
            following = words[position + 1].casefold() if position + 1 < len(words) else ""
            if separator == "," and following in _AND:
                position += 2
                after_and = True
            elif separator == "," and words[position + 1 : position + 3] == ["followed", "by"]:
                position += 3  # "the largest donor is A, followed by B and C"
            elif separator in _AND:
                position += 1
                after_and = True
            elif separator == "," and len(found) == 1 and self._place_ends(position + 1):
                break  # "operated by the Sloboda Centre, Belgrade": where it is, no name
            elif separator == "," or (separator == ";" and labelled):
                position += 1
            else:
                break
        return found, last_end

    def _place_ends(self, position: int) -> bool:
        """Whether the word at ``position`` is a place that ends a name's line: one capitalized
        word, no acronym, country or word of an organisation, and nothing after it but the
        sentence's end ("the Sloboda Centre, Belgrade", "Secretariat: RCLS, Bishkek")."""
        words = self.words
        if position >= len(words):
            return False
        word = words[position]
        after = words[position + 1] if position + 1 < len(words) else "."
        return (
            _is_word(word)
            and _is_capitalized(word)
            and not is_acronym(word)
            and not is_country(word)
            and not is_organisation_word(word)
            and after in {".", ";"}
        )

    def _after_kind(self, start: int) -> int | None:
        """Where a name starts after the words that say what kind of body it is, "fishing
        cooperative" in "the fishing cooperative Jappo Pêche"; None if they say none."""
        words = self.words
        position = start
        while position < min(len(words), start + _KIND_WORDS) and words[position].islower():
            position += 1
        if position == start or not is_body_kind(words[position - 1]):
            return None
        return position

    def _country_end(self, start: int, position: int) -> int | None:
        """Where ", Senegal" ends after a name that ends in a place, "the Regional Office in
        Dakar, Senegal": the country says where the place is, it is not another name."""
        words = self.words
        if not any(w in {"in", "at"} for w in words[start:position]):
            return None
        if words[position : position + 1] != [","] or position + 2 > len(words):
            return None
        country = words[position + 1]
        after = words[position + 2] if position + 2 < len(words) else "."
        if (
            not (_is_word(country) and country[:1].isupper())
            or is_acronym(country)
            or after not in {",", ".", ";"}
        ):
            return None
        return position + 2

    def _aside_end(self, position: int) -> int | None:
        """Where a remark in brackets after a name ends, when the list of names goes on after
        it: "Germany (through its International Climate Initiative, IKI), Norway and Sweden"."""
        words = self.words
        if words[position : position + 1] != ["("]:
            return None
        for close in range(position + 1, min(len(words), position + _ASIDE_TOKENS)):
            if words[close] == "(":
                return None
            if words[close] == ")":
                after = words[close + 1] if close + 1 < len(words) else ""
                return close + 1 if after in {",", ";"} or after.casefold() in _AND else None
        return None

    def _description_end(self, position: int) -> int | None:
        """Where ", a diving club from Bari," ends, when it follows a name at ``position`` and
        the list of names goes on after it: "A, a diving club from Bari, B, a conservation
        group, and C"."""
        words = self.words
        if words[position : position + 1] != [","] or position + 2 >= len(words):
            return None
        if words[position + 1].casefold() not in {"a", "an"}:
            return None
        for comma in range(position + 2, min(len(words), position + _DESCRIPTION_TOKENS)):
            if words[comma] == "," and self._country_after(comma):
                continue  # "an advisory firm in Nairobi, Kenya, which …": the country is a place
            if words[comma] == ",":
                after = words[comma + 1 : comma + 4]
                if after and after[0].casefold() in _AND:
                    after = after[1:]
                if after and after[0] == "the":
                    after = after[1:]
                return comma if after and _is_capitalized(after[0]) else None
            if not _is_word(words[comma]):
                return None
        return None

    def _country_after(self, comma: int) -> bool:
        """Whether a country's name, and nothing more, follows a comma up to the next comma or
        the end of the sentence."""
        run = list(itertools.takewhile(lambda w: w not in {",", "."}, self.words[comma + 1 :]))
        return bool(run) and is_country(" ".join(run))

    def _channel_end(self, position: int) -> int | None:
        """Where ", through B," ends, when it follows a name at ``position`` and the list of
        names goes on after it."""
        words = self.words
        if words[position : position + 1] != [","] or position + 1 >= len(words):
            return None
        if words[position + 1].casefold() not in {"through", "via"}:
            return None
        start = position + 2
        if words[start : start + 1] in (["its"], ["their"]):
            start += 1
        end = self.name(_skip_article(words, start))
        if end is None or words[end : end + 1] != [","]:
            return None
        return end

    def listed(self, start: int) -> tuple[list[_Span], int]:
        """Like ``names``, but also past a lower-case lead-in to the list: "a consortium made
        up of A, B and C", "a group of donors that includes A", "two organisations: A and B"."""
        found, end = self.names(start)
        position = start
        while not found and position < min(len(self.words), start + _LEAD_IN_WORDS):
            word = self.words[position]
            if not (word == ":" or word.isdigit() or (word.isalpha() and word.islower())):
                break
            position += 1
            if word.casefold() in _LEAD_IN_ENDS:
                found, end = self.names(position)
        return (found, end) if found else ([], start)


def _bracket_length(words: list[str], position: int) -> int:
    """How many tokens the brackets at ``position`` take, if they hold one word ("(WCO)",
    "(Politie)") or an acronym written in parts ("(LO A/P)"); else 0."""
    if words[position : position + 1] != ["("]:
        return 0
    if words[position + 2 : position + 3] == [")"]:
        return 3
    for close in range(position + 2, min(len(words), position + _BRACKET_TOKENS + 2)):
        if words[close] == ")":
            inside = words[position + 1 : close]
            # "(LO A/P)", and a short name with an acronym in it: "(Africa CDC)", "(ECOWAS
            # Commission)".
            parts = all(w.isupper() or w in _ACRONYM_JOINS for w in inside) or all(
                _is_word(w) and w[:1].isupper() for w in inside
            )
            return close + 1 - position if parts and any(is_acronym(w) for w in inside) else 0
    return 0


def _bracket_start(words: list[str], start: int, end: int) -> int | None:
    """Where the brackets that end ``words[start:end]`` open, if they do."""
    if end - start < 3 or words[end - 1] != ")":
        return None
    for position in range(end - 3, max(start, end - _BRACKET_TOKENS - 2) - 1, -1):
        if words[position] == "(":
            return position if _bracket_length(words, position) == end - position else None
    return None


def _spells(words: Sequence[str], letters: list[str]) -> bool:
    """Whether the initials of the capitalised words, and of their hyphenated parts, hold
    every letter of an acronym, in any order: names are often shortened in another language."""
    initials = Counter(
        part[0].upper() for word in words for part in word.split("-") if _is_capitalized(part)
    )
    return bool(letters) and not Counter(letters) - initials


def _display(words: list[str], start: int, end: int, article: bool) -> str:
    text = _join(words[start:end])
    if end - start == 1 and is_acronym(words[start]):
        return text
    bracket = _bracket_start(words, start, end)
    if bracket is not None and bracket > start:
        end = bracket  # "World Customs Organization (WCO)" takes "the" as the organization
    bare = words[start:end]
    # The head noun comes before the name's complement: "Office" in "Office of Counter-Terrorism".
    head = next((w for w, n in pairwise(bare) if n in _CONNECTORS), bare[-1] if bare else "")
    # "INTERPOL's Environmental Security Unit" already has its determiner, and so has
    # "Expertise France's Security Department".
    possessive = any(re.search(r"['’]s$", word) for word in bare)
    if article or (head.casefold() in _ARTICLE_HEADS and not possessive):
        return f"the {text}"
    return text


def _join(words: Sequence[str]) -> str:
    text = ""
    for word in words:
        if not text or word in ",.;:)/" or text.endswith(("(", "/")):
            text += word
        else:
            text += " " + word
    return text


def _token_index(matches: list[re.Match[str]], offset: int) -> int:
    """Index of the first token at or after a character offset."""
    for index, match in enumerate(matches):
        if match.start() >= offset:
            return index
    return len(matches)


def _organisations(words: list[str], found: list[_Span]) -> tuple[str, ...]:
    return tuple(
        f"the {span.head} of {_display(words, span.start, span.end, span.article)}"
        if span.head
        else _display(words, span.start, span.end, span.article)
        for span in found
    )


def _skip_article(words: list[str], position: int) -> int:
    """The position after a "the" at ``position``, if there is one."""
    return position + 1 if words[position : position + 1] in (["the"], ["The"]) else position
