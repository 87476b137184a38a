"""Sentences that say what a question asks for: a year for "when", a number for "how many", an
amount for "how much", a place for "where", a claim of the part asked for "who hosts X". The best
passages holding one come before the others (``AnswerSentences.first``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from itertools import islice

from corpus.models import Passage
from corpus.sentences import sentences
from retrieval.analysis import Query
from retrieval.answer_types import BEGINNING, NUMBER_THEN, SENTENCE_TYPES, question_types
from retrieval.indexing import Index
from retrieval.organisations import is_country, is_organisation_word, mentions_organisation
from retrieval.questions import asks_for_a_person, asks_for_names, numbered_parts
from retrieval.roles import Role, asks_for_countries, said_role, says_role
from retrieval.searching import Ranked, Searcher
from retrieval.synonyms import SYNONYMS

# How many of the best passages a question asking when or how many is answered from, first
# those with a sentence that says it (``AnswerSentences.first``); 3 to 10 did as well
# on the tuned part, 5 best on the seen part.
_ANSWER_SENTENCE_DEPTH = 5
# ... and past them, the passages that score within this share of the best, up to
# ``_TIED_DEPTH``: on a page about one thing every passage gets its name from the title, and
# the sentence "SEAVOLC installed … on 11 volcanoes" may come twelfth, a point behind the
# first. 3 % did best on the tuned parts; 5 % and 8 % moved wrong passages up on the dev tuned
# part.
_TIED_SHARE = 0.03
_TIED_DEPTH = 20
# How many of the best page's passages a "how many" question is read for a count in, when none
# of the best passages counts what it asks: a page may have thousands.
_PAGE_COUNT_REACH = 200
# A table's cell that is a number: "1,240", "71%", "3.5".
_NUMBER_CELL = re.compile(r"\d[\d,.\s]*%?")
# A key fact that counts what its label names: "Babies screened by December 2024: 96,300".
_COUNT_LABEL = re.compile(
    r"([^:|.]{1,80}):\s*(?:about\s+|over\s+|more\s+than\s+)?\d[\d,.]*(?:\s|$)"
)
# ``_count_rank`` of a text that counts nothing asked.
_NO_COUNT = 2
# How many of the best passages a question naming a part ("who pays for X") is answered from,
# first those that say who plays it: a page's passage on its money may share no word with "who
# pays" ("The Panel's work is paid for by …"). 10 to 40 did as well on the tuned part, 20 to
# 40 best on the seen part; but from 20 a passage on the CREWS page that ties the programme's
# projects to "larger World Bank loans and grants" came before its list "Sponsored by: …".
_ROLE_SENTENCE_DEPTH = 10
_NO_YEAR = 10_000
# How many passages of a page are read for a person in a post: a page of thousands of passages
# (a long report) would hold up the answer.
_PAGE_READ = 500
# A span of years: "2019–2023", "from 2019 to 2023"; not "2019-23".
_YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*(?:[–—-]|\bto\b|\buntil\b)\s*((?:19|20)\d\d)\b")
_WHERE = re.compile(r"\s*(?:where|in\s+which\s+(?:city|country))\b", re.IGNORECASE)
_LOCATED = re.compile(
    r"\b(?:based|located|headquarter\w*|seat|sits|hosted|housed|offices?|work\w*|operat\w*)\b"
    r"|\|",
    re.IGNORECASE,
)
_IN_PLACE = re.compile(r"\b(?:in|at)\s+[A-Z][\w-]+")
_CAPITALIZED_WORDS = re.compile(r"[A-Z][\w-]+(?: [A-Z][\w-]+)*")
_HOW_MUCH = re.compile(r"\bhow\s+much\b", re.IGNORECASE)
# "How much" about money: a word of money or of paying after it ("how much did Sida give",
# "how much does X cost"), not "how much is known about X"; nor "fund", which names as many
# programmes as it pays ("how much coral does the Reef Fund survey").
_HOW_MUCH_MONEY = re.compile(
    r"\bhow\s+much\b.*\b(?:money|cost|costs|budget|funding|give|gave|given|gives|"
    r"spend|spent|spends|pay|paid|pays|contribute|contributed|pledge|pledged|lend|lent|loan|"
    r"grant|invest|invested|raise|raised|financ\w*|put|putting)\b",
    re.IGNORECASE,
)
# An amount of money: "EUR 11 million", "US$ 4 billion", "€2.5m", "USD 668 million".
_AMOUNT = re.compile(
    r"(?:\b(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|NOK|SEK|DKK|US\$)|[$€£¥])\s?\d"
    r"|\d[\d,.]*\s*(?:million|billion|m|bn)\b|\d[\d,.]*\s?[€£¥]",
    re.IGNORECASE,
)
# A currency named without a sum, as column headings do: "Pledged 2021–2026 (USD million)".
_CURRENCY = re.compile(r"\b(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|NOK|SEK|DKK|US\$)\b|[$€£¥]")
_DIGIT = re.compile(r"\d")
# A year, as a sentence that says when writes it.
_YEAR = SENTENCE_TYPES["#date"]
# What "how many" counts: the last word before the verb, the head of its noun ("how many member
# countries does X have"), or else the word after it. A preposition ends the noun: "how many
# schools in serbia are".
_COUNTED = re.compile(
    r"\bhow\s+many\s+(?:(?:(?!(?:in|of|on|at|for|from|to|with|by)\s)[\w-]+\s+){0,2}?([\w-]+)\s+"
    r"(?:do|does|did|are|is|was|were|have|has|had|will|would|can|could)\b|([\w-]+))",
    re.IGNORECASE,
)
# "how many hectares of mangroves": what is counted comes before "of".
_MEASURE_OF = re.compile(r"how\s+many\s+([\w-]+)\s+of\s+", re.IGNORECASE)
# "What does X stand for", "what is X short for", "the full name of X": X is asked about.
_STANDS_FOR = re.compile(
    r"\b(?:what|wat)\s+(?:does|do|did)\s+(?:the\s+)?(?:name\s+|acronym\s+)?"
    r"(?P<a>[\w.&-]+)\s+(?:stand|mean)s?\b"
    r"|\b(?:what|wat)\s+is\s+(?:the\s+)?(?P<b>[\w.&-]+)\s+short\s+for\b"
    r"|\bfull\s+(?:name|form)\s+of\s+(?:the\s+)?(?P<c>[\w.&-]+)",
    re.IGNORECASE,
)
# A post a person holds, as pages write it.
_POST = re.compile(
    r"\b(?:head|CEO|chief\s+executive|executive\s+director|director(?:[\s-]general)?|"
    r"president|chair(?:man|woman|person)?|co-chair|secretary[\s-]general|executive\s+secretary|"
    r"leader)s?\b",
    re.IGNORECASE,
)
# A run of capitalized words, initials among them ("Amina J. Mohammed"), and a person's title.
_CAPITALIZED_RUN = re.compile(r"\b[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?)*")
_TITLE = re.compile(r"^(?:Dr|Mr|Ms|Mrs|Prof|Professor|Sir|Dame)\.?\s+")
# How many words may stand between a post and the person who holds it.
_PERSON_REACH = 6


def holds_person_in_post(sentence: str) -> bool:
    """Whether a sentence names a post and, a few words from it, a person: a whole run of two
    or three capitalized words, perhaps after a title, that names no organisation or country
    ("Winnie Byanyima of Uganda has been Executive Director")."""
    posts = [found.span() for found in _POST.finditer(sentence)]
    if not posts:
        return False
    for run in _CAPITALIZED_RUN.finditer(sentence):
        name = _TITLE.sub("", run.group())
        if not _is_person(name):
            continue
        for start, end in posts:
            between = (
                sentence[run.end() : start] if run.end() <= start else sentence[end : run.start()]
            )
            if len(between.split()) <= _PERSON_REACH and not (
                start < run.end() and run.start() < end
            ):
                return True
    return False


def _is_person(name: str) -> bool:
    """Whether capitalized words may be a person's name: two or three, no organisation, no
    country, no word of an organisation or a post ("Executive Director")."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and words[0] not in _NOT_FIRST_NAMES
        and not mentions_organisation(name)
        and not is_country(name)
        and not any(
            is_organisation_word(re.sub(r"['’]s$", "", w)) or _POST.fullmatch(w) for w in words
        )
    )


# Capitalized words that open a sentence or a phrase, never a person's name.
_NOT_FIRST_NAMES = frozenset(
    "The A An In On At By For From With Its Our Their This That Since Until Under Each Every "
    "Executive Chief Deputy Assistant Under-Secretary".split()
)
# "What role does A play in X", "what is the role of A in X", "what does A do in X": A's part.
_PLAYER_ASKED = re.compile(
    r"\b(?:what|wat)\s+(?:role|part)\s+(?:does|do|did)\s+(?:the\s+)?(?P<a>[\w.&' -]+?)\s+"
    r"(?:play|have)\b"
    r"|\b(?:what|wat)(?:'s|\s+is)\s+(?:the\s+)?role\s+of\s+(?:the\s+)?(?P<b>[\w.&' -]+?)\s+"
    r"(?:in|at|for|within)\b"
    r"|\b(?:what|wat)\s+(?:does|do)\s+(?:the\s+)?(?P<c>[\w.&' -]+?)\s+do\s+(?:in|for|with|at)\b",
    re.IGNORECASE,
)
# How many words a sentence that says what its subject does has at least: not a list's item.
_MIN_DOING_WORDS = 6
# The words and punctuation of a sentence, for reading a long name off it.
_NAME_TOKENS = re.compile(r"[^\W\d_][\w'’-]*|[^\w\s]")
# What a long name holds besides the words that give its letters: "Office on Drugs and Crime".
_JOINING = frozenset("of on for and the to in at a an & , : – -".split())


# "What is X", "what's the X", "what is X for": X, up to a word that goes on about it.
# "What is A involved in" asks what A does, not what it is.
_GOES_ON = r"(?:in|of|for|on|at|with|by|from|based|used|about)\b"
_DEFINITION_ASKED = re.compile(
    r"^\s*(?:what|wat)(?:'s|’s|\s+is|\s+are)\s+(?:the\s+|a\s+|an\s+)?"
    rf"(?P<x>[\w.&'’-]+(?:\s+(?!{_GOES_ON}|involved\b)[\w.&'’-]+){{0,3}})\b"
    rf"(?:\s+{_GOES_ON}[^?]*)?\s*\??\s*$",
    re.IGNORECASE,
)


def asked_definition(question: str) -> str | None:
    """What a question asks to be told what it is, as it writes it: "containercomm" in "what
    is containercomm", "aim" in "what is aim in the malaria fight"; or None."""
    found = _DEFINITION_ASKED.match(question)
    return found.group("x") if found else None


# What follows a name in a sentence that says what it is: "X, a secure application", "X (…) is
# one of"; and what stands around it when a sentence spells it out: "Long Name (X)".
_DEFINED_AFTER = re.compile(
    r"(?![\w-])(?:\s*\([^)]*\))?"
    r"(?:\s*,\s+(?:short\s+for|an?|the)|\s+(?:is|was|are|were)\s+(?:an?|the|one\s+of))\b"
)


def defines(sentence: str, name: str) -> bool:
    """Whether a sentence says what a name is: spelled out before it in brackets ("Action and
    Investment to defeat Malaria (AIM)"), or followed by what it is ("ContainerCOMM, a secure
    application", "GotRavel is a software")."""
    # The name is looked for as text, not as a pattern of its own: each question asks of a
    # new name, and compiling its pattern cost more than the rest of its sentence check.
    folded, wanted = " ".join(sentence.split()).lower(), " ".join(name.split()).lower()
    if not wanted:
        return False
    start = folded.find(wanted)
    while start != -1:
        end = start + len(wanted)
        if folded[:start].rstrip().endswith("(") and folded[end:].lstrip().startswith(")"):
            return True
        before = folded[start - 1] if start else " "
        if not (before.isalnum() or before in "_-") and _DEFINED_AFTER.match(folded, end):
            return True
        start = folded.find(wanted, start + 1)
    return False


def asked_acronym(question: str) -> str | None:
    """The acronym a question asks the long name of, as it writes it, or None."""
    found = _STANDS_FOR.search(question)
    return next((g for g in found.groups() if g), None) if found else None


def asked_player(question: str) -> str | None:
    """The organisation a question asks the part of in something, as it writes it: "unicef"
    in "what role does unicef play in the vaccine alliance", "what does interpol do in enact";
    or None."""
    found = _PLAYER_ASKED.search(question)
    return next((g for g in found.groups() if g), None) if found else None


def spells(sentence: str, acronym: str) -> bool:
    """Whether a run of capitalized words of a sentence gives an acronym's letters by their
    initials, in order, small words and punctuation between them left out: "the Consultative
    Group on International Agricultural Research" spells CGIAR."""
    letters = [ch.casefold() for ch in acronym if ch.isalpha()]
    tokens = _NAME_TOKENS.findall(sentence)
    for start, token in enumerate(tokens):
        if not letters or not token[0].isupper() or token[0].casefold() != letters[0]:
            continue
        matched = 0
        for word in tokens[start:]:
            if matched == len(letters):
                break
            if word[0].isupper() and word[0].casefold() == letters[matched]:
                matched += 1
            elif word.casefold() not in _JOINING:
                break
        if matched == len(letters):
            return True
    return False


def _counted(question: str) -> str | None:
    """The noun that a "how many" question counts, if it asks how many: the head of its noun
    phrase, which comes before "of" ("how many hectares of mangroves were planted")."""
    found = _COUNTED.search(question)
    if found is None:
        return None
    measured = _MEASURE_OF.match(question, found.start())
    return measured.group(1) if measured else found.group(1) or found.group(2)


def asks_how_much_money(question: str) -> bool:
    """Whether a question asks how much money something is, costs or was given."""
    return _HOW_MUCH_MONEY.search(question) is not None


class AnswerSentences:
    """Reads the best passages of one index for a sentence that answers the question."""

    def __init__(
        self,
        index: Index,
        searcher: Searcher,
        publishers: dict[str, str],
        states_role: Callable[[Query, set[str], int], bool],
        unknown_word_weight: float,
    ) -> None:
        self.index = index
        self.searcher = searcher
        self._publishers = publishers  # document id → publisher, the engine's
        self._states_role = states_role  # whether a passage claims the part asked, the who-answers'
        self._unknown_word_weight = unknown_word_weight

    def first(
        self,
        query: Query,
        topic: tuple[str, ...],
        ranking: list[Ranked],
        coverage: dict[int, float],
    ) -> list[Ranked]:
        """The best passages with a sentence that says what the question asks for, before the
        others: for "when" or "how many", a sentence with both a year (a number) and a word of
        what it asks about besides its subject ("launched" in "when was X launched"); for "who
        is the head of X", a sentence that names a post and a person; for a question naming a
        part ("who hosts X"), a sentence about X with a cue of that part next to a name
        (``RoleAnswers.states_role``); for "where", a sentence that names a place; for "what
        does X stand for", a sentence that spells X out; for "what role does A play in X", a
        sentence that A opens; for "what is X", a sentence that says what X is. The
        questions for a person or a part look among the 10 best passages, the others among
        the 5 best. Only passages that explain as much of the question as the best one
        (``coverage``) move up: a sentence with a year on another programme's page answers
        nothing about this one."""
        asked = [t for t in question_types(query.text) if t in SENTENCE_TYPES]
        depth = _ANSWER_SENTENCE_DEPTH
        least: float | None = None  # the coverage a passage must reach to move up
        if asked:
            answers = partial(self._sentence_answers, query, asked)
            if ranking:
                bar = ranking[0].score * (1 - _TIED_SHARE)
                depth = max(depth, sum(r.score >= bar for r in ranking[:_TIED_DEPTH]))
        elif asks_for_a_person(query.text):
            answers = self._names_a_person_in_post
            depth = _ROLE_SENTENCE_DEPTH
        elif asks_for_countries(query.text) and said_role(query.text) is None:
            # "Which countries does X cover": a sentence that names them, which need not say
            # "countries" ("The beneficiary services are those of Comoros, Madagascar, …").
            answers = self._names_countries
            asked_word = tuple(
                self.searcher.terms_of(w for w in query.text.split() if asks_for_countries(w))
            )
            forgiving = replace(query, parts=tuple(dict.fromkeys((*query.parts, *asked_word))))
            positions = [r.position for r in ranking[:depth]]
            coverage = dict(
                zip(
                    positions,
                    self.searcher.coverages(forgiving, positions, self._unknown_word_weight),
                    strict=True,
                )
            )
            # The best that a passage explains once that word is forgiven is the bar.
            least = max(coverage.values(), default=0.0)
        elif asks_for_names(query.text):
            answers = partial(self._states_role, query, set(topic))
            depth = _ROLE_SENTENCE_DEPTH
        elif _WHERE.match(query.text):
            answers = self._names_a_place
        elif (acronym := asked_acronym(query.text)) is not None:
            answers = partial(self._spells, acronym)
        elif (player := asked_player(query.text)) is not None:
            answers = partial(self._says_what_it_does, player)
        elif (name := asked_definition(query.text)) is not None:
            answers = partial(self._defines, name)
        else:
            return ranking
        head = ranking[:depth]
        if least is None:
            least = coverage[ranking[0].position] if ranking else 0.0
        beginning = "#date" in asked and BEGINNING.search(query.text) is not None
        if beginning and not asks_for_names(query.text):
            # "When did X start" is answered by "X was set up in 2013": a passage that says the
            # beginning in other words explains as much of the question as one with its word.
            began = tuple(t for t in query.content if BEGINNING.fullmatch(t))
            forgiving = replace(query, parts=tuple(dict.fromkeys((*query.parts, *began))))
            positions = [r.position for r in head]
            unknown = self._unknown_word_weight
            coverage = dict(
                zip(positions, self.searcher.coverages(forgiving, positions, unknown), strict=True)
            )
            # "The project began work in 2017", on the page of the project described, says
            # what the page says of it: its page explains the question's other words.
            began_here = [p for p in positions if self.say_when_it_began(forgiving, [p])]
            paged = self.searcher.coverages(forgiving, began_here, unknown, 1.0)
            coverage.update(zip(began_here, paged, strict=True))
            # The ranking weighed the question's word of a beginning, which another page's
            # dated line may hold without the subject ("2001 – Y is formally created"): the
            # bar is the best that a passage explains once that word is forgiven.
            least = max(coverage.values(), default=0.0)
        first = [r for r in head if coverage[r.position] >= least and answers(r.position)]
        if first and beginning:
            # When something began is the earliest date its page gives: "SUN was launched in
            # 2010", not "2021: SUN 3.0 launched". Other pages' dates are of other things. The
            # sort is stable: a tie keeps the ranking's order.
            page = self.index.passages[first[0].position].doc_id
            same = [r for r in first if self.index.passages[r.position].doc_id == page]
            same.sort(key=lambda r: self._earliest_year(query, r.position))
            first = same + [r for r in first if r not in same]
        if first and "#number" in asked and _HOW_MUCH.search(query.text):
            # "How much": an amount of money ("EUR 11 million") before another number.
            first.sort(key=lambda r: not _AMOUNT.search(self.index.passages[r.position].text))
        counted = _counted(query.text) if "#number" in asked else None
        if counted:
            noun = self._counted_terms(counted)
            # "How many countries": a number that counts them ("65 SUN Countries") before one
            # that only stands near them ("753 local governments").
            # "one coach's creativity" speaks of a coach, and counts none: a count of more
            # than one comes first.
            first.sort(key=lambda r: self._count_rank(noun, self.index.passages[r.position]))
            if not first or self._count_rank(noun, self.index.passages[first[0].position]) > 0:
                found = self._page_count(query, noun, ranking, coverage)
                if found is not None:
                    first = [found, *(r for r in first if r.position != found.position)]
        shown = {r.position for r in first}
        return first + [r for r in ranking if r.position not in shown]

    def _page_count(
        self, query: Query, noun: set[str], ranking: list[Ranked], coverage: dict[int, float]
    ) -> Ranked | None:
        """Where none of the best passages counts what "how many" asks, the best page's
        passage that does ("Rehabilitation of 42 large and medium dams" need not name the
        project), if it explains as much of the question as the best passage ("Target: 1.2
        million children" counts no children reached in Borno in 2024)."""
        if not ranking:
            return None
        passages = self.index.passages
        page = passages.of_document(passages[ranking[0].position].doc_id)
        counting = [
            p for p in islice(page, _PAGE_COUNT_REACH) if self._count_rank(noun, passages[p]) == 0
        ]
        shares = self.searcher.coverages(query, counting, self._unknown_word_weight)
        best = max(zip(shares, counting, strict=True), default=None, key=lambda pair: pair[0])
        if best is None or best[0] < coverage[ranking[0].position]:
            return None
        return next((r for r in ranking if r.position == best[1]), Ranked(best[1], 0.0))

    def say_when_it_began(self, query: Query, positions: Sequence[int]) -> bool:
        """Whether a passage has a sentence with a year, a word of a beginning and a word of
        the question's subject."""
        subject = set(query.content) - set(query.parts)
        return any(
            SENTENCE_TYPES["#date"].search(sentence)
            and BEGINNING.search(sentence)
            and subject & self.searcher.terms_of([sentence])
            for position in positions
            for sentence in sentences(self.index.passages[position].text)
        )

    def say_a_former_name(self, positions: Sequence[int]) -> bool:
        """Whether a passage says that a name changed ("Formerly: X", "renamed GPE in 2011")."""
        renamed = SENTENCE_TYPES["#renamed"]
        return any(renamed.search(self.index.passages[p].text) for p in positions)

    def _counted_terms(self, noun: str) -> set[str]:
        """The terms of what "how many" counts, and of its synonyms: "6,480 houses" counts the
        homes asked about."""
        terms = self.searcher.terms_of([noun])
        return terms | {s for t in terms for s in SYNONYMS.get(t, ())}

    def _counts(self, noun: set[str], text: str) -> bool:
        """Whether a text has a number followed, within a few words, by a noun."""
        return self._count_rank_of(noun, text) < _NO_COUNT

    def _count_rank(self, noun: set[str], passage: Passage) -> int:
        """``_count_rank_of`` a passage's text; 0 also for a table's row with a number under
        a heading of what is counted ("Satkhira | 1,240" under "District | Hectares
        planted")."""
        headings = passage.column_headings
        if headings:
            cells = passage.text.split(" | ")
            heads = headings.split(" | ")
            if len(cells) == len(heads) and any(
                noun & self.searcher.terms_of([head]) and _NUMBER_CELL.fullmatch(cell)
                for head, cell in zip(heads, cells, strict=True)
            ):
                return 0
        return self._count_rank_of(noun, passage.text)

    def _count_rank_of(self, noun: set[str], text: str) -> int:
        """How well a text counts a noun: 0 with a number of more than one before it, or as
        the value of a label that names it; 1 with "one" only ("one coach's idea");
        ``_NO_COUNT`` with none."""
        rank = _NO_COUNT
        label = _COUNT_LABEL.match(text)
        if label and noun & self.searcher.terms_of([label.group(1)]):
            return 0
        for found in NUMBER_THEN.finditer(text):
            if noun & self.searcher.terms_of([found.group(1)]):
                if found.group().split()[0].casefold() != "one":
                    return 0
                rank = 1
        return rank

    def _spells(self, acronym: str, position: int) -> bool:
        """Whether a passage has a sentence that spells the acronym out (``spells``)."""
        return any(
            spells(sentence, acronym) for sentence in sentences(self.index.passages[position].text)
        )

    def _defines(self, name: str, position: int) -> bool:
        """Whether a passage has a sentence that says what the name is (``defines``)."""
        text = self.index.passages[position].text
        # Most passages do not write the name as asked: no sentence of theirs need be read.
        if name.split()[0].casefold() not in text.casefold():
            return False
        return any(defines(sentence, name) for sentence in sentences(text))

    def pages_give_an_amount(self, positions: Sequence[int]) -> bool:
        """Whether the page of one of some passages gives an amount of money ("EUR 11
        million", "6.000.000 €") in its first ``_PAGE_READ`` passages."""
        return any(self._gives_an_amount(p) for p in self._openings(positions))

    def _gives_an_amount(self, position: int) -> bool:
        """Whether a passage gives an amount of money: in its words, or as a number in a table
        whose column headings say the currency ("Pledged (USD million)" over "UK | 12.0")."""
        passage = self.index.passages[position]
        if _AMOUNT.search(passage.text):
            return True
        headings = passage.column_headings
        return (
            bool(headings)
            and bool(_CURRENCY.search(headings))
            and bool(_DIGIT.search(passage.text))
        )

    def give_a_year(self, positions: Sequence[int], years: Sequence[str]) -> bool:
        """Whether one of some passages that gives a number speaks of one of some years: in its
        words, headings or a table's column headings, or as a span of years that holds it
        ("2019–2023")."""
        wanted = {int(year) for year in years}
        for position in positions:
            passage = self.index.passages[position]
            text = (
                f"{passage.title} {passage.section} {passage.column_headings or ''} {passage.text}"
            )
            # A passage that counts: a number besides its years ("Since 2022 Ghana has paid
            # for the internet" counts nothing of 2022).
            if not _DIGIT.search(_YEAR.sub(" ", passage.text)):
                continue
            if any(int(year) in wanted for year in _YEAR.findall(text)):
                return True
            for start, end in _YEAR_SPAN.findall(text):
                if any(int(start) <= year <= int(end) for year in wanted):
                    return True
        return False

    def pages_name_a_later_year(self, positions: Sequence[int], year: int) -> bool:
        """Whether some passages, or the openings of their pages, name a year after ``year``:
        a plan, a phase or a date that says what comes after it."""
        for position in dict.fromkeys((*positions, *self._openings(positions))):
            passage = self.index.passages[position]
            text = f"{passage.title} {passage.section} {passage.text}"
            if any(int(found) > year for found in _YEAR.findall(text)):
                return True
        return False

    def pages_name_part(self, positions: Sequence[int], part: tuple[str, int]) -> bool:
        """Whether the page of one of some passages names a numbered part ("Phase 3", "the
        third phase", "Phase III") in its first ``_PAGE_READ`` passages, their headings
        included."""
        for position in self._openings(positions):
            passage = self.index.passages[position]
            if part in numbered_parts(f"{passage.section}\n{passage.text}"):
                return True
        return False

    def pages_say_role(self, positions: Sequence[int], role: Role, of: str | None = None) -> bool:
        """Whether the page of one of some passages says a word of a role (``says_role``) in
        its first ``_PAGE_READ`` passages; with ``of``, a body a post is of ("board"), in a
        passage that names that body too: "Council chair: Mozambique" says who chairs the
        council, not the technical committee."""
        body = re.compile(rf"\b{re.escape(of)}", re.IGNORECASE) if of else None
        return any(
            says_role(text := self.index.passages[p].text, role)
            and (body is None or body.search(text) is not None)
            for p in self._openings(positions)
        )

    def pages_name_a_person(self, positions: Sequence[int]) -> bool:
        """Whether the page of one of some passages has a sentence that names a post and a
        person (``_names_a_person_in_post``), in its first ``_PAGE_READ`` passages: "Chief
        Executive Officer: Dr …" may stand anywhere on the page, far from the words of the
        question."""
        return any(map(self._names_a_person_in_post, self._openings(positions)))

    def _openings(self, positions: Sequence[int]) -> Iterator[int]:
        """The first ``_PAGE_READ`` passages of the pages of some passages, each page once."""
        for page in dict.fromkeys(self.index.passages[p].doc_id for p in positions):
            for position in self.index.passages.of_document(page)[:_PAGE_READ]:
                yield int(position)

    def _names_a_person_in_post(self, position: int) -> bool:
        """Whether a passage has a sentence that names a post ("Executive Director", "Chief
        Executive Officer") and a person: two or three capitalized words that name no
        organisation or country ("Winnie Byanyima")."""
        return any(
            holds_person_in_post(sentence)
            for sentence in sentences(self.index.passages[position].text)
        )

    def _says_what_it_does(self, player: str, position: int) -> bool:
        """Whether a passage has a sentence of some length that opens with the organisation
        asked about, its subject: "UNICEF buys and ships: …", not a list that names it."""
        named = self.searcher.terms_of([player])
        reach = len(player.split()) + 1
        for sentence in sentences(self.index.passages[position].text):
            words = sentence.split()
            if words and words[0].casefold() == "the":
                words = words[1:]
            if len(words) >= _MIN_DOING_WORDS and named & self.searcher.terms_of(
                [" ".join(words[:reach])]
            ):
                return True
        return False

    def _names_countries(self, position: int) -> bool:
        """Whether a passage has a sentence that names two countries or more."""
        return any(
            sum(is_country(run) for run in _CAPITALIZED_WORDS.findall(sentence)) >= 2
            for sentence in sentences(self.index.passages[position].text)
        )

    def _names_a_place(self, position: int) -> bool:
        """Whether a passage says where something is: a country, or a capitalized name after
        "in" or "at", in a sentence with a word of being somewhere ("based", "hosted")."""
        return any(
            _LOCATED.search(sentence)
            and (
                _IN_PLACE.search(sentence)
                or any(is_country(run) for run in _CAPITALIZED_WORDS.findall(sentence))
            )
            for sentence in sentences(self.index.passages[position].text)
        )

    def _earliest_year(self, query: Query, position: int) -> int:
        """The earliest year in the sentences of a passage that answer "when"."""
        years = [
            int(year)
            for sentence in self._answering(query, ["#date"], position)
            for year in SENTENCE_TYPES["#date"].findall(sentence)
        ]
        return min(years, default=_NO_YEAR)

    def _sentence_answers(self, query: Query, asked: list[str], position: int) -> bool:
        """Whether one sentence of a passage answers the question (``_answering``)."""
        return next(self._answering(query, asked, position), None) is not None

    def _answering(self, query: Query, asked: list[str], position: int) -> Iterator[str]:
        """The sentences of a passage that hold every answer type asked for and a word of the
        question that is not its subject (the passage's title, heading or publisher), read
        as they are needed."""
        passage = self.index.passages[position]
        publisher = self._publishers.get(passage.doc_id, "")
        subject = self.searcher.terms_of([passage.title, passage.section, publisher])
        predicate = {t for t in query.content if t not in subject}
        predicate |= {s for t in predicate for s in SYNONYMS.get(t, ())}
        # "When was X created" is answered by "X was established in 2011": any word of a
        # beginning says what a question about a beginning asks.
        beginning = "#date" in asked and bool(BEGINNING.search(query.text))
        # "How much did X cost" is answered by "the total budget was EUR 11 million".
        money = "#number" in asked and bool(_HOW_MUCH.search(query.text))
        # "How many volcanoes does the Volcano Watch cover" is answered by "on 11 volcanoes",
        # though the page's title holds every word of it.
        counted = _counted(query.text) if "#number" in asked else None
        noun = self._counted_terms(counted) if counted else set()
        return (
            sentence
            for sentence in sentences(passage.text)
            if all(SENTENCE_TYPES[marker].search(sentence) for marker in asked)
            and (
                bool(predicate & self.searcher.terms_of([sentence]))
                or (beginning and bool(BEGINNING.search(sentence)))
                or (money and bool(_AMOUNT.search(sentence)))
                or (bool(noun) and self._counts(noun, sentence))
            )
        )
