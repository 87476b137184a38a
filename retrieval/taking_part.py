"""What an organisation takes part in: the other direction of a who-question. "Which programmes is
UNODC part of?", "what does Norway fund?" are answered from the same evidence as "who runs X"
(``roles``): every passage that names the organisation is read for claims that give it a part,
and the programmes those claims are about are listed, each with its citation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from corpus.models import Passage
from retrieval.analysis import INITIAL_WORDS, INITIALS_GLUE, Expansion, Query, initials_of
from retrieval.cue_players import goes_through
from retrieval.indexing import Index
from retrieval.name_lists import players
from retrieval.organisations import (
    bare_name,
    capitalized_runs,
    is_country,
    is_currency,
    is_generic,
    is_organisation_word,
)
from retrieval.relations import denials, join_names, same_organisation
from retrieval.role_answers import body_key, name_key
from retrieval.roles import Claim, Role
from retrieval.searching import Searcher
from retrieval.undertakings import ARTICLE_START
from retrieval.undertakings import UNDERTAKING_WORDS as _UNDERTAKING_WORDS

# "which programmes is A part of", "what does A fund", "what is A involved in".
_ASKED = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:which|what|wat|wich|where)\s+"
    r"(?:(?:other\s+)?(?:programmes?|programs?|projects?|initiatives?|partnerships?|funds?|"
    r"activities|operations|work|things|efforts|organi[sz]ations?|bodies)\s+)?"
    r"(?:is|are|does|do|has|have|did)\s+(?P<who>.+?)\s+(?:been\s+)?"
    r"(?P<verb>(?:a\s+)?(?:part|member|partner|partners|members)\s+(?:of|in)|involved\s+in|"
    r"a\s+(?:partner|member)|"
    # "which programmes are A in", "where does A play a part", "… have a role in"
    r"in|(?:play|plays|played|have|has|had|got)\s+(?:a\s+)?(?:role|part|hand)(?:\s+in)?|"
    r"(?:got|has|have|had)\s+(?:its|their)\s+hands?\s+in|"
    r"engaged\s+in|active\s+in|work(?:s|ed)?\s+(?:on|in)|"
    r"take\s+part\s+in|taking\s+part\s+in|participated?\s+in|participating\s+in|"
    r"belong(?:ed)?\s+to|joined|"
    r"(?:co-?)?fund(?:ed|ing)?|(?:co-?)?financ(?:e|ed|ing)|pa(?:y|id|ying)\s+for|"
    r"support(?:ed|ing)?|sponsor(?:ed)?|"
    r"back(?:ed|ing)?|"
    r"give\s+money\s+to|gave\s+money\s+to|give\s+to|donate\s+to|contribute\s+to|"
    r"host(?:ed|ing)?|run|ran|running|lead|led|leading|implement(?:ed|ing)?|manag(?:e|ed|ing)|"
    r"administer(?:ed)?|coordinate|chair(?:ed)?|"
    r"creat(?:e|ed)|found(?:ed)?|set\s+up|launch(?:ed)?|establish(?:ed)?|start(?:ed)?)"
    # "which funds does the World Bank manage as trustee", "… implement or support"
    r"(?:\s+as\s+\w+)?(?P<also>\s+(?:or|and|n|&)\s+[a-z-]+(?:\s+(?:in|to|for))?)?\b"
    # "…, even in the past", "…, incl the ones it left": which of them, after a comma.
    r"(?:\s*,[^?!.]*)?[\s?!.]*$",
    re.IGNORECASE,
)
# "what does interpol do, which programmes r they in", "wat r the world banks roles, which
# programmes is it in", "what does the wco do n in wich projects": what A does, then which
# programmes, of "it" or "they".
_WHAT_IT_DOES = re.compile(
    r"^\s*(?:what|wat)\s+(?:does|do|did|is|are|r)\s+(?P<who>.+?)(?:['’]?s)?\s+"
    r"(?:do|doing|roles?|work)\s*(?:,|\band\b|\bn\b|&)\s*(?:and\s+|n\s+)?(?:in\s+)?"
    r"(?:which|wich|what|wat)\s+(?:programmes|programs|projects|initiatives|partnerships)\b"
    r"(?:\s+(?:is|are|r|does|do)\s+(?:it|they)\s+(?:part\s+of|in|involved\s+in))?[\s?!.]*$",
    re.IGNORECASE,
)
# The same asked the other way round: "which programmes get money from the european union",
# "what is hosted by unops", "which projects r run by iom".
_BY_THEM = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:which|what|wat|wich)\s+(?:other\s+)?"
    r"(?:(?:programmes?|programs?|projects?|initiatives?|partnerships?|funds?|activities|"
    r"things|work)\s+)?"
    r"(?P<verb>(?:gets?|got|receives?|received|draws?)\s+"
    r"(?:money|funding|funds|grants?|financing|support)\s+from|"
    r"(?:is|are|r|was|were|(?:has|have)\s+been)\s+(?:funded|financed|paid\s+for|supported|"
    r"backed|sponsored|hosted|run|led|implemented|managed|administered|chaired|coordinated|"
    r"set\s+up|founded|created|launched|established)\s+by)"
    r"\s+(?P<who>.+?)[\s?!.]*$",
    re.IGNORECASE,
)
# The same in other shapes. What is listed: "programmes", "projects" …
_LISTED = (
    r"(?:other\s+)?(?:programmes?|programs?|projects?|initiatives?|partnerships?|funds?|"
    r"activities|efforts)"
)
_WHICH = r"(?:which|what|wat|wich)"
# Two organisations asked about as one: "japan or jica", "the eu / the ec".
_EITHER = re.compile(r"\s+or\s+|\s*/\s*", re.IGNORECASE)
# What a question may end on: "…, past ones too", "…, as funder or anything else?".
_END = r"(?:\s*,[^?!.]*)?[\s?!.]*$"
_OTHER_SHAPES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "list the projects iom is involved in", "can u name all programmes the eu funds".
        r"^\s*(?:(?:can|could)\s+(?:you|u)\s+|pls\s+|please\s+)?"
        r"(?:list|name|show(?:\s+me)?|tell\s+me|give\s+me)\s+(?:all\s+|every\s+)?(?:of\s+)?"
        rf"(?:the\s+)?{_LISTED}\s+(?:that\s+|which\s+|where\s+)?(?P<who>.+?)\s+"
        r"(?:(?:is|are|has|have)\s+)?(?:been\s+)?"
        r"(?P<verb>involved\s+in|part\s+of|a\s+(?:partner|member)\s+(?:of|in)|in|supports?|"
        r"funds?|finances?|runs?|leads?|hosts?|works?\s+on|participates?\s+in|"
        r"takes?\s+part\s+in|(?:plays?|has|have)\s+a\s+(?:role|part)(?:\s+in)?)"
        rf"{_END}",
        # "what does the world bank do across these programmes, list them pls".
        r"^\s*(?:what|wat)\s+(?:does|do|did)\s+(?P<who>.+?)\s+do\b[^?]*\b(?:list|name)\s+them\b"
        r"[^?]*$",
        # "in which programmes does giz participate", "in what projects is iom involved".
        rf"^\s*(?:and\s+)?in\s+{_WHICH}\s+{_LISTED}\s+(?:is|are|does|do|has|have|did)\s+"
        r"(?P<who>.+?)\s+(?:been\s+)?(?P<verb>involved|active|engaged|a\s+partner|a\s+member|"
        rf"participat\w*|tak\w*\s+part|(?:play|plays|have|has)\s+a\s+(?:role|part)){_END}",
        # "which programmes involve iom", "what projects count the eu as a donor".
        rf"^\s*(?:and\s+)?{_WHICH}\s+{_LISTED}\s+(?:involve|involves|include|includes|count|"
        r"counts|feature|features)\s+(?!an?\s)(?P<who>.+?)(?:\s+as\s+(?:an?\s+)?(?P<verb>partner|member|"
        rf"donor|funder|sponsor|host|implementer|chair)s?)?{_END}",
        # "which programmes is germany a donor to", "what is unops the host of".
        rf"^\s*(?:and\s+)?{_WHICH}\s+(?:{_LISTED}\s+)?(?:is|are|was|were|has|have)\s+"
        r"(?P<who>.+?)\s+(?:been\s+)?(?:an?|the)\s+(?P<verb>donor|funder|sponsor|backer|host|"
        r"chair|implementer|implementing\s+(?:partner|agency)|member|partner|secretariat)\s+"
        rf"(?:to|of|for|in|on){_END}",
        # "what roles does unodc play", "what r the eu's roles".
        r"^\s*(?:and\s+)?(?:what|wat)\s+(?:roles?|parts?)\s+(?:does|do|did)\s+(?P<who>.+?)\s+"
        rf"(?:play|plays|have|has){_END}",
        r"^\s*(?:and\s+)?(?:what|wat)\s+(?:are|r|is)\s+(?P<who>.+?)(?:['’]s|s['’])\s+"
        rf"(?:roles|involvements?|partnerships|programmes|projects){_END}",
        # "where is giz involved", "where is the eu active".
        r"^\s*(?:and\s+)?where\s+(?:is|are|has|have)\s+(?P<who>.+?)\s+(?:been\s+)?"
        rf"(?P<verb>involved|active|engaged){_END}",
        # "which programmes benefit from eu money", "what benefits from the eu's support".
        rf"^\s*(?:and\s+)?{_WHICH}\s+(?:{_LISTED}\s+)?benefit(?:s|ed)?\s+from\s+(?P<who>.+?)"
        rf"(?:['’]s)?\s+(?P<verb>money|funding|funds|grants?|financing|support){_END}",
        # "where does the eu's money go".
        r"^\s*(?:and\s+)?where\s+(?:does|do|did)\s+(?P<who>.+?)(?:['’]s)?\s+"
        rf"(?P<verb>money|funding|funds|support)\s+go{_END}",
        # "which projects get eu money".
        rf"^\s*(?:and\s+)?{_WHICH}\s+{_LISTED}\s+(?:gets?|got|receives?|received)\s+"
        rf"(?P<who>.+?)\s+(?P<verb>money|funding|funds|grants?|financing|support){_END}",
    )
)
_WHERE = re.compile(r"\s*(?:and\s+|so\s+)?where\b", re.IGNORECASE)
_PLAYS = re.compile(
    r"\b(?:role|part|hand|partners?|members?|involved|active|engaged|money|funding|funds|"
    r"support)\b",
    re.IGNORECASE,
)
# "unep programmes", "interpol's projects".
_BARE = re.compile(
    r"^\s*(?P<who>[^\s?!.]+(?:\s+[^\s?!.]+)?)(?:'s|’s)?\s+"
    r"(?:programmes|programs|projects|initiatives|partnerships)[\s?!.]*$",
    re.IGNORECASE,
)
# The part each verb asks about; None: any part.
_VERB_ROLES: tuple[tuple[re.Pattern[str], Role], ...] = (
    (
        re.compile(
            r"fund|financ|pa(?:y|id)|support|sponsor|give|gave|donate|contribute|back|money|grant|"
            r"donor",
            re.I,
        ),
        Role.FUND,
    ),
    (re.compile(r"host", re.I), Role.HOST),
    (re.compile(r"chair", re.I), Role.CHAIR),
    (
        re.compile(r"run|ran|lead|led|implement|manag|coordinat|administer|secretariat", re.I),
        Role.RUN,
    ),
    (re.compile(r"creat|found|set\s+up|launch|establish|start", re.I), Role.FOUND),
)
_PHRASES = {
    None: "takes part in",
    Role.FUND: "funds",
    Role.HOST: "hosts",
    Role.CHAIR: "chairs",
    Role.RUN: "runs",
    Role.FOUND: "set up",
}
# Last words of the names of bodies, which take part in things, rather than of programmes.
_BODY_WORDS = frozenset(
    "organization organisation office union bank agency agencies commission government ministry "
    "secretariat institute council committee authority service department administration "
    "corporation company university federation society board court police directorate "
    "foundation bureau nations states international".split()
)
# Words of bodies that their members make up ("the Kalungu River Basin Commission").
_MEMBER_BODIES = frozenset({"commission", "committee", "council", "authority"})
# An organisation asked by one short word ("the eu"), and how many of the passages best for
# it are read for a name in capitals whose initials it gives ("European Union"), the small
# words such names leave out of their initials between its words.
_SHORT = re.compile(r"^(?:the\s+)?([^\W\d_]{2,5})$", re.IGNORECASE)
_FULL_NAME_DEPTH = 20
_CAPITALIZED_RUN = capitalized_runs("|".join(sorted(INITIALS_GLUE)))
# The small words that names write in lower case ("Partnership for Action on Green Economy").
_NAME_GLUE = INITIALS_GLUE | frozenset("a an at by from with towards".split())
# How many letters a short word of a question may give the initials of ("un").
_INITIAL_LETTERS = range(2, 4)
# How many passages naming the organisation are read, best first.
DEPTH = 200
# How many passages naming a programme are read to tell whether it is rather a body.
PLAYER_DEPTH = 50
# How many programmes a line lists at most: beyond that the passages list the rest.
MAX_LISTED = 20


@dataclass(frozen=True)
class Asked:
    """A question about what an organisation takes part in.

    Attributes:
        who: the organisation as the question writes it.
        role: the part asked about; None for any part ("part of", "involved in").
    """

    who: str
    role: Role | None


# A heading's number: "1. The programme in brief", "2.3 Our partners".
_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")


def _through_them(sentence: str, is_them: Callable[[str], bool]) -> list[str]:
    """The names of a sentence that are the organisation asked about, where others play their
    part through it: asked about Sida, "Sweden, through Sida, financed the Secretariat" gives
    Sida the part."""
    return [
        mention.name
        for mention in players(sentence)
        if is_them(mention.name) and goes_through(sentence, mention.start)
    ]


def _of_members(name: str) -> bool:
    """Whether a name is that of a body its members make up, which others take part in: a
    commission, committee, council or authority, not an agency or a company."""
    return bool(_MEMBER_BODIES & {w.casefold() for w in name.split()})


def _wanted(query: Query, searcher: Searcher) -> list[set[str]]:
    """The terms a name of the organisation asked about holds: as asked, and with each name in
    it written the other way ("the un mptf office" is the United Nations MPTF Office, not the
    UN)."""
    content = set(query.content)
    wanted = [content]
    for expansion in query.expansions:
        short, long = (searcher.terms_of([n]) for n in (expansion.short, expansion.long))
        wanted.append((content - short) | long if short <= content else (content - long) | short)
    return [terms for terms in wanted if terms]


def _short_word(who: str) -> str | None:
    """The one short word an organisation is asked by, which may be initials, in lower case
    ("eu" of "the EU"); None for a name of more words."""
    found = _SHORT.match(who.strip())
    return found.group(1).casefold() if found else None


def _role_of(verb: str) -> Role | None:
    """The part a verb of a question asks about; None for any part."""
    return next((role for pattern, role in _VERB_ROLES if pattern.search(verb)), None)


def _names_nothing(subject: str) -> bool:
    """Whether a subject is no name: only an article and words in lower case ("The programme
    at a glance", a heading that a page's title part gives), or words of a phrase, more of
    them in lower case than capitalized, the small words of names aside ("Programme
    results", "Germany's commitment")."""
    words = _NUMBERED.sub("", subject).split()
    if len(words) < 2:
        return False
    if words[0].casefold() in {"the", "our", "this"} and not any(
        word[:1].isupper() for word in words[1:]
    ):
        return True
    lower = [w for w in words if w.islower() and w not in _NAME_GLUE]
    return len(lower) >= len(words) - len(lower) - sum(w in _NAME_GLUE for w in words)


# What a question adds at its end that says nothing of its shape: a remark in brackets ("(host,
# implementer, whatever)"), or where it asks ("in here", "on this site").
_ASIDE = re.compile(
    r"\s*\([^()]*\)(?=[\s?!.]*$)|\s+(?:in\s+|on\s+)?(?:here|this\s+site|these\s+pages)\b",
    re.IGNORECASE,
)


def _match(question: str) -> re.Match[str] | None:
    question = _ASIDE.sub("", question)
    found = (
        _BARE.match(question)
        or _WHAT_IT_DOES.match(question)
        or _ASKED.match(question)
        or _BY_THEM.match(question)
        or next(filter(None, (shape.match(question) for shape in _OTHER_SHAPES)), None)
    )
    # "Where" asks for the programmes only where A plays a part: "where is the secretariat
    # in" asks for a place.
    if found and _WHERE.match(question) and not _PLAYS.search(found.groupdict().get("verb") or ""):
        return None
    return found


# The organisation named first, then asked about as "it" or "they": "world bank – in which
# programmes does it have a role?".
_FRONTED = re.compile(r"^\s*(?P<name>[^–—:,?]{2,60}?)(?:\s*[–—:,]|\s+-)\s*(?P<rest>.+)$")
_PRONOUN = re.compile(r"\b(?:it|they)\b", re.IGNORECASE)


def who_span(question: str) -> tuple[int, int] | None:
    """Where a question about what an organisation takes part in names the organisation."""
    found = _match(question)
    return found.span("who") if found else None


def asked(question: str) -> Asked | None:
    """What a question asks an organisation takes part in, or None for any other question."""
    found = _match(question)
    fronted = _FRONTED.match(question) if found is None else None
    if fronted is not None and _PRONOUN.search(fronted.group("rest")):
        name = fronted.group("name").strip()
        found = _match(_PRONOUN.sub(lambda _: name, fronted.group("rest"), count=1))
    if found is None:
        return None
    said = found.groupdict()
    # "Which programmes does A implement or support" asks for either part: any.
    roles = {_role_of(verb) for verb in (said.get("verb"), said.get("also")) if verb}
    return Asked(found.group("who").strip(), roles.pop() if len(roles) == 1 else None)


@dataclass(frozen=True)
class Listing:
    """The answer: its line and the passages it cites, in the order of their numbers."""

    line: str
    names: tuple[str, ...]
    positions: tuple[int, ...]


class TakingPart:
    """Answers to "what does A take part in" from one index."""

    def __init__(
        self,
        index: Index,
        searcher: Searcher,
        read: Callable[[int], Sequence[Claim]],
        page_subject: Callable[[Passage], str | None],
    ) -> None:
        self.index = index
        self.searcher = searcher
        self.read = read
        self.page_subject = page_subject
        self._played: dict[frozenset[str], bool] = {}  # ``_mostly_a_player``'s, by name

    def _is_body(self, name: str) -> bool:
        """Whether a name is that of a body, which takes part, rather than of something taken
        part in: a name with a word of a body and none of a programme ("EU" is the European
        Union), an acronym whose long name the corpus does not give as a programme's ("NPS"),
        or a currency ("EUR")."""
        bare = bare_name(name)
        if is_country(bare):
            return True
        words = bare.split()
        if len(words) == 1 and not is_organisation_word(bare):
            if is_currency(bare):
                return True
            # An acronym whose long name the corpus gives is what that name is: "EU" is the
            # European Union, "NPS" new psychoactive substances; one it never spells out
            # ("CRIMJUST") is what the sentence says it is.
            long = {w.casefold() for w in self.index.acronyms.get(bare, "").split()}
            return bool(long) and not long & _UNDERTAKING_WORDS
        folded = {w.casefold() for w in words}
        return not folded & _UNDERTAKING_WORDS and bool(folded & _BODY_WORDS)

    def _mostly_a_player(self, subject: str) -> bool:
        """Whether the passages that name something give it as a player more often than as
        what others play a part in: then it is a body ("UNICEF", "the World Food Programme"),
        whatever its words say. Worked out once per name."""
        key = name_key(self.searcher, subject)
        found = self._played.get(key)
        if found is None:
            players = subjects = 0
            for ranked in self.searcher.rank(self.searcher.analyze(subject), limit=PLAYER_DEPTH):
                passage = self.index.passages[ranked.position]
                for claim in self.read(ranked.position):
                    players += sum(name_key(self.searcher, n) == key for n in claim.names)
                    about = claim.about or (self.page_subject(passage) or "",)
                    subjects += sum(name_key(self.searcher, n) == key for n in about)
            found = self._played[key] = players > subjects
        return found

    def _as_acronyms(self, who: str) -> str:
        """The organisation as the question writes it, with the words that the corpus spells
        out as acronyms written in capitals: the one a question names is never a word of the
        question, so "the who" is the WHO."""
        return re.sub(
            r"[^\W_]+",
            lambda word: (
                word.group().upper() if self.searcher.spells_out(word.group()) else word.group()
            ),
            who,
        )

    def _by_initials(self, asked: Sequence[str], name: str) -> bool:
        """Whether a name is the organisation asked about with a short word of the question
        giving the initials of the name's words right before the question's next word: "the
        un environment programme" is the United Nations Environment Programme."""
        terms = self.searcher.terms_of([name])
        missing = [at for at, term in enumerate(asked) if term not in terms]
        if not missing or len(missing) == len(asked):
            return False
        words = INITIAL_WORDS.findall(name)
        following = [self.searcher.tokenizer.terms(word) for word in words]
        for at in missing:
            short = asked[at]
            if len(short) not in _INITIAL_LETTERS or at + 1 == len(asked):
                return False
            width = len(short)
            if not any(
                "".join(w[0] for w in words[i : i + width]).casefold() == short
                and following[i + width] == [asked[at + 1]]
                for i in range(len(words) - width)
            ):
                return False
        return True

    def _written_in_full(self, short: str, query: Query) -> tuple[Expansion, ...]:
        """The one name that the passages best for a short word write as capitalized words
        whose initials it gives ("European Union" for "eu"), as its expansion; none if none
        or several do."""
        found: set[str] = set()
        for ranked in self.searcher.rank(query, limit=_FULL_NAME_DEPTH):
            for run in _CAPITALIZED_RUN.findall(self.index.passages[ranked.position].text):
                words = [w for w in run.split() if w.casefold() not in INITIALS_GLUE]
                if len(words) >= 2 and "".join(w[0] for w in words).casefold() == short:
                    found.add(" ".join(ARTICLE_START.sub("", run).split()))
        return (Expansion(short.upper(), found.pop()),) if len(found) == 1 else ()

    def _spelled_by_initials(self, asked: Sequence[str]) -> tuple[Expansion, ...]:
        """The acronyms whose long names the question gives with initials (``_by_initials``);
        only those whose long names have the initials are read word by word."""
        shorts = [word for word in asked if len(word) in _INITIAL_LETTERS]
        if not shorts:
            return ()
        return tuple(
            Expansion(short, long)
            for short, long in self.index.acronyms.items()
            if all(initials_of(word, long) for word in shorts) and self._by_initials(asked, long)
        )

    def answer(self, question: str) -> Listing | None:
        """The programmes the question's organisation plays the asked part in, or None when
        the question asks something else or no passage gives it such a part."""
        ask = asked(question)
        if ask is None:
            return None
        query = self.searcher.analyze(self._as_acronyms(ask.who))
        spelled = self.searcher.spelled_out(ask.who)
        if not query.content and spelled is not None:
            # An acronym that is a question word ("where does who play a role"): by its name.
            query = replace(self.searcher.analyze(spelled[1]), expansions=(Expansion(*spelled),))
        # The question's words, those the corpus lacks too ("un", where no page writes it).
        words = self.searcher.tokenizer.terms(ask.who)
        initials = () if query.expansions else self._spelled_by_initials(words)
        short = _short_word(ask.who)
        if not initials and not query.expansions and short is not None:
            # "The eu", where no page says "European Union (EU)": the name that the passages
            # best for it write in full, if one alone has its letters as initials.
            initials = self._written_in_full(short, query)
        if len(initials) == 1:
            # "The un environment programme" is UNEP, whose long name it gives by initials.
            query = replace(self.searcher.analyze(initials[0].long), expansions=initials)
        # "Japan or JICA": either, each by its own words.
        either = _EITHER.split(ask.who)
        queries = (
            [self.searcher.analyze(self._as_acronyms(one)) for one in either]
            if len(either) > 1
            else [query]
        )
        wanted = [terms for one in queries for terms in _wanted(one, self.searcher)]
        if not wanted:
            return None

        # Its acronym, which a name written alone in capitals ("WHO") gives no term of.
        shorts = {expansion.short for one in queries for expansion in one.expansions}

        def is_them(name: str) -> bool:
            terms = self.searcher.terms_of([name])
            return any(w <= terms for w in wanted) or ARTICLE_START.sub("", name) in shorts

        # Read lazily: most questions list their programmes long before the last passage.
        read = (
            (ranked.position, claim)
            for ranked in self.searcher.rank(query, limit=DEPTH)
            for claim in self.read(ranked.position)
        )
        listed: dict[frozenset[str], tuple[str, int]] = {}
        shown: list[str] = []
        for position, claim in read:
            if ask.role is not None and claim.role is not ask.role:
                continue
            theirs = [name for name in claim.names if is_them(name)] or _through_them(
                claim.sentence, is_them
            )
            # "The World Bank is not a contributor to the CRFF" gives it no part.
            denied = [d.organisation for d in denials(claim.sentence)] if theirs else []
            theirs = [n for n in theirs if not any(same_organisation(n, d) for d in denied)]
            if not theirs:
                continue
            shown += theirs
            # A body of members that the page is about is taken part in: "Sweden financed the
            # Secretariat" on the page of the Kalungu River Basin Commission; one a sentence
            # names may be another player.
            on_page = not claim.about
            about = claim.about or (self.page_subject(self.index.passages[position]) or "",)
            for subject in about:
                # "NATF" and "the Nutrition Accelerator Trust Fund (NATF)" are one programme.
                key = body_key(self.searcher, self.index.acronyms, subject)
                if (
                    not key
                    or key in listed
                    or is_them(subject)
                    or is_generic(subject)
                    or _names_nothing(subject)
                    or (self._is_body(subject) and not (on_page and _of_members(subject)))
                    or self._mostly_a_player(subject)
                ):
                    continue
                # "The X" reads "the X" mid-line; "MPP's" is MPP.
                shown_name = re.sub(r"['’]s$", "", re.sub(r"^The\s", "the ", subject))
                listed[key] = (shown_name, position)
            if len(listed) >= MAX_LISTED:
                break
        # "Stop TB Partnership" and "the Stop TB Partnership Secretariat" are one: the shorter
        # name stands for both.
        for key in sorted(listed, key=len, reverse=True):
            if any(other < key for other in listed):
                del listed[key]
        if not listed:
            return None
        positions = list(dict.fromkeys(position for _, position in listed.values()))
        items = [f"{subject} [{positions.index(p) + 1}]" for subject, p in listed.values()]
        # They, as the pages name them most simply: "UNDP", not "UNDP MPTF Office".
        simplest = min(
            shown,
            key=lambda name: (" and " in name, len(self.searcher.terms_of([name])), len(name)),
        )
        who = simplest[0].upper() + simplest[1:]
        line = f"{who} {_PHRASES[ask.role]} {join_names(items)}"
        return Listing(line, tuple(subject for subject, _ in listed.values()), tuple(positions))
