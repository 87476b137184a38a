"""Who runs what: organisations named in a passage as running, implementing or making up something.

Nothing here knows a programme or an organisation by name. It reads sentences
such as "the Airport Communication Project (AIRCOP) implemented by the UNODC,
World Customs Organization and INTERPOL", "Implemented jointly by UNODC,
INTERPOL and Transparency International, CRIMJUST gathers ..." or "ICCWC, a
collaborative effort of the CITES Secretariat, INTERPOL, UNODC, the World Bank
and the WCO", and pulls out the subject and the list of names; or, in the active
voice, "A leads the operation, supported by B", "A planned and directed X IV, with
B acting as the coordination unit", and "X operates under the auspices of A and is
implemented by B". Who pays is read the same way: "supported financially by A",
"made possible thanks to a grant from A", "funding for X comes from A", "an
A-funded project", "X has received funding from the Governments of A and B". So
are lists and tables of partners with their roles, where a list's lead-in
("Partners:", "Donors:") says what its items do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from itertools import pairwise

from corpus.acronyms import is_acronym
from corpus.sentences import sentences

_TOKEN = re.compile(r"[^\W_]+(?:[-'’&.][^\W_]+)*|[^\w\s]")
_CONNECTORS = frozenset({"of", "on", "for", "the", "de", "du", "des", "in", "against", "to"})
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
_AUXILIARIES = frozenset(
    "is are was were been be being has have had which that who currently also now both jointly "
    "together".split()
)

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
    r"(?P<pre>\b(?:jointly|together|collaboratively|also|currently|mainly|primarily)\s+)?"
    rf"\b(?P<verb>{_PASSIVE_VERBS})"
    # "developed, and is maintained today, by": two verbs share the agent.
    rf"(?:\s*,?\s+(?:and|or)\s+(?:(?:is|are|was|were|has been|have been)\s+)?"
    rf"(?P<second>{_PASSIVE_VERBS})(?:\s+(?:today|now|still|currently))?\s*,?)?"
    # "supported financially by", "administered day to day by", "launched in 2012 by"
    r"(?:\s+(?P<manner>[a-z]+ly))?"
    r"(?:\s+(?:on\s+a\s+)?day[\s-]to[\s-]day(?:\s+basis)?)?"
    r"(?:\s+(?:in|on|since|from|during)\s+[\w-]+(?:\s+[\w-]+)?)?"
    r"\s+(?P<post>(?:jointly|together|collaboratively)\s+)?by\b",
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
    # "X is a joint initiative of", "X, a partnership between", "X was set up in 2004 as a
    # partnership between"
    r"(?:,|\b(?:is|was|are|were)\b|\b(?:established|set\s+up|created|founded|launched|formed|"
    r"conceived)(?:\s+in\s+\d{4})?\s+as)"
    r"\s+(?P<np>(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
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
    r"(?:\s*,\s*(?:which|who)\b)?\s+(?:jointly\s+|together\s+|also\s+|currently\s+)?"
    # "planned and directed X": a first verb shares the subject and the object.
    r"(?:(?P<first>[a-z]+(?:ed|s))\s+and\s+)?"
    rf"(?P<verb>{'|'.join(sorted(_ACTIVE_FORMS, key=len, reverse=True))})\s+"
)
# What money is given as: "a grant from", "voluntary contributions from", "funding channelled
# through".
_MONEY = (
    r"(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:grants?|funding|financing|financial\s+support|support|contributions?|donations?)\s+"
    r"(?:channell?ed\s+through|provided\s+by|from|of|by)"
)
# What "X receives" when it is money: "financial support from", "funding from", "grants
# from"; plain "support" may be advice or training.
_MONEY_RECEIVED = (
    r"\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:grants?|funding|financing|financial\s+support|contributions?|donations?)\s+"
    r"(?:from|of|by)"
)
_FUNDING = re.compile(
    # "funding is provided by A", "GMCP is financed through contributions from donors including A",
    # "its donors include A", "made possible thanks to a grant from A", "with funding from A"
    r"\b(?:(?:funding|financing|financial\s+support)\s+(?:is|was|are|were|has\s+been)\s+"
    r"(?:provided|given|granted)\s+by"
    r"|(?:funded|financed|supported)\s+(?:through|via|thanks\s+to)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:from|by)(?:\s+donors)?(?:\s+(?:including|such\s+as))?"
    # "Its donors include A", "Donors: A and B"
    r"|(?:donors|funders|sponsors)(?:\s+(?:include|including|are|such\s+as)|\s*:)"
    # "X receives financial support from A", "X has received funding from A", "X benefits from
    # grants from A"
    rf"|(?:receives?|received|is\s+receiving|(?:has\s+)?benefit(?:s|ed|ted)\s+from)"
    rf"{_MONEY_RECEIVED}"
    rf"|(?:made\s+possible\s+(?:thanks\s+to|through|by|with)|thanks\s+to)\s+{_MONEY}"
    r"|with\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:funding|financing|financial\s+support|grants?|"
    r"contributions?)\s+(?:from|of|by))\s+",
    re.IGNORECASE,
)
# "Funding for Project X comes from A": the subject sits between the noun and the verb.
_FUNDING_FOR = re.compile(
    r"\b(?:funding|financing|financial\s+support|money)\s+for\s+"
    r"(?P<subject>(?:[\w'’().-]+\s+){0,7}?[\w'’().-]+)\s+"
    r"(?:comes|came|is\s+provided|was\s+provided|has\s+been\s+provided|is\s+received)\s+"
    r"(?:[a-z]+ly\s+)?(?:from|by)\s+",
    re.IGNORECASE,
)
# "a European Union-funded project": the funder is written into the adjective.
_FUNDED_ADJECTIVE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?P<name>(?:[A-Z][\w'’.]*\s+){0,5}[A-Z][\w'’.]*)-"
    r"(?P<verb>funded|financed|sponsored|backed|supported)\s+[a-z][\w-]*"
)
# Clauses that join more names to a list: "A, in partnership with B", "A, with funding from B",
# "A carried out together with B", "a grant from A and voluntary contributions from B".
_TAILS = re.compile(
    # "alongside contributions from B" before "alongside B"
    r"\s*,?\s*(?P<how>(?:and|as\s+well\s+as|alongside|in\s+addition\s+to)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:contributions?|grants?|funding|donations?)\s+(?:from|of|by)"
    r"|(?:(?:carried\s+out|implemented|run|delivered|managed|conducted|"
    r"organi[sz]ed|operated)\s+)?(?:in\s+(?:partnership|cooperation|co-operation|collaboration|"
    r"association)\s+with|together\s+with|alongside|jointly\s+with)"
    r"|with\s+(?:the\s+)?(?:additional\s+|financial\s+|generous\s+)?(?:funding|support|"
    r"contributions?|financing|backing)\s+(?:from|of)"
    r"|under\s+the\s+(?:leadership|coordination|direction|supervision|guidance)\s+of"
    # "A leads the operation, supported by B"
    r"|(?:supported|assisted)\s+by"
    # "X operates under the auspices of A and is implemented by B": a second verb, one subject.
    r"|and\s+(?:is|are|was|were)\s+(?:also\s+|jointly\s+)?(?:implemented|run|managed|led|"
    r"co-led|operated|coordinated|co-ordinated|administered|delivered|carried\s+out|overseen|"
    r"supervised|directed|headed|steered|chaired|hosted)\s+by)\s+",
    re.IGNORECASE,
)
# "..., with B acting as the coordination unit": B's part, named by the role it plays.
_WITH = re.compile(r"\s*,?\s*with\s+", re.IGNORECASE)
_ACTING = re.compile(r"\s+(?P<verb>acting|serving)\s+as\s+(?P<role>[^,;.]+)", re.IGNORECASE)
# Extras that read after a comma: "X is run by A, with funding from B", "..., supported by B".
_COMMA_BEFORE = ("with", "supported", "assisted", "alongside", "in addition")
# Words that name money, so that a clause joining funders says they fund: "supported by B"
# only says they support.
_MONEY_WORDS = re.compile(r"fund|financ|grant|contribution|donation|sponsor", re.IGNORECASE)
# "X operates under the auspices of A": A has authority over X.
_AUSPICES = re.compile(
    r"\b(?P<verb>operates|operated|works|worked|functions|functioned|runs|ran|is|are|was|were|"
    r"falls|fell|comes|came|sits|sat)\s+under\s+the\s+(?P<what>auspices|aegis|authority|"
    r"leadership|direction|supervision|guidance)\s+of\s+",
    re.IGNORECASE,
)
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
# Words that may follow an organisation's name in a sentence; any other lower-case word after a
# name ending like an adjective ("European public agencies") shows it was not a name.
_AFTER_NAME = frozenset(
    "of in on at for from to with through via under and or as by which who whose that since "
    "during between among across within while whereas but is are was were has have had will "
    "would can could also jointly together alone itself based acting".split()
)
# How far a long name may run before the acronym in brackets that spells it out.
_EXPANSION_WORDS = 16
# How many tokens an acronym written in parts may take inside brackets, "(LO A/P)", and what
# may join its parts.
_BRACKET_TOKENS = 5
_ACRONYM_JOINS = frozenset("/-&")
# Where a lead-in before a list of names ends, and how long it may be.
_LEAD_IN_ENDS = frozenset({"of", "include", "includes", "including", "comprising", "as", ":"})
_LEAD_IN_WORDS = 8
# How far back from a participle its noun phrase's article may be: "an EMPACT grant managed by".
_NOUN_PHRASE_WORDS = 4
# Lower-case nouns that end a name: a part of the organisation before them.
_UNIT_NOUNS = frozenset(
    "unit division branch office secretariat team department directorate".split()
)
# Words after which a noun phrase has ended.
_PHRASE_ENDS = _CONNECTORS | _AFTER_NAME
_ROMAN = re.compile(r"[IVXLC]+")
_ADJECTIVE_ENDINGS = ("ean", "ian", "ican", "ese", "ish")  # European, Italian, African, Chinese
# Heads of noun phrases that still point at the page's own subject: "an initiative run by A".
_SUBJECT_NOUNS = _GENERIC_SUBJECT | frozenset(
    "series system portal tool database mechanism activity activities action facility centre "
    "center".split()
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


def join_names(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


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

    def name(self, start: int, places: bool = False) -> int | None:
        """End of the organisation name that starts at ``start``, or None if none does.

        With ``places``, the names are of countries or cities ("the Governments of Chile and
        Peru"), where "and" joins two of them unless it follows an "of" ("the United Kingdom
        of Great Britain and Northern Ireland")."""
        words = self.words
        if start >= len(words) or not _is_word(words[start]) or not _is_capitalized(words[start]):
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
        """The end of a long name with "and" inside it, when an acronym in brackets after it
        spells it out: "International and Ibero-American Foundation for Administration and
        Public Policies (FIIAPP)", "Liaison Office for Asia and the Pacific (LO A/P)".

        Only when the words after the last "and" cannot spell the acronym on their own: in
        "INTERPOL and the World Customs Organization (WCO)" they can, and there are two names.
        """
        words = self.words
        position, last_and = start, None
        while position < min(len(words), start + _EXPANSION_WORDS) and words[position] != "(":
            word = words[position]
            if word.casefold() in _AND:
                last_and = position
            elif not _is_word(word) or not (
                _is_capitalized(word) or word.casefold() in _CONNECTORS
            ):
                return None
            position += 1
        length = _bracket_length(words, position)
        if last_and is None or not length or not _is_capitalized(words[position - 1]):
            return None
        letters = [c for w in words[position + 1 : position + length - 1] for c in w if c.isupper()]
        if _spells(words[start:position], letters) and not _spells(
            words[last_and + 1 : position], letters
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
            if end is None:
                break
            if (
                clause_ends
                and found
                and end < len(words)
                and words[end].islower()
                and (words[end] not in _AND)
            ):
                if not after_and and _TAILS.match(" " + " ".join(words[end : end + 8])):
                    # "Department of Political Affairs, Peace and Security carried out together
                    # with B": a comma inside one name, not a new clause.
                    found[-1] = replace(found[-1], end=end)
                    last_end = end
                break  # "..., Operation Pangea targets ..." starts a clause, not another name
            found.append(_Span(name_start, end, article))
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
            parts = all(w.isupper() or w in _ACRONYM_JOINS for w in inside)
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
    return _subject(words, start, stop, short)


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
    """A subject's text without a leading "the" or a trailing possessive, and its acronym."""
    while start < end and words[start].casefold() == "the":
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
        how = " ".join(tail.group("how").casefold().split())
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
        (_FUNDING_FOR, "funding for"),
        (_FUNDED_ADJECTIVE, "funded adjective"),
        (_EFFORT, "effort"),
        (_GATHERS, "gathers"),
        (_MEMBERS_OF, "members of"),
        (_MEMBERS_AFTER, "members after"),
        (_ACTIVE, "active"),
        (_AUSPICES, "auspices"),
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
        yield replace(relation, extras=extras) if extras else relation
        if kind_of(relation.phrase) is not Kind.FUNDING:
            # "launched by A, with funding from B": B is also what "who funds it?" wants.
            for how, organisations in extras:
                if kind_of(how) is Kind.FUNDING:
                    phrase = "is funded by" if _MONEY_WORDS.search(how) else "is supported by"
                    yield Relation(relation.subject, relation.short, phrase, organisations)


Found = tuple[Relation, int] | None
Shared = tuple[str | None, str | None]


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


def _passive(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    if match.group("aux") is None and _indefinite_before(words, start):
        return None
    found, end = names.listed(after)
    if not found:
        return None
    adverb = (match.group("pre") or match.group("post") or "").strip().casefold()
    aux = (match.group("aux") or "is ").strip().casefold()
    aux = "is" if aux in {"are", "being"} else "was" if aux == "were" else aux
    verbs = match.group("verb").casefold()
    if match.group("second"):
        verbs += f" and {match.group('second').casefold()}"
    manner = (match.group("manner") or "").casefold()
    phrase = " ".join(w for w in (aux, verbs, manner, adverb, "by") if w)
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


def _funding(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.listed(after)
    if not found:
        return None
    return Relation(
        *_left_or_shared(words, start, shared), "is funded by", _organisations(words, found)
    ), end


def _funding_for(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.listed(after)
    if not found:
        return None
    subject, short = _subject_right(words, _token_index(matches, match.start("subject")), names)
    return Relation(subject, short, "is funded by", _organisations(words, found)), end


def _funded_adjective(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    name = [m.group() for m in _tokens(match.group("name"))]
    funder = _display(name, 0, len(name), article=False)
    phrase = f"is {_FUNDED_PHRASES[match.group('verb')]} by"
    return Relation(*_left_or_shared(words, start, shared), phrase, (funder,)), after


def _effort(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.listed(after)
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
    shared: Shared | None,
) -> Found:
    found, end = names.listed(after)
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
    shared: Shared | None,
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
    shared: Shared | None,
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
    shared: Shared | None,
) -> Found:
    # The names come before the verb: find where a list of them ends exactly at it.
    for first in range(start):
        found, end = names.names(first, clause_ends=False)
        if found and end == start:
            if after < len(words) and words[after] in _AFTER_NAME:
                return None  # "A leads on customs checks": no object, no subject to run
            subject, short = _subject_right(words, after, names)
            head, object_end = _noun_phrase(words, after)
            if subject is None and head not in _SUBJECT_NOUNS:
                return None  # "A and B co-chair the steering group": the group, not the page
            participle, past = _ACTIVE_FORMS[match.group("verb")]
            before = match.group("first") or ""
            # "planned and directed" keeps both verbs; "plans and directs" has no participle
            # to give for the first one.
            verbs = f"{before} and {participle}" if before.endswith("ed") else participle
            phrase = f"{'was' if past else 'is'} {verbs} by"
            # More names may be joined on right after the object ("A runs the project together
            # with B") or after the rest of its clause ("A runs the project in Kenya, with B").
            if not _TAILS.match(" " + " ".join(words[object_end : object_end + 8])):
                while object_end < len(words) and words[object_end] not in {",", ";", "."}:
                    object_end += 1
            return Relation(subject, short, phrase, _organisations(words, found)), object_end
    return None


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


def _partnership(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.names(after)
    if not found:
        return None
    phrase = f"works {' '.join(match.group('how').casefold().split())}"
    return Relation(
        *_left_or_shared(words, start, shared), phrase, _organisations(words, found)
    ), end


def _auspices(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.names(after)
    if not found:
        return None
    verb = match.group("verb").casefold()
    verb = "is" if verb == "are" else "was" if verb == "were" else verb
    phrase = f"{verb} under the {match.group('what').casefold()} of"
    return Relation(
        *_left_or_shared(words, start, shared), phrase, _organisations(words, found)
    ), end


_READERS = {
    "passive": _passive,
    "funding": _funding,
    "funding for": _funding_for,
    "funded adjective": _funded_adjective,
    "effort": _effort,
    "gathers": _gathers,
    "members of": _members_of,
    "members after": _members_after,
    "active": _active,
    "auspices": _auspices,
    "partnership": _partnership,
}


# "EU-supported" says the EU pays for it, whatever the verb.
_FUNDED_PHRASES = {
    "funded": "funded",
    "financed": "financed",
    "sponsored": "sponsored",
    "backed": "funded",
    "supported": "funded",
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
    r"\b(?:partners?|partnerships?|members?|membership|implement\w*|donors?|"
    r"fund(?:s|ed|ing|ers?)?|financ(?:e|ed|ing|iers?)|sponsors?|"
    r"stakeholders|governance|consortium|who\s+we\s+work\s+with)\b",
    re.IGNORECASE,
)
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
    about = lead_in if lead_in and _LIST_HEADING.search(lead_in) else heading
    if not _LIST_HEADING.search(about):
        return []
    known = tuple(known_names)
    by_kind: dict[Kind, list[str]] = {}
    for item in items:
        entry = _list_entry(item, known)
        if entry is None:
            continue
        organisation, role = entry
        kind = _role_kind(role)
        if kind is not None and not is_acronym(role.split()[0]):
            role = role[:1].lower() + role[1:]
        by_kind.setdefault(kind or kind_of(about), []).append(
            _with_role(organisation, role) if kind else organisation
        )
    partners = tuple(by_kind.pop(Kind.MEMBERSHIP, []))
    joined = (("in partnership with", partners),) if partners else ()
    found = [
        Relation(
            None, None, _ROLE_PHRASES[kind], tuple(names), joined if kind is Kind.RUNNING else ()
        )
        for kind, names in by_kind.items()
    ]
    if partners and Kind.RUNNING not in by_kind:
        found.append(Relation(None, None, _ROLE_PHRASES[Kind.MEMBERSHIP], partners))
    return found


def _list_entry(item: str, known: tuple[str, ...]) -> tuple[str, str] | None:
    """A list item's organisation, as it should read in an answer, and its role ("" if none):
    "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) GmbH – lead agency"."""
    matches = _tokens(item)
    words = [m.group() for m in matches]
    article = bool(words) and words[0].casefold() == "the"
    start = 1 if article else 0
    end = _labelled_name_end(words, start) or _Names(words, known).name(start)
    if end is None:
        return None
    role = item[matches[end - 1].end() :].strip(" \t–—:-()[],;.")
    return _display(words, start, end, article), role


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
    r"bod(?:y|ies)|entit(?:y|ies)|stakeholders?|name)",
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
        role = cells[roles[0]].split(";")[0].strip(" .") if roles else ""
        kind = _role_kind(role) if role else kind_of(heading)
        if organisation is None or kind is None:
            continue
        if role and not is_acronym(role.split()[0]):
            role = role[:1].lower() + role[1:]
        by_kind.setdefault(kind, []).append(f"{organisation} ({role})" if role else organisation)
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
    words = [m.group() for m in _tokens(cell)]
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


def _role_kind(role: str) -> Kind | None:
    """What a role's title says the organisation does, if it runs, funds or takes part."""
    if _FUNDING_WORDS.search(role):
        return Kind.FUNDING
    if _RUNNING_ROLE.search(role):
        return Kind.RUNNING
    if _MEMBER_ROLE.search(role):
        return Kind.MEMBERSHIP
    return None
